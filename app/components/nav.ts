import { ROLE_HOMES, type Role } from '~/domain/permissions'

export type NavItem = { to: string; label: string }

const ROLE_NAV: Record<Role, NavItem[]> = {
  learner: [{ to: ROLE_HOMES.learner, label: 'Mes épreuves' }],
  tutor: [{ to: ROLE_HOMES.tutor, label: 'Mes candidat·es' }],
  juror: [{ to: ROLE_HOMES.juror, label: 'Mes évaluations' }],
  admin: [
    { to: ROLE_HOMES.admin, label: 'Sessions d’examen' },
    { to: '/admin/utilisateurs', label: 'Utilisateurs' },
  ],
}

/** Navigation for a user holding `roles`: each role's entries, then the référentiel. */
export function navFor(roles: readonly Role[]): NavItem[] {
  const items = (['learner', 'tutor', 'juror', 'admin'] as const).filter((r) => roles.includes(r)).flatMap((r) => ROLE_NAV[r])
  return [...items, { to: '/referentiel', label: 'Référentiel' }]
}
