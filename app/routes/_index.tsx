import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { primaryRole, ROLE_HOMES } from '~/domain/permissions'
import { forbidden, requireUser } from '~/services/auth.server'

/** `/` sends each user to the home of their main role; anonymous users to the login page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const role = primaryRole(user.roles)
  if (!role) forbidden('Aucun rôle ne vous est encore attribué. Contactez l’administration de votre école.')
  throw redirect(ROLE_HOMES[role])
}
