import { describe, expect, it } from 'vitest'
import { MAX_ROWS } from '../atoms'
import { parseFrenchNumber } from '~/domain/numbers'
import { convertCell, headerKey, importedRows, parseDate, planTableImport, TABLE_MAX_ROWS } from './import'
import { valueSchemaFor, type Column, type TableConfig } from './schema'

const config: TableConfig = {
  kind: 'table',
  columns: [
    { id: 'niveau', label: 'Niveau', type: 'choice', options: ['Cœur de cible', 'Cible secondaire', 'Cible relais'] },
    { id: 'description', label: 'Description', type: 'text' },
    { id: 'taille', label: 'Taille estimée', type: 'number' },
    { id: 'budget', label: 'Budget', type: 'money' },
    { id: 'debut', label: 'Début', type: 'date' },
  ],
}
const col = (id: string) => config.columns.find((c) => c.id === id)!
let n = 0
const ids = () => `row-test-${String(++n).padStart(4, '0')}`

describe('reading cells as the column’s type', () => {
  it('reads French and English numbers, with units and thousands separators', () => {
    expect(parseFrenchNumber('1 234,5')).toBe(1234.5)
    expect(parseFrenchNumber('1\u202f234,50\u00a0€')).toBe(1234.5)
    expect(parseFrenchNumber('12 %')).toBe(12)
    expect(parseFrenchNumber('1.234,56')).toBe(1234.56)
    expect(parseFrenchNumber('1,234.56')).toBe(1234.56)
    expect(parseFrenchNumber('1.000.000')).toBe(1_000_000)
    expect(parseFrenchNumber('-3,5')).toBe(-3.5)
    expect(parseFrenchNumber('2401')).toBe(2401)
    expect(parseFrenchNumber('douze')).toBeUndefined()
    expect(parseFrenchNumber('12 ans')).toBeUndefined()
  })

  it('reads French and ISO dates, refuses impossible ones', () => {
    expect(parseDate('15/03/2027')).toBe('2027-03-15')
    expect(parseDate('5/3/27')).toBe('2027-03-05')
    expect(parseDate('15.03.2027')).toBe('2027-03-15')
    expect(parseDate('2027-03-15')).toBe('2027-03-15')
    expect(parseDate('2027-03-15T00:00:00.000Z')).toBe('2027-03-15')
    expect(parseDate('31/02/2027')).toBeNull()
    expect(parseDate('mars 2027')).toBeNull()
  })

  it('matches a choice whatever its case and accents, and keeps the option’s spelling', () => {
    expect(convertCell(col('niveau'), 'coeur de cible ')).toEqual({ value: 'Cœur de cible', ok: true })
    expect(convertCell(col('niveau'), 'Prescripteurs')).toEqual({ value: null, ok: false })
    expect(convertCell(col('niveau'), 'CIBLE SECONDAIRE')).toEqual({ value: 'Cible secondaire', ok: true })
    expect(convertCell(col('niveau'), 'Cible relais')).toEqual({ value: 'Cible relais', ok: true })
    expect(convertCell(col('niveau'), '')).toEqual({ value: null, ok: true })
  })

  it('compares headers without accents, case, spaces or units', () => {
    expect(headerKey('Taille estimée')).toBe(headerKey('TAILLE  ESTIMEE'))
    expect(headerKey('Budget (€)')).toBe(headerKey('budget'))
  })
})

describe('planning an import', () => {
  it('matches columns by header name, says what was left out, and converts the cells', () => {
    const plan = planTableImport(config.columns, {
      headers: ['Commentaire', 'description', 'NIVEAU', 'Taille estimée', 'Budget (€)'],
      rows: [
        ['à revoir', '25-34 ans urbains', 'Cible secondaire', '120 000', '1 200,50 €'],
        ['', 'Boutiques de décoration', 'Prescripteurs', 'beaucoup', ''],
        ['seulement un commentaire', '', '', '', ''],
      ],
    })
    expect(plan.by).toBe('name')
    expect(plan.mapped.map((m) => [m.column.label, m.header])).toEqual([
      ['Niveau', 'NIVEAU'],
      ['Description', 'description'],
      ['Taille estimée', 'Taille estimée'],
      ['Budget', 'Budget (€)'],
    ])
    expect(plan.emptyColumns.map((c) => c.label)).toEqual(['Début'])
    expect(plan.droppedHeaders).toEqual(['Commentaire'])
    // The third row only has a dropped column: nothing to import from it.
    expect(plan.rows).toEqual([
      { niveau: 'Cible secondaire', description: '25-34 ans urbains', taille: 120000, budget: 1200.5 },
      { description: 'Boutiques de décoration' },
    ])
    expect(plan.unreadable.map((u) => [u.column.label, u.count, u.example])).toEqual([
      ['Niveau', 1, 'Prescripteurs'],
      ['Taille estimée', 1, 'beaucoup'],
    ])
    expect(plan.droppedRows).toBe(0)
  })

  it('falls back to the order of the columns when no header names one, and drops the extra ones', () => {
    const plan = planTableImport(config.columns.slice(1, 3), { headers: ['A', 'B', 'C'], rows: [['Jeunes actifs', '12', 'x']] })
    expect(plan.by).toBe('order')
    expect(plan.mapped.map((m) => [m.column.id, m.header])).toEqual([
      ['description', 'A'],
      ['taille', 'B'],
    ])
    expect(plan.droppedHeaders).toEqual(['C'])
    expect(plan.rows).toEqual([{ description: 'Jeunes actifs', taille: 12 }])
  })

  it('keeps no more rows than the field can still take', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [`Ligne ${i}`])
    const plan = planTableImport([col('description')], { headers: ['Description'], rows }, 4)
    expect(plan.rows).toHaveLength(4)
    expect(plan.droppedRows).toBe(6)
    expect(TABLE_MAX_ROWS).toBe(MAX_ROWS)
  })

  it('gives rows the table’s schema accepts, each with its own id', () => {
    const plan = planTableImport(config.columns, {
      headers: ['Niveau', 'Description', 'Taille estimée', 'Budget', 'Début'],
      rows: [
        ['Cœur de cible', 'Les 25-34 ans', '1 200', '300 €', '01/09/2027'],
        ['Cible relais', 'Presse déco', '15', '', 'bientôt'],
      ],
    })
    const rows = importedRows(plan, ids)
    expect(new Set(rows.map((r) => r.id)).size).toBe(2)
    const parsed = valueSchemaFor(config).safeParse({ rows })
    expect(parsed.success ? [] : parsed.error.issues).toEqual([])
    expect(rows[0]!.cells).toEqual({ niveau: 'Cœur de cible', description: 'Les 25-34 ans', taille: 1200, budget: 300, debut: '2027-09-01' })
  })

  it('never produces a cell the column refuses (any text in, valid values out)', () => {
    const samples = ['', ' ', 'abc', '12', '1,5', '31/12/2027', '2027-02-30', 'Cible relais', '€', '%', '-', '1e3', '०१२']
    const columns: Column[] = config.columns
    const plan = planTableImport(columns, { headers: columns.map((c) => c.label), rows: samples.map((s) => columns.map(() => s)) })
    const parsed = valueSchemaFor(config).safeParse({ rows: importedRows(plan, ids) })
    expect(parsed.success ? [] : parsed.error.issues).toEqual([])
  })
})
