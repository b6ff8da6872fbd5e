import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { valueSchemaFor, type TableConfig, type TableValue } from './schema'

const config: TableConfig = {
  kind: 'table',
  columns: [
    { id: 'nom', label: 'Nom', type: 'text' },
    { id: 'budget', label: 'Budget', type: 'money' },
    { id: 'date', label: 'Date', type: 'date' },
    { id: 'statut', label: 'Statut', type: 'choice', options: ['Prévu', 'Fait'] },
  ],
}
const salon = { id: 'row-salon1', cells: { nom: 'Salon', budget: 1200, date: '2027-03-01', statut: 'Prévu' } }
const radio = { id: 'row-radio1', cells: { nom: 'Radio', budget: 800 } }
const value: TableValue = { rows: [salon, radio] }

describe('table value schema', () => {
  const schema = valueSchemaFor(config)
  it('accepts typed cells and refuses wrong types, unknown columns and bad ids', () => {
    expect(schema.safeParse(value).success).toBe(true)
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { budget: '1200' } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { statut: 'Annulé' } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { date: '01/03/2027' } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { inconnue: 'x' } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ id: 'x', cells: {} }] }).success).toBe(false)
  })
  it('says where a refused cell is', () => {
    const result = schema.safeParse({ rows: [salon, { id: 'row-abcdef', cells: { budget: 'beaucoup' } }] })
    expect(result.success).toBe(false)
    const path = result.error!.issues[0]!.path as (string | number)[]
    expect(definition.locate(path, value, config)).toBe('ligne 2, Budget')
  })
})

describe('table definition', () => {
  it('lists each row with its first cell', () => {
    expect(definition.items(value, config)).toEqual([
      { id: 'row-salon1', label: 'Ligne 1 — Salon' },
      { id: 'row-radio1', label: 'Ligne 2 — Radio' },
    ])
    expect(definition.items({ rows: [{ id: 'row-empty1', cells: {} }] }, config)).toEqual([{ id: 'row-empty1', label: 'Ligne 1' }])
  })

  it('describes changed cells, added, deleted and moved rows', () => {
    const after: TableValue = { rows: [{ ...radio, cells: { ...radio.cells, budget: 950 } }, salon, { id: 'row-affich', cells: { nom: 'Affichage' } }] }
    expect(definition.diff(value, after, config)).toEqual([
      'Ligne 1 — Radio : Budget : 800,00\u00a0€ → 950,00\u00a0€.',
      'Ajoutée : « Ligne 3 — Affichage ».',
      'Lignes réordonnées.',
    ])
    expect(definition.diff(value, { rows: [salon] }, config)).toEqual(['Supprimée : « Ligne 2 — Radio ».'])
    expect(definition.diff(value, value, config)).toEqual([])
  })

  it('gives the filled cells as plain text', () => {
    expect(definition.plainText(value, config)).toBe('Salon | 1200 | 2027-03-01 | Prévu\nRadio | 800')
  })

  it('counts filled rows for minRows and emptiness', () => {
    expect(definition.isEmpty({ rows: [{ id: 'row-empty1', cells: { nom: '' } }] }, config)).toBe(true)
    const ctx = { title: 'Actions', today: '2027-01-04' }
    expect(definition.rules.minRows!({ rule: 'minRows', min: 3 }, value, config, ctx)).toBe('« Actions » a 2\u00a0lignes ; 3 au moins sont attendues.')
    expect(definition.rules.minRows!({ rule: 'minRows', min: 2 }, value, config, ctx)).toBeNull()
  })
})

describe('eachValue hint', () => {
  const pestel: TableConfig = {
    kind: 'table',
    columns: [
      { id: 'facteur', label: 'Facteur', type: 'choice', options: ['Politique', 'Économique', 'Légal'] },
      { id: 'element', label: 'Élément', type: 'text' },
    ],
  }
  const rows = (...factors: (string | null)[]): TableValue => ({ rows: factors.map((f, i) => ({ id: `row-${i}`, cells: { facteur: f, element: 'x' } })) })
  const eachValue = definition.rules.eachValue!
  const ctx = { title: 'PESTEL', today: '2027-01-04' }
  const nb = '\u00a0'

  it('names each option of the column that no row holds (all options by default)', () => {
    expect(eachValue({ rule: 'eachValue', column: 'facteur', once: false }, rows('Politique', 'Politique', null), pestel, ctx)).toEqual([
      `Colonne «${nb}Facteur${nb}»${nb}: aucune ligne «${nb}Économique${nb}».`,
      `Colonne «${nb}Facteur${nb}»${nb}: aucune ligne «${nb}Légal${nb}».`,
    ])
    expect(eachValue({ rule: 'eachValue', column: 'facteur', once: false }, rows('Légal', 'Économique', 'Politique', 'Politique'), pestel, ctx)).toBeNull()
  })

  it('checks only the values given, and with `once` that each stands on one row', () => {
    const hint = { rule: 'eachValue' as const, column: 'facteur', values: ['Politique', 'Légal'], once: true }
    expect(eachValue(hint, rows('Politique', 'Économique', 'Légal'), pestel, ctx)).toBeNull()
    expect(eachValue(hint, rows('Politique', 'Politique', 'Légal', 'Politique'), pestel, ctx)).toEqual([
      `Colonne «${nb}Facteur${nb}»${nb}: «${nb}Politique${nb}» figure sur 3 lignes\u202f; une seule est attendue.`,
    ])
  })
})

describe('a « pièce jointe » column (issue 15 §4)', () => {
  const files: TableConfig = {
    kind: 'table',
    columns: [
      { id: 'fichier', label: 'Fichier', type: 'file' },
      { id: 'outil', label: 'Outil', type: 'text' },
    ],
  }
  const pdf = { src: '/fichiers/00000000-0000-4000-8000-000000000001', name: 'planning.pdf', mime: 'application/pdf', size: 2048 }
  const schema = valueSchemaFor(files)

  it('stores what the upload answered, and nothing else', () => {
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { fichier: pdf, outil: 'Tableur' } }] }).success).toBe(true)
    // A name typed where a file goes, an address outside the uploads, a type not accepted, an extra key.
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { fichier: 'planning.pdf' } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { fichier: { ...pdf, src: 'https://exemple.fr/x.pdf' } } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { fichier: { ...pdf, mime: 'text/html' } } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { fichier: { ...pdf, script: 'x' } } }] }).success).toBe(false)
    // A file where a text goes.
    expect(schema.safeParse({ rows: [{ id: 'row-abcdef', cells: { outil: pdf } }] }).success).toBe(false)
  })

  it('names the file in labels, diffs and plain text', () => {
    const value: TableValue = { rows: [{ id: 'row-abcdef', cells: { fichier: pdf, outil: 'Tableur' } }] }
    expect(definition.isEmpty(value, files)).toBe(false)
    expect(definition.items!(value, files)).toEqual([{ id: 'row-abcdef', label: 'Ligne 1 — planning.pdf (PDF, 2\u00a0Ko)' }])
    expect(definition.plainText(value, files)).toBe('planning.pdf (PDF, 2\u00a0Ko) | Tableur')
    const replaced = { rows: [{ id: 'row-abcdef', cells: { fichier: { ...pdf, name: 'planning-v2.pdf' }, outil: 'Tableur' } }] }
    expect(definition.diff!(value, replaced, files)).toEqual([
      'Ligne 1 — planning-v2.pdf (PDF, 2\u00a0Ko) : Fichier : planning.pdf (PDF, 2\u00a0Ko) → planning-v2.pdf (PDF, 2\u00a0Ko).',
    ])
  })
})
