import { createHash, randomBytes } from 'node:crypto'
import { and, eq, isNull, ne } from 'drizzle-orm'
import { PASSWORD_LINK_DAYS } from '~/domain/cohort-import'
import { NewUserSchema } from '~/domain/user-forms'
import { getDb, schema, type DbHandle, transaction } from './db.server'
import { hashPassword } from './password.server'

const { passwordLinks, users, loginSessions } = schema

export type PasswordLinkPurpose = (typeof schema.PASSWORD_LINK_PURPOSES)[number]

const DAY_MS = 24 * 60 * 60 * 1000
/** 32 random bytes in base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** Only this is stored: the token itself is shown once, to the admin who made the link. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** The page where a link's owner sets a password (app/routes/mot-de-passe.$token.tsx). */
export const passwordLinkPath = (token: string) => `/mot-de-passe/${token}`

/**
 * Makes a one-time link to set a password, valid PASSWORD_LINK_DAYS days, on the
 * caller's handle (a transaction, usually). `expiresAt` is in milliseconds.
 */
export async function createPasswordLink(
  tx: DbHandle,
  input: { userId: string; purpose: PasswordLinkPurpose; createdBy: string | null; now?: Date },
): Promise<{ token: string; expiresAt: number }> {
  const now = input.now ?? new Date()
  const token = randomBytes(32).toString('base64url')
  const expiresAt = now.getTime() + PASSWORD_LINK_DAYS * DAY_MS
  await tx.insert(passwordLinks).values({
    userId: input.userId,
    tokenHash: hashToken(token),
    purpose: input.purpose,
    createdBy: input.createdBy,
    createdAt: now,
    expiresAt: new Date(expiresAt),
  })
  return { token, expiresAt }
}

export type PasswordLinkRefusal = 'unknown' | 'used' | 'expired'

export const PASSWORD_LINK_MESSAGES: Record<PasswordLinkRefusal, string> = {
  unknown: 'Ce lien n’est pas valide. Vérifiez qu’il est complet, ou demandez-en un nouveau à l’administration de votre école.',
  used: 'Ce lien a déjà servi. Connectez-vous avec votre mot de passe, ou demandez un nouveau lien à l’administration de votre école.',
  expired: 'Ce lien a expiré. Demandez-en un nouveau à l’administration de votre école.',
}

export type PasswordLinkLookup =
  | { ok: true; userId: string; name: string; email: string; purpose: PasswordLinkPurpose; expiresAt: number }
  | { ok: false; reason: PasswordLinkRefusal; message: string }

const refusal = (reason: PasswordLinkRefusal) => ({ ok: false as const, reason, message: PASSWORD_LINK_MESSAGES[reason] })

async function lookUp(db: DbHandle, token: string, now: Date): Promise<PasswordLinkLookup & { linkId?: string }> {
  if (!TOKEN_PATTERN.test(token)) return refusal('unknown')
  const [link] = await db
    .select({
      id: passwordLinks.id,
      userId: passwordLinks.userId,
      purpose: passwordLinks.purpose,
      expiresAt: passwordLinks.expiresAt,
      usedAt: passwordLinks.usedAt,
      name: users.name,
      email: users.email,
    })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .where(eq(passwordLinks.tokenHash, hashToken(token)))
  if (!link) return refusal('unknown')
  if (link.usedAt) return refusal('used')
  if (link.expiresAt.getTime() <= now.getTime()) return refusal('expired')
  return { ok: true, linkId: link.id, userId: link.userId, name: link.name, email: link.email, purpose: link.purpose, expiresAt: link.expiresAt.getTime() }
}

/** Whose link this is, or why it cannot be used. */
export async function findPasswordLink(token: string, now = new Date()): Promise<PasswordLinkLookup> {
  const found = await lookUp(getDb(), token, now)
  if (!found.ok) return found
  const { linkId: _linkId, ...rest } = found
  return rest
}

export type RedeemResult =
  { ok: true; userId: string; email: string } | { ok: false; reason: PasswordLinkRefusal; message: string } | { ok: false; reason: 'password'; message: string }

/** The app's password rule (NewUserSchema): 10 to 200 characters. */
const passwordSchema = NewUserSchema.shape.password

/**
 * Sets the password of a link's owner, in one IMMEDIATE transaction: the link
 * is marked used, the owner's other unused links are invalidated (marked used
 * too) and their login sessions are revoked. A link is used at most once, even
 * when two requests race (the link is read again inside the transaction).
 */
export async function redeemPasswordLink(token: string, password: string, now = new Date()): Promise<RedeemResult> {
  const before = await lookUp(getDb(), token, now)
  if (!before.ok) return before
  const parsed = passwordSchema.safeParse(password)
  if (!parsed.success) return { ok: false, reason: 'password', message: parsed.error.issues[0]?.message ?? 'Ce mot de passe n’est pas valide.' }
  const passwordHash = await hashPassword(parsed.data)
  return await transaction(getDb(), async (tx): Promise<RedeemResult> => {
    const link = await lookUp(tx, token, now)
    if (!link.ok) return link
    await tx.update(users).set({ passwordHash }).where(eq(users.id, link.userId))
    await tx.update(passwordLinks).set({ usedAt: now }).where(eq(passwordLinks.id, link.linkId!))
    await tx
      .update(passwordLinks)
      .set({ usedAt: now })
      .where(and(eq(passwordLinks.userId, link.userId), isNull(passwordLinks.usedAt), ne(passwordLinks.id, link.linkId!)))
    await tx.delete(loginSessions).where(eq(loginSessions.userId, link.userId))
    return { ok: true, userId: link.userId, email: link.email }
  })
}
