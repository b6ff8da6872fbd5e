import { describe, expect, it } from 'vitest'
import { cellsHtml, cellText, decodeCells, encodeCells, escapeHtml, type DossierCell } from './dossier-cells'

const cell: DossierCell = {
  id: '0f3c2b1e-1111-4c3b-9a9a-123456789abc',
  label: 'Fiche Veille',
  achieved: 3,
  criteria: 12,
  activity: 'il y a 2 jours',
  requested: true,
  openComments: 2,
}
const idle: DossierCell = { ...cell, id: 'b', label: 'Fiche UX', achieved: 0, criteria: 13, activity: '', requested: false, openComments: 0 }

describe('encodeCells / decodeCells', () => {
  it('round-trips the cells of a learner', () => {
    expect(decodeCells(encodeCells([cell, idle]))).toEqual([cell, idle])
    expect(decodeCells(encodeCells([]))).toEqual([])
  })
  it('keeps the separators out of the values', () => {
    const odd = { ...cell, label: 'A|B\nC' }
    expect(decodeCells(encodeCells([odd, idle]))).toEqual([{ ...odd, label: 'A B C' }, idle])
  })
})

describe('cellText', () => {
  it('says the figures in words', () => {
    expect(cellText(cell)).toBe('3/12 critères · 2\u00a0commentaires ouverts · modifié il y a 2 jours')
    expect(cellText({ ...cell, openComments: 1 })).toBe('3/12 critères · 1\u00a0commentaire ouvert · modifié il y a 2 jours')
    expect(cellText(idle)).toBe('0/13 critères')
    // A REX discusses criteria without evidencing them.
    expect(cellText({ ...idle, criteria: 0 })).toBe('sans critère à évaluer')
  })
})

describe('cellsHtml', () => {
  it('links each dossier, with its figures, its request badge and its bar class', () => {
    expect(cellsHtml(encodeCells([cell, idle]))).toBe(
      `<li class="p3"><a href="/dossiers/${cell.id}">Fiche Veille</a> 3/12 critères · 2\u00a0commentaires ouverts · modifié il y a 2 jours <strong>Relecture demandée</strong></li>` +
        '<li><a href="/dossiers/b">Fiche UX</a> 0/13 critères</li>',
    )
  })
  it('escapes every value', () => {
    const html = cellsHtml(encodeCells([{ ...cell, id: '"><script>', label: '<b>&' }]))
    expect(html).toContain('href="/dossiers/&quot;&gt;&lt;script&gt;"')
    expect(html).toContain('>&lt;b&gt;&amp;</a>')
    expect(html).not.toContain('<script>')
    expect(escapeHtml(`'`)).toBe('&#39;')
  })
})
