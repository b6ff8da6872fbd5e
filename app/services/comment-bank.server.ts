import { and, eq, isNull, or } from 'drizzle-orm'
import { z } from 'zod'
import { compareCriterionIds, sortBankEntries, type CriteriaCatalogue } from '~/domain/comment-bank'
import { hasPermission, type Access, type Role } from '~/domain/permissions'
import { forbidden } from './auth.server'
import { getDb, schema, type DbHandle } from './db.server'
import { referentiel, referentielIndex } from './referentiel.server'

const { commentBank } = schema

/** `mine`: a tutor's own entries (ownerId = the tutor); `school`: the school-wide bank the admin keeps (ownerId null). */
export type BankScope = 'mine' | 'school'

/** An entry as a tutor (or the admin) sees it. */
export type BankEntry = { id: string; body: string; criterionIds: string[]; scope: BankScope; canEdit: boolean }

type BankUser = { id: string; roles: readonly Role[] }

/** Which access of the `commentBank` permissions each scope needs: a tutor's own bank, or any (the school's). */
const ACCESS: Record<BankScope, Access> = { mine: 'own', school: 'any' }

export const BODY_MAX = 2000

/** The id of every criterion of the référentiel. */
const criteria = new Set([...referentielIndex.competencies.values()].flatMap((c) => c.criteria.map((k) => k.id)))

/** The criteria a bank entry can be tagged with, by activity and competency (the choices of the form). */
export function bankCriteriaCatalogue(): CriteriaCatalogue {
  return referentiel.activities.map((a) => ({
    id: a.id,
    title: a.title,
    competencies: a.competencies.map((c) => ({ id: c.id, heading: c.criteriaHeading, criteria: c.criteria.map((k) => ({ id: k.id, text: k.text })) })),
  }))
}

export function isKnownCriterion(id: string): boolean {
  return criteria.has(id)
}

/** One schema for the form and the service: French messages, trimmed text, known and distinct criteria (kept in référentiel order). */
export const bankEntrySchema = z.object({
  body: z
    .string('Saisissez le texte du commentaire.')
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, 'Saisissez le texte du commentaire.').max(BODY_MAX, `Ce commentaire est trop long : 2\u00a0000 caractères au plus.`)),
  criterionIds: z
    .array(z.string(), 'Choisissez au moins un critère.')
    .min(1, 'Choisissez au moins un critère.')
    .superRefine((ids, ctx) => {
      const unknown = ids.filter((id) => !criteria.has(id))
      if (unknown.length > 0) {
        const shown = unknown.slice(0, 3).map((id) => id.slice(0, 20))
        ctx.addIssue({
          code: 'custom',
          message: `${unknown.length > 1 ? 'Ces critères n’existent' : 'Ce critère n’existe'} pas dans le référentiel : ${shown.join(', ')}${unknown.length > 3 ? '…' : ''}.`,
        })
      }
      const twice = ids.filter((id, i) => ids.indexOf(id) !== i)
      if (twice.length > 0) ctx.addIssue({ code: 'custom', message: `Un critère est choisi deux fois : ${[...new Set(twice)].slice(0, 3).join(', ')}.` })
    })
    .transform((ids) => [...ids].sort(compareCriterionIds)),
})
export type BankEntryInput = z.output<typeof bankEntrySchema>

function may(user: BankUser, action: 'create' | 'update' | 'delete', scope: BankScope): boolean {
  return hasPermission(user.roles, `${action}:commentBank:${ACCESS[scope]}`)
}

/** The rows of `scope` the user may touch: their own, or the school's — the scope is part of every query. */
function ownedBy(user: BankUser, scope: BankScope) {
  return scope === 'mine' ? eq(commentBank.ownerId, user.id) : isNull(commentBank.ownerId)
}

type Row = typeof commentBank.$inferSelect

function toEntry(user: BankUser, row: Pick<Row, 'id' | 'body' | 'criterionIds' | 'ownerId'>): BankEntry {
  const scope: BankScope = row.ownerId === null ? 'school' : 'mine'
  return { id: row.id, body: row.body, criterionIds: row.criterionIds, scope, canEdit: may(user, 'update', scope) }
}

/** The entries a user may insert: their own and the school's, by criterion then text. 403 for a role that has no bank. */
export async function bankFor(user: BankUser, db: DbHandle = getDb()): Promise<BankEntry[]> {
  if (!hasPermission(user.roles, 'read:commentBank:any')) forbidden()
  const rows = await db
    .select({ id: commentBank.id, body: commentBank.body, criterionIds: commentBank.criterionIds, ownerId: commentBank.ownerId })
    .from(commentBank)
    .where(or(eq(commentBank.ownerId, user.id), isNull(commentBank.ownerId)))
  return sortBankEntries(rows.map((r) => toEntry(user, r)))
}

/** Adds an entry to the user's bank (`mine`) or to the school's (`school`, the admin). 403 without the permission. */
export async function createEntry(user: BankUser, scope: BankScope, input: BankEntryInput, db: DbHandle = getDb()): Promise<BankEntry> {
  if (!may(user, 'create', scope)) forbidden()
  const { body, criterionIds } = bankEntrySchema.parse(input)
  const row = (
    await db
      .insert(commentBank)
      .values({ ownerId: scope === 'mine' ? user.id : null, body, criterionIds, updatedAt: new Date() })
      .returning()
  )[0]!
  return toEntry(user, row)
}

/** Rewrites an entry of `scope`; null when no such entry is the user's to edit (unknown, another tutor's, or the school's for a tutor). */
export async function updateEntry(user: BankUser, scope: BankScope, id: string, input: BankEntryInput, db: DbHandle = getDb()): Promise<BankEntry | null> {
  if (!may(user, 'update', scope)) forbidden()
  const { body, criterionIds } = bankEntrySchema.parse(input)
  const row = (
    await db
      .update(commentBank)
      .set({ body, criterionIds, updatedAt: new Date() })
      .where(and(eq(commentBank.id, id), ownedBy(user, scope)))
      .returning()
  )[0]
  return row ? toEntry(user, row) : null
}

/** Deletes an entry of `scope`; false when no such entry is the user's to delete. */
export async function deleteEntry(user: BankUser, scope: BankScope, id: string, db: DbHandle = getDb()): Promise<boolean> {
  if (!may(user, 'delete', scope)) forbidden()
  return (
    (
      await db
        .delete(commentBank)
        .where(and(eq(commentBank.id, id), ownedBy(user, scope)))
        .returning({ id: commentBank.id })
    ).length > 0
  )
}

// The form of the bank pages (/tuteur/banque, /admin/banque): one action, three intents.

const idSchema = z.string().min(1).max(100)
const bankFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('create') }),
  z.object({ intent: z.literal('update'), id: idSchema }),
  z.object({ intent: z.literal('delete'), id: idSchema }),
])

export type BankFormValues = { body: string; criterionIds: string[] }
export type BankFormOutcome =
  | { ok: true; done: 'ajout' | 'modif' | 'suppr'; id: string }
  | { ok: false; intent: 'create' | 'update'; id: string | null; errors: Record<string, string>; values: BankFormValues }

/**
 * Runs a posted bank form for `scope`. Bad input → 400 with French messages and what was typed;
 * an entry that is not the user's to change (another tutor's, the school's for a tutor, unknown) → 404.
 */
export async function runBankForm(user: BankUser, scope: BankScope, form: FormData): Promise<{ status: 200 | 400; outcome: BankFormOutcome }> {
  const intent = bankFormSchema.safeParse({ intent: form.get('intent'), id: form.get('id') ?? undefined })
  if (!intent.success) throw new Response('Requête invalide.', { status: 400 })
  const { data } = intent
  if (data.intent === 'delete') {
    if (!(await deleteEntry(user, scope, data.id))) notFound()
    return { status: 200, outcome: { ok: true, done: 'suppr', id: data.id } }
  }
  // Permission first, then the entry: a role that may not write here gets 403, an entry that is not the user's 404, whatever was typed.
  if (!may(user, data.intent, scope)) forbidden()
  if (data.intent === 'update' && !(await holds(user, scope, data.id))) notFound()
  const body = form.get('body')
  const values: BankFormValues = {
    body: typeof body === 'string' ? body : '',
    criterionIds: form.getAll('criterionIds').filter((v): v is string => typeof v === 'string'),
  }
  const parsed = bankEntrySchema.safeParse(values)
  const id = data.intent === 'update' ? data.id : null
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
    return { status: 400, outcome: { ok: false, intent: data.intent, id, errors, values } }
  }
  if (data.intent === 'create') return { status: 200, outcome: { ok: true, done: 'ajout', id: (await createEntry(user, scope, parsed.data)).id } }
  const updated = await updateEntry(user, scope, data.id, parsed.data)
  if (!updated) notFound()
  return { status: 200, outcome: { ok: true, done: 'modif', id: updated.id } }
}

async function holds(user: BankUser, scope: BankScope, id: string): Promise<boolean> {
  return Boolean(
    (
      await getDb()
        .select({ id: commentBank.id })
        .from(commentBank)
        .where(and(eq(commentBank.id, id), ownedBy(user, scope)))
    )[0],
  )
}

function notFound(): never {
  throw new Response('Ce commentaire n’existe pas dans cette banque.', { status: 404, statusText: 'Not Found' })
}
