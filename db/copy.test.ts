import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPostgres } from '../tests/unit/temp-postgres'

// The demo school (every kind of row: dossiers, comments, hand-ins, gradings, deliberations…) in a SQLite file of its own.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-copy-'))
const file = path.join(dir, 'atelier.db')
process.env.DATABASE_URL = file
const { seed } = await import('./seed')
const { closeDb } = await import('./client')
const { copyDatabase, digest } = await import('./copy')
const { openPostgres } = await import('./client.pg')
const { backupPostgres, restorePostgres } = await import('./backup')
const pgSchema = await import('./schema.pg')

let postgres: Awaited<ReturnType<typeof startPostgres>>
beforeAll(async () => {
  await seed({ learners: 9 })
  await closeDb()
  postgres = await startPostgres()
}, 120_000)
afterAll(() => {
  postgres?.stop()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('db:copy', () => {
  it('copies a school’s SQLite database into PostgreSQL: the same rows, the same content, table by table', async () => {
    const reports = await copyDatabase(file, postgres.url)
    expect(reports.length).toBeGreaterThan(40)
    expect(reports.filter((r) => r.sqlite !== r.postgres)).toEqual([])
    // Not an empty copy: most tables of the demo hold rows.
    expect(reports.filter((r) => r.rows > 0).length).toBeGreaterThan(25)
    expect(reports.find((r) => r.table === 'dossier_sections')!.rows).toBeGreaterThan(20)

    const { pool, db } = openPostgres(postgres.url)
    try {
      // Identity columns go on after the copied ids.
      const [attempt] = await db.insert(pgSchema.loginAttempts).values({ email: 'nouvelle@test.fr', succeeded: true }).returning()
      const { rows: ids } = await db.execute<{ max: number }>(sql`select max(id)::int as max from login_attempts`)
      expect(attempt!.id).toBe(ids[0]!.max)
      // The hash sees a change: one different cell, another hash.
      const rows = (await db.select().from(pgSchema.users)) as Record<string, unknown>[]
      expect(digest(rows.map((r, i) => (i === 0 ? { ...r, name: `${String(r.name)}!` } : r))).hash).not.toBe(digest(rows).hash)
    } finally {
      await pool.end()
    }
  }, 120_000)

  it('backs PostgreSQL up with pg_dump and restores it: the same content as before the damage', async () => {
    const { pool, db } = openPostgres(postgres.url)
    try {
      const before = digest((await db.select().from(pgSchema.dossierSections)) as Record<string, unknown>[])
      const folder = path.join(dir, 'sauvegarde-pg')
      const files = path.join(dir, 'fichiers')
      fs.mkdirSync(path.join(files, 'uploads'), { recursive: true })
      fs.writeFileSync(path.join(files, 'uploads', 'preuve'), 'PDF…')
      expect(backupPostgres(postgres.url, folder, files).files).toBe(1)
      await db.delete(pgSchema.dossierSections)
      fs.rmSync(files, { recursive: true })
      expect((await db.select().from(pgSchema.dossierSections)).length).toBe(0)
      expect((await restorePostgres(folder, postgres.url, files)).files).toBe(1)
      expect(digest((await db.select().from(pgSchema.dossierSections)) as Record<string, unknown>[])).toEqual(before)
      expect(before.rows).toBeGreaterThan(20)
      expect(fs.readFileSync(path.join(files, 'uploads', 'preuve'), 'utf8')).toBe('PDF…')
    } finally {
      await pool.end()
    }
  }, 60_000)

  it('copies only into an empty database', async () => {
    await expect(copyDatabase(file, postgres.url)).rejects.toThrow(/n’est pas vide/)
  })
})
