import { and, asc, count, eq, inArray } from 'drizzle-orm'
import { competencyRange } from '~/domain/referentiel'
import { progressOf } from '~/domain/self-assessment'
import { learnerDossiers } from './dossiers.server'
import { learnerStatuses } from './self-assessment.server'
import { handInSummaries } from './submissions.server'
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
    // Where each dossier stands for hand-in (brouillon, déposé…), in a fixed number of queries.
    const now = new Date()
    const handIns = handInSummaries(dossiers, now)
    const handInOf = (id: string | null) => {
      const s = id ? handIns.get(id) : undefined
      // The deadline, while it is ahead.
      return s ? { state: s.state, dueAt: s.window && s.window.dueAt >= now.getTime() ? s.window.dueAt : null } : null
    }
    const evaluations = referentiel.evaluations.map((e) => {
      const group = myGroups.find((g) => g.evaluationId === e.id)
      const mine = dossiers.filter((d) => d.evaluationId === e.id)
      const criteria = e.competencyIds.flatMap((cid) => referentielIndex.competencies.get(cid)?.criteria.map((k) => k.id) ?? [])
      const dossierId = mine.find((d) => d.templateId === mainTemplateOf(e.id)?.id)?.id ?? null
      const rexDossierId = mine.find((d) => d.templateId === rexTemplateOf(e.id)?.id)?.id ?? null
      return {
        dossierId,
        rexDossierId,
        handIn: handInOf(dossierId),
        rexHandIn: handInOf(rexDossierId),
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
      archived: s.archivedAt !== null,
      learners: learners.get(s.id) ?? 0,
      groups: groupCounts.get(s.id) ?? 0,
      tutorAssignments: tutorCounts.get(s.id) ?? 0,
      jurorAssignments: jurorCounts.get(s.id) ?? 0,
    }))
}
