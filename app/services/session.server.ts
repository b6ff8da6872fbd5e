import { createCookie } from '@remix-run/node'

const DEV_SECRET = 'atelier-dev-secret-change-me'

function secrets(): string[] {
  const configured = process.env.SESSION_SECRET?.split(',').filter(Boolean)
  if (configured && configured.length > 0) return configured
  if (process.env.NODE_ENV === 'production' && process.env.ALLOW_DEV_SECRET !== 'true') {
    console.warn('SESSION_SECRET is not set: using the development secret.')
  }
  return [DEV_SECRET]
}

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
  secrets: secrets(),
  maxAge: SESSION_TTL_MS / 1000,
})
