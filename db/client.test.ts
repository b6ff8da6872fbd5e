import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, runMigrations } from './client'
import * as schema from './schema'

const dirs: string[] = []
function freshDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-db-'))
  dirs.push(dir)
  const conn = openDatabase(path.join(dir, 'test.db'))
  runMigrations(conn.sqlite, conn.db)
  return conn
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe('database', () => {
  it('applies the committed migrations with WAL and foreign keys on', () => {
    const { sqlite } = freshDb()
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    const tables = (sqlite.prepare("select name from sqlite_master where type='table'").all() as { name: string }[]).map((t) => t.name)
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'user_roles',
        'login_sessions',
        'exam_sessions',
        'enrollments',
        'groups',
        'group_members',
        'tutor_assignments',
        'juror_assignments',
      ]),
    )
    sqlite.close()
  })

  it('is idempotent: migrating twice changes nothing', () => {
    const { sqlite, db } = freshDb()
    expect(() => runMigrations(sqlite, db)).not.toThrow()
    sqlite.close()
  })

  it('enforces foreign keys, role values and the juror target rule', async () => {
    const { sqlite, db } = freshDb()
    expect(async () => await db.insert(schema.userRoles).values({ userId: 'nobody', role: 'learner' })).toThrow(/FOREIGN KEY/)
    const user = (await db.insert(schema.users).values({ email: 'a@b.fr', name: 'A', passwordHash: 'x' }).returning())[0]!
    expect(() => sqlite.prepare("insert into user_roles (user_id, role) values (?, 'pirate')").run(user.id)).toThrow(/CHECK/)
    const session = (await db.insert(schema.examSessions).values({ name: 'S', startsOn: '2026-01-01', endsOn: '2026-06-30' }).returning())[0]!
    expect(async () => await db.insert(schema.jurorAssignments).values({ examSessionId: session.id, jurorId: user.id, evaluationId: 'msp-a2' })).toThrow(
      /CHECK/,
    )
    // Deleting a user cascades to their roles and sessions.
    await db.insert(schema.userRoles).values({ userId: user.id, role: 'juror' })
    await db.delete(schema.users)
    expect(await db.select().from(schema.userRoles)).toEqual([])
    sqlite.close()
  })
})
