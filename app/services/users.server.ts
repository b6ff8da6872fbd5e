import { asc, eq } from 'drizzle-orm'
import type { Role } from '~/domain/permissions'
import { getDb, IMMEDIATE, schema } from './db.server'
import { hashPassword } from './password.server'

const { users, userRoles, loginSessions } = schema

export function listUsers() {
  const db = getDb()
  const rows = db.select({ id: users.id, name: users.name, email: users.email, createdAt: users.createdAt }).from(users).orderBy(asc(users.name)).all()
  const roles = db.select().from(userRoles).all()
  return rows.map((u) => ({ ...u, roles: roles.filter((r) => r.userId === u.id).map((r) => r.role) }))
}

export function getUserWithRoles(id: string) {
  const db = getDb()
  const user = db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, id)).get()
  if (!user) return null
  const roles = db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, id))
    .all()
    .map((r) => r.role)
  return { ...user, roles }
}

export class EmailTakenError extends Error {}

export async function createUser(input: { name: string; email: string; password: string; roles: Role[] }) {
  const db = getDb()
  const email = input.email.trim().toLowerCase()
  const passwordHash = await hashPassword(input.password)
  return db.transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) throw new EmailTakenError()
    const user = tx.insert(users).values({ name: input.name.trim(), email, passwordHash }).returning().get()
    if (input.roles.length)
      tx.insert(userRoles)
        .values(input.roles.map((role) => ({ userId: user.id, role })))
        .run()
    return user
  }, IMMEDIATE)
}

/** Replaces a user's roles in one transaction. */
export function setUserRoles(userId: string, roles: Role[]) {
  getDb().transaction((tx) => {
    tx.delete(userRoles).where(eq(userRoles.userId, userId)).run()
    if (roles.length)
      tx.insert(userRoles)
        .values(roles.map((role) => ({ userId, role })))
        .run()
  }, IMMEDIATE)
}

/** Revokes every login session of a user. Returns how many were revoked. */
export function revokeSessions(userId: string): number {
  return getDb().delete(loginSessions).where(eq(loginSessions.userId, userId)).run().changes
}
