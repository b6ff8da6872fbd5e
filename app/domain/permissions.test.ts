import { describe, expect, it } from 'vitest'
import { hasPermission, primaryRole } from './permissions'

describe('hasPermission', () => {
  it('grants a learner their own dossier only', () => {
    expect(hasPermission(['learner'], 'update:dossier:own')).toBe(true)
    expect(hasPermission(['learner'], 'update:dossier:any')).toBe(false)
    expect(hasPermission(['learner'], 'create:user:any')).toBe(false)
  })
  it('lets `any` satisfy `own`', () => {
    expect(hasPermission(['admin'], 'read:learner:own')).toBe(true)
    expect(hasPermission(['tutor'], 'read:learner:any')).toBe(false)
  })
  it('combines the permissions of several roles', () => {
    expect(hasPermission(['tutor', 'juror'], 'read:assignment:own')).toBe(true)
    expect(hasPermission([], 'read:referentiel:any')).toBe(false)
  })
})

describe('primaryRole', () => {
  it('prefers admin, then juror, tutor, learner', () => {
    expect(primaryRole(['learner', 'tutor'])).toBe('tutor')
    expect(primaryRole(['learner', 'admin'])).toBe('admin')
    expect(primaryRole([])).toBeUndefined()
  })
})
