import { redirect } from '@remix-run/node'
import { and, eq, gt, isNull, lt } from 'drizzle-orm'
import { hasPermission, type Permission, type Role } from '~/domain/permissions'
import { getDb, schema } from './db.server'
import { verifyPassword } from './password.server'
import { SESSION_TTL_MS, sessionCookie } from './session.server'
import { checkLoginThrottle, recordLoginAttempt } from './login-throttle.server'
import { getUserWithRoles } from './users.server'

export type SessionUser = { id: string; name: string; email: string; roles: Role[] }

async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get('Cookie'))
  return typeof value === 'string' ? value : null
}

/** The logged-in user, or null. A session row that expired or was deleted logs out. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request)
  if (!sessionId) return null
  // A deactivated account's sessions are deleted when it is deactivated; the join keeps it out regardless.
  const [session] = await getDb()
    .select({ userId: schema.loginSessions.userId })
    .from(schema.loginSessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.loginSessions.userId))
    .where(and(eq(schema.loginSessions.id, sessionId), gt(schema.loginSessions.expiresAt, new Date()), isNull(schema.users.deactivatedAt)))
  return session ? await getUserWithRoles(session.userId) : null
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url)
  const redirectTo = safeRedirect(`${url.pathname}${url.search}`, '/')
  const params = redirectTo === '/' ? '' : `?${new URLSearchParams({ redirectTo })}`
  throw redirect(`/connexion${params}`)
}

/** Every loader and action calls this (or requirePermission): anonymous → login page. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request)
  if (!user) loginRedirect(request)
  return user
}

export function forbidden(message = 'Vous n’avez pas accès à cette page.'): never {
  throw new Response(message, { status: 403, statusText: 'Forbidden' })
}

/** Requires a logged-in user holding `permission` (`any` satisfies `own`); otherwise 403. */
export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request)
  if (!hasPermission(user.roles, permission)) forbidden()
  return user
}

/** Requires a logged-in user holding `role`; otherwise 403. */
export async function requireRole(request: Request, role: Role): Promise<SessionUser> {
  const user = await requireUser(request)
  if (!user.roles.includes(role)) forbidden()
  return user
}

export const DEACTIVATED = 'Ce compte est désactivé\u00a0: adressez-vous à l’administration de votre école.'

export type LoginResult = { ok: true; cookie: string; user: SessionUser } | { ok: false; status: 401 | 429; message: string }

/** `ip` is the client address (Express `req.ip`): failures are throttled per account and address. */
export async function login(emailInput: string, password: string, ip = ''): Promise<LoginResult> {
  const email = emailInput.trim().toLowerCase()
  const throttle = await checkLoginThrottle(email, ip)
  if (throttle.blocked) {
    return {
      ok: false,
      status: 429,
      message: `Trop de tentatives de connexion échouées. Par sécurité, réessayez dans ${throttle.retryInMinutes}\u00a0minute${throttle.retryInMinutes > 1 ? 's' : ''}.`,
    }
  }
  const db = getDb()
  const [user] = await db.select().from(schema.users).where(eq(schema.users.email, email))
  // Verify even for an unknown e-mail so that timing does not reveal which accounts exist.
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
  await recordLoginAttempt(email, ip, Boolean(user && valid))
  if (!user || !valid) {
    return { ok: false, status: 401, message: 'Adresse e-mail ou mot de passe incorrect.' }
  }
  // Said only to whoever knows the password: it reveals nothing to a guesser.
  if (user.deactivatedAt) return { ok: false, status: 401, message: DEACTIVATED }
  // Expired sessions of this user are of no use any more.
  await db.delete(schema.loginSessions).where(and(eq(schema.loginSessions.userId, user.id), lt(schema.loginSessions.expiresAt, new Date())))
  const session = (
    await db
      .insert(schema.loginSessions)
      .values({ userId: user.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
      .returning()
  )[0]!
  const sessionUser = (await getUserWithRoles(user.id))!
  return { ok: true, cookie: await sessionCookie.serialize(session.id), user: sessionUser }
}

/** Deletes the session row (revocation) and returns a cookie header that clears the cookie. */
export async function logout(request: Request): Promise<string> {
  const sessionId = await readSessionId(request)
  if (sessionId) await getDb().delete(schema.loginSessions).where(eq(schema.loginSessions.id, sessionId))
  return sessionCookie.serialize('', { maxAge: 0 })
}

/**
 * A path of this site: one leading `/`, then no `/` right after it, no backslash, no
 * whitespace and no control character. Browsers drop tabs and newlines and read `\\` as `/`
 * (`/<TAB>/evil.example` is `//evil.example`), and a newline cannot go in a Location header.
 */
const SAME_SITE_PATH = /^\/(?![/\\])[^\\\s\p{Cc}\p{Cf}]*$/u

/** Only same-site paths are followed after login; anything else goes to `fallback`. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  return typeof to === 'string' && SAME_SITE_PATH.test(to) ? to : fallback
}

// A valid hash of a random password, used to spend the same time on unknown e-mails.
const DUMMY_HASH = 'scrypt$32768$8$1$cmFuZG9tLXNhbHQtMTIzNA==$0P0oNYcOsQ2dGYlUuTdnjC0i8bKqHyFqIYGB2W7m0ZqyKQq3wD5eMIz0hQhN4vS0hGfQpVf4o8F3oV8zCq5YQw=='
