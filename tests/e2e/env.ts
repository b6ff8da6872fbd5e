/** Settings shared by playwright.config.ts and the e2e fixtures. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100)
/** The e2e server's database: a SQLite file, or the PostgreSQL database of `npm run test:e2e:pg` (scripts/e2e-postgres.ts). */
export const E2E_DATABASE = process.env.E2E_DATABASE_URL ?? 'data/e2e.db'
export const E2E_SECRET = 'e2e-session-secret'
/** Redis of `npm run test:e2e:pg`: a second app server then runs on the next port (multi-server.spec.ts). */
export const E2E_REDIS_URL = process.env.E2E_REDIS_URL ?? null
export const E2E_SECOND_BASE_URL = E2E_REDIS_URL ? `http://localhost:${E2E_PORT + 1}` : null
/** The files folder both app servers share (as a network volume would be). */
export const E2E_FILES_DIR = 'data/e2e-files'
