/**
 * The permission map: who may do what. A permission reads
 * `action:entity:access`, where access is `own` (scoped to the user: their own
 * work, the learners assigned to them…) or `any`. Pure data, no I/O.
 */
export const ROLES = ['learner', 'tutor', 'juror', 'admin'] as const
export type Role = (typeof ROLES)[number]

export type Action = 'create' | 'read' | 'update' | 'delete'
export type Entity =
  | 'referentiel'
  | 'dossier'
  | 'learner'
  | 'assignment'
  | 'examSession'
  | 'user'
export type Access = 'own' | 'any'
export type Permission = `${Action}:${Entity}:${Access}`

export const PERMISSIONS: Record<Role, readonly Permission[]> = {
  learner: ['read:referentiel:any', 'read:dossier:own', 'update:dossier:own', 'read:examSession:own'],
  tutor: ['read:referentiel:any', 'read:learner:own', 'read:dossier:own'],
  juror: ['read:referentiel:any', 'read:assignment:own', 'read:dossier:own'],
  admin: [
    'read:referentiel:any',
    'read:examSession:any',
    'create:examSession:any',
    'update:examSession:any',
    'read:learner:any',
    'read:assignment:any',
    'create:user:any',
    'read:user:any',
    'update:user:any',
  ],
}

/** True when one of `roles` grants `permission`; `any` also satisfies `own`. */
export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  const [action, entity, access] = permission.split(':') as [Action, Entity, Access]
  return roles.some((role) =>
    PERMISSIONS[role].some((granted) => {
      const [a, e, acc] = granted.split(':')
      return a === action && e === entity && (acc === access || acc === 'any')
    }),
  )
}

export const ROLE_LABELS: Record<Role, string> = {
  learner: 'Candidat·e',
  tutor: 'Tuteur·rice',
  juror: 'Juré·e',
  admin: 'Administrateur·rice',
}

/** The home page of each role. */
export const ROLE_HOMES: Record<Role, string> = {
  learner: '/candidat',
  tutor: '/tuteur',
  juror: '/jury',
  admin: '/admin',
}

/** The role whose home a user lands on first, when they hold several. */
export function primaryRole(roles: readonly Role[]): Role | undefined {
  return (['admin', 'juror', 'tutor', 'learner'] as const).find((r) => roles.includes(r))
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
