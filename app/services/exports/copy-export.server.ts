import { withoutAttachmentNames } from '~/domain/attachments'
import { copyLabel, groupMembersOf, latestSnapshots, type AssignmentAccess } from '../jury-access.server'
import { referentielIndex } from '../referentiel.server'
import { loadSnapshot } from '../submissions.server'
import type { DossierExport } from './model.server'
import { renderExport } from './pool.server'
import { fileResponse } from './response.server'
import { snapshotExport } from './snapshot-export.server'

export const NOTHING_HANDED_IN = 'Rien n’a encore été déposé pour cette copie.'

/**
 * A juror's copy as Word: the latest hand-in of each dossier of the
 * assignment (a group's dossier and its members' REX as chapters), frozen
 * snapshots only, each with its fingerprint. An anonymous copy names the
 * candidate code only — cover, header, file name (« <épreuve> — <code>.docx »)
 * — and no export of a hand-in has the self-assessment appendix.
 */
export async function copyDownload(access: AssignmentAccess): Promise<Response> {
  const { assignment } = access
  const handIns = await latestSnapshots(assignment)
  if (handIns.length === 0) throw new Response(NOTHING_HANDED_IN, { status: 404 })
  const label = await copyLabel(access)
  const members = access.anonymous ? [] : await groupMembersOf(assignment.groupId)
  const nameOf = new Map(members.map((m) => [m.id, m.name]))
  const models: DossierExport[] = []
  for (const { submission, dossier } of handIns) {
    const loaded = (await loadSnapshot(submission.id))!
    // An anonymous copy's files go by « piece-jointe-1.pdf »: a file name may name its author.
    const snapshot = access.anonymous ? { ...loaded, sections: loaded.sections.map((s) => ({ ...s, value: withoutAttachmentNames(s.value) })) } : loaded
    // A member's REX (group épreuves are never anonymous): a chapter named after its author.
    if (dossier.learnerId && assignment.groupId) {
      const author = nameOf.get(dossier.learnerId) ?? ''
      const model = await snapshotExport(snapshot, { candidate: author, members: [] })
      models.push({ ...model, title: `${model.title} — ${author}` })
      continue
    }
    models.push(await snapshotExport(snapshot, { candidate: label, members: members.map((m) => m.name) }))
  }
  const evaluation = referentielIndex.evaluations.get(assignment.evaluationId)
  const evaluationTitle = evaluation?.title ?? models[0]!.evaluationTitle
  const buffer = await renderExport({ format: 'docx', models, title: models[0]!.title, subtitle: evaluationTitle })
  return fileResponse(buffer, `${evaluationTitle} — ${label}`.replaceAll('/', '-'), 'docx')
}
