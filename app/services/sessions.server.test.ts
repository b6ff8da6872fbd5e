import { describe, expect, it } from 'vitest'
import { setupTempDb } from '../../tests/unit/temp-db'

await setupTempDb('sessions')
const { fieldErrors } = await import('~/domain/user-forms')
const { createSession, SessionError, SessionFormSchema, sessionOf, setArchived, updateSession } = await import('./sessions.server')

const form = (over: Record<string, unknown> = {}) =>
  SessionFormSchema.parse({ name: 'Session 2027', startsOn: '2026-09-01', endsOn: '2027-06-30', retentionMonths: '36', ...over })
const errorsOf = (input: Record<string, unknown>) => {
  const r = SessionFormSchema.safeParse({ name: 'S', startsOn: '2026-09-01', endsOn: '2027-06-30', retentionMonths: '36', ...input })
  // The first message of each field, as the forms show them (fieldErrors).
  return r.success ? {} : fieldErrors(r.error)
}

describe('SessionFormSchema', () => {
  it('reads the form: trimmed name with collapsed spaces, dates, months as a number', () => {
    expect(form({ name: '  Session   de  juin ', retentionMonths: '24' })).toEqual({
      name: 'Session de juin',
      startsOn: '2026-09-01',
      endsOn: '2027-06-30',
      retentionMonths: 24,
    })
  })

  it('refuses, in French, a missing name, an impossible date, an end before the start and a retention out of range', () => {
    expect(errorsOf({ name: ' ' })).toEqual({ name: 'Donnez un nom à la session.' })
    expect(errorsOf({ startsOn: '2026-02-30' })).toEqual({ startsOn: 'Début\u00a0: cette date n’existe pas.' })
    expect(errorsOf({ endsOn: '' })).toMatchObject({ endsOn: 'Fin\u00a0: indiquez une date.' })
    expect(errorsOf({ endsOn: '2026-08-31' })).toEqual({ endsOn: 'La fin de la session ne peut pas précéder son début.' })
    expect(errorsOf({ retentionMonths: '0' })).toEqual({ retentionMonths: 'La conservation dure au moins 1\u00a0mois.' })
    expect(errorsOf({ retentionMonths: '2,5' })).toHaveProperty('retentionMonths')
  })
})

describe('sessions', () => {
  it('creates, refuses a second session of the same name (whatever the case), edits and archives', async () => {
    const { id } = await createSession(form())
    expect(await sessionOf(id)).toMatchObject({ name: 'Session 2027', retentionMonths: 36, archivedAt: null })
    await expect(createSession(form({ name: 'session 2027' }))).rejects.toThrow(SessionError)
    await createSession(form({ name: 'Session créée' }))
    await expect(createSession(form({ name: 'SESSION CRÉÉE' }))).rejects.toThrow('Une autre session porte déjà ce nom.')
    const other = (await createSession(form({ name: 'Autre' }))).id
    await expect(updateSession(other, form({ name: 'SESSION 2027' }))).rejects.toThrow('Une autre session porte déjà ce nom.')
    await updateSession(id, form({ name: 'Session 2027 — juin', retentionMonths: '48' }))
    expect(await sessionOf(id)).toMatchObject({ name: 'Session 2027 — juin', retentionMonths: 48 })
    const at = new Date('2027-07-01T10:00:00Z')
    expect(await setArchived(id, true, at)).toBe(true)
    expect(await setArchived(id, true)).toBe(false)
    expect((await sessionOf(id))?.archivedAt).toEqual(at)
    expect(await setArchived(id, false)).toBe(true)
    expect((await sessionOf(id))?.archivedAt).toBeNull()
    await expect(setArchived('inconnue', true)).rejects.toThrow('Cette session d’examen n’existe pas.')
  })
})
