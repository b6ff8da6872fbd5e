import { describe, expect, it } from 'vitest'
import { setupTempDb } from '../../tests/unit/temp-db'
import { loggable } from './loggable.server'

const { getDb } = await setupTempDb('loggable')
const schema = await import('#db/schema')

describe('loggable', () => {
  it('logs a failed query with its SQL and the database’s reason, never its parameters', async () => {
    const db = getDb()
    const user = { email: 'zoe.secret@ecole.fr', name: 'Zoé', passwordHash: 'hash-secret' }
    await db.insert(schema.users).values(user)
    const error: unknown = await db
      .insert(schema.users)
      .values(user)
      .then(
        () => null,
        (e: unknown) => e,
      )
    expect(String((error as Error).message)).toContain('zoe.secret@ecole.fr')
    const logged = loggable(error) as Error
    const text = `${logged.message}\n${logged.stack}`
    expect(text).toContain('insert into "users"')
    expect(text).toMatch(/UNIQUE|unique|duplicate/)
    expect(text).not.toContain('zoe.secret@ecole.fr')
    expect(text).not.toContain('hash-secret')
    expect(logged.stack).toMatch(/\n {4}at /)
  })

  it('leaves other errors as they are', () => {
    const error = new Error('autre')
    expect(loggable(error)).toBe(error)
  })
})
