import { describe, expect, it } from 'vitest'
import { setupTempDb } from '../../tests/unit/temp-db'

// Scoped transactions (issue 18): on PostgreSQL, one section's autosave runs alongside another section's, never alongside
// a save of the same section or an unscoped transaction (a hand-in, a deliberation…); SQLite runs them one after the other.
const { getDb, transaction, usesPostgres } = await setupTempDb('transactions')

/** Starts a transaction that holds until released; resolves once it is inside. */
async function holding(scope?: string) {
  let release: () => void = () => {}
  let entered: () => void = () => {}
  const inside = new Promise<void>((resolve) => (entered = resolve))
  const gate = new Promise<void>((resolve) => (release = resolve))
  const done = transaction(
    getDb(),
    async () => {
      entered()
      await gate
    },
    scope,
  )
  await inside
  return { release, done }
}

/** Whether a transaction of `scope` gets through while `held` holds (given 300 ms), then lets everything finish. */
async function passesWhile(held: Awaited<ReturnType<typeof holding>>, scope?: string) {
  let through = false
  const other = transaction(getDb(), async () => void (through = true), scope)
  await new Promise((resolve) => setTimeout(resolve, 300))
  const passed = through
  held.release()
  await Promise.all([held.done, other])
  expect(through).toBe(true)
  return passed
}

describe('transactions scoped to their rows', () => {
  it(`two sections: ${usesPostgres() ? 'saved at the same time' : 'saved one after the other'}`, async () => {
    expect(await passesWhile(await holding('section:d/a'), 'section:d/b')).toBe(usesPostgres())
  })

  it('the same section: one after the other', async () => {
    expect(await passesWhile(await holding('section:d/a'), 'section:d/a')).toBe(false)
  })

  it('an unscoped transaction waits for a scoped one, and a scoped one for an unscoped one', async () => {
    expect(await passesWhile(await holding('section:d/a'))).toBe(false)
    expect(await passesWhile(await holding(), 'section:d/b')).toBe(false)
  })
})
