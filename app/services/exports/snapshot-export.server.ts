import { eq } from 'drizzle-orm'
import { formatShortDate } from '~/domain/format'
import { entryOf } from '~/kinds/registry'
import { getDb, schema } from '../db.server'
import { groupMemberNames, type Dossier } from '../dossiers.server'
import { referentielIndex } from '../referentiel.server'
import { loadSnapshot, snapshotFile, submissionOfDossier, type Snapshot } from '../submissions.server'
import type { DossierExport } from './model.server'
import { renderExport } from './pool.server'
import { fileResponse } from './response.server'

/**
 * The export model of a hand-in: the frozen snapshot, never the live draft.
 * It reads no person's name, e-mail or file name: who is named on the cover
 * is the caller's choice (`candidate`: the learner's or group's names for the
 * learners of the dossier, the candidate code for an anonymous juror;
 * `members`: a group's members, none for an anonymous copy). Images come from
 * the snapshot's own copies; the self-assessment is not part of a hand-in, so
 * the export has no appendix; a KPI's SMART objectives are those the snapshot holds.
 */
export async function snapshotExport(snapshot: Snapshot, who: { candidate: string; members: string[] }, generatedAt = new Date()): Promise<DossierExport> {
  const { submission, template } = snapshot
  const evaluation = referentielIndex.evaluations.get(template.evaluationId)
  const [session] = await getDb()
    .select({ name: schema.examSessions.name })
    .from(schema.submissions)
    .innerJoin(schema.evaluationInstances, eq(schema.evaluationInstances.id, schema.submissions.instanceId))
    .innerJoin(schema.examSessions, eq(schema.examSessions.id, schema.evaluationInstances.examSessionId))
    .where(eq(schema.submissions.id, submission.id))

  const objectives = new Map<string, string>()
  for (const { section, value } of snapshot.sections) {
    const entry = entryOf(section.field, value)
    if (entry.kind === 'smart') for (const o of entry.value.objectives) if (o.label.trim()) objectives.set(o.id, o.label.trim())
  }

  const images: DossierExport['images'] = new Map()
  for (const f of snapshot.files) {
    const file = await snapshotFile(submission.id, f.uploadId)
    if (file) images.set(`/fichiers/${f.uploadId}`, { data: file.bytes, mime: file.mime })
  }

  return {
    dossierId: submission.dossierId,
    title: template.title,
    evaluationId: template.evaluationId,
    evaluationTitle: evaluation?.title ?? '',
    candidate: who.candidate,
    members: who.members,
    sessionName: session?.name ?? '',
    competencies: (evaluation?.competencyIds ?? []).map((id) => ({ id, text: referentielIndex.competencies.get(id)?.text ?? '' })),
    generatedAt,
    sections: snapshot.sections,
    selfAssessment: [],
    objectives,
    images,
    fingerprint: submission.fingerprint,
    submittedAt: submission.submittedAt,
    late: submission.timing === 'late',
  }
}

/**
 * A hand-in of `dossier` as Word, for its learners (the route asks
 * requireDossierAccess for `update`): the cover names the learner, or the
 * group's members. 404 when the hand-in is not one of this dossier's.
 */
export async function snapshotDownload(dossier: Dossier, submissionId: string): Promise<Response> {
  const submission = await submissionOfDossier(dossier.id, submissionId)
  const snapshot = submission ? await loadSnapshot(submission.id) : null
  if (!snapshot) throw new Response('Ce dépôt n’existe pas dans ce dossier.', { status: 404 })
  const members = await groupMemberNames(dossier.groupId)
  const learner = dossier.learnerId
    ? (await getDb().select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.id, dossier.learnerId)))[0]?.name
    : undefined
  const model = await snapshotExport(snapshot, { candidate: learner ?? members.join(', '), members })
  const title = `${snapshot.template.title} — dépôt du ${formatShortDate(snapshot.submission.submittedAt)}`
  const buffer = await renderExport({ format: 'docx', models: [model], title: snapshot.template.title, subtitle: model.evaluationTitle })
  return fileResponse(buffer, title.replaceAll('/', '-'), 'docx')
}
