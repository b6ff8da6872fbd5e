import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('bank')
const schema = await import('#db/schema')
const { bankEntrySchema, bankFor, createEntry, deleteEntry, runBankForm, updateEntry } = await import('./comment-bank.server')

type Who = 'tutor' | 'otherTutor' | 'admin' | 'learner' | 'juror'
const ROLES: Record<Who, Role[]> = { tutor: ['tutor'], otherTutor: ['tutor'], admin: ['admin'], learner: ['learner'], juror: ['juror'] }
const users = {} as Record<Who, { id: string; roles: Role[] }>

beforeAll(async () => {
  const db = getDb()
  for (const who of Object.keys(ROLES) as Who[]) {
    users[who] = {
      id: (
        await db
          .insert(schema.users)
          .values({ email: `${who}@test.fr`, name: who, passwordHash: 'x' })
          .returning()
      )[0]!.id,
      roles: ROLES[who],
    }
  }
})

/** The HTTP status a service call throws (403, 404…), or null when it does not throw a Response. */
async function thrownStatus(fn: () => Promise<unknown>): Promise<number | null> {
  try {
    await fn()
  } catch (error) {
    if (error instanceof Response) return error.status
    throw error
  }
  return null
}

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x)
  return f
}

const rowOf = async (id: string) => (await getDb().select().from(schema.commentBank).where(eq(schema.commentBank.id, id)))[0]

describe('bankEntrySchema', () => {
  const messages = (input: unknown) => {
    const r = bankEntrySchema.safeParse(input)
    return r.success ? [] : r.error.issues.map((i) => i.message)
  }

  it('trims the text, keeps its line breaks and puts the criteria in référentiel order', () => {
    const r = bankEntrySchema.parse({ body: '  Précisez vos sources.\r\nDatez-les.  ', criterionIds: ['C1.1-4', 'C1.1-2'] })
    expect(r).toEqual({ body: 'Précisez vos sources.\nDatez-les.', criterionIds: ['C1.1-2', 'C1.1-4'] })
  })

  it('refuses an empty or blank text, and one over 2 000 characters, in French', () => {
    expect(messages({ body: '   \n ', criterionIds: ['C1.1-2'] })).toEqual(['Saisissez le texte du commentaire.'])
    expect(messages({ body: 'x'.repeat(2000), criterionIds: ['C1.1-2'] })).toEqual([])
    expect(messages({ body: 'x'.repeat(2001), criterionIds: ['C1.1-2'] })).toEqual(['Ce commentaire est trop long : 2\u00a0000 caractères au plus.'])
  })

  it('asks for at least one criterion, each one of the référentiel, none twice', () => {
    expect(messages({ body: 'Bien.', criterionIds: [] })).toEqual(['Choisissez au moins un critère.'])
    expect(messages({ body: 'Bien.' })).toEqual(['Choisissez au moins un critère.'])
    expect(messages({ body: 'Bien.', criterionIds: ['C1.1-2', 'C99.9-9'] })).toEqual(['Ce critère n’existe pas dans le référentiel : C99.9-9.'])
    // A competency id is not a criterion id.
    expect(messages({ body: 'Bien.', criterionIds: ['C1.1'] })).toEqual(['Ce critère n’existe pas dans le référentiel : C1.1.'])
    expect(messages({ body: 'Bien.', criterionIds: ['C1.1-2', 'C3.2-1', 'C1.1-2'] })).toEqual(['Un critère est choisi deux fois : C1.1-2.'])
  })
})

describe('the bank of a tutor', () => {
  it('holds their own entries and the school’s, never another tutor’s, by criterion then text', async () => {
    const { tutor, otherTutor, admin } = users
    const school = await createEntry(admin, 'school', { body: 'Citez vos sources.', criterionIds: ['C1.1-2'] })
    const mineB = await createEntry(tutor, 'mine', { body: 'Bravo pour les personae.', criterionIds: ['C3.2-1'] })
    const mineA = await createEntry(tutor, 'mine', { body: 'Ajoutez les CSP.', criterionIds: ['C3.2-1', 'C3.2-4'] })
    const mineFirst = await createEntry(tutor, 'mine', { body: 'Zéro faute, bravo.', criterionIds: ['C1.1-2'] })
    const other = await createEntry(otherTutor, 'mine', { body: 'Le mien.', criterionIds: ['C1.1-2'] })

    const bank = await bankFor(tutor)
    expect(bank.map((e) => e.id)).toEqual([school.id, mineFirst.id, mineA.id, mineB.id])
    expect(bank.find((e) => e.id === other.id)).toBeUndefined()
    expect(bank[0]).toEqual({ id: school.id, body: 'Citez vos sources.', criterionIds: ['C1.1-2'], scope: 'school', canEdit: false })
    expect(bank[2]).toEqual({ id: mineA.id, body: 'Ajoutez les CSP.', criterionIds: ['C3.2-1', 'C3.2-4'], scope: 'mine', canEdit: true })
    // The admin edits the school’s entries.
    expect((await bankFor(admin)).find((e) => e.id === school.id)?.canEdit).toBe(true)
    expect((await rowOf(mineA.id))?.ownerId).toBe(tutor.id)
    expect((await rowOf(school.id))?.ownerId).toBeNull()
  })

  it('is refused to learners (403); a juror reads the school’s entries (for their grids), never a tutor’s, and writes none', async () => {
    expect(await thrownStatus(() => bankFor(users.learner))).toBe(403)
    expect(await thrownStatus(() => createEntry(users.learner, 'mine', { body: 'x', criterionIds: ['C1.1-2'] }))).toBe(403)
    const school = await createEntry(users.admin, 'school', { body: 'Justifiez le choix des canaux.', criterionIds: ['C2.3-1'] })
    const tutors = await createEntry(users.tutor, 'mine', { body: 'Pour mes candidat·es.', criterionIds: ['C2.3-1'] })
    const bank = await bankFor(users.juror)
    expect(bank.map((e) => e.id)).toContain(school.id)
    expect(bank.map((e) => e.id)).not.toContain(tutors.id)
    expect(bank.every((e) => !e.canEdit)).toBe(true)
    expect(await thrownStatus(() => createEntry(users.juror, 'mine', { body: 'x', criterionIds: ['C1.1-2'] }))).toBe(403)
  })
})

describe('managing entries', () => {
  it('a tutor edits and deletes their own entries only: another tutor’s and the school’s are out of reach', async () => {
    const { tutor, otherTutor, admin } = users
    const own = await createEntry(tutor, 'mine', { body: 'Avant', criterionIds: ['C6.2-2'] })
    const others = await createEntry(otherTutor, 'mine', { body: 'À un autre', criterionIds: ['C6.2-2'] })
    const school = await createEntry(admin, 'school', { body: 'De l’école', criterionIds: ['C6.2-2'] })

    expect(await updateEntry(tutor, 'mine', own.id, { body: 'Après', criterionIds: ['C6.2-1'] })).toMatchObject({ body: 'Après', criterionIds: ['C6.2-1'] })
    expect(await updateEntry(tutor, 'mine', others.id, { body: 'Piraté', criterionIds: ['C6.2-2'] })).toBeNull()
    expect(await updateEntry(tutor, 'mine', school.id, { body: 'Piraté', criterionIds: ['C6.2-2'] })).toBeNull()
    expect(await deleteEntry(tutor, 'mine', others.id)).toBe(false)
    expect(await deleteEntry(tutor, 'mine', school.id)).toBe(false)
    expect((await rowOf(others.id))?.body).toBe('À un autre')
    expect((await rowOf(school.id))?.body).toBe('De l’école')
    // The school's bank is the admin's: a tutor may not write it at all.
    expect(await thrownStatus(() => createEntry(tutor, 'school', { body: 'x', criterionIds: ['C1.1-2'] }))).toBe(403)
    expect(await thrownStatus(() => updateEntry(tutor, 'school', school.id, { body: 'x', criterionIds: ['C1.1-2'] }))).toBe(403)
    expect(await thrownStatus(() => deleteEntry(tutor, 'school', school.id))).toBe(403)

    expect(await deleteEntry(tutor, 'mine', own.id)).toBe(true)
    expect(await rowOf(own.id)).toBeUndefined()
  })

  it('the admin manages the school’s entries, not a tutor’s', async () => {
    const { tutor, admin } = users
    const school = await createEntry(admin, 'school', { body: 'Avant', criterionIds: ['C4.3-3'] })
    const tutors = await createEntry(tutor, 'mine', { body: 'Du tuteur', criterionIds: ['C4.3-3'] })
    expect((await updateEntry(admin, 'school', school.id, { body: ' Après ', criterionIds: ['C4.3-3'] }))?.body).toBe('Après')
    expect(await updateEntry(admin, 'school', tutors.id, { body: 'x', criterionIds: ['C4.3-3'] })).toBeNull()
    expect(await deleteEntry(admin, 'school', tutors.id)).toBe(false)
    expect(await deleteEntry(admin, 'school', school.id)).toBe(true)
    expect((await rowOf(tutors.id))?.body).toBe('Du tuteur')
  })

  it('the service refuses invalid input even when a caller skipped the form', async () => {
    await expect(createEntry(users.tutor, 'mine', { body: '', criterionIds: ['C1.1-2'] })).rejects.toThrow()
    await expect(createEntry(users.tutor, 'mine', { body: 'x', criterionIds: ['nope'] })).rejects.toThrow()
  })
})

describe('runBankForm', () => {
  it('answers bad input with 400, French messages and what was typed, and writes nothing', async () => {
    const before = (await getDb().select().from(schema.commentBank)).length
    const r = await runBankForm(users.tutor, 'mine', form({ intent: 'create', body: 'Mon texte', criterionIds: ['C99.1-1'] }))
    expect(r.status).toBe(400)
    expect(r.outcome).toEqual({
      ok: false,
      intent: 'create',
      id: null,
      errors: { criterionIds: 'Ce critère n’existe pas dans le référentiel : C99.1-1.' },
      values: { body: 'Mon texte', criterionIds: ['C99.1-1'] },
    })
    expect((await getDb().select().from(schema.commentBank)).length).toBe(before)
  })

  it('creates, updates and deletes; 404 on an entry that is not the user’s, even with bad input; 403 for a role without a bank', async () => {
    const { tutor, otherTutor, learner } = users
    const created = await runBankForm(tutor, 'mine', form({ intent: 'create', body: 'Texte', criterionIds: ['C2.1-2'] }))
    expect(created.outcome).toMatchObject({ ok: true, done: 'ajout' })
    const id = created.outcome.id!
    expect((await runBankForm(tutor, 'mine', form({ intent: 'update', id, body: 'Nouveau', criterionIds: ['C2.1-3'] }))).outcome).toEqual({
      ok: true,
      done: 'modif',
      id,
    })
    expect(await rowOf(id)).toMatchObject({ body: 'Nouveau', criterionIds: ['C2.1-3'] })
    expect(await thrownStatus(() => runBankForm(otherTutor, 'mine', form({ intent: 'update', id, body: 'x', criterionIds: ['C2.1-3'] })))).toBe(404)
    expect(await thrownStatus(() => runBankForm(otherTutor, 'mine', form({ intent: 'update', id, body: '', criterionIds: [] })))).toBe(404)
    expect(await thrownStatus(() => runBankForm(otherTutor, 'mine', form({ intent: 'delete', id })))).toBe(404)
    expect(await thrownStatus(() => runBankForm(learner, 'mine', form({ intent: 'delete', id })))).toBe(403)
    expect(await thrownStatus(() => runBankForm(tutor, 'mine', form({ intent: 'archive', id })))).toBe(400)
    expect((await runBankForm(tutor, 'mine', form({ intent: 'delete', id }))).outcome).toEqual({ ok: true, done: 'suppr', id })
    expect(await rowOf(id)).toBeUndefined()
  })
})

describe('the demo bank', () => {
  it('tags every demo entry with criteria of the référentiel, in a valid text', async () => {
    const { DEMO_SCHOOL_BANK, DEMO_TUTOR_BANK } = await import('#db/seed-bank')
    for (const entry of [...DEMO_SCHOOL_BANK, ...DEMO_TUTOR_BANK]) expect(bankEntrySchema.parse(entry)).toEqual(entry)
  })
})
