import { createCookie } from '@remix-run/node'
import { resolveSessionSecrets } from './session-secret.server'

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000

/**
 * The login cookie holds only the id of a row in `login_sessions`, signed.
 * httpOnly, SameSite=Lax, Secure in production (browsers accept Secure
 * cookies on http://localhost).
 */
export const sessionCookie = createCookie('atelier_session', {
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
  secure: process.env.NODE_ENV === 'production' && process.env.COOKIE_SECURE !== 'false',
  secrets: resolveSessionSecrets(),
  maxAge: SESSION_TTL_MS / 1000,
})
