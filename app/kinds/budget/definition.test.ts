import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { configSchema, valueSchemaFor, type BudgetValue } from './schema'
import { expense, human, SAMPLE } from './test-sample'

const config = configSchema.parse({ kind: 'budget' })
const ctx = { title: 'Suivi budgétaire', today: '2027-01-04' }

describe('budget schemas', () => {
  it('gives default categories and thresholds (+5 %, +10 %), and refuses thresholds in the wrong order', () => {
    expect(config.categories).toContain('Ressources humaines internes')
    expect(config.thresholds).toEqual({ orange: 0.05, red: 0.1 })
    expect(configSchema.safeParse({ kind: 'budget', thresholds: { orange: 0.1, red: 0.05 } }).success).toBe(false)
  })

  const schema = valueSchemaFor(config)
  it('accepts the sample and refuses unknown categories, negative or non-numeric amounts, unknown charges and fields', () => {
    expect(schema.safeParse(SAMPLE).success).toBe(true)
    const line = SAMPLE.expenses[0]!
    const withLine = (l: unknown) => ({ expenses: [l], humanCosts: [] })
    expect(schema.safeParse(withLine({ ...line, category: '' })).success).toBe(true)
    expect(schema.safeParse(withLine({ ...line, category: 'Autre' })).success).toBe(false)
    expect(schema.safeParse(withLine({ ...line, planned: -5 })).success).toBe(false)
    expect(schema.safeParse(withLine({ ...line, planned: '1000' })).success).toBe(false)
    expect(schema.safeParse(withLine({ ...line, charge: 'mixte' })).success).toBe(false)
    expect(schema.safeParse(withLine({ ...line, extra: 1 })).success).toBe(false)
  })

  it('says why in French, and where', () => {
    const bad = { ...SAMPLE, humanCosts: [{ ...SAMPLE.humanCosts[0]!, dailyRate: -1 }] }
    const refused = schema.safeParse(bad)
    const issues = refused.error!.issues.map((i) => [definition.locate(i.path as (string | number)[], SAMPLE, config), i.message])
    expect(issues).toEqual([['Coût humain 1 — Chargée de communication, Taux journalier (€)', 'taux journalier : un montant positif est attendu']])
    expect(definition.locate(['expenses', 1, 'planned'], SAMPLE, config)).toBe('Dépense 2 — Kakémonos, Prévu (€)')
    expect(definition.locate(['expenses'], SAMPLE, config)).toBe('Dépenses')
  })
})

describe('budget definition', () => {
  it('is empty until a line holds something, and lists each line as an item', () => {
    expect(definition.isEmpty(definition.empty(config), config)).toBe(true)
    expect(definition.isEmpty(SAMPLE, config)).toBe(false)
    expect(definition.items(SAMPLE, config).map((i) => i.label)).toEqual([
      'Dépense 1 — Flyers A5',
      'Dépense 2 — Kakémonos',
      'Dépense 3 — Encart presse régionale',
      'Dépense 4 — Stand salon',
      'Dépense 5 — Taxi',
      'Coût humain 1 — Chargée de communication',
      'Coût humain 2 — Graphiste',
    ])
  })

  it('answers minRows and kindChecks', () => {
    expect(definition.rules.minRows!({ rule: 'minRows', min: 8 }, SAMPLE, config, ctx)).toBe(
      '« Suivi budgétaire » a 7\u00a0lignes de budget ; 8 au moins sont attendues.',
    )
    expect(definition.rules.kindChecks!({ rule: 'kindChecks' }, SAMPLE, config, ctx)).toEqual([
      'Sans montant prévu : « Taxi ».',
      'Dépassement en alerte rouge sans commentaire : « Flyers A5 », « Taxi ». Expliquez l’écart et la conduite à tenir.',
    ])
  })

  it('describes changed, added and removed lines', () => {
    const after: BudgetValue = {
      expenses: [{ ...SAMPLE.expenses[0]!, actual: 1200, charge: 'fixe' }, expense('exp-new001', 'Événementiel', 'Salon', 'Traiteur', 'variable', 500, null)],
      humanCosts: [{ ...SAMPLE.humanCosts[0]!, actualDays: 13 }, human('hum-new001', 'Création', '', null, null, null)],
    }
    expect(definition.diff({ ...SAMPLE, humanCosts: SAMPLE.humanCosts.slice(0, 1) }, after, config)).toEqual([
      'Dépense 1 — Flyers A5 : charge Variable → Fixe ; réel 1\u202f125,00\u00a0€ → 1\u202f200,00\u00a0€.',
      'Ajoutée : Dépense 2 — Traiteur.',
      'Supprimée : Dépense 2 — Kakémonos.',
      'Supprimée : Dépense 3 — Encart presse régionale.',
      'Supprimée : Dépense 4 — Stand salon.',
      'Supprimée : Dépense 5 — Taxi.',
      'Coût humain 1 — Chargée de communication : jours réels 12 → 13.',
      'Ajoutée : Coût humain 2.',
    ])
    expect(definition.diff(SAMPLE, SAMPLE, config)).toEqual([])
  })

  it('gives its plain text line by line', () => {
    expect(definition.plainText(SAMPLE, config).split('\n')[0]).toBe('Production et impression | Impression | Flyers A5')
  })
})
