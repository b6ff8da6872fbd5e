import { describe, expect, it } from 'vitest'
import { dossierTemplateSchema, templatesById } from '#templates/dossiers'
import { handInProblems, minutesTitles, normalizeName, richTextWords } from './hand-in-checks'

const template = (id: string) => templatesById.get(id)!
const table = (...rows: Record<string, string | number | null>[]) => ({ rows: rows.map((cells, i) => ({ id: `row-${String(i).padStart(4, '0')}`, cells })) })
const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
})
const messages = (id: string, values: Record<string, unknown>) => handInProblems(template(id), values).map((p) => p.message)

describe('serious game: at least 3 professionals in the testing phase', () => {
  const pros = (...names: string[]) => ({ testing: table(...names.map((professionnel) => ({ professionnel, metier: 'Graphiste' }))) })

  it('blocks below 3 and names the section with the count so far', () => {
    expect(messages('serious-game-a11', {})).toEqual(['Phase de testing\u00a0: au moins 3 professionnels consultés lors du testing, 0 pour l’instant.'])
    expect(messages('serious-game-a11', pros('Anne Roux', 'Paul Morel'))).toEqual([
      'Phase de testing\u00a0: au moins 3 professionnels consultés lors du testing, 2 pour l’instant.',
    ])
  })

  it('passes at 3', () => {
    expect(messages('serious-game-a11', pros('Anne Roux', 'Paul Morel', 'Léa Petit'))).toEqual([])
  })

  it('counts a professional once, however written, and ignores rows without a name', () => {
    expect(messages('serious-game-a11', pros('Anne Roux', 'anne  roux', 'Paul Morel', '  ', ''))).toHaveLength(1)
    expect(messages('serious-game-a11', pros('Héloïse Dupré', 'Heloise Dupre', 'Paul Morel'))).toHaveLength(1)
  })
})

describe('fiche Event: 2 events, one on site and one digital', () => {
  const events = (...formats: (string | null)[]) => ({ planning: table(...formats.map((format, i) => ({ evenement: `Événement ${i + 1}`, format }))) })

  it('blocks one event with the three missing numbers', () => {
    expect(messages('fiche-event', events('Présentiel'))).toEqual([
      'Planning des événements\u00a0: au moins 2 événements planifiés, 1 pour l’instant.',
      'Planning des événements\u00a0: au moins 1 événement digital, 0 pour l’instant.',
    ])
  })

  it('blocks two events of the same format, or hybrid ones', () => {
    expect(messages('fiche-event', events('Digital', 'Digital'))).toEqual([
      'Planning des événements\u00a0: au moins 1 événement en présentiel, 0 pour l’instant.',
    ])
    expect(messages('fiche-event', events('Hybride', 'Hybride'))).toHaveLength(2)
    expect(messages('fiche-event', events('Présentiel', null))).toHaveLength(1)
  })

  it('passes at two events, one of each', () => {
    expect(messages('fiche-event', events('Présentiel', 'Digital'))).toEqual([])
    expect(messages('fiche-event', events('Digital', 'Hybride', 'Présentiel'))).toEqual([])
  })
})

describe('fiche Managériale: 2 meetings, each with its minutes', () => {
  const meetings = (...names: string[]) => table(...names.map((reunion) => ({ reunion, objectif: 'Coordonner' })))
  /** Meeting minutes: a title with `+` has its minutes written (a decision), without it is only planned. */
  const minutes = (...titles: string[]) => ({
    meetings: titles.map((t, i) => ({
      id: `reunion-${i}0000`,
      date: '2027-03-12',
      title: t.replace(/^\+/, ''),
      participants: '',
      agenda: '',
      decisions: t.startsWith('+') ? 'Budget validé' : '',
      actions: [],
      nextDate: null,
    })),
  })
  const MINUTES = 'reunions-comptes-rendus'

  it('blocks below two meetings', () => {
    expect(messages('fiche-manageriale', { 'planning-reunions': meetings('Comité de lancement'), [MINUTES]: minutes('+Comité de lancement') })).toEqual([
      'Planning des réunions\u00a0: au moins 2 réunions planifiées, 1 pour l’instant.',
    ])
  })

  it('blocks a meeting without minutes, even when it is in the minutes section as planned', () => {
    expect(
      messages('fiche-manageriale', {
        'planning-reunions': meetings('Comité de lancement', 'Point d’étape', 'Bilan'),
        [MINUTES]: minutes('+Compte-rendu du comité de lancement', 'Point d’étape'),
      }),
    ).toEqual([
      'Réunions et comptes-rendus\u00a0: pas de compte-rendu pour «\u00a0Point d’étape\u00a0», «\u00a0Bilan\u00a0» (chaque ligne de «\u00a0Planning des réunions\u00a0» doit y être nommée).',
    ])
  })

  it('passes at two meetings with their minutes, accents, case and apostrophes aside', () => {
    expect(
      messages('fiche-manageriale', {
        'planning-reunions': meetings('Comité de lancement', 'Point d’étape'),
        [MINUTES]: minutes('+COMITE DE LANCEMENT — 12 mars', "+Point d'etape du 3 avril"),
      }),
    ).toEqual([])
  })

  it('matches whole words only', () => {
    expect(
      messages('fiche-manageriale', { 'planning-reunions': meetings('R1', 'R2'), [MINUTES]: minutes('+R10', '+R2') }).map((m) =>
        m.includes('«\u00a0R1\u00a0»'),
      ),
    ).toEqual([true])
  })

  it('reads minutes written as decisions or as a worded action, never a rich text or garbage', () => {
    const withAction = {
      meetings: [{ ...minutes('Bilan').meetings[0], actions: [{ id: 'action-0000', what: 'Relancer', owner: '', due: null, status: null }] }],
    }
    expect(minutesTitles(withAction)).toBe('Bilan')
    expect(minutesTitles(minutes('Bilan'))).toBe('')
    expect(minutesTitles(doc('Bilan'))).toBe('')
    expect(minutesTitles({ meetings: [null, 3, { decisions: 'x' }] })).toBe('')
  })
})

describe('templates without checks', () => {
  it('never block', () => {
    expect(handInProblems(template('fiche-veille'), {})).toEqual([])
  })
})

describe('helpers', () => {
  it('normalize names and read rich text', () => {
    expect(normalizeName('  Réunion n° 1 – Kick-off ')).toBe('reunion n 1 kick off')
    expect(richTextWords(doc('Un', 'deux')).replace(/\s+/g, ' ').trim()).toBe('Un deux')
    expect(richTextWords('garbage')).toBe('')
  })
})

describe('the template schema', () => {
  const base = template('fiche-event')
  const parse = (handInChecks: unknown[]) => dossierTemplateSchema.safeParse({ ...base, handInChecks })

  it('accepts the shipped checks', () => {
    expect(parse(base.handInChecks ?? []).success).toBe(true)
    expect(base.handInChecks).toHaveLength(3)
  })

  it('refuses unknown sections, columns, options and non-table or non-text targets', () => {
    const issues = (checks: unknown[]) => {
      const r = parse(checks)
      return r.success ? [] : r.error.issues.map((i) => i.message)
    }
    expect(issues([{ rule: 'minRows', section: 'nope', column: 'format', min: 1, what: 'x' }])).toEqual(['section inconnue : nope'])
    expect(issues([{ rule: 'minRows', section: 'planning', column: 'nope', min: 1, what: 'x' }])).toEqual(['colonne inconnue : planning.nope'])
    expect(issues([{ rule: 'minRows', section: 'planning', column: 'format', values: ['Sur place'], min: 1, what: 'x' }])).toEqual([
      '« Sur place » n’est pas une option de la colonne planning.format',
    ])
    expect(issues([{ rule: 'minRows', section: 'contexte', column: 'format', min: 1, what: 'x' }])).toEqual(['la section contexte n’est pas un tableau'])
    expect(issues([{ rule: 'namedIn', section: 'planning', column: 'evenement', in: 'partenaires', what: 'x' }])).toEqual([
      'la section partenaires n’est ni un texte ni des comptes-rendus',
    ])
    expect(issues([{ rule: 'namedIn', section: 'planning', column: 'evenement', in: 'nope', what: 'x' }])).toEqual(['section inconnue : nope'])
  })
})
