import { and, asc, eq, exists, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { Role } from '~/domain/permissions'
import { getDb, inList, likeInsensitive, schema, transaction } from './db.server'
import { hashPassword } from './password.server'

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })

const { users, userRoles, loginSessions, enrollments, tutorAssignments, jurorAssignments } = schema

export const USERS_PAGE_SIZE = 50

export type UserFilters = { q: string; role: Role | null; sessionId: string | null; state: 'active' | 'inactive' | null; page: number }

/** `%`, `_` and `\` typed by the admin are searched for as such. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * One page of accounts, by name, with the filters applied in the query:
 * a search in the name and e-mail, a role, a session (its learners, tutors
 * and jurors), active or deactivated. `page` is clamped to the pages there are.
 */
export async function searchUsers(filters: UserFilters) {
  const db = getDb()
  const conditions: SQL[] = []
  const q = filters.q.trim()
  if (q) conditions.push(or(likeInsensitive(users.name, likePattern(q)), likeInsensitive(users.email, likePattern(q.toLowerCase())))!)
  if (filters.role)
    conditions.push(
      exists(
        db
          .select({ x: sql`1` })
          .from(userRoles)
          .where(and(eq(userRoles.userId, users.id), eq(userRoles.role, filters.role))),
      ),
    )
  if (filters.sessionId) {
    const id = filters.sessionId
    conditions.push(
      or(
        exists(
          db
            .select({ x: sql`1` })
            .from(enrollments)
            .where(and(eq(enrollments.learnerId, users.id), eq(enrollments.examSessionId, id))),
        ),
        exists(
          db
            .select({ x: sql`1` })
            .from(tutorAssignments)
            .where(and(eq(tutorAssignments.tutorId, users.id), eq(tutorAssignments.examSessionId, id))),
        ),
        exists(
          db
            .select({ x: sql`1` })
            .from(jurorAssignments)
            .where(and(eq(jurorAssignments.jurorId, users.id), eq(jurorAssignments.examSessionId, id))),
        ),
      )!,
    )
  }
  if (filters.state === 'active') conditions.push(isNull(users.deactivatedAt))
  if (filters.state === 'inactive') conditions.push(isNotNull(users.deactivatedAt))
  const where = conditions.length ? and(...conditions) : undefined
  // SQLite orders by code point (« Étienne » after « Zoé »): the matches are sorted here, in French, then one page is read.
  const matches = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(where)
  matches.sort((a, b) => collator.compare(a.name, b.name) || a.email.localeCompare(b.email))
  const total = matches.length
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE))
  const page = Math.min(pages, Math.max(1, filters.page))
  const ids = matches.slice((page - 1) * USERS_PAGE_SIZE, page * USERS_PAGE_SIZE).map((m) => m.id)
  const byId = new Map(
    (ids.length
      ? await db
          .select({ id: users.id, name: users.name, email: users.email, createdAt: users.createdAt, deactivatedAt: users.deactivatedAt })
          .from(users)
          .where(inList(users.id, ids))
      : []
    ).map((u) => [u.id, u]),
  )
  const rows = ids.map((id) => byId.get(id)!)
  const roles = ids.length ? await db.select().from(userRoles).where(inList(userRoles.userId, ids)) : []
  return { rows: rows.map((u) => ({ ...u, roles: roles.filter((r) => r.userId === u.id).map((r) => r.role) })), total, page, pages }
}

/**
 * Deactivates (its login sessions end at once, in the same transaction) or
 * reactivates an account. Returns false when it already was in that state.
 */
export async function setAccountActive(userId: string, active: boolean, now = new Date()): Promise<boolean> {
  return await transaction(getDb(), async (tx) => {
    const changed = (
      await tx
        .update(users)
        .set({ deactivatedAt: active ? null : now })
        .where(and(eq(users.id, userId), active ? isNotNull(users.deactivatedAt) : isNull(users.deactivatedAt)))
        .returning({ id: users.id })
    ).length
    if (!active) await tx.delete(loginSessions).where(eq(loginSessions.userId, userId))
    return changed > 0
  })
}

export async function getUserWithRoles(id: string) {
  const db = getDb()
  const [user] = await db.select({ id: users.id, name: users.name, email: users.email, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, id))
  if (!user) return null
  const roles = (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, id))).map((r) => r.role)
  return { ...user, roles }
}

export class EmailTakenError extends Error {}

export async function createUser(input: { name: string; email: string; password: string; roles: Role[] }) {
  const db = getDb()
  const email = input.email.trim().toLowerCase()
  const passwordHash = await hashPassword(input.password)
  return await transaction(db, async (tx) => {
    if ((await tx.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]) throw new EmailTakenError()
    const user = (await tx.insert(users).values({ name: input.name.trim(), email, passwordHash }).returning())[0]!
    if (input.roles.length) await tx.insert(userRoles).values(input.roles.map((role) => ({ userId: user.id, role })))
    return user
  })
}

/** Replaces a user's roles in one transaction. */
export async function setUserRoles(userId: string, roles: Role[]) {
  await transaction(getDb(), async (tx) => {
    await tx.delete(userRoles).where(eq(userRoles.userId, userId))
    if (roles.length) await tx.insert(userRoles).values(roles.map((role) => ({ userId, role })))
  })
}

/** Revokes every login session of a user. Returns how many were revoked. */
export async function revokeSessions(userId: string): Promise<number> {
  return (await getDb().delete(loginSessions).where(eq(loginSessions.userId, userId)).returning({ id: loginSessions.id })).length
}

/** The exam sessions, for the user list's filter. */
export async function sessionChoices() {
  return await getDb()
    .select({ id: schema.examSessions.id, name: schema.examSessions.name })
    .from(schema.examSessions)
    .orderBy(asc(schema.examSessions.startsOn))
}
