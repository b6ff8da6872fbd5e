import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BankPage } from '~/components/bank/bank-page'
import { bankPageAfter } from '~/domain/comment-bank'
import { requirePermission } from '~/services/auth.server'
import { bankCriteriaCatalogue, bankFor, runBankForm } from '~/services/comment-bank.server'

export const meta: MetaFunction = () => [{ title: 'Banque de commentaires de l’école — Atelier' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'update:commentBank:any')
  return { entries: (await bankFor(user)).filter((e) => e.scope === 'school'), catalogue: bankCriteriaCatalogue() }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'update:commentBank:any')
  const { status, outcome } = await runBankForm(user, 'school', await request.formData())
  if (outcome.ok) throw redirect(bankPageAfter(new URL(request.url), outcome.done, outcome.id))
  return data(outcome, { status })
}

export default function SchoolBank() {
  const { entries, catalogue } = useLoaderData<typeof loader>()
  return <BankPage scope="school" entries={entries} catalogue={catalogue} outcome={useActionData<typeof action>()} />
}
