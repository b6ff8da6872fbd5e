import { and, asc, count, eq, inArray } from 'drizzle-orm'
import { competencyRange } from '~/domain/referentiel'
import { progressOf } from '~/domain/self-assessment'
import { learnerDossiers } from './dossiers.server'
import { learnerStatuses } from './self-assessment.server'
import { mainTemplateOf, rexTemplateOf } from './templates.server'
import { getDb, schema } from './db.server'
import { referentiel, referentielIndex } from './referentiel.server'

const { users, examSessions, enrollments, groups, groupMembers, tutorAssignments, jurorAssignments } = schema

/** A learner's exam sessions, each with the 17 evaluation instances, their dossiers, groups and progress. */
export function learnerHome(learnerId: string) {
  const db = getDb()
  const sessions = db
    .select({ id: examSessions.id, name: examSessions.name, startsOn: examSessions.startsOn, endsOn: examSessions.endsOn })
    .from(enrollments)
    .innerJoin(examSessions, eq(examSessions.id, enrollments.examSessionId))
    .where(eq(enrollments.learnerId, learnerId))
    .orderBy(asc(examSessions.startsOn))
    .all()

  return sessions.map((session) => {
    // Only the groups this learner belongs to, in this session.
    const myGroups = db
      .select({ id: groups.id, name: groups.name, evaluationId: groups.evaluationId })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(and(eq(groupMembers.learnerId, learnerId), eq(groups.examSessionId, session.id)))
      .all()
    const members = myGroups.length
      ? db
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
          .all()
      : []
    const tutors = db
      .select({ name: users.name })
      .from(tutorAssignments)
      .innerJoin(users, eq(users.id, tutorAssignments.tutorId))
      .where(and(eq(tutorAssignments.learnerId, learnerId), eq(tutorAssignments.examSessionId, session.id)))
      .all()
      .map((t) => t.name)

    const dossiers = learnerDossiers(learnerId, session.id)
    const statuses = new Map(learnerStatuses(learnerId, session.id).map((r) => [r.criterionId, r.status]))
    const evaluations = referentiel.evaluations.map((e) => {
      const group = myGroups.find((g) => g.evaluationId === e.id)
      const mine = dossiers.filter((d) => d.evaluationId === e.id)
      const criteria = e.competencyIds.flatMap((cid) => referentielIndex.competencies.get(cid)?.criteria.map((k) => k.id) ?? [])
      return {
        dossierId: mine.find((d) => d.templateId === mainTemplateOf(e.id)?.id)?.id ?? null,
        rexDossierId: mine.find((d) => d.templateId === rexTemplateOf(e.id)?.id)?.id ?? null,
        progress: progressOf(criteria, statuses),
        id: e.id,
        title: e.title,
        type: e.type,
        range: competencyRange(e),
        mode: e.mode,
        parts: e.parts,
        competencies: e.competencyIds.map((cid) => {
          const c = referentielIndex.competencies.get(cid)
          return { id: cid, text: c?.text ?? '', progress: progressOf(c?.criteria.map((k) => k.id) ?? [], statuses) }
        }),
        group: group
          ? {
              name: group.name,
              partners: members.filter((m) => m.groupId === group.id && m.id !== learnerId).map((m) => m.name),
            }
          : null,
      }
    })
    // Grouped by épreuve type, in the order the référentiel lists the types.
    const types = referentiel.epreuveTypes
      .map((t) => ({ id: t.id, label: t.label, evaluations: evaluations.filter((e) => e.type === t.id) }))
      .filter((t) => t.evaluations.length > 0)
    return { ...session, tutors, evaluations, types }
  })
}

/** A juror's assignments, scoped to that juror in the query. */
export function jurorHome(jurorId: string) {
  const db = getDb()
  const rows = db
    .select({
      id: jurorAssignments.id,
      evaluationId: jurorAssignments.evaluationId,
      sessionName: examSessions.name,
      learnerName: users.name,
      groupId: jurorAssignments.groupId,
      groupName: groups.name,
    })
    .from(jurorAssignments)
    .innerJoin(examSessions, eq(examSessions.id, jurorAssignments.examSessionId))
    .leftJoin(users, eq(users.id, jurorAssignments.learnerId))
    .leftJoin(groups, eq(groups.id, jurorAssignments.groupId))
    .where(eq(jurorAssignments.jurorId, jurorId))
    .all()
  const groupIds = rows.flatMap((r) => (r.groupId ? [r.groupId] : []))
  const members = groupIds.length
    ? db
        .select({ groupId: groupMembers.groupId, name: users.name })
        .from(groupMembers)
        .innerJoin(users, eq(users.id, groupMembers.learnerId))
        .where(inArray(groupMembers.groupId, groupIds))
        .orderBy(asc(users.name))
        .all()
    : []
  const targetOf = (r: (typeof rows)[number]) =>
    r.groupId
      ? {
          id: r.id,
          kind: 'group' as const,
          name: r.groupName ?? '',
          sessionName: r.sessionName,
          members: members.filter((m) => m.groupId === r.groupId).map((m) => m.name),
        }
      : { id: r.id, kind: 'learner' as const, name: r.learnerName ?? '', sessionName: r.sessionName, members: [] as string[] }
  // One entry per evaluation, in référentiel order, with the candidates or groups to grade.
  return referentiel.evaluations
    .map((e) => ({
      evaluationId: e.id,
      title: e.title,
      range: competencyRange(e),
      mode: e.mode,
      targets: rows
        .filter((r) => r.evaluationId === e.id)
        .map(targetOf)
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    }))
    .filter((e) => e.targets.length > 0)
}

/** Every exam session with its counts, for admins. */
export function adminHome() {
  const db = getDb()
  const countBy = (table: typeof enrollments | typeof groups | typeof tutorAssignments | typeof jurorAssignments) =>
    new Map(
      db
        .select({ sessionId: table.examSessionId, n: count() })
        .from(table)
        .groupBy(table.examSessionId)
        .all()
        .map((r) => [r.sessionId, r.n]),
    )
  const learners = countBy(enrollments)
  const groupCounts = countBy(groups)
  const tutorCounts = countBy(tutorAssignments)
  const jurorCounts = countBy(jurorAssignments)
  return db
    .select()
    .from(examSessions)
    .orderBy(asc(examSessions.startsOn))
    .all()
    .map((s) => ({
      id: s.id,
      name: s.name,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      learners: learners.get(s.id) ?? 0,
      groups: groupCounts.get(s.id) ?? 0,
      tutorAssignments: tutorCounts.get(s.id) ?? 0,
      jurorAssignments: jurorCounts.get(s.id) ?? 0,
    }))
}
