import { todayInFrance } from '~/domain/calendar'
import { emptyValue, entryOf } from '~/kinds/registry'
import { picturesOf } from '~/kinds/registry.server'
import { sectionStates, type SectionState } from './dossier-sections.server'
import { learnerDossiers, templateOfDossier, type Dossier } from './dossiers.server'
import type { ChartImage } from './exports/charts.server'

/**
 * The dossiers whose sections an oral of `dossier` may show: for an
 * individual dossier, every dossier of its learner in the session (their
 * group dossiers included); for a group dossier, itself only (a member's own
 * work is never shown to the others). The dossier itself first.
 */
export async function pictureDossiers(dossier: Dossier): Promise<Dossier[]> {
  if (!dossier.learnerId) return [dossier]
  return [dossier, ...(await learnerDossiers(dossier.learnerId, dossier.examSessionId)).filter((d) => d.id !== dossier.id)]
}

/** A visual of an oral: a section of its own dossier, or of another dossier of the learner's. */
export type ShownSection = { sectionId: string; dossierId?: string | undefined }

/**
 * The pictures a visual of an oral of `dossier` shows: those of a section of
 * the same dossier, or of one of the learner's other dossiers in the session
 * ([] for any other dossier, an unknown section or a kind without pictures).
 * `states` are the oral dossier's own, when already read.
 */
export async function shownPictures(
  dossier: Dossier,
  visual: ShownSection,
  states?: Record<string, SectionState>,
  today = todayInFrance(),
): Promise<ChartImage[]> {
  if (!visual.dossierId || visual.dossierId === dossier.id) return await sectionPictures(dossier, visual.sectionId, states, today)
  const source = (await pictureDossiers(dossier)).find((d) => d.id === visual.dossierId)
  return source ? await sectionPictures(source, visual.sectionId, undefined, today) : []
}

/**
 * The pictures of one section of a dossier (its charts, a persona card, a
 * table), drawn from its current value as the Word export draws them: what
 * an oral shows of it on a slide or in a rehearsal. [] for an unknown section
 * or a kind without pictures.
 */
export async function sectionPictures(
  dossier: Dossier,
  sectionId: string,
  states?: Record<string, SectionState>,
  today = todayInFrance(),
): Promise<ChartImage[]> {
  states ??= await sectionStates(dossier.id)
  const section = templateOfDossier(dossier).sections.find((s) => s.id === sectionId)
  if (!section) return []
  return picturesOf(entryOf(section.field, states[section.id]?.content ?? emptyValue(section.field)), today)
}
