/**
 * Exam sessions (issue 13 §1): created, edited and archived by an admin. A
 * session's épreuves (dates, marking options) are set on its « Dépôts et
 * notation » page (exam-settings.server.ts), its blocs on « Blocs et
 * présidence » (blocs.server.ts).
 */
import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { getDb, schema, type DbHandle, transaction } from './db.server'

const { examSessions } = schema

export const NAME_MAX = 120
export const NO_SESSION = 'Cette session d’examen n’existe pas.'

const isoDate = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}\u00a0: indiquez une date.`)
    .refine(
      (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      `${label}\u00a0: cette date n’existe pas.`,
    )

export const SessionFormSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Donnez un nom à la session.')
      .max(NAME_MAX, `Le nom est limité à ${NAME_MAX}\u00a0caractères.`)
      .transform((s) => s.replace(/\s+/g, ' ')),
    startsOn: isoDate('Début'),
    endsOn: isoDate('Fin'),
    retentionMonths: z.coerce
      .number('Indiquez une durée en mois.')
      .int('Indiquez un nombre entier de mois.')
      .min(1, 'La conservation dure au moins 1\u00a0mois.')
      .max(120, 'La conservation dure au plus 120\u00a0mois (10\u00a0ans).'),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'La fin de la session ne peut pas précéder son début.' })

export type SessionForm = z.infer<typeof SessionFormSchema>

export class SessionError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
    readonly field?: keyof SessionForm,
  ) {
    super(message)
  }
}

const DUPLICATE = 'Une autre session porte déjà ce nom.'

/** Whatever the case (« Session créée » = « SESSION CRÉÉE »; SQLite's lower() only folds ASCII): compared here, sessions are few. */
const sameName = new Intl.Collator('fr', { sensitivity: 'accent' })

async function nameTaken(tx: DbHandle, name: string, exceptId?: string) {
  return (await tx.select({ id: examSessions.id, name: examSessions.name }).from(examSessions)).some(
    (s) => s.id !== exceptId && sameName.compare(s.name, name) === 0,
  )
}

/** Creates a session; its épreuves get their dates on the session's page. */
export async function createSession(form: SessionForm): Promise<{ id: string }> {
  return await transaction(getDb(), async (tx) => {
    if (await nameTaken(tx, form.name)) throw new SessionError(DUPLICATE, 409, 'name')
    return (await tx.insert(examSessions).values(form).returning({ id: examSessions.id }))[0]!
  })
}

export async function sessionOf(id: string, db: DbHandle = getDb()) {
  return (await db.select().from(examSessions).where(eq(examSessions.id, id)))[0] ?? null
}

export async function updateSession(id: string, form: SessionForm) {
  await transaction(getDb(), async (tx) => {
    if (!(await sessionOf(id, tx))) throw new SessionError(NO_SESSION, 404)
    if (await nameTaken(tx, form.name, id)) throw new SessionError(DUPLICATE, 409, 'name')
    await tx.update(examSessions).set(form).where(eq(examSessions.id, id))
  })
}

/** Archives (or brings back) a session; nothing is deleted. Returns false when it already was in that state. */
export async function setArchived(id: string, archived: boolean, now = new Date()): Promise<boolean> {
  return await transaction(getDb(), async (tx) => {
    if (!(await sessionOf(id, tx))) throw new SessionError(NO_SESSION, 404)
    return (
      (
        await tx
          .update(examSessions)
          .set({ archivedAt: archived ? now : null })
          .where(and(eq(examSessions.id, id), archived ? isNull(examSessions.archivedAt) : isNotNull(examSessions.archivedAt)))
          .returning({ id: examSessions.id })
      ).length > 0
    )
  })
}
