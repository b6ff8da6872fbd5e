import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { openDatabase, runMigrations, transaction } from './client'
import * as schema from './schema'

const dirs: string[] = []
function freshDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-db-'))
  dirs.push(dir)
  const conn = openDatabase(path.join(dir, 'test.db'))
  runMigrations(conn.sqlite)
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
    const { sqlite } = freshDb()
    expect(() => runMigrations(sqlite)).not.toThrow()
    sqlite.close()
  })

  it('enforces foreign keys, role values and the juror target rule', async () => {
    const { sqlite, db } = freshDb()
    await expect(db.insert(schema.userRoles).values({ userId: 'nobody', role: 'learner' })).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/FOREIGN KEY/) },
    })
    const user = (await db.insert(schema.users).values({ email: 'a@b.fr', name: 'A', passwordHash: 'x' }).returning())[0]!
    expect(() => sqlite.prepare("insert into user_roles (user_id, role) values (?, 'pirate')").run(user.id)).toThrow(/CHECK/)
    const session = (await db.insert(schema.examSessions).values({ name: 'S', startsOn: '2026-01-01', endsOn: '2026-06-30' }).returning())[0]!
    await expect(db.insert(schema.jurorAssignments).values({ examSessionId: session.id, jurorId: user.id, evaluationId: 'msp-a2' })).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/CHECK/) },
    })
    // Deleting a user cascades to their roles and sessions.
    await db.insert(schema.userRoles).values({ userId: user.id, role: 'juror' })
    await db.delete(schema.users)
    expect(await db.select().from(schema.userRoles)).toEqual([])
    sqlite.close()
  })

  describe('transactions on the one shared connection', () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    const names = async (db: ReturnType<typeof freshDb>['db']) => (await db.select({ name: schema.users.name }).from(schema.users)).map((u) => u.name).sort()
    const user = (name: string) => ({ email: `${name}@test.fr`, name, passwordHash: 'x' })

    it('keeps a write made elsewhere while a transaction awaits out of it: it waits, and survives the rollback', async () => {
      const { sqlite, db } = freshDb()
      let outsideDone = false
      const failing = transaction(db, async (tx) => {
        await tx.insert(schema.users).values(user('dedans'))
        await sleep(50) // another request runs meanwhile
        expect(outsideDone).toBe(false) // its write waits for the transaction to end
        throw new Error('refused')
      })
      const outside = (async () => {
        await sleep(10)
        await db.insert(schema.users).values(user('dehors'))
        outsideDone = true
      })()
      await expect(failing).rejects.toThrow('refused')
      await outside
      expect(await names(db)).toEqual(['dehors'])
      sqlite.close()
    })

    it('runs one transaction after the other, and nested ones as savepoints', async () => {
      const { sqlite, db } = freshDb()
      const order: string[] = []
      const first = transaction(db, async (tx) => {
        order.push('first begins')
        await sleep(30)
        await tx.insert(schema.users).values(user('premier'))
        await transaction(tx, async (inner) => {
          await inner.insert(schema.users).values(user('imbriqué'))
        })
        await expect(
          transaction(tx, async (inner) => {
            await inner.insert(schema.users).values(user('annulé'))
            throw new Error('inner refused')
          }),
        ).rejects.toThrow('inner refused')
        order.push('first ends')
      })
      const second = transaction(db, async (tx) => {
        order.push('second begins')
        const [premier] = await tx.select().from(schema.users).where(eq(schema.users.name, 'premier'))
        await tx.insert(schema.users).values(user(premier ? 'second après premier' : 'second seul'))
      })
      await Promise.all([first, second])
      expect(order).toEqual(['first begins', 'first ends', 'second begins'])
      expect(await names(db)).toEqual(['imbriqué', 'premier', 'second après premier'])
      sqlite.close()
    })
  })
})
