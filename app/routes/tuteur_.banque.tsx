import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BankPage } from '~/components/bank/bank-page'
import { bankPageAfter } from '~/domain/comment-bank'
import { requireRole } from '~/services/auth.server'
import { bankCriteriaCatalogue, bankFor, runBankForm } from '~/services/comment-bank.server'

export const meta: MetaFunction = () => [{ title: 'Banque de commentaires — Atelier' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'tutor')
  return { entries: await bankFor(user), catalogue: bankCriteriaCatalogue() }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'tutor')
  const { status, outcome } = await runBankForm(user, 'mine', await request.formData())
  if (outcome.ok) throw redirect(bankPageAfter(new URL(request.url), outcome.done, outcome.id))
  return data(outcome, { status })
}

export default function TutorBank() {
  const { entries, catalogue } = useLoaderData<typeof loader>()
  return <BankPage scope="mine" entries={entries} catalogue={catalogue} outcome={useActionData<typeof action>()} />
}
