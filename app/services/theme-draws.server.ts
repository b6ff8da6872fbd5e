/**
 * Serious-game theme draws (issue 13 §5): each member of a serious-game group
 * draws one of the three themes, never the same twice in the group. The admin
 * draws; the seed, the members in the order the draw used, the result, the
 * admin's name and the time are stored, so any draw can be replayed from its
 * row (`replayDraw`). A redraw needs a reason and supersedes the current draw,
 * which stays in the history. Refusals are ThemeDrawError with a French
 * message; nothing is written then.
 */
import { randomBytes } from 'node:crypto'
import { and, asc, desc, eq, isNull } from 'drizzle-orm'
import { drawThemes, isTheme, SERIOUS_GAME_ID, THEMES, type Theme, type ThemeDraw } from '~/domain/draw'
import type { SessionUser } from './auth.server'
import { getDb, schema, type DbHandle, transaction } from './db.server'

const { groups, groupMembers, themeDraws, users } = schema

export type ThemeDrawRow = typeof themeDraws.$inferSelect

export class ThemeDrawError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'ThemeDrawError'
  }
}

export const REASON_MIN = 10
export const REASON_MAX = 500
export const NOT_ADMIN = 'Seul·e un·e administrateur·rice peut tirer les thèmes au sort.'
export const NO_GROUP = 'Ce groupe n’existe pas.'
export const NOT_SERIOUS_GAME = 'Les thèmes ne se tirent au sort que pour un groupe du serious game.'
export const NO_MEMBERS = 'Ce groupe n’a encore aucun membre\u00a0: ajoutez-en avant le tirage.'
export const TOO_MANY = `Un groupe du serious game compte 3\u00a0membres au plus\u00a0: il n’y a que ${THEMES.length}\u00a0thèmes à tirer.`
export const REASON_NEEDED = `Un nouveau tirage remplace le tirage en cours\u00a0: donnez-en la raison (${REASON_MIN}\u00a0caractères au moins).`
export const REASON_TOO_LONG = `La raison tient en ${REASON_MAX}\u00a0caractères au plus.`

/** A fresh seed for a draw: 128 random bits, hex. */
export function newSeed(): string {
  return randomBytes(16).toString('hex')
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })

/** The group's members (id, name), in the order a draw uses them: by id, so that the order never depends on the query. */
async function membersOf(groupId: string, db: DbHandle): Promise<{ id: string; name: string }[]> {
  return await db
    .select({ id: users.id, name: users.name })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.learnerId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(users.id))
}

/** The group's current draw (none superseded it), if any. */
export async function currentDraw(groupId: string, db: DbHandle = getDb()): Promise<ThemeDrawRow | undefined> {
  return (
    await db
      .select()
      .from(themeDraws)
      .where(and(eq(themeDraws.groupId, groupId), isNull(themeDraws.supersededAt)))
      .orderBy(desc(themeDraws.drawnAt))
  )[0]
}

/** Every draw of the group, newest first (the current one first, then those it superseded). */
export async function drawHistory(groupId: string, db: DbHandle = getDb()): Promise<ThemeDrawRow[]> {
  return await db.select().from(themeDraws).where(eq(themeDraws.groupId, groupId)).orderBy(desc(themeDraws.drawnAt), desc(themeDraws.supersededAt))
}

/** The theme a learner drew in the group's current draw, or null (no draw yet, or drawn before they joined). */
export async function learnerTheme(learnerId: string, groupId: string, db: DbHandle = getDb()): Promise<Theme | null> {
  const theme = (await currentDraw(groupId, db))?.result.find((r) => r.learnerId === learnerId)?.theme
  return isTheme(theme) ? theme : null
}

/** Recomputes a stored draw from its seed and its members in order: it must equal the stored result. */
export function replayDraw(row: Pick<ThemeDrawRow, 'seed' | 'result'>): ThemeDraw[] {
  return drawThemes(
    row.result.map((r) => r.learnerId),
    row.seed,
  )
}

/** Whether a stored draw replays to exactly what was stored. */
export function verifyDraw(row: Pick<ThemeDrawRow, 'seed' | 'result'>): boolean {
  const replay = replayDraw(row)
  return replay.length === row.result.length && replay.every((r, i) => r.learnerId === row.result[i]?.learnerId && r.theme === row.result[i]?.theme)
}

/**
 * Draws the themes of a serious-game group, for an admin. Refused: not an
 * admin, no such group, not a serious-game group, no member or more than 3;
 * a redraw (the group already has a current draw) without a reason of
 * REASON_MIN characters. In one IMMEDIATE transaction: the current draw is
 * marked superseded at `now`, and the new one is stored with its seed.
 */
export async function drawGroupThemes(
  admin: SessionUser,
  groupId: string,
  { reason = '', now = new Date(), seed = newSeed(), db = getDb() }: { reason?: string; now?: Date; seed?: string; db?: DbHandle } = {},
): Promise<ThemeDrawRow> {
  if (!admin.roles.includes('admin')) throw new ThemeDrawError(NOT_ADMIN, 403)
  const why = reason.trim().replace(/\s+/g, ' ')
  if (why.length > REASON_MAX) throw new ThemeDrawError(REASON_TOO_LONG, 400, 'reason')
  return await transaction(db, async (tx) => {
    const [group] = await tx.select({ id: groups.id, evaluationId: groups.evaluationId }).from(groups).where(eq(groups.id, groupId))
    if (!group) throw new ThemeDrawError(NO_GROUP, 404)
    if (group.evaluationId !== SERIOUS_GAME_ID) throw new ThemeDrawError(NOT_SERIOUS_GAME, 400)
    const members = await membersOf(groupId, tx)
    if (members.length === 0) throw new ThemeDrawError(NO_MEMBERS, 409)
    if (members.length > THEMES.length) throw new ThemeDrawError(TOO_MANY, 409)
    const previous = await currentDraw(groupId, tx)
    if (previous && why.length < REASON_MIN) throw new ThemeDrawError(REASON_NEEDED, 400, 'reason')
    if (previous)
      await tx
        .update(themeDraws)
        .set({ supersededAt: now })
        .where(and(eq(themeDraws.groupId, groupId), isNull(themeDraws.supersededAt)))
    const result = drawThemes(
      members.map((m) => m.id),
      seed,
    )
    return (
      await tx.insert(themeDraws).values({ groupId, seed, result, reason: why, drawnBy: admin.id, drawnByName: admin.name, drawnAt: now }).returning()
    )[0]!
  })
}

/**
 * The members of a serious-game group who have no theme in its current draw
 * (no draw yet, or they joined after it), by name: what blocks the group's
 * hand-in. Empty for any other group or for an individual dossier.
 */
export async function missingThemes(target: string | { groupId: string | null }, db: DbHandle = getDb()): Promise<string[]> {
  const groupId = typeof target === 'string' ? target : target.groupId
  if (!groupId) return []
  const [group] = await db.select({ evaluationId: groups.evaluationId }).from(groups).where(eq(groups.id, groupId))
  if (group?.evaluationId !== SERIOUS_GAME_ID) return []
  const drawn = new Set(((await currentDraw(groupId, db))?.result ?? []).filter((r) => isTheme(r.theme)).map((r) => r.learnerId))
  return (await membersOf(groupId, db))
    .filter((m) => !drawn.has(m.id))
    .map((m) => m.name)
    .sort(collator.compare)
}

/** « Le tirage des thèmes n’est pas fait pour : X, Y. » — the hand-in blocker of a serious-game dossier, or null. */
export async function missingThemesMessage(target: string | { groupId: string | null }, db: DbHandle = getDb()): Promise<string | null> {
  const names = await missingThemes(target, db)
  return names.length === 0 ? null : `Le tirage des thèmes n’est pas fait pour\u00a0: ${names.join(', ')}.`
}
