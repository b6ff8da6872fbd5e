/**
 * The e2e tests on PostgreSQL (issue 18): `npm run test:e2e:pg [-- <specs>]`.
 * Starts a throw-away PostgreSQL server (Debian's package), creates an empty
 * database, and runs Playwright against the app on it: playwright.config.ts
 * seeds the demo into SQLite and copies it over with db:copy, then serves the
 * production build with DATABASE_URL=postgres://…. Without specs, the subset
 * the issue names: autosave, conflicts, the authorization matrix, hand-ins and
 * exports; and, with a throw-away Redis server, the same app on two app
 * servers sharing the database, Redis and the files folder (multi-server.spec).
 * The servers are stopped and removed afterwards.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createDatabase, startPostgres } from '../tests/unit/temp-postgres'
import { startRedis } from '../tests/unit/temp-redis'
import { E2E_FILES_DIR } from '../tests/e2e/env'

const SUBSET = ['dossier-api', 'dossier.spec', 'authorization', 'hand-in', 'exports', 'double-marking', 'multi-server']

fs.rmSync(E2E_FILES_DIR, { recursive: true, force: true })
const server = await startPostgres()
const redis = await startRedis()
let status = 1
try {
  const url = await createDatabase(server.url, 'atelier_e2e')
  const specs = process.argv.slice(2)
  const run = spawnSync('npx', ['playwright', 'test', ...(specs.length ? specs : SUBSET)], {
    stdio: 'inherit',
    // DATABASE_URL too: the tests' own database access (tests/e2e/fixtures.ts) picks its tables by it.
    // FILES_DIR: the tests read the files the servers store where they do.
    env: { ...process.env, E2E_DATABASE_URL: url, DATABASE_URL: url, E2E_REDIS_URL: redis.url, FILES_DIR: E2E_FILES_DIR },
  })
  status = run.status ?? 1
} finally {
  server.stop()
  redis.stop()
}
process.exit(status)
