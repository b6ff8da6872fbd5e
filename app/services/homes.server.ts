import { and, asc, count, eq, inArray } from 'drizzle-orm'
import { dossierSubject, draftStepText, lastEditText, nextStep } from '~/domain/home-card'
import { competencyRange } from '~/domain/referentiel'
import { progressOf } from '~/domain/self-assessment'
import { entryOf, isEmpty } from '~/kinds/registry'
import { learnerDossiers } from './dossiers.server'
import { learnerStatuses } from './self-assessment.server'
import { handInSummaries } from './submissions.server'
import { mainTemplateOf, rexTemplateOf, templatesById } from './templates.server'
import { getDb, schema } from './db.server'
import { referentiel, referentielIndex } from './referentiel.server'

const { users, examSessions, enrollments, groups, groupMembers, tutorAssignments, jurorAssignments, dossierSections } = schema

/**
 * How far each dossier's writing has got: its sections in the template's
 * order, empty or not (as the field's kind judges it), and its last edit.
 * One query for all the dossiers.
 */
async function writingOf(dossiers: readonly { id: string; templateId: string }[]) {
  const rows = dossiers.length
    ? await getDb()
        .select({
          dossierId: dossierSections.dossierId,
          sectionId: dossierSections.sectionId,
          content: dossierSections.content,
          updatedAt: dossierSections.updatedAt,
        })
        .from(dossierSections)
        .where(
          inArray(
            dossierSections.dossierId,
            dossiers.map((d) => d.id),
          ),
        )
    : []
  const byDossier = new Map<string, Map<string, (typeof rows)[number]>>()
  for (const row of rows) {
    const sections = byDossier.get(row.dossierId) ?? new Map<string, (typeof rows)[number]>()
    sections.set(row.sectionId, row)
    byDossier.set(row.dossierId, sections)
  }
  return new Map(
    dossiers.map((d) => {
      const written = byDossier.get(d.id) ?? new Map<string, (typeof rows)[number]>()
      const sections = (templatesById.get(d.templateId)?.sections ?? []).map((s) => {
        const row = written.get(s.id)
        return { title: s.title, empty: !row || isEmpty(entryOf(s.field, row.content)) }
      })
      const editedAt = Math.max(...[...written.values()].map((r) => r.updatedAt.getTime()))
      return [d.id, { sections, editedAt: Number.isFinite(editedAt) ? editedAt : null }]
    }),
  )
}

/**
 * A learner's exam sessions, each with its épreuves grouped by type: their
 * dossiers (subject, last edit, next step), groups and self-assessment.
 */
export async function learnerHome(learnerId: string) {
  const db = getDb()
  const sessions = await db
    .select({ id: examSessions.id, name: examSessions.name, startsOn: examSessions.startsOn, endsOn: examSessions.endsOn })
    .from(enrollments)
    .innerJoin(examSessions, eq(examSessions.id, enrollments.examSessionId))
    .where(eq(enrollments.learnerId, learnerId))
    .orderBy(asc(examSessions.startsOn))

  // Independent reads, outside any transaction: the sessions are read concurrently.
  const homes = sessions.map(async (session) => {
    // Only the groups this learner belongs to, in this session.
    const myGroups = await db
      .select({ id: groups.id, name: groups.name, evaluationId: groups.evaluationId })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(and(eq(groupMembers.learnerId, learnerId), eq(groups.examSessionId, session.id)))
    const members = myGroups.length
      ? await db
          .select({ groupId: groupMembers.groupId, name: users.name, id: users.id })
          .from(groupMembers)
          .innerJoin(users, eq(users.id, groupMembers.learnerId))
          .where(
            inArray(
              groupMembers.groupId,
              myGroups.map((g) => g.id),
            ),
          )
          .orderBy(asc(users.name))
      : []
    const tutors = (
      await db
        .select({ name: users.name })
        .from(tutorAssignments)
        .innerJoin(users, eq(users.id, tutorAssignments.tutorId))
        .where(and(eq(tutorAssignments.learnerId, learnerId), eq(tutorAssignments.examSessionId, session.id)))
    ).map((t) => t.name)

    const dossiers = await learnerDossiers(learnerId, session.id)
    const statuses = new Map((await learnerStatuses(learnerId, session.id)).map((r) => [r.criterionId, r.status]))
    // Where each dossier stands for hand-in (brouillon, déposé…), in a fixed number of queries.
    const now = new Date()
    const handIns = await handInSummaries(dossiers, now)
    const handInOf = (id: string | null) => {
      const s = id ? handIns.get(id) : undefined
      // The deadline, while it is ahead.
      return s
        ? { state: s.state, dueAt: s.window && s.window.dueAt >= now.getTime() ? s.window.dueAt : null, submittedAt: s.latest?.submittedAt ?? null }
        : null
    }
    const mainDossiers = dossiers.filter((d) => d.templateId === mainTemplateOf(d.evaluationId)?.id)
    const writing = await writingOf(mainDossiers)
    const evaluations = referentiel.evaluations.map((e) => {
      const group = myGroups.find((g) => g.evaluationId === e.id)
      const criteria = e.competencyIds.flatMap((cid) => referentielIndex.competencies.get(cid)?.criteria.map((k) => k.id) ?? [])
      const main = mainDossiers.find((d) => d.evaluationId === e.id)
      const dossierId = main?.id ?? null
      const rexDossierId = dossiers.find((d) => d.evaluationId === e.id && d.templateId === rexTemplateOf(e.id)?.id)?.id ?? null
      const handIn = handInOf(dossierId)
      const work = main ? writing.get(main.id) : undefined
      const step = main && work ? nextStep(work.sections, handIn) : null
      const template = main ? templatesById.get(main.templateId) : undefined
      return {
        id: e.id,
        title: e.title,
        range: competencyRange(e),
        mode: e.mode,
        parts: e.parts,
        subject: template ? dossierSubject(template.title, e.title) : null,
        dossierId,
        rexDossierId,
        edited: work ? lastEditText(work.editedAt, now.getTime()) : null,
        /** A draft's next step in words, or the hand-in state and its date. */
        next: step === null ? null : step.kind === 'draft' ? { state: null, text: draftStepText(step) } : { state: step.state, text: step.text },
        rexState: handInOf(rexDossierId)?.state ?? null,
        progress: progressOf(criteria, statuses),
        competencyIds: e.competencyIds,
        group: group
          ? {
              name: group.name,
              partners: members.filter((m) => m.groupId === group.id && m.id !== learnerId).map((m) => m.name),
            }
          : null,
        type: e.type,
      }
    })
    // Grouped by épreuve type, in the order the référentiel lists the types.
    const types = referentiel.epreuveTypes
      .map((t) => ({ id: t.id, label: t.label, evaluations: evaluations.filter((e) => e.type === t.id) }))
      .filter((t) => t.evaluations.length > 0)
    return { ...session, tutors, evaluationCount: evaluations.length, types }
  })
  return await Promise.all(homes)
}

/** Every exam session with its counts, for admins. */
export async function adminHome() {
  const db = getDb()
  const countBy = async (table: typeof enrollments | typeof groups | typeof tutorAssignments | typeof jurorAssignments) =>
    new Map((await db.select({ sessionId: table.examSessionId, n: count() }).from(table).groupBy(table.examSessionId)).map((r) => [r.sessionId, r.n]))
  const learners = await countBy(enrollments)
  const groupCounts = await countBy(groups)
  const tutorCounts = await countBy(tutorAssignments)
  const jurorCounts = await countBy(jurorAssignments)
  return (await db.select().from(examSessions).orderBy(asc(examSessions.startsOn))).map((s) => ({
    id: s.id,
    name: s.name,
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    archived: s.archivedAt !== null,
    learners: learners.get(s.id) ?? 0,
    groups: groupCounts.get(s.id) ?? 0,
    tutorAssignments: tutorCounts.get(s.id) ?? 0,
    jurorAssignments: jurorCounts.get(s.id) ?? 0,
  }))
}
