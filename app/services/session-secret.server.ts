import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { filesDir } from '#db/client'

/** Signs cookies in development only: it is public. */
export const DEV_SESSION_SECRET = 'atelier-dev-secret-change-me'

/**
 * The secret written by `npm run setup`, in the folder of the stored files
 * (`data/session-secret` by default): next to the SQLite database, or in the
 * folder several app servers share (FILES_DIR), so that they all sign alike.
 */
export function sessionSecretFile(folder = filesDir()): string {
  return path.join(folder, 'session-secret')
}

export const MISSING_SECRET_MESSAGE = (file: string) =>
  `Aucun secret de session : définissez SESSION_SECRET (une longue chaîne aléatoire) ou lancez « npm run setup », qui crée ${file}. ` +
  'Le serveur de production refuse de démarrer avec le secret de développement, connu de tous.'

function readSecretFile(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim() || null
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * The secrets that sign the session cookie: SESSION_SECRET (comma-separated, newest first,
 * for rotation), else the local file, else — outside production only — the development secret.
 * Throws in production when there is none.
 */
export function resolveSessionSecrets({ env = process.env, file = sessionSecretFile() }: { env?: NodeJS.ProcessEnv; file?: string } = {}): string[] {
  const configured = env.SESSION_SECRET?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (configured && configured.length > 0) return configured
  const local = readSecretFile(file)
  if (local) return [local]
  if (env.NODE_ENV === 'production') throw new Error(MISSING_SECRET_MESSAGE(file))
  return [DEV_SESSION_SECRET]
}

/** Writes a random secret, readable by its owner only, unless the file exists. True when it was created. */
export function createSessionSecretFile(file = sessionSecretFile()): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  try {
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}
