/**
 * An exam session's hand-in and grading settings, as the admin keeps them:
 * the grading scale and competency rule, each référentiel evaluation's
 * instance (deadline, cut-off, anonymous marking) and per-candidate
 * extensions. Every query is scoped by the session. Refusals are
 * ExamSettingsError with a French message and, when one field is at fault,
 * that field's name; nothing is written then.
 */
import { and, count, countDistinct, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Evaluation } from '#templates/referentiel.schema'
import { GRADING_SCALES, type CompetencyRule, type GradingScaleId } from '~/domain/grading'
import { formatInstant } from '~/domain/hand-in'
import { getDb, schema, type DbHandle, queryRows, transaction } from './db.server'
import {
  CUTOFF_BEFORE_DUE,
  MAX_CRITERIA,
  ORAL_MINUTES,
  ORAL_MINUTES_ERROR,
  REASON_MAX,
  type ExtensionInput,
  type InstanceInput,
} from './exam-settings-input.server'
import { referentiel } from './referentiel.server'

const { examSessions, enrollments, users, evaluationInstances, deadlineExtensions, submissions, gradeEntries, gradings, jurorAssignments, reconciliations } =
  schema

export class ExamSettingsError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
    /** The form field at fault, if one is. */
    readonly field?: string,
  ) {
    super(message)
    this.name = 'ExamSettingsError'
  }
}

export type Instance = typeof evaluationInstances.$inferSelect
export type EnrolledLearner = { id: string; name: string; email: string }
export type ExtensionRow = {
  id: string
  learnerId: string
  learnerName: string
  learnerEmail: string
  dueAt: Date
  cutoffAt: Date
  reason: string
  grantedByName: string | null
  grantedAt: Date
}
/** Double marking of an instance: its copies (assigned targets), how many have two jurors, how many confrontations are closed. */
export type DoubleMarkingCounts = { copies: number; withTwoJurors: number; reconciled: number }
export type EvaluationSettings = {
  evaluation: Evaluation
  instance: Instance | null
  /** Hand-ins of this instance: every snapshot, and the dossiers they belong to. */
  submissions: { total: number; dossiers: number }
  /** Closed grids of this évaluation in the session: double marking is then fixed. */
  closedGrids: number
  doubleMarking: DoubleMarkingCounts
  /** By learner name. */
  extensions: ExtensionRow[]
}
export type SessionSettings = {
  session: typeof examSessions.$inferSelect
  rule: CompetencyRule
  /** Whether a juror has already given a criterion a level in this session (the scale is then fixed). */
  gradesExist: boolean
  /** Every evaluation of the référentiel, in its order. */
  evaluations: EvaluationSettings[]
  /** Enrolled learners, by name: whom an extension may be granted to. */
  learners: EnrolledLearner[]
}

const collator = new Intl.Collator('fr')
/** French alphabetical order (SQLite's would put « Éloïse » after « Zoé »), then by e-mail. */
const byName = <T extends { name: string; email: string }>(a: T, b: T) =>
  collator.compare(a.name, b.name) || (a.email < b.email ? -1 : a.email > b.email ? 1 : 0)

const NO_SESSION = 'Cette session d’examen n’existe pas.'
const NO_EVALUATION = 'Cette épreuve n’existe pas dans le référentiel.'

async function sessionOrThrow(sessionId: string, db: DbHandle = getDb()) {
  const [session] = await db.select().from(examSessions).where(eq(examSessions.id, sessionId))
  if (!session) throw new ExamSettingsError(NO_SESSION, 404)
  return session
}

function evaluationOrThrow(evaluationId: string): Evaluation {
  const evaluation = referentiel.evaluations.find((e) => e.id === evaluationId)
  if (!evaluation) throw new ExamSettingsError(NO_EVALUATION, 404)
  return evaluation
}

export async function sessionExists(sessionId: string): Promise<boolean> {
  return (await getDb().select({ id: examSessions.id }).from(examSessions).where(eq(examSessions.id, sessionId)))[0] !== undefined
}

/** Whether any criterion of the session has been given a level by a juror. */
export async function sessionHasGrades(sessionId: string, db: DbHandle = getDb()): Promise<boolean> {
  return (
    (
      await db
        .select({ one: sql<number>`1` })
        .from(gradeEntries)
        .innerJoin(gradings, eq(gradings.id, gradeEntries.gradingId))
        .innerJoin(jurorAssignments, eq(jurorAssignments.id, gradings.assignmentId))
        .where(and(eq(jurorAssignments.examSessionId, sessionId), isNotNull(gradeEntries.level)))
        .limit(1)
    )[0] !== undefined
  )
}

export function ruleOf(session: Pick<typeof examSessions.$inferSelect, 'competencyRule' | 'competencyRuleMin'>): CompetencyRule {
  return session.competencyRule === 'at-least' ? { rule: 'at-least', min: session.competencyRuleMin ?? 1 } : { rule: 'all' }
}

/** Everything the settings page shows, in a fixed number of queries. Null when the session does not exist. */
export async function sessionSettings(sessionId: string): Promise<SessionSettings | null> {
  const db = getDb()
  const [session] = await db.select().from(examSessions).where(eq(examSessions.id, sessionId))
  if (!session) return null
  const instances = new Map(
    (await db.select().from(evaluationInstances).where(eq(evaluationInstances.examSessionId, sessionId))).map((i) => [i.evaluationId, i]),
  )
  const counts = new Map(
    (
      await db
        .select({ instanceId: submissions.instanceId, total: count(), dossiers: countDistinct(submissions.dossierId) })
        .from(submissions)
        .innerJoin(evaluationInstances, eq(evaluationInstances.id, submissions.instanceId))
        .where(eq(evaluationInstances.examSessionId, sessionId))
        .groupBy(submissions.instanceId)
    ).map((c) => [c.instanceId, { total: c.total, dossiers: c.dossiers }]),
  )
  const grantor = alias(users, 'grantor')
  const extensions = (
    await db
      .select({
        id: deadlineExtensions.id,
        instanceId: deadlineExtensions.instanceId,
        learnerId: deadlineExtensions.learnerId,
        learnerName: users.name,
        learnerEmail: users.email,
        dueAt: deadlineExtensions.dueAt,
        cutoffAt: deadlineExtensions.cutoffAt,
        reason: deadlineExtensions.reason,
        grantedByName: grantor.name,
        grantedAt: deadlineExtensions.createdAt,
      })
      .from(deadlineExtensions)
      .innerJoin(evaluationInstances, eq(evaluationInstances.id, deadlineExtensions.instanceId))
      .innerJoin(users, eq(users.id, deadlineExtensions.learnerId))
      .leftJoin(grantor, eq(grantor.id, deadlineExtensions.grantedBy))
      .where(eq(evaluationInstances.examSessionId, sessionId))
  ).sort((a, b) => byName({ name: a.learnerName, email: a.learnerEmail }, { name: b.learnerName, email: b.learnerEmail }))
  const closedGrids = await closedGridsByEvaluation(sessionId, db)
  // Per évaluation: its copies (assigned targets) and those with two jurors or more; per instance: the closed confrontations.
  const copies = new Map(
    (
      await queryRows<{ evaluationId: string; copies: number; withTwoJurors: number }>(
        db,
        sql`select evaluation_id as "evaluationId", count(*) as copies, sum(case when jurors >= 2 then 1 else 0 end) as "withTwoJurors" from (
          select evaluation_id, coalesce(learner_id, group_id) as target, count(distinct juror_id) as jurors
          from juror_assignments where exam_session_id = ${sessionId} group by evaluation_id, target
        ) as targets group by evaluation_id`,
      )
    ).map((r) => [r.evaluationId, r]),
  )
  const reconciled = new Map(
    (
      await db
        .select({ instanceId: reconciliations.instanceId, n: count() })
        .from(reconciliations)
        .innerJoin(evaluationInstances, eq(evaluationInstances.id, reconciliations.instanceId))
        .where(and(eq(evaluationInstances.examSessionId, sessionId), eq(reconciliations.status, 'closed')))
        .groupBy(reconciliations.instanceId)
    ).map((r) => [r.instanceId, r.n]),
  )
  const learners = (
    await db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.learnerId))
      .where(eq(enrollments.examSessionId, sessionId))
  ).sort(byName)
  return {
    session,
    rule: ruleOf(session),
    gradesExist: await sessionHasGrades(sessionId, db),
    evaluations: referentiel.evaluations.map((evaluation) => {
      const instance = instances.get(evaluation.id) ?? null
      return {
        evaluation,
        instance,
        submissions: (instance && counts.get(instance.id)) || { total: 0, dossiers: 0 },
        closedGrids: closedGrids.get(evaluation.id) ?? 0,
        doubleMarking: {
          copies: copies.get(evaluation.id)?.copies ?? 0,
          withTwoJurors: copies.get(evaluation.id)?.withTwoJurors ?? 0,
          reconciled: (instance && reconciled.get(instance.id)) || 0,
        },
        extensions: instance ? extensions.filter((e) => e.instanceId === instance.id).map(({ instanceId: _, ...e }) => e) : [],
      }
    }),
    learners,
  }
}

/** The closed grids of each évaluation of the session. */
async function closedGridsByEvaluation(sessionId: string, db: DbHandle, evaluationId?: string): Promise<Map<string, number>> {
  return new Map(
    (
      await db
        .select({ evaluationId: jurorAssignments.evaluationId, n: count() })
        .from(gradings)
        .innerJoin(jurorAssignments, eq(jurorAssignments.id, gradings.assignmentId))
        .where(
          and(
            eq(jurorAssignments.examSessionId, sessionId),
            eq(gradings.status, 'closed'),
            evaluationId ? eq(jurorAssignments.evaluationId, evaluationId) : undefined,
          ),
        )
        .groupBy(jurorAssignments.evaluationId)
    ).map((r) => [r.evaluationId, r.n]),
  )
}

export const DOUBLE_MARKING_LOCKED =
  'Des grilles de cette épreuve sont déjà closes\u00a0: la double correction ne peut plus être activée ni désactivée (les notes rendues changeraient de sens).'

/**
 * Sets the session's grading scale and competency rule. The scale cannot
 * change once a criterion has a level in the session: the levels given would
 * no longer mean anything. The rule may change at any time (results are
 * derived from the criteria when shown).
 */
export async function updateSessionGrading(sessionId: string, input: { scale: GradingScaleId; rule: CompetencyRule }) {
  const db = getDb()
  if (!(input.scale in GRADING_SCALES)) throw new ExamSettingsError('Choisissez une échelle de notation.', 400, 'scale')
  if (input.rule.rule === 'at-least' && (!Number.isInteger(input.rule.min) || input.rule.min < 1 || input.rule.min > MAX_CRITERIA)) {
    throw new ExamSettingsError(`Indiquez un nombre entier de critères entre 1 et ${MAX_CRITERIA}.`, 400, 'min')
  }
  return await transaction(db, async (tx) => {
    const session = await sessionOrThrow(sessionId, tx)
    if (session.gradingScale !== input.scale && (await sessionHasGrades(sessionId, tx))) {
      throw new ExamSettingsError(
        `L’échelle de notation ne peut plus être changée\u00a0: des critères ont déjà été notés sur l’échelle «\u00a0${GRADING_SCALES[session.gradingScale].label}\u00a0» dans cette session, et les niveaux attribués n’auraient plus de sens sur une autre échelle.`,
        409,
        'scale',
      )
    }
    return (
      await tx
        .update(examSessions)
        .set({
          gradingScale: input.scale,
          competencyRule: input.rule.rule,
          competencyRuleMin: input.rule.rule === 'at-least' ? input.rule.min : null,
        })
        .where(eq(examSessions.id, sessionId))
        .returning()
    )[0]!
  })
}

/**
 * Creates or updates an evaluation's instance in the session. A group
 * épreuve is never anonymous (its oral is before the jury); anonymity cannot
 * change once something has been handed in (jurors may already have seen the
 * copies). Double marking (two jurors per copy, then a confrontation) may be
 * switched on or off until a grid of the évaluation is closed in the session:
 * a closed grid is a result, or half of one, whose meaning would change.
 * It needs a second juror per copy (there is no assignment screen yet: the
 * settings count the copies that have two). `shorterExtensions`: extensions that now end before the instance's
 * own window (they still apply to their candidates: worth a warning).
 */
export async function saveInstance(
  sessionId: string,
  evaluationId: string,
  input: InstanceInput,
): Promise<{ instance: Instance; created: boolean; shorterExtensions: number }> {
  const evaluation = evaluationOrThrow(evaluationId)
  if (input.cutoffAt.getTime() < input.dueAt.getTime()) throw new ExamSettingsError(CUTOFF_BEFORE_DUE, 400, 'cutoffAt')
  if (input.anonymous && evaluation.mode === 'group') {
    throw new ExamSettingsError('Une épreuve de groupe comporte un oral devant le jury\u00a0: elle ne peut pas être corrigée anonymement.', 400, 'anonymous')
  }
  const minutes = input.oralMinutes
  if (minutes != null && (!evaluation.parts.oral || !Number.isInteger(minutes) || minutes < ORAL_MINUTES.min || minutes > ORAL_MINUTES.max)) {
    throw new ExamSettingsError(
      evaluation.parts.oral ? ORAL_MINUTES_ERROR : 'Cette épreuve n’a pas d’oral\u00a0: aucune durée d’oral à fixer.',
      400,
      'oralMinutes',
    )
  }
  const db = getDb()
  return await transaction(db, async (tx) => {
    await sessionOrThrow(sessionId, tx)
    const [existing] = await tx
      .select()
      .from(evaluationInstances)
      .where(and(eq(evaluationInstances.examSessionId, sessionId), eq(evaluationInstances.evaluationId, evaluationId)))
    if (!existing) {
      const instance = (
        await tx
          .insert(evaluationInstances)
          .values({
            examSessionId: sessionId,
            evaluationId,
            dueAt: input.dueAt,
            cutoffAt: input.cutoffAt,
            anonymous: input.anonymous,
            doubleMarking: input.doubleMarking ?? false,
            oralMinutes: minutes ?? null,
          })
          .returning()
      )[0]!
      return { instance, created: true, shorterExtensions: 0 }
    }
    if (existing.anonymous !== input.anonymous) {
      const handedIn = (await tx.select({ n: count() }).from(submissions).where(eq(submissions.instanceId, existing.id)))[0]?.n ?? 0
      if (handedIn > 0) {
        throw new ExamSettingsError(
          'Des dossiers ont déjà été déposés pour cette épreuve\u00a0: l’anonymat de la correction ne peut plus être modifié.',
          409,
          'anonymous',
        )
      }
    }
    const doubleMarking = input.doubleMarking ?? existing.doubleMarking
    if (existing.doubleMarking !== doubleMarking && ((await closedGridsByEvaluation(sessionId, tx, evaluationId)).get(evaluationId) ?? 0) > 0) {
      throw new ExamSettingsError(DOUBLE_MARKING_LOCKED, 409, 'doubleMarking')
    }
    const instance = (
      await tx
        .update(evaluationInstances)
        .set({
          dueAt: input.dueAt,
          cutoffAt: input.cutoffAt,
          anonymous: input.anonymous,
          doubleMarking,
          oralMinutes: minutes === undefined ? existing.oralMinutes : minutes,
        })
        .where(eq(evaluationInstances.id, existing.id))
        .returning()
    )[0]!
    const shorterExtensions = (
      await tx
        .select({ dueAt: deadlineExtensions.dueAt, cutoffAt: deadlineExtensions.cutoffAt })
        .from(deadlineExtensions)
        .where(eq(deadlineExtensions.instanceId, existing.id))
    ).filter((e) => isShorter(e, instance)).length
    return { instance, created: false, shorterExtensions }
  })
}

/** An extension that ends before its instance's own deadline or cut-off (the instance was moved after it was granted). */
export function isShorter(extension: { dueAt: Date; cutoffAt: Date }, instance: { dueAt: Date; cutoffAt: Date }): boolean {
  return extension.dueAt.getTime() < instance.dueAt.getTime() || extension.cutoffAt.getTime() < instance.cutoffAt.getTime()
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()

/**
 * The enrolled learner a picker's text names: « Nom (adresse) » as the list
 * offers it, an e-mail address, or a name that only one enrolled learner has.
 */
export async function resolveLearner(sessionId: string, text: string): Promise<EnrolledLearner> {
  const db = getDb()
  const enrolled = async (where: ReturnType<typeof eq>) =>
    await db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.learnerId))
      .where(and(eq(enrollments.examSessionId, sessionId), where))
  const email = /[^\s()<>]+@[^\s()<>]+/.exec(text)?.[0]
  if (email) {
    const found = (await enrolled(eq(users.email, email.toLowerCase())))[0]
    if (found) return found
    throw new ExamSettingsError('Aucun·e candidat·e inscrit·e à cette session n’a cette adresse\u00a0: choisissez dans la liste.', 400, 'learner')
  }
  const wanted = fold(text)
  const matches = (await enrolled(sql`1 = 1`)).filter((l) => fold(l.name) === wanted)
  if (matches.length === 1) return matches[0]!
  if (matches.length > 1) {
    throw new ExamSettingsError(
      'Plusieurs candidat·es portent ce nom\u00a0: choisissez dans la liste celui ou celle qui a la bonne adresse e-mail.',
      400,
      'learner',
    )
  }
  throw new ExamSettingsError('Aucun·e candidat·e inscrit·e à cette session ne porte ce nom\u00a0: choisissez dans la liste.', 400, 'learner')
}

/**
 * Grants (or replaces) a learner's extension on an instance: a new deadline
 * and cut-off, neither earlier than the instance's own, with a reason. The
 * learner must be enrolled in the instance's session. In a group épreuve the
 * extension of one member applies to the group's work (submissions.windowFor).
 */
export async function grantExtension(
  instanceId: string,
  learnerId: string,
  input: ExtensionInput,
  grantedBy: string,
): Promise<{ extension: typeof deadlineExtensions.$inferSelect; replaced: boolean }> {
  const reason = input.reason.trim()
  if (reason.length === 0) throw new ExamSettingsError('Indiquez le motif du report.', 400, 'reason')
  if (reason.length > REASON_MAX) throw new ExamSettingsError(`Le motif est limité à ${REASON_MAX} caractères.`, 400, 'reason')
  if (input.cutoffAt.getTime() < input.dueAt.getTime()) throw new ExamSettingsError(CUTOFF_BEFORE_DUE, 400, 'cutoffAt')
  const db = getDb()
  return await transaction(db, async (tx) => {
    const [instance] = await tx.select().from(evaluationInstances).where(eq(evaluationInstances.id, instanceId))
    if (!instance) throw new ExamSettingsError('Cette épreuve n’a pas encore de date limite dans cette session.', 404)
    const [enrolled] = await tx
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.examSessionId, instance.examSessionId), eq(enrollments.learnerId, learnerId)))
    if (!enrolled)
      throw new ExamSettingsError('Cette personne n’est pas inscrite à cette session\u00a0: choisissez un·e candidat·e dans la liste.', 400, 'learner')
    if (input.dueAt.getTime() < instance.dueAt.getTime()) {
      throw new ExamSettingsError(
        `Un report ne peut pas avancer la date limite\u00a0: choisissez au plus tôt le ${formatInstant(instance.dueAt)}.`,
        400,
        'dueAt',
      )
    }
    if (input.cutoffAt.getTime() < instance.cutoffAt.getTime()) {
      throw new ExamSettingsError(
        `Un report ne peut pas avancer la clôture\u00a0: choisissez au plus tôt le ${formatInstant(instance.cutoffAt)}.`,
        400,
        'cutoffAt',
      )
    }
    if (input.dueAt.getTime() === instance.dueAt.getTime() && input.cutoffAt.getTime() === instance.cutoffAt.getTime()) {
      throw new ExamSettingsError('Ces dates sont celles de l’épreuve\u00a0: un report repousse la date limite, la clôture ou les deux.', 400, 'dueAt')
    }
    const [previous] = await tx
      .select({ id: deadlineExtensions.id })
      .from(deadlineExtensions)
      .where(and(eq(deadlineExtensions.instanceId, instanceId), eq(deadlineExtensions.learnerId, learnerId)))
    const values = { dueAt: input.dueAt, cutoffAt: input.cutoffAt, reason, grantedBy, createdAt: new Date() }
    const extension = previous
      ? (await tx.update(deadlineExtensions).set(values).where(eq(deadlineExtensions.id, previous.id)).returning())[0]!
      : (
          await tx
            .insert(deadlineExtensions)
            .values({ instanceId, learnerId, ...values })
            .returning()
        )[0]!
    return { extension, replaced: previous !== undefined }
  })
}

/** Removes an extension of one of the session's instances; false when there is none by that id in the session. */
export async function removeExtension(id: string, sessionId: string): Promise<boolean> {
  const db = getDb()
  const inSession = db.select({ id: evaluationInstances.id }).from(evaluationInstances).where(eq(evaluationInstances.examSessionId, sessionId))
  const removed = await db
    .delete(deadlineExtensions)
    .where(and(eq(deadlineExtensions.id, id), inArray(deadlineExtensions.instanceId, inSession)))
    .returning({ id: deadlineExtensions.id })
  return removed.length > 0
}
