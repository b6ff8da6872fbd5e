import { describe, expect, it } from 'vitest'
import { DOSSIER_ACTIONS, DOSSIER_GRANTS, DOSSIER_RELATIONS, dossierGrants, hasPermission, PERMISSIONS, primaryRole, RELATION_ROLE, ROLES } from './permissions'

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

describe('dossier grants and the permission map', () => {
  it('never disagree: a role’s dossier permissions are exactly what its relations grant', () => {
    for (const role of ROLES) {
      const granted = new Set(DOSSIER_RELATIONS.filter((r) => RELATION_ROLE[r] === role).flatMap((r) => DOSSIER_GRANTS[r]))
      const permitted = new Set(PERMISSIONS[role].filter((p) => p.split(':')[1] === 'dossier').map((p) => p.split(':')[0]))
      expect([...permitted].sort(), role).toEqual([...granted].sort())
      // Only admins hold dossier permissions on any dossier; the others are scoped to their relation.
      for (const action of DOSSIER_ACTIONS) {
        expect(hasPermission([role], `${action}:dossier:any`), `${role} ${action}:dossier:any`).toBe(role === 'admin' && granted.has(action))
        expect(hasPermission([role], `${action}:dossier:own`), `${role} ${action}:dossier:own`).toBe(granted.has(action))
      }
    }
  })

  it('give each relation its actions', () => {
    expect(dossierGrants(['owner'], 'update')).toBe(true)
    expect(dossierGrants(['member'], 'update')).toBe(true)
    expect(dossierGrants(['tutor'], 'update')).toBe(false)
    expect(dossierGrants(['tutor'], 'comment')).toBe(true)
    expect(dossierGrants(['juror'], 'comment')).toBe(false)
    expect(dossierGrants(['juror'], 'grade')).toBe(true)
    expect(dossierGrants(['admin'], 'grade')).toBe(false)
    expect(dossierGrants(['admin'], 'export')).toBe(true)
    expect(dossierGrants([], 'read')).toBe(false)
    // Whoever is related to a dossier may read and export it, except a juror: jurors grade frozen snapshots, never drafts.
    for (const r of DOSSIER_RELATIONS) expect(dossierGrants([r], 'read') && dossierGrants([r], 'export'), r).toBe(r !== 'juror')
  })
})
