import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, inject } from 'vitest'
import { createDatabase } from './temp-postgres'

/**
 * Gives a unit test file its own throw-away database: a new directory under the
 * system's temp folder, DATABASE_URL pointing at `test.db` in it, and `#db/client`
 * imported only then (it reads DATABASE_URL). The directory also holds what the
 * services store next to the database (uploads, snapshots: FILES_DIR).
 *
 * With TEST_DATABASE=postgres (`npm run test:unit:pg`) the database is a copy
 * of the migrated template on the run's PostgreSQL server
 * (tests/unit/pg-global-setup.ts) instead: the same tests, on the other engine.
 *
 * Call it at the top of the file, before importing anything that touches the
 * database, and import those with `await import(...)`: a static import would be
 * hoisted above it. An `afterAll` closes the connection and removes the directory;
 * it is registered first, so it runs after the file's own `afterAll` hooks (vitest
 * runs them in reverse order, `sequence.hooks: 'stack'`, its default).
 *
 * Returns the `#db/client` module, with the directory and the database file.
 */
export async function setupTempDb(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `atelier-${name}-`))
  const dbFile = path.join(dir, 'test.db')
  process.env.FILES_DIR = dir
  if (process.env.TEST_DATABASE === 'postgres') {
    const server = inject('postgresUrl')
    const database = `test_${name.replace(/\W/g, '_')}_${crypto.randomBytes(4).toString('hex')}`.toLowerCase()
    process.env.DATABASE_URL = await createDatabase(server, database, 'atelier_template')
  } else {
    process.env.DATABASE_URL = dbFile
  }
  const client = await import('#db/client')
  afterAll(async () => {
    await client.closeDb()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  return { ...client, dir, dbFile }
}
