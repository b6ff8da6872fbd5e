/**
 * The permission map: who may do what. A permission reads
 * `action:entity:access`, where access is `own` (scoped to the user: their own
 * work, the learners assigned to them…) or `any`. Pure data, no I/O.
 */
export const ROLES = ['learner', 'tutor', 'juror', 'admin'] as const
export type Role = (typeof ROLES)[number]

export type Action = 'create' | 'read' | 'update' | 'delete' | 'comment' | 'reply' | 'export' | 'grade'
export type Entity = 'referentiel' | 'dossier' | 'learner' | 'assignment' | 'examSession' | 'user' | 'commentBank'
export type Access = 'own' | 'any'
export type Permission = `${Action}:${Entity}:${Access}`

/**
 * What a role may do. The `dossier` entries must say what DOSSIER_GRANTS says
 * for the relation that role holds to a dossier (a unit test checks it): the
 * role says *which kind* of dossier work a user may do, the relation computed
 * by the dossier access service says *on which dossiers*.
 */
export const PERMISSIONS: Record<Role, readonly Permission[]> = {
  learner: ['read:referentiel:any', 'read:dossier:own', 'update:dossier:own', 'reply:dossier:own', 'export:dossier:own', 'read:examSession:own'],
  tutor: [
    'read:referentiel:any',
    'read:learner:own',
    'read:dossier:own',
    'comment:dossier:own',
    'reply:dossier:own',
    'export:dossier:own',
    // Their own bank, and the school's (read).
    'read:commentBank:any',
    'create:commentBank:own',
    'update:commentBank:own',
    'delete:commentBank:own',
  ],
  // Jurors never see drafts: they grade the frozen snapshots of their assignments (app/services/grading.server.ts).
  juror: ['read:referentiel:any', 'read:assignment:own', 'grade:dossier:own', 'read:commentBank:any'],
  admin: [
    'read:referentiel:any',
    'read:dossier:any',
    'export:dossier:any',
    'read:examSession:any',
    'create:examSession:any',
    'update:examSession:any',
    'read:learner:any',
    'read:assignment:any',
    'create:user:any',
    'read:user:any',
    'update:user:any',
    // The school-wide bank.
    'read:commentBank:any',
    'create:commentBank:any',
    'update:commentBank:any',
    'delete:commentBank:any',
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

/**
 * What may be done to a dossier. Self-assessment is an update. `comment`
 * starts, resolves and reopens comment threads (the tutor); `reply` answers in
 * them (the learners who work on the dossier, and the tutor).
 */
export const DOSSIER_ACTIONS = ['read', 'comment', 'reply', 'update', 'export', 'grade'] as const satisfies readonly Action[]
export type DossierAction = (typeof DOSSIER_ACTIONS)[number]

/**
 * Who a user is to one dossier: its owner (individual dossier), a member of
 * its group (group dossier), the tutor assigned to its learner or to a member
 * of its group, the juror assigned to its evaluation for its learner or group,
 * or an admin.
 */
export const DOSSIER_RELATIONS = ['owner', 'member', 'tutor', 'juror', 'admin'] as const
export type DossierRelation = (typeof DOSSIER_RELATIONS)[number]

/** The one grant table: what each relation to a dossier allows. Pure data. */
export const DOSSIER_GRANTS: Record<DossierRelation, readonly DossierAction[]> = {
  owner: ['read', 'update', 'reply', 'export'],
  member: ['read', 'update', 'reply', 'export'],
  tutor: ['read', 'comment', 'reply', 'export'],
  juror: ['grade'],
  admin: ['read', 'export'],
}

/** The role a user must hold for a relation to count (a former tutor keeps no access through an old assignment). */
export const RELATION_ROLE: Record<DossierRelation, Role> = {
  owner: 'learner',
  member: 'learner',
  tutor: 'tutor',
  juror: 'juror',
  admin: 'admin',
}

/** True when one of `relations` grants `action`. */
export function dossierGrants(relations: readonly DossierRelation[], action: DossierAction): boolean {
  return relations.some((r) => DOSSIER_GRANTS[r].includes(action))
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
