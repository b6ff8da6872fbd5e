/**
 * Demo data of double marking (issue 12): one instance of the demo session
 * marked by two jurors, with divergences for the lead juror to reconcile.
 * Called by db/seed.ts after seedGradings, on the app's connection (through
 * the services, as the app writes them).
 *
 * The anonymous cas pratique A3 is double-marked (its copies are handed in by
 * db/seed-jury.ts and none of DEMO_GRADINGS is on it): every copy keeps its
 * juror as lead (jure1 for even-indexed learners, jure2 for odd) and gets the
 * other demo juror as second. Then, through the grading and reconciliation
 * services:
 * - the copies of the deliberation's candidates (db/seed-deliberation.ts,
 *   which leaves double-marked instances alone) are graded by both jurors,
 *   with divergences, and reconciled by their lead: their final levels follow
 *   the candidate's planned misses, so that the deliberation has reconciled
 *   results;
 * - one more copy led by jure1 has both grids closed with divergences and no
 *   confrontation yet: jure1 has a confrontation to do on first login;
 * - on one copy led by jure2, jure1 (second) has closed their grid and jure2
 *   has not started: « l’autre grille n’est pas encore close ».
 */
import { and, eq, isNotNull } from 'drizzle-orm'
import type { GradeEvidence } from '../app/domain/grading'
import { entryOf, itemsOf } from '../app/kinds/registry'
import type { SessionUser } from '../app/services/auth.server'
import { getDb, transaction } from '../app/services/db.server'
import { saveInstance } from '../app/services/exam-settings.server'
import { closeGrading, gridOf, saveCell } from '../app/services/grading.server'
import { agreeLevel, closeReconciliation, confrontationOf } from '../app/services/reconciliation.server'
import * as schema from './schema'
import { DELIBERATION_CANDIDATES } from './seed-deliberation'

export type SeedDoubleInput = {
  examSessionId: string
  /** jure1 (the lead) and jure2. */
  jurors: [SessionUser, SessionUser]
  learners: { id: string; name: string }[]
  now?: Date
}

/** The double-marked instance. */
export const DOUBLE_EVALUATION = 'cas-pratique-a3'

/** Learner indexes: copies reconciled and closed (the deliberation's candidates), to reconcile (led by jure1), and graded by jure1 as second only. */
export const DEMO_DOUBLE = {
  reconciled: DELIBERATION_CANDIDATES.map((c) => c.learnerIndex),
  toReconcile: 6,
  secondOnly: 1,
}

/** What the jurors wrote, by competency of the cas pratique (C3.1 information needs, C3.2 target and personae, C3.3 inclusion and mix). */
const COMMENTS: Record<string, Record<'acquis' | 'non-acquis', string[]>> = {
  'C3.1': {
    acquis: ['Les besoins d’information sont hiérarchisés et reliés à la problématique du cas.', 'Sources variées et datées, choix argumenté.'],
    'non-acquis': ['Le mode de recueil n’est pas justifié pour chaque besoin d’information.', 'Les sources ne sont ni datées ni évaluées.'],
  },
  'C3.2': {
    acquis: ['La cible est chiffrée à partir des données du cas et justifiée.', 'Les personae s’appuient sur les freins et les leviers relevés dans l’étude.'],
    'non-acquis': ['La taille des cibles n’est pas reliée aux chiffres de l’étude.', 'Le persona reste général : ni freins ni leviers propres à la marque.'],
  },
  'C3.3': {
    acquis: ['Les mesures d’inclusion répondent aux gênes signalées par les répondants.', 'Le mix est cohérent d’un canal à l’autre.'],
    'non-acquis': [
      'L’inclusion se limite à une liste de principes, sans mesure concrète.',
      'Le prix et la promesse ne sont pas mis en cohérence d’un canal à l’autre.',
    ],
  },
}
const commentFor = (competencyId: string, level: 'acquis' | 'non-acquis', i: number) => {
  const pool = (COMMENTS[competencyId] ?? COMMENTS['C3.1']!)[level]
  return pool[i % pool.length]!
}

const AGREED = {
  acquis: [
    'Après confrontation : le critère est rempli, l’élément manquant relevé par l’un de nous figure plus loin dans la copie.',
    'Après confrontation : acquis, la justification chiffrée suffit au regard du référentiel.',
  ],
  'non-acquis': [
    'Après confrontation : non acquis, la justification attendue par le référentiel manque.',
    'Après confrontation : non acquis, les chiffres sont cités mais jamais exploités.',
  ],
} as const

type Level = 'acquis' | 'non-acquis'
const other = (level: Level): Level => (level === 'acquis' ? 'non-acquis' : 'acquis')

export async function seedDoubleMarking(
  input: SeedDoubleInput,
): Promise<{ doubleMarked: number; closedGrids: number; reconciled: number; toReconcile: number }> {
  const db = getDb()
  const { examSessionId } = input
  const none = { doubleMarked: 0, closedGrids: 0, reconciled: 0, toReconcile: 0 }
  const [instance] = await db
    .select()
    .from(schema.evaluationInstances)
    .where(and(eq(schema.evaluationInstances.examSessionId, examSessionId), eq(schema.evaluationInstances.evaluationId, DOUBLE_EVALUATION)))
  if (!instance) return none
  // As the admin sets it: with the instance's dates, before any grid of it is closed.
  await saveInstance(examSessionId, DOUBLE_EVALUATION, {
    dueAt: instance.dueAt,
    cutoffAt: instance.cutoffAt,
    anonymous: instance.anonymous,
    doubleMarking: true,
  })

  // Every copy: its juror leads, the other demo juror is second (assigned a second later).
  const [jure1, jure2] = input.jurors
  const jurorOf = new Map(input.jurors.map((j) => [j.id, j]))
  const assignments = (
    await db
      .select()
      .from(schema.jurorAssignments)
      .where(
        and(
          eq(schema.jurorAssignments.examSessionId, examSessionId),
          eq(schema.jurorAssignments.evaluationId, DOUBLE_EVALUATION),
          isNotNull(schema.jurorAssignments.learnerId),
        ),
      )
  ).filter((a) => jurorOf.has(a.jurorId))
  const pairs = new Map<string, { lead: { id: string; juror: SessionUser }; second: { id: string; juror: SessionUser } }>()
  await transaction(db, async (tx) => {
    for (const a of assignments) {
      const secondJuror = a.jurorId === jure1.id ? jure2 : jure1
      await tx.update(schema.jurorAssignments).set({ lead: true }).where(eq(schema.jurorAssignments.id, a.id))
      const second = (
        await tx
          .insert(schema.jurorAssignments)
          .values({
            examSessionId,
            jurorId: secondJuror.id,
            evaluationId: DOUBLE_EVALUATION,
            learnerId: a.learnerId,
            createdAt: new Date(a.createdAt.getTime() + 1000),
          })
          .returning({ id: schema.jurorAssignments.id })
      )[0]!
      pairs.set(a.learnerId!, { lead: { id: a.id, juror: jurorOf.get(a.jurorId)! }, second: { id: second.id, juror: secondJuror } })
    }
  })

  const now = (input.now ?? new Date()).getTime()
  const HOUR = 3_600_000
  let step = 0
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR + step++ * 20_000)
  let closedGrids = 0

  /** Grades every row of one juror's grid: `levelOf(i)` (null: no level), a comment on the levels that need one, evidence on divergent rows. */
  const grade = async (
    assignmentId: string,
    juror: SessionUser,
    levelOf: (i: number) => Level | null,
    divergent: Set<number>,
    hoursAgo: number,
    close: boolean,
  ) => {
    const grid = await gridOf(juror, assignmentId)
    const snapshot = grid.snapshots[0]
    if (!snapshot) return false
    const cite = (criterionId: string): GradeEvidence[] | undefined => {
      const section = snapshot.sections.find((s) => s.section.criteria.includes(criterionId) && itemsOf(entryOf(s.section.field, s.value)).length > 0)
      const item = section ? itemsOf(entryOf(section.section.field, section.value))[0] : undefined
      return section && item
        ? [{ kind: 'item', submissionId: snapshot.submissionId, sectionId: section.section.id, itemId: item.id, label: item.label }]
        : undefined
    }
    for (const [i, row] of grid.rows.entries()) {
      const level = levelOf(i)
      const evidence = divergent.has(i) ? cite(row.criterionId) : undefined
      const comment =
        level === 'non-acquis' || divergent.has(i) || i % 3 === 0 ? commentFor(row.competencyId, level ?? 'non-acquis', i + (juror === jure2 ? 1 : 0)) : ''
      await saveCell(
        juror,
        assignmentId,
        { criterionId: row.criterionId, part: row.part, learnerId: '', baseVersion: 0, level, comment, ...(evidence ? { evidence } : {}) },
        at(hoursAgo),
      )
    }
    if (close) {
      await closeGrading(juror, assignmentId, at(hoursAgo - 1))
      closedGrids++
    }
    return true
  }

  /**
   * Both jurors grade a copy toward `final(criterionId)`: the lead departs from it on the fourth row, the second juror on the
   * first, and gives no level to the last row: three divergences. False when the copy is not handed in.
   */
  const gradeBoth = async (learnerIndex: number, final: (criterionId: string) => Level, hoursAgo: number): Promise<boolean> => {
    const learner = input.learners[learnerIndex]
    const pair = learner ? pairs.get(learner.id) : undefined
    if (!pair) return false
    const rows = (await gridOf(pair.lead.juror, pair.lead.id)).rows
    // The first and fourth rows (C3.1-1, C3.1-4) are judged on tables: both jurors cite a row of them.
    const leadOff = new Set([3])
    const secondOff = new Set([0])
    const divergent = new Set([...leadOff, ...secondOff, rows.length - 1])
    const target = (i: number) => final(rows[i]!.criterionId)
    const leadDone = await grade(pair.lead.id, pair.lead.juror, (i) => (leadOff.has(i) ? other(target(i)) : target(i)), divergent, hoursAgo, true)
    const last = rows.length - 1
    const secondDone = await grade(
      pair.second.id,
      pair.second.juror,
      (i) => (i === last && !leadOff.has(i) && !secondOff.has(i) ? null : secondOff.has(i) ? other(target(i)) : target(i)),
      divergent,
      hoursAgo - 3,
      true,
    )
    return leadDone && secondDone
  }

  // The deliberation's candidates: reconciled and closed by their lead, their final levels as planned.
  let reconciled = 0
  for (const candidate of DELIBERATION_CANDIDATES) {
    const learner = input.learners[candidate.learnerIndex]
    const pair = learner ? pairs.get(learner.id) : undefined
    if (!learner || !pair) continue
    const final = (criterionId: string): Level => (candidate.miss.includes(criterionId) ? 'non-acquis' : 'acquis')
    if (!(await gradeBoth(candidate.learnerIndex, final, 96))) continue
    const view = await confrontationOf(pair.lead.juror, pair.lead.id, at(30))
    if (view.state !== 'ready') continue
    for (const [i, cell] of view.divergent.entries()) {
      const level = final(cell.criterionId)
      await agreeLevel(
        pair.lead.juror,
        pair.lead.id,
        { criterionId: cell.criterionId, part: cell.part, learnerId: cell.learnerId, baseVersion: 0, level, comment: AGREED[level][i % AGREED[level].length]! },
        at(29),
      )
    }
    await closeReconciliation(pair.lead.juror, pair.lead.id, at(28))
    reconciled++
  }

  // A copy led by jure1, both grids closed, divergences to reconcile.
  let toReconcile = 0
  const next = input.learners[DEMO_DOUBLE.toReconcile]
  if (next && pairs.get(next.id)?.lead.juror === jure1 && (await gradeBoth(DEMO_DOUBLE.toReconcile, (c) => (c.endsWith('-2') ? 'non-acquis' : 'acquis'), 48)))
    toReconcile++

  // A copy led by jure2: jure1, second, has closed their grid; jure2 has not started.
  const waiting = input.learners[DEMO_DOUBLE.secondOnly]
  const waitingPair = waiting ? pairs.get(waiting.id) : undefined
  if (waitingPair && waitingPair.second.juror === jure1)
    await grade(waitingPair.second.id, jure1, (i) => (i % 5 === 2 ? 'non-acquis' : 'acquis'), new Set(), 20, true)

  return { doubleMarked: pairs.size, closedGrids, reconciled, toReconcile }
}
