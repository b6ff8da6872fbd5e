/**
 * Demo data of the deliberation (issue 12): the session's blocs de
 * compétences (an example grouping, labelled as such), its jury president and
 * enough closed grids for the session to be ready to deliberate. Called by
 * db/seed.ts after seedDoubleMarking, on the app's connection.
 *
 * The référentiel allows certification bloc by bloc without listing the
 * blocs: the example groups its fifteen activities by family, each bloc
 * named after its activities. Three candidates have every copy of the past
 * épreuves graded and closed (through the grading service, as jurors do),
 * with the assigned juror of each copy; a copy another seed already started,
 * or of a double-marked instance, is left alone. One of them is deliberated
 * (confirmed by the president as proposed); the others are left to do.
 */
import { and, eq } from 'drizzle-orm'
import type { GradePart } from '../app/domain/grading'
import { entryOf, itemsOf } from '../app/kinds/registry'
import type { SessionUser } from '../app/services/auth.server'
import { getDb } from '../app/services/db.server'
import { confirmDeliberation, deliberationAccess } from '../app/services/deliberation.server'
import { closeGrading, gridOf, saveCell } from '../app/services/grading.server'
import { candidateResults } from '../app/services/results.server'
import { referentiel } from '../templates/referentiel'
import * as schema from './schema'

export type SeedDeliberationInput = {
  examSessionId: string
  admin: SessionUser
  /** jure1 (the president) and jure2. */
  jurors: [SessionUser, SessionUser]
  learners: { id: string; name: string }[]
  now?: Date
}

/** The example grouping: each bloc's label and its activities (every activity once, in référentiel order). */
export const EXAMPLE_BLOCS: { label: string; activities: string[] }[] = [
  { label: 'Veille marketing, analyse des projets et définition de la cible', activities: ['A1', 'A2', 'A3'] },
  { label: 'Développement, modélisation et objectifs du plan d’actions marketing opérationnel', activities: ['A4', 'A5', 'A6'] },
  { label: 'Expérience client et gestion opérationnelle des événements', activities: ['A7', 'A8'] },
  { label: 'Élaboration, organisation et supports du plan de communication 360°', activities: ['A9', 'A10', 'A11'] },
  { label: 'Coordination des acteurs, suivi et mesure de la performance', activities: ['A12', 'A13', 'A14', 'A15'] },
]

/** « A1 à A3 », « A7 et A8 ». */
const activityRange = (ids: string[]) => (ids.length === 1 ? ids[0]! : ids.length === 2 ? `${ids[0]} et ${ids[1]}` : `${ids[0]} à ${ids[ids.length - 1]}`)

/** « Bloc 1 — Veille marketing, analyse des projets et définition de la cible (A1 à A3) » */
export const exampleBlocTitle = (i: number) => `Bloc ${i + 1} — ${EXAMPLE_BLOCS[i]!.label} (${activityRange(EXAMPLE_BLOCS[i]!.activities)})`

/** The épreuves whose copies are handed in (db/seed-jury.ts): graded for the deliberation. */
const GRADED = ['fiche-veille', 'msp-a2', 'cas-pratique-a3', 'cas-pratique-a10'] as const

/**
 * The candidates graded (learner index) and how: `miss` lists criteria found
 * not acquired (on any part, for that candidate). The first has all of the
 * first bloc acquired; the second misses one criterion of it; the third is
 * deliberated.
 */
export const DELIBERATION_CANDIDATES: { learnerIndex: number; miss: string[]; confirm: boolean }[] = [
  { learnerIndex: 0, miss: ['C10.2-1'], confirm: false },
  { learnerIndex: 2, miss: ['C3.2-3', 'C10.1-2'], confirm: false },
  { learnerIndex: 3, miss: ['C1.3-6'], confirm: true },
]

const COMMENTS: Record<'acquis' | 'non-acquis', string[]> = {
  acquis: [
    'Démarche structurée, sources citées et datées.',
    'Analyse étayée par des chiffres pertinents.',
    'Choix justifiés au regard de la cible.',
    'Livrable clair, directement exploitable par l’entreprise.',
  ],
  'non-acquis': [
    'L’argumentation ne s’appuie sur aucune donnée chiffrée.',
    'Les éléments attendus ne sont pas présents dans le livrable.',
    'La justification reste générale et ne relie pas le choix à la cible.',
  ],
}

export async function seedDeliberation(input: SeedDeliberationInput): Promise<{ blocs: number; gradings: number; deliberations: number }> {
  const db = getDb()
  const { examSessionId } = input
  const now = input.now ?? new Date()
  const HOUR = 3_600_000
  const [president] = input.jurors

  // The example blocs.
  const activities = new Map(referentiel.activities.map((a) => [a.id, a]))
  for (const [i, bloc] of EXAMPLE_BLOCS.entries()) {
    const row = (
      await db
        .insert(schema.competencyBlocs)
        .values({ examSessionId, title: exampleBlocTitle(i), position: i + 1, example: true })
        .returning({ id: schema.competencyBlocs.id })
    )[0]!
    const competencyIds = bloc.activities.flatMap((a) => activities.get(a)?.competencies.map((c) => c.id) ?? [])
    await db.insert(schema.blocCompetencies).values(competencyIds.map((competencyId) => ({ blocId: row.id, examSessionId, competencyId })))
  }
  await db.update(schema.examSessions).set({ presidentId: president.id }).where(eq(schema.examSessions.id, examSessionId))

  // The copies to grade: each candidate's own, or their group's, with its assigned juror.
  const jurorById = new Map(input.jurors.map((j) => [j.id, j]))
  const instances = new Map(
    (await db.select().from(schema.evaluationInstances).where(eq(schema.evaluationInstances.examSessionId, examSessionId))).map((i) => [i.evaluationId, i]),
  )
  const groupOf = async (learnerId: string, evaluationId: string) =>
    (
      await db
        .select({ id: schema.groups.id })
        .from(schema.groupMembers)
        .innerJoin(schema.groups, eq(schema.groups.id, schema.groupMembers.groupId))
        .where(and(eq(schema.groupMembers.learnerId, learnerId), eq(schema.groups.examSessionId, examSessionId), eq(schema.groups.evaluationId, evaluationId)))
    )[0]?.id

  let gradings = 0
  let step = 0
  const graded = new Set<string>()
  // Criteria each candidate misses, by learner id (for the group's member rows and shared rows alike).
  const missOf = new Map(
    DELIBERATION_CANDIDATES.flatMap((c) => (input.learners[c.learnerIndex] ? [[input.learners[c.learnerIndex]!.id, new Set(c.miss)] as const] : [])),
  )
  for (const candidate of DELIBERATION_CANDIDATES) {
    const learner = input.learners[candidate.learnerIndex]
    if (!learner) continue
    for (const evaluationId of GRADED) {
      const instance = instances.get(evaluationId)
      if (!instance || instance.doubleMarking) continue
      const evaluation = referentiel.evaluations.find((e) => e.id === evaluationId)!
      const target = evaluation.mode === 'group' ? { groupId: await groupOf(learner.id, evaluationId) } : { learnerId: learner.id }
      if (!target.groupId && !target.learnerId) continue
      const [assignment] = await db
        .select({ id: schema.jurorAssignments.id, jurorId: schema.jurorAssignments.jurorId })
        .from(schema.jurorAssignments)
        .where(
          and(
            eq(schema.jurorAssignments.examSessionId, examSessionId),
            eq(schema.jurorAssignments.evaluationId, evaluationId),
            target.groupId ? eq(schema.jurorAssignments.groupId, target.groupId) : eq(schema.jurorAssignments.learnerId, target.learnerId!),
          ),
        )
      const juror = assignment ? jurorById.get(assignment.jurorId) : undefined
      if (!assignment || !juror || graded.has(assignment.id)) continue
      // Left alone: a copy another seed started, or one not handed in.
      if ((await db.select({ id: schema.gradings.id }).from(schema.gradings).where(eq(schema.gradings.assignmentId, assignment.id)))[0]) continue
      const grid = await gridOf(juror, assignment.id)
      if (grid.snapshots.length === 0) continue
      graded.add(assignment.id)

      // One item of the copy cited as evidence for its first criterion, when a structured section has one.
      const snapshot = grid.snapshots[0]!
      const cited = snapshot.sections
        .map((s) => ({ s, item: itemsOf(entryOf(s.section.field, s.value))[0] }))
        .find((x) => x.item && x.s.section.criteria.length > 0)
      const at = now.getTime() - 2 * 24 * HOUR
      const members = grid.members.length ? grid.members.map((m) => m.id) : ['']
      for (const row of grid.rows) {
        for (const memberId of row.scope === 'member' ? members : ['']) {
          // A shared row is missed when the candidate misses it; a member row when that member does.
          const missed = missOf.get(memberId || learner.id)?.has(row.criterionId) ?? false
          const level = missed ? 'non-acquis' : 'acquis'
          const pool = COMMENTS[level]
          const evidence =
            cited && cited.item && cited.s.section.criteria.includes(row.criterionId) && row.part === 'written' && step % 3 === 0
              ? [{ kind: 'item' as const, submissionId: snapshot.submissionId, sectionId: cited.s.section.id, itemId: cited.item.id, label: cited.item.label }]
              : undefined
          await saveCell(
            juror,
            assignment.id,
            {
              criterionId: row.criterionId,
              part: row.part as GradePart,
              learnerId: memberId,
              baseVersion: 0,
              level,
              comment: missed || step % 4 === 0 ? pool[step % pool.length]! : '',
              ...(evidence ? { evidence } : {}),
            },
            new Date(at + step * 20_000),
          )
          step++
        }
      }
      await closeGrading(juror, assignment.id, new Date(at + step * 20_000))
      step++
      gradings++
    }
  }

  // One candidate deliberated by the president, as proposed.
  let deliberations = 0
  for (const candidate of DELIBERATION_CANDIDATES.filter((c) => c.confirm)) {
    const learner = input.learners[candidate.learnerIndex]
    const results = learner ? await candidateResults(examSessionId, learner.id, db) : null
    if (!learner || !results) continue
    await confirmDeliberation(
      await deliberationAccess(president, examSessionId, db),
      learner.id,
      { blocs: results.blocs.map((b) => ({ blocId: b.blocId, shown: b.proposed, decision: b.proposed, reason: '' })), reason: '' },
      new Date(now.getTime() - 3 * HOUR),
      db,
    )
    deliberations++
  }
  return { blocs: EXAMPLE_BLOCS.length, gradings, deliberations }
}
