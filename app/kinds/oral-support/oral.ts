import { plural } from '~/domain/format'
import type { OralPart, OralQuestion, OralVisual } from './schema'
import type { OralPicture } from '../types.browser'
import { ORAL_LABELS } from './labels'

/** Pure helpers shared by the definition, the editor and the writers. */

/** A part about the self-assessment of the competencies (the grand oral asks for one). */
export const SELF_ASSESSMENT = /auto[-\s]?(é|e)valuation|auto[-\s]?positionnement/i
export const isSelfAssessmentPart = (p: Pick<OralPart, 'title' | 'message'>) => SELF_ASSESSMENT.test(p.title) || SELF_ASSESSMENT.test(p.message)

export const emptyPart = (id: string): OralPart => ({ id, title: '', message: '', minutes: null, speakers: [], notes: '', visuals: [] })
export const emptyQuestion = (id: string): OralQuestion => ({ id, question: '', answer: '', criteria: [] })

export const isBlankPart = (p: OralPart) =>
  !p.title.trim() && !p.message.trim() && !p.notes.trim() && p.minutes === null && !p.speakers.length && !p.visuals.length
export const isBlankQuestion = (q: OralQuestion) => !q.question.trim() && !q.answer.trim() && !q.criteria.length

/** The part as a hint names it: Partie 2 « Le diagnostic », or Partie 2 without a title. */
export const partName = (p: OralPart, i: number) => (p.title.trim() ? `${ORAL_LABELS.part(i)} «\u00a0${p.title.trim()}\u00a0»` : ORAL_LABELS.part(i))

/** The speakers' names (an id no longer in the group reads « ancien membre »). */
export const speakersText = (ids: readonly string[], names: ReadonlyMap<string, string>, separator = ', ') =>
  // Where the group is not known (a juror's copy), how many speak.
  !names.size && ids.length
    ? plural(ids.length, 'membre du groupe', 'membres du groupe')
    : ids.map((id) => names.get(id) ?? ORAL_LABELS.deletedMember).join(separator)

/** A visual in words: « Image : Le logo », « Section « Personae » ». */
/** A section offered as a visual, as the learner picks it: « Dossier — Section » when it is another dossier's. */
export const pictureLabel = (p: OralPicture) => (p.where ? `${p.where} — ${p.title}` : p.title)

export const visualText = (v: OralVisual) => (v.kind === 'image' ? `${ORAL_LABELS.image}\u00a0: ${v.alt}` : ORAL_LABELS.sectionVisual(v.label))
