import { describe, expect, it } from 'vitest'
import { fieldSchema, type DossierTemplate } from '#templates/template.schema'
import { emptyKpi } from './kpi/kpi'
import { hintsByCriterion } from './hints'
import { evaluateHints } from './registry'
import { progressOf } from '~/domain/self-assessment'

const template: DossierTemplate = {
  id: 't',
  evaluationId: 'fiche-veille',
  kind: 'main',
  title: 'T',
  intro: 'I',
  sections: [
    {
      id: 'texte',
      title: 'Analyse',
      part: 'written',
      guidance: 'g',
      criteria: ['C1.2-1'],
      discusses: [],
      field: { kind: 'richText' },
      hints: [{ rule: 'minWords', min: 3 }],
    },
    {
      id: 'sources',
      title: 'Sources',
      part: 'written',
      guidance: 'g',
      criteria: ['C1.1-2', 'C1.1-3'],
      discusses: [],
      field: { kind: 'sources' },
      hints: [
        { rule: 'minRows', min: 2, criteria: ['C1.1-3'] },
        { rule: 'hasOrigin', origin: 'interne', criteria: ['C1.1-2'] },
      ],
    },
    {
      id: 'tableau',
      title: 'Besoins',
      part: 'written',
      guidance: 'g',
      criteria: ['C1.1-1'],
      discusses: [],
      field: { kind: 'table', columns: [{ id: 'a', label: 'A', type: 'text' }] },
      hints: [{ rule: 'notEmpty' }],
    },
    {
      id: 'liste',
      title: 'Contrôles',
      part: 'written',
      guidance: 'g',
      criteria: ['C1.1-4'],
      discusses: [],
      field: {
        kind: 'checklist',
        items: [
          { id: 'x', label: 'X' },
          { id: 'y', label: 'Y' },
        ],
      },
      hints: [{ rule: 'allChecked' }],
    },
  ],
}

const source = (id: string, origin: 'interne' | 'externe') => ({ id: `source-${id}`, title: `Source ${id}`, url: '', origin, type: '', note: '' })

describe('evaluateHints', () => {
  it('reports every hint on an empty dossier', () => {
    const results = evaluateHints(template, {})
    expect(results.map((r) => r.message)).toEqual([
      '« Analyse » compte 0\u00a0mots ; 3 au moins sont attendus pour développer l’analyse.',
      '« Sources » n’a encore aucune ligne.',
      'Aucune source interne n’est listée dans « Sources ».',
      'La section « Besoins » est vide.',
      '2\u00a0points restent à vérifier dans « Contrôles ».',
    ])
    expect(
      hintsByCriterion(results)
        .get('C1.1-3')
        ?.map((r) => r.sectionId),
    ).toEqual(['sources'])
  })

  it('clears hints as the content grows', () => {
    const results = evaluateHints(template, {
      texte: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Trois mots ici' }] }] },
      sources: { rows: [source('a', 'externe'), source('b', 'interne')] },
      tableau: { rows: [{ id: 'row-000001', cells: { a: 'besoin' } }] },
      liste: { checked: { x: true, y: true } },
    })
    expect(results).toEqual([])
  })

  it('counts only rows with content and says how many sources are missing', () => {
    const results = evaluateHints(template, {
      sources: { rows: [source('a', 'externe'), { ...source('b', 'externe'), title: '' }] },
      tableau: { rows: [{ id: 'row-000001', cells: { a: '' } }] },
    })
    expect(results.map((r) => r.message)).toContain('2 sources au moins sont attendues dans « Sources » ; vous en listez 1.')
    expect(results.map((r) => r.message)).toContain('La section « Besoins » est vide.')
  })

  it('flags images without a text alternative', () => {
    const results = evaluateHints(template, {
      texte: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Un deux trois' }] },
          { type: 'image', attrs: { src: '/fichiers/00000000-0000-0000-0000-000000000000', alt: '' } },
        ],
      },
    })
    expect(results.map((r) => r.message)).toContain('1\u00a0image n’a pas de texte alternatif dans « Analyse ».')
  })
})

describe('progressOf', () => {
  it('counts achieved criteria', () => {
    const p = progressOf(
      ['a', 'b', 'c', 'd'],
      new Map([
        ['a', 'achieved'],
        ['b', 'in_progress'],
        ['c', 'achieved'],
      ] as const),
    )
    expect(p).toEqual({ total: 4, achieved: 2, inProgress: 1, percent: 50 })
    expect(progressOf([], new Map()).percent).toBe(0)
  })

  it('counts the rows of a KPI dashboard as indicators, and gives one hint per structural problem', () => {
    const kpiTemplate: DossierTemplate = {
      ...template,
      sections: [
        {
          id: 'kpi',
          title: 'Indicateurs',
          part: 'written',
          guidance: 'g',
          criteria: ['C15.1-1', 'C15.1-3'],
          discusses: [],
          field: fieldSchema.parse({ kind: 'kpi', requiredFormulas: ['roi', 'roas'] }),
          hints: [
            { rule: 'minRows', min: 6, criteria: ['C15.1-1'] },
            { rule: 'kindChecks', criteria: ['C15.1-3'] },
          ],
        },
      ],
    }
    const row = { ...emptyKpi('kpi-aaaaaa', 'roi'), name: 'ROI Search', target: 40, inputs: { gain: 12_000, cost: 8_000 } }
    expect(evaluateHints(kpiTemplate, { kpi: { rows: [row] } }).map((h) => [h.criteria, h.message])).toEqual([
      [['C15.1-1'], '« Indicateurs » a 1\u00a0indicateur ; 6 au moins sont attendus.'],
      [['C15.1-3'], 'Aucun indicateur calculé en ROAS : ajoutez-en un.'],
    ])
  })
})
