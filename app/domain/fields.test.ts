import { describe, expect, it } from 'vitest'
import type { FieldConfig } from '#templates/template.schema'
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
})
