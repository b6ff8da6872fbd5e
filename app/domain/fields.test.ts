import { describe, expect, it } from 'vitest'
import { fieldSchema, type FieldConfig } from '#templates/template.schema'
import { valueSchema } from './fields.schema'

const table: FieldConfig = {
  kind: 'table',
  columns: [
    { id: 'nom', label: 'Nom', type: 'text' },
    { id: 'budget', label: 'Budget', type: 'money' },
    { id: 'taux', label: 'Taux', type: 'percent' },
    { id: 'date', label: 'Date', type: 'date' },
    { id: 'statut', label: 'Statut', type: 'choice', options: ['Prévu', 'Fait'] },
  ],
}

describe('valueSchema', () => {
  it('accepts typed table cells and rejects wrong types', () => {
    const schema = valueSchema(table)
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { nom: 'Salon', budget: 1200.5, taux: 12, date: '2027-03-01', statut: 'Prévu' } }] }).success).toBe(true)
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { budget: '1200' } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { statut: 'Annulé' } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { date: '01/03/2027' } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { inconnue: 'x' } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ id: 'x', cells: {} }] }).success).toBe(false)
  })

  it('accepts only the rich-text nodes, links and images the editor makes', () => {
    const schema = valueSchema({ kind: 'richText' })
    const doc = (content: unknown[]) => ({ type: 'doc', content })
    expect(schema.safeParse(doc([{ type: 'paragraph', content: [{ type: 'text', text: 'Bonjour', marks: [{ type: 'bold' }] }] }])).success).toBe(true)
    expect(schema.safeParse(doc([{ type: 'script', content: [] }])).success).toBe(false)
    expect(schema.safeParse(doc([{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }])).success).toBe(false)
    expect(schema.safeParse(doc([{ type: 'image', attrs: { src: 'https://ailleurs.example/x.png', alt: 'x' } }])).success).toBe(false)
    expect(schema.safeParse('<p>html</p>').success).toBe(false)
  })

  it('validates sources and checklists', () => {
    const sources = valueSchema({ kind: 'sources' })
    const row = { id: 'src-123456', title: 'Xerfi', url: 'https://www.xerfi.com', origin: 'externe', type: 'Étude', note: '' }
    expect(sources.safeParse({ rows: [row] }).success).toBe(true)
    expect(sources.safeParse({ rows: [{ ...row, origin: 'ailleurs' }] }).success).toBe(false)
    expect(sources.safeParse({ rows: [{ ...row, url: 'ftp://x' }] }).success).toBe(false)
    const checklist = valueSchema({ kind: 'checklist', items: [{ id: 'a', label: 'A' }] })
    expect(checklist.safeParse({ checked: { a: true } }).success).toBe(true)
    expect(checklist.safeParse({ checked: { b: true } }).success).toBe(false)
  })

  it('validates a mix against its template lists: known P, sub-parts and extensions, 10P at most, links to known items', () => {
    const schema = valueSchema(fieldSchema.parse({ kind: 'mix' }))
    const e = { proposal: 'Atelier', illustration: '', personalisation: '', links: ['produit', 'processus'] }
    const ok = { p: { produit: { gamme: 'Bougies' } }, extensions: [{ id: 'processus', content: 'x', context: '' }], e: { emotion: e } }
    expect(schema.safeParse(ok).success).toBe(true)
    expect(schema.safeParse({ ...ok, p: { produit: { inconnue: 'x' } } }).success).toBe(false)
    expect(schema.safeParse({ ...ok, extensions: [{ id: 'pourpre', content: '', context: '' }] }).success).toBe(false)
    const twice = { id: 'processus', content: '', context: '' }
    expect(schema.safeParse({ ...ok, extensions: [twice, twice] }).success).toBe(false)
    const seven = ['personnel', 'processus', 'preuve-physique', 'partenariat', 'permission', 'personnalisation', 'personnel'].map((id) => ({ id, content: '', context: '' }))
    expect(schema.safeParse({ ...ok, extensions: seven }).success).toBe(false)
    expect(schema.safeParse({ ...ok, e: { emotion: { ...e, links: ['ailleurs'] } } }).success).toBe(false)
    expect(schema.safeParse({ ...ok, e: { amour: e } }).success).toBe(false)
  })

  it('validates retroplannings and KPI dashboards', () => {
    const plan = valueSchema(fieldSchema.parse({ kind: 'retroplanning' }))
    const task = { id: 'tache-123456', group: '', name: 'Brief', owner: '', stakeholders: '', constraints: '', duration: 3, dependsOn: [], actualStart: null, actualFinish: null }
    expect(plan.safeParse({ deadline: '2027-05-14', projectStart: null, tasks: [task] }).success).toBe(true)
    expect(plan.safeParse({ deadline: '14/05/2027', projectStart: null, tasks: [task] }).success).toBe(false)
    expect(plan.safeParse({ deadline: null, projectStart: null, tasks: [{ ...task, duration: 2.5 }] }).success).toBe(false)
    const kpi = valueSchema(fieldSchema.parse({ kind: 'kpi' }))
    const row = { id: 'kpi-123456', name: 'ROI', category: 'Rentabilité', formula: 'roi', period: 'T1', target: 40, inputs: { gain: 12_000, cost: 8_000 }, source: '', objectiveId: null }
    expect(kpi.safeParse({ rows: [row] }).success).toBe(true)
    expect(kpi.safeParse({ rows: [{ ...row, formula: 'magie' }] }).success).toBe(false)
    expect(kpi.safeParse({ rows: [{ ...row, category: 'Autre' }] }).success).toBe(false)
    expect(kpi.safeParse({ rows: [{ ...row, inputs: { gain: '12000' } }] }).success).toBe(false)
  })
})
