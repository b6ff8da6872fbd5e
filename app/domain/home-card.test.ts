import { describe, expect, it } from 'vitest'
import { dossierSubject, draftStepText, lastEditText, nextStep } from './home-card'

describe('dossierSubject', () => {
  it('takes the words in guillemets, or after the dash, with a capital letter', () => {
    expect(dossierSubject('Cas pratique « Cible, personae et mix marketing »', 'Cas pratique professionnel')).toBe('Cible, personae et mix marketing')
    expect(dossierSubject('Cas pratique « Plan média et planning éditorial »', 'Cas pratique professionnel')).toBe('Plan média et planning éditorial')
    expect(dossierSubject('Projet de communication 360° — canaux et supports', 'Projet de communication')).toBe('Canaux et supports')
    expect(dossierSubject('Mise en situation « Analyse du projet marketing »', 'Mise en situation professionnelle reconstituée')).toBe(
      'Analyse du projet marketing',
    )
  })
  it('says nothing when the épreuve’s title already says it, or when the title has no subject', () => {
    expect(dossierSubject('Fiche de compétences « Veille »', 'Fiche de compétences « Veille »')).toBeNull()
    expect(dossierSubject('Serious game « Challenge de la communication »', 'Serious game « Challenge de la communication »')).toBeNull()
    expect(dossierSubject('Cas pratique', 'Cas pratique professionnel')).toBeNull()
  })
})

describe('lastEditText', () => {
  const now = new Date('2026-06-10T12:00:00Z').getTime()
  it('says how long ago, or that nothing was written yet', () => {
    expect(lastEditText(now - 2 * 24 * 3_600_000 - 60_000, now)).toBe('Modifié avant-hier')
    expect(lastEditText(now - 5 * 24 * 3_600_000, now)).toBe('Modifié il y a 5 jours')
    expect(lastEditText(now - 20_000, now)).toBe('Modifié à l’instant')
    expect(lastEditText(new Date('2026-03-03T09:00:00Z').getTime(), now)).toBe('Modifié le 3 mars 2026')
    expect(lastEditText(null, now)).toBe('Pas encore commencé')
  })
})

describe('nextStep', () => {
  const sections = [
    { title: 'Besoins d’information', empty: false },
    { title: 'Sources mobilisées', empty: true },
    { title: 'Cible retenue', empty: true },
  ]
  const due = new Date('2026-12-03T13:05:00Z').getTime()
  it('points a draft to its first empty section, in the template’s order, with its deadline', () => {
    const step = nextStep(sections, { state: 'draft', dueAt: due, submittedAt: null })
    expect(step).toEqual({ kind: 'draft', section: 'Sources mobilisées', dueAt: due })
    expect(draftStepText(step as Extract<typeof step, { kind: 'draft' }>)).toBe(
      'À écrire\u00a0: Sources mobilisées · à déposer avant le 3 décembre 2026 à 14\u00a0h\u00a005',
    )
  })
  it('says a draft with every section written is ready to hand in', () => {
    const step = nextStep(
      sections.map((s) => ({ ...s, empty: false })),
      null,
    )
    expect(step).toEqual({ kind: 'draft', section: null, dueAt: null })
    expect(draftStepText(step as Extract<typeof step, { kind: 'draft' }>)).toBe('Prêt à déposer')
  })
  it('dates a dossier handed in, late or graded; a refused one has nothing more to say', () => {
    const submittedAt = new Date('2027-03-03T08:30:00Z').getTime()
    expect(nextStep(sections, { state: 'submitted', dueAt: null, submittedAt })).toEqual({
      kind: 'done',
      state: 'submitted',
      text: 'le 3 mars 2027 à 9\u00a0h\u00a030',
    })
    expect(nextStep(sections, { state: 'late', dueAt: null, submittedAt })).toMatchObject({ text: 'le 3 mars 2027 à 9\u00a0h\u00a030' })
    expect(nextStep(sections, { state: 'graded', dueAt: null, submittedAt })).toMatchObject({ text: '(déposé le 3 mars 2027 à 9\u00a0h\u00a030)' })
    expect(nextStep(sections, { state: 'refused', dueAt: null, submittedAt: null })).toEqual({ kind: 'done', state: 'refused', text: '' })
  })
})
