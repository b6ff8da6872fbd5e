/**
 * A session's blocs de compétences and its jury president, as the admin
 * configures them (/admin/sessions/:sessionId/blocs). The référentiel allows
 * certification bloc by bloc without listing the blocs: the admin groups the
 * competencies, each in one bloc at most. Every query is scoped by the
 * session. Refusals are BlocsError with a French message (and the field at
 * fault); nothing is written then.
 *
 * The blocs are locked once a deliberation of the session is confirmed (its
 * decisions name them); the president, once the results are published.
 */
import { and, asc, count, eq, inArray, max, ne, sql } from 'drizzle-orm'
import { z } from 'zod'
import { getDb, schema, type DbHandle, transaction } from './db.server'
import { referentielIndex } from './referentiel.server'
import { sessionBlocs } from './results.server'

const { examSessions, competencyBlocs, blocCompetencies, deliberations, users, userRoles } = schema

export class BlocsError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'BlocsError'
  }
}

export const TITLE_MAX = 160
export const NO_SESSION = 'Cette session d’examen n’existe pas.'
export const UNKNOWN_BLOC = 'Ce bloc n’existe plus\u00a0: il a peut-être été supprimé entre-temps.'
export const BLOCS_LOCKED = 'Des délibérations sont déjà confirmées dans cette session\u00a0: ses blocs ne peuvent plus changer.'
export const PUBLISHED = 'Les résultats de cette session sont publiés\u00a0: le jury ne peut plus changer.'

const title = z
  .string({ error: 'Donnez un titre au bloc.' })
  .trim()
  .min(1, 'Donnez un titre au bloc.')
  .max(TITLE_MAX, `Le titre tient en ${TITLE_MAX} caractères au plus.`)

function titleOf(input: string): string {
  const parsed = title.safeParse(input)
  if (!parsed.success) throw new BlocsError(parsed.error.issues[0]?.message ?? 'Titre invalide.', 400, 'title')
  return parsed.data
}

const blocId = z.string().min(1).max(64)

/** The forms of the blocs page, by intent. */
export const BlocsFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('create'), title }),
  z.object({ intent: z.literal('rename'), blocId, title }),
  z.object({ intent: z.literal('move'), blocId, direction: z.enum(['up', 'down']) }),
  z.object({ intent: z.literal('delete'), blocId }),
  z.object({
    intent: z.literal('competencies'),
    blocId,
    competencyIds: z.array(z.string().max(16)).max(200),
  }),
  z.object({ intent: z.literal('president'), presidentId: z.string().max(64) }),
])
export type BlocsForm = z.infer<typeof BlocsFormSchema>

export type Bloc = { id: string; title: string; example: boolean; competencyIds: string[] }

export type BlocsSettings = {
  session: { id: string; name: string; startsOn: string; endsOn: string; presidentId: string | null; resultsPublished: boolean }
  blocs: Bloc[]
  /** Users with the juror role, by name: whom the president may be. */
  jurors: { id: string; name: string; email: string }[]
  /** Competencies in no bloc, in référentiel order. */
  unassigned: string[]
  /** Confirmed deliberations: while there is one, the blocs cannot change. */
  confirmed: number
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })

async function sessionOrThrow(sessionId: string, db: DbHandle) {
  const [session] = await db.select().from(examSessions).where(eq(examSessions.id, sessionId))
  if (!session) throw new BlocsError(NO_SESSION, 404)
  return session
}

async function confirmedCount(sessionId: string, db: DbHandle): Promise<number> {
  return (await db.select({ n: count() }).from(deliberations).where(eq(deliberations.examSessionId, sessionId)))[0]?.n ?? 0
}

/** The jurors (users holding the juror role), by name. */
export async function jurorsList(db: DbHandle = getDb()) {
  return (
    await db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'juror')))
  ).sort((a, b) => collator.compare(a.name, b.name) || (a.email < b.email ? -1 : 1))
}

/** Everything the blocs page shows; null for an unknown session. */
export async function blocsSettings(sessionId: string, db: DbHandle = getDb()): Promise<BlocsSettings | null> {
  const [session] = await db.select().from(examSessions).where(eq(examSessions.id, sessionId))
  if (!session) return null
  const blocs = await sessionBlocs(sessionId, db)
  const assigned = new Set(blocs.flatMap((b) => b.competencyIds))
  return {
    session: {
      id: session.id,
      name: session.name,
      startsOn: session.startsOn,
      endsOn: session.endsOn,
      presidentId: session.presidentId,
      resultsPublished: session.resultsPublishedAt !== null,
    },
    blocs,
    jurors: await jurorsList(db),
    unassigned: [...referentielIndex.competencies.keys()].filter((id) => !assigned.has(id)),
    confirmed: await confirmedCount(sessionId, db),
  }
}

/** Runs one change of the blocs page; returns the French sentence saying what was done. */
export async function applyBlocsForm(sessionId: string, form: BlocsForm): Promise<string> {
  switch (form.intent) {
    case 'create':
      return `Le bloc «\u00a0${(await createBloc(sessionId, form.title)).title}\u00a0» a été ajouté.`
    case 'rename':
      await renameBloc(sessionId, form.blocId, form.title)
      return 'Le bloc a été renommé.'
    case 'move':
      await moveBloc(sessionId, form.blocId, form.direction)
      return form.direction === 'up' ? 'Le bloc a été remonté.' : 'Le bloc a été descendu.'
    case 'delete': {
      const removed = await deleteBloc(sessionId, form.blocId)
      return `Le bloc «\u00a0${removed.title}\u00a0» a été supprimé${removed.competencies ? `\u00a0: ${removed.competencies > 1 ? `ses ${removed.competencies} compétences sont` : 'sa compétence est'} désormais sans bloc` : ''}.`
    }
    case 'competencies': {
      const { moved, count: n } = await setBlocCompetencies(sessionId, form.blocId, form.competencyIds)
      const what = n === 0 ? 'Le bloc ne contient plus aucune compétence.' : `Le bloc contient désormais ${n} compétence${n > 1 ? 's' : ''}.`
      return moved ? `${what} ${moved > 1 ? `${moved} compétences ont quitté leur ancien bloc.` : 'Une compétence a quitté son ancien bloc.'}` : what
    }
    case 'president':
      return await setPresident(sessionId, form.presidentId || null)
  }
}

/** Checks that the session exists and that its blocs may change (no confirmed deliberation). */
async function editable(sessionId: string, db: DbHandle) {
  const session = await sessionOrThrow(sessionId, db)
  if ((await confirmedCount(sessionId, db)) > 0) throw new BlocsError(BLOCS_LOCKED, 409)
  return session
}

async function blocOrThrow(sessionId: string, blocId: string, db: DbHandle) {
  const [bloc] = await db
    .select()
    .from(competencyBlocs)
    .where(and(eq(competencyBlocs.id, blocId), eq(competencyBlocs.examSessionId, sessionId)))
  if (!bloc) throw new BlocsError(UNKNOWN_BLOC, 404)
  return bloc
}

async function uniqueTitle(sessionId: string, value: string, db: DbHandle, except?: string) {
  const others = await db
    .select({ title: competencyBlocs.title })
    .from(competencyBlocs)
    .where(and(eq(competencyBlocs.examSessionId, sessionId), except ? ne(competencyBlocs.id, except) : undefined))
  if (others.some((o) => collator.compare(o.title, value) === 0)) throw new BlocsError('Un autre bloc de la session porte déjà ce titre.', 409, 'title')
}

/** A new bloc, last, with no competency yet. */
export async function createBloc(sessionId: string, titleInput: string, db: DbHandle = getDb()) {
  const value = titleOf(titleInput)
  return await transaction(db, async (tx) => {
    await editable(sessionId, tx)
    await uniqueTitle(sessionId, value, tx)
    const last = (
      await tx
        .select({ p: max(competencyBlocs.position) })
        .from(competencyBlocs)
        .where(eq(competencyBlocs.examSessionId, sessionId))
    )[0]?.p
    return (
      await tx
        .insert(competencyBlocs)
        .values({ examSessionId: sessionId, title: value, position: (last ?? 0) + 1 })
        .returning()
    )[0]!
  })
}

/** Renames a bloc; an example bloc the admin renames becomes theirs (no longer the demo's example). */
export async function renameBloc(sessionId: string, blocId: string, titleInput: string, db: DbHandle = getDb()) {
  const value = titleOf(titleInput)
  await transaction(db, async (tx) => {
    await editable(sessionId, tx)
    await blocOrThrow(sessionId, blocId, tx)
    await uniqueTitle(sessionId, value, tx, blocId)
    await tx.update(competencyBlocs).set({ title: value, example: false }).where(eq(competencyBlocs.id, blocId))
  })
}

/** Swaps a bloc with its neighbour (positions renumbered 1…n); at an end, nothing moves. */
export async function moveBloc(sessionId: string, blocId: string, direction: 'up' | 'down', db: DbHandle = getDb()) {
  await transaction(db, async (tx) => {
    await editable(sessionId, tx)
    await blocOrThrow(sessionId, blocId, tx)
    const order = (
      await tx
        .select({ id: competencyBlocs.id })
        .from(competencyBlocs)
        .where(eq(competencyBlocs.examSessionId, sessionId))
        .orderBy(asc(competencyBlocs.position), asc(competencyBlocs.createdAt))
    ).map((b) => b.id)
    const i = order.indexOf(blocId)
    const j = direction === 'up' ? i - 1 : i + 1
    if (j < 0 || j >= order.length) return
    ;[order[i], order[j]] = [order[j]!, order[i]!]
    for (const [k, id] of order.entries()) {
      await tx
        .update(competencyBlocs)
        .set({ position: k + 1 })
        .where(eq(competencyBlocs.id, id))
    }
  })
}

/** Deletes a bloc; its competencies are then in no bloc. */
export async function deleteBloc(sessionId: string, blocId: string, db: DbHandle = getDb()): Promise<{ title: string; competencies: number }> {
  return await transaction(db, async (tx) => {
    await editable(sessionId, tx)
    const bloc = await blocOrThrow(sessionId, blocId, tx)
    const n = (await tx.select({ n: count() }).from(blocCompetencies).where(eq(blocCompetencies.blocId, blocId)))[0]?.n ?? 0
    await tx.delete(competencyBlocs).where(eq(competencyBlocs.id, blocId))
    return { title: bloc.title, competencies: n }
  })
}

/**
 * Sets a bloc's competencies to `competencyIds`: those in another bloc move
 * to this one (a competency is in one bloc at most). Unknown ids are refused.
 */
export async function setBlocCompetencies(sessionId: string, blocId: string, competencyIds: readonly string[], db: DbHandle = getDb()) {
  const ids = [...new Set(competencyIds)]
  const unknown = ids.filter((id) => !referentielIndex.competencies.has(id))
  if (unknown.length) throw new BlocsError(`Compétence inconnue du référentiel\u00a0: ${unknown.join(', ')}.`, 400, 'competencyIds')
  return await transaction(db, async (tx) => {
    await editable(sessionId, tx)
    await blocOrThrow(sessionId, blocId, tx)
    const elsewhere = ids.length
      ? ((
          await tx
            .select({ n: count() })
            .from(blocCompetencies)
            .where(and(eq(blocCompetencies.examSessionId, sessionId), ne(blocCompetencies.blocId, blocId), inArray(blocCompetencies.competencyId, ids)))
        )[0]?.n ?? 0)
      : 0
    const before = (await tx.select({ id: blocCompetencies.competencyId }).from(blocCompetencies).where(eq(blocCompetencies.blocId, blocId))).map((r) => r.id)
    if (ids.length) await tx.delete(blocCompetencies).where(and(eq(blocCompetencies.examSessionId, sessionId), inArray(blocCompetencies.competencyId, ids)))
    await tx.delete(blocCompetencies).where(eq(blocCompetencies.blocId, blocId))
    if (ids.length) await tx.insert(blocCompetencies).values(ids.map((competencyId) => ({ blocId, examSessionId: sessionId, competencyId })))
    // The admin's own grouping now, unless nothing changed.
    const changed = before.length !== ids.length || before.some((id) => !ids.includes(id))
    if (changed) await tx.update(competencyBlocs).set({ example: false }).where(eq(competencyBlocs.id, blocId))
    return { count: ids.length, moved: elsewhere }
  })
}

/** Names the jury president (a user with the juror role), or nobody; refused once the results are published. */
export async function setPresident(sessionId: string, presidentId: string | null, db: DbHandle = getDb()): Promise<string> {
  return await transaction(db, async (tx) => {
    const session = await sessionOrThrow(sessionId, tx)
    if (session.resultsPublishedAt) throw new BlocsError(PUBLISHED, 409, 'presidentId')
    if (presidentId === null) {
      await tx.update(examSessions).set({ presidentId: null }).where(eq(examSessions.id, sessionId))
      return 'La session n’a plus de président·e du jury.'
    }
    const [juror] = await tx
      .select({ name: users.name })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'juror')))
      .where(eq(users.id, presidentId))
    if (!juror) throw new BlocsError('Choisissez un·e juré·e de la liste.', 400, 'presidentId')
    await tx.update(examSessions).set({ presidentId }).where(eq(examSessions.id, sessionId))
    return `${juror.name} préside désormais le jury de la session.`
  })
}

/** Whether the session exists (for the route's 404 before anything else). */
export async function sessionExists(sessionId: string, db: DbHandle = getDb()): Promise<boolean> {
  return Boolean(
    (
      await db
        .select({ one: sql`1` })
        .from(examSessions)
        .where(eq(examSessions.id, sessionId))
    )[0],
  )
}
