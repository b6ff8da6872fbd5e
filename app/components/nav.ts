import { ROLE_HOMES, type Role } from '~/domain/permissions'

/** `end`: active on that exact address only, not on the pages under it (a home whose sub-pages have their own entry). */
export type NavItem = { to: string; label: string; end?: boolean }

const ROLE_NAV: Record<Role, NavItem[]> = {
  learner: [{ to: ROLE_HOMES.learner, label: 'Mes épreuves' }],
  tutor: [
    { to: ROLE_HOMES.tutor, label: 'Mes candidat·es', end: true },
    { to: '/tuteur/banque', label: 'Banque de commentaires' },
  ],
  juror: [{ to: ROLE_HOMES.juror, label: 'Mes évaluations' }],
  admin: [
    { to: ROLE_HOMES.admin, label: 'Sessions d’examen', end: true },
    { to: '/admin/utilisateurs', label: 'Utilisateurs' },
    { to: '/admin/banque', label: 'Banque de commentaires' },
  ],
}

/** Navigation for a user holding `roles`: each role's entries, then the référentiel. */
export function navFor(roles: readonly Role[]): NavItem[] {
  const items = (['learner', 'tutor', 'juror', 'admin'] as const).filter((r) => roles.includes(r)).flatMap((r) => ROLE_NAV[r])
  // A tutor who is also an admin sees both banks: the school's is named as such.
  const both = roles.includes('tutor') && roles.includes('admin')
  const named = items.map((item) => (both && item.to === '/admin/banque' ? { ...item, label: 'Banque de l’école' } : item))
  return [...named, { to: '/referentiel', label: 'Référentiel' }]
}
