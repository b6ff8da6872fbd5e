import { eq } from 'drizzle-orm'
import type { Section } from '#templates/template.schema'
import type { FieldValue } from '~/kinds/values'
import { RAPPORT_TYPE } from '~/domain/referentiel'
import type { DossierRelation } from '~/domain/permissions'
import { STATUS_LABELS, type Status } from '~/domain/self-assessment'
import type { SessionUser } from '../auth.server'
import { threadsOfDossier } from '../comments.server'
import { getDb, schema } from '../db.server'
import { loadDossier } from '../dossier-content.server'
import { learnerDossiers, templateOfDossier, type Dossier } from '../dossiers.server'
import { referentielIndex } from '../referentiel.server'
import { findUpload, readUpload } from '../uploads.server'
import { toExportThread, type ExportThread } from './docx-comments.server'

/**
 * What an export needs of a dossier, read once: generic over templates, so
 * a new template exports with no new export code.
 */
export type ExportSection = { section: Section; value: FieldValue }
export type ExportCriterion = { id: string; text: string; status: Status; statusLabel: string; justification: string }
export type DossierExport = {
  dossierId: string
  title: string
  evaluationId: string
  evaluationTitle: string
  /** The learner who exports (the candidate named on the cover). */
  candidate: string
  /** For a group dossier, every member. */
  members: string[]
  /** The group's members by learner id (an oral's speakers); absent outside a group. */
  speakerNames?: Map<string, string>
  sessionName: string
  competencies: { id: string; text: string }[]
  generatedAt: Date
  sections: ExportSection[]
  /** The learner's self-assessment of the criteria the dossier serves, by competency. */
  selfAssessment: { competencyId: string; heading: string; criteria: ExportCriterion[] }[]
  /** SMART objectives a KPI may link to: id → label. */
  objectives: Map<string, string>
  /** The dossier's uploaded images the content shows (`/fichiers/<id>` → bytes), read here so exports need no database. */
  images: Map<string, { data: Uint8Array; mime: string }>
  /** The dossier's comment threads, in an export with comments only (as `threadsOfDossier` gives them to the exporting user). */
  comments?: ExportThread[]
  /** An export of a hand-in (a frozen snapshot): its SHA-256 fingerprint, printed on the cover and in the page header. */
  fingerprint?: string
  /** When that hand-in was made, and whether it was late. */
  submittedAt?: Date
  late?: boolean
}

/** The uploaded images a dossier's content refers to, if they belong to that dossier. */
async function imagesOf(dossierId: string, values: FieldValue[]): Promise<DossierExport['images']> {
  const images: DossierExport['images'] = new Map()
  const srcs = new Set(values.flatMap((v) => JSON.stringify(v).match(/\/fichiers\/[0-9a-f-]{36}/g) ?? []))
  for (const src of srcs) {
    const id = src.slice('/fichiers/'.length)
    const upload = await findUpload(id)
    const data = upload?.dossierId === dossierId ? readUpload(id) : null
    if (upload && data) images.set(src, { data: new Uint8Array(data), mime: upload.mime })
  }
  return images
}

/** Who asks for the comments of an export (already allowed to read them): the viewer and their relations to the dossier. */
export type CommentsReader = { viewer: SessionUser; relations: readonly DossierRelation[] }

/**
 * The export model of a dossier, from the same loader as the dossier page.
 * `learnerId`: the learner named on the cover, whose self-assessment is
 * annexed (null: a group dossier exported from outside the group, which names its members).
 * `options.comments`: include the dossier's comment threads, read as that user reads them.
 */
export async function dossierExport(
  dossier: Dossier,
  learnerId: string | null,
  generatedAt = new Date(),
  options: { comments?: CommentsReader } = {},
): Promise<DossierExport> {
  const db = getDb()
  const { template, evaluation, sections, competencies, members, memberList, objectives } = await loadDossier(dossier, learnerId)
  const learner = learnerId ? (await db.select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.id, learnerId)))[0] : undefined
  const [session] = await db.select({ name: schema.examSessions.name }).from(schema.examSessions).where(eq(schema.examSessions.id, dossier.examSessionId))
  const values = sections.map((s) => ({ section: s.section, value: s.state.content }))
  return {
    dossierId: dossier.id,
    title: template.title,
    evaluationId: evaluation.id,
    evaluationTitle: evaluation.title,
    candidate: learner?.name ?? members.join(', '),
    members,
    speakerNames: new Map(memberList.map((m) => [m.id, m.name])),
    sessionName: session?.name ?? '',
    competencies: evaluation.competencyIds.map((id) => ({ id, text: referentielIndex.competencies.get(id)!.text })),
    generatedAt,
    sections: values,
    selfAssessment: competencies.map((c) => ({
      competencyId: c.id,
      heading: c.heading,
      criteria: c.criteria.map((k) => ({ id: k.id, text: k.text, status: k.status, statusLabel: STATUS_LABELS[k.status], justification: k.justification })),
    })),
    objectives: new Map(objectives.map((o) => [o.id, o.label])),
    images: await imagesOf(
      dossier.id,
      values.map((s) => s.value),
    ),
    ...(options.comments ? { comments: (await threadsOfDossier(dossier.id, options.comments.viewer, options.comments.relations)).map(toExportThread) } : {}),
  }
}

/**
 * The dossiers of a learner's rapport de compétences (the fiches and the parts
 * of the projet de communication), in référentiel order.
 */
export async function rapportDossiers(learnerId: string, examSessionId: string): Promise<Dossier[]> {
  const order = [...referentielIndex.evaluations.values()].filter((e) => e.type === RAPPORT_TYPE).map((e) => e.id)
  return (await learnerDossiers(learnerId, examSessionId))
    .filter((d) => order.includes(d.evaluationId) && templateOfDossier(d).kind === 'main')
    .sort((a, b) => order.indexOf(a.evaluationId) - order.indexOf(b.evaluationId))
}
