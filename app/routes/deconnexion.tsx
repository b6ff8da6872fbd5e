import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { logout } from '~/services/auth.server'

/** Logging out is a POST; a GET just goes home. */
export async function loader(_: LoaderFunctionArgs) {
  throw redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await logout(request)
  throw redirect('/connexion', { headers: { 'Set-Cookie': cookie } })
}
