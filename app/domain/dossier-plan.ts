import type { Evaluation } from '#templates/referentiel.schema'

/**
 * Which dossiers a cohort is due, from the référentiel alone. Pure.
 *
 * Every evaluation has one main template whose id is the evaluation's id, and
 * an épreuve with a REX part has one individual REX template `<id>-rex`
 * (templates/dossiers.test.ts and dossier-provisioning.server.test.ts check
 * the templates agree), so provisioning needs no template files.
 */
export const mainTemplateId = (evaluationId: string) => evaluationId
export const rexTemplateId = (evaluationId: string) => `${evaluationId}-rex`

export type DueDossier = { examSessionId: string; evaluationId: string; templateId: string; learnerId: string | null; groupId: string | null }
export type Enrolment = { examSessionId: string; learnerId: string }
export type Membership = { groupId: string; examSessionId: string; evaluationId: string; learnerId: string }

/**
 * One dossier per enrolled learner and individual épreuve; for a group
 * épreuve, the group's shared dossier and each member's REX, once the learner
 * is in a group (group work starts with the group). Members who are not
 * enrolled in the group's session get nothing. `individual: false` leaves out
 * the individual épreuves (for learners just added to a group).
 */
/** A dossier's identity as its unique indexes see it. */
export const dossierKey = (d: Pick<DueDossier, 'examSessionId' | 'templateId' | 'learnerId' | 'groupId'>) =>
  d.groupId ? `g|${d.templateId}|${d.groupId}` : `l|${d.examSessionId}|${d.templateId}|${d.learnerId}`

export function dossiersDue(
  evaluations: readonly Pick<Evaluation, 'id' | 'mode' | 'parts'>[],
  enrolments: readonly Enrolment[],
  memberships: readonly Membership[],
  options: { individual: boolean } = { individual: true },
): DueDossier[] {
  const due: DueDossier[] = []
  const individual = options.individual ? evaluations.filter((e) => e.mode === 'individual') : []
  const byId = new Map(evaluations.map((e) => [e.id, e]))
  const enrolled = new Set(enrolments.map((e) => `${e.examSessionId}|${e.learnerId}`))
  for (const { examSessionId, learnerId } of enrolments) {
    for (const e of individual) due.push({ examSessionId, evaluationId: e.id, templateId: mainTemplateId(e.id), learnerId, groupId: null })
  }
  const groupsDone = new Set<string>()
  for (const m of memberships) {
    const evaluation = byId.get(m.evaluationId)
    if (!evaluation || evaluation.mode !== 'group' || !enrolled.has(`${m.examSessionId}|${m.learnerId}`)) continue
    if (!groupsDone.has(m.groupId)) {
      groupsDone.add(m.groupId)
      due.push({
        examSessionId: m.examSessionId,
        evaluationId: m.evaluationId,
        templateId: mainTemplateId(m.evaluationId),
        learnerId: null,
        groupId: m.groupId,
      })
    }
    if (evaluation.parts.rex) {
      due.push({
        examSessionId: m.examSessionId,
        evaluationId: m.evaluationId,
        templateId: rexTemplateId(m.evaluationId),
        learnerId: m.learnerId,
        groupId: null,
      })
    }
  }
  return due
}
