import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password.server'

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('mot-de-passe-été')
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(await verifyPassword('mot-de-passe-été', hash)).toBe(true)
    expect(await verifyPassword('mot-de-passe-ete', hash)).toBe(false)
  })
  it('salts every hash', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'))
  })
  it('rejects a malformed stored hash', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false)
  })
})
