import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { EditorContext } from '../types.browser'
import PositioningMapEditor from './editor'
import { configSchema, type PositioningMapValue } from './schema'
import PositioningMapView from './view'

const field = configSchema.parse({ kind: 'positioningMap' })
const value: PositioningMapValue = {
  x: { name: 'Prix', low: 'Prix bas', high: 'Prix élevé' },
  y: { name: '', low: 'Tradition', high: 'Innovation' },
  brands: [
    { id: 'brand-dupont', name: 'Maison Dupont', x: 2, y: -3, size: 8, comment: '' },
    { id: 'brand-biocoo', name: 'Biocoop', x: 3.5, y: null, size: null, comment: 'Réseau' },
  ],
  companyId: 'brand-dupont',
}
const ctx: EditorContext = {
  titleId: 'titre-carte',
  guidanceId: 'aide-carte',
  caption: 'Carte perceptuelle',
  uploadUrl: '/x',
  resetKey: 0,
  objectives: [],
  issues: [{ path: ['brands', 1, 'x'], place: 'ligne 2, Prix', message: 'la note doit être comprise entre −5 et 5' }],
}

describe('positioning map editor (server-rendered)', () => {
  const html = renderToStaticMarkup(<PositioningMapEditor field={field} value={value} onChange={() => {}} ctx={ctx} />)

  it('labels every input and button', () => {
    const labelled = new Set([...html.matchAll(/<label[^>]* for="([^"]+)"/g)].map((m) => m[1]))
    const inputs = [...html.matchAll(/<input[^>]*>/g)].map((m) => m[0])
    expect(inputs.length).toBe(6 + 2 * 6)
    for (const input of inputs) {
      const id = /id="([^"]+)"/.exec(input)?.[1]
      const wrapped = input.includes('type="radio"')
      expect(input.includes('aria-label=') || (id && labelled.has(id)) || wrapped, input).toBe(true)
    }
    expect(html).toContain('aria-label="Prix, ligne 1"')
    expect(html).toContain('aria-label="Axe vertical, ligne 2"')
    expect(html).toContain('<span class="visually-hidden">C’est l’entreprise, ligne 2</span>')
    for (const name of ['Monter la ligne 2', 'Descendre la ligne 1', 'Supprimer la ligne 1']) expect(html).toContain(`aria-label="${name}"`)
    expect(html).toContain('Nom de l’axe<span class="visually-hidden"> horizontal</span>')
  })

  it('shows French numbers, the company flagged, the refused score marked and explained', () => {
    expect(html).toContain('value="3,5"')
    expect(html).toMatch(/<input type="radio"[^>]*checked=""/)
    expect(html).toContain('id="brand-biocoo-x" type="text" inputMode="decimal"')
    expect(html).toMatch(/id="brand-biocoo-x"[^>]*aria-invalid="true" aria-describedby="brand-biocoo-x-erreur"/)
    expect(html).toContain('<span id="brand-biocoo-x-erreur" class="field-error">la note doit être comprise entre −5 et 5</span>')
  })

  it('draws the chart live as an image with a text alternative (the chart code loads on demand)', () => {
    const nb = '\u00a0'
    expect(html).toContain(
      `<div class="pmap-chart__canvas" role="img" aria-label="Carte perceptuelle «${nb}Carte perceptuelle${nb}»${nb}: ` +
        `axe horizontal «${nb}Prix${nb}» (Prix bas → Prix élevé), axe vertical (Tradition → Innovation)${nb}; ` +
        `1${nb}marque placée (scores de −5 à 5). Le détail figure dans le tableau des marques."><div aria-hidden="true">`,
    )
    // renderToStaticMarkup does not wait for on-demand code: the room kept for the chart stands in for it.
    expect(html).toContain('<div class="pmap-chart__loading"></div>')
  })
})

describe('positioning map view', () => {
  it('gives the data table with a caption and scoped headers after the chart', () => {
    const html = renderToStaticMarkup(<PositioningMapView field={field} value={value} caption="Carte perceptuelle" />)
    expect(html.indexOf('role="img"')).toBeLessThan(html.indexOf('<table'))
    expect(html).toContain('<caption class="visually-hidden">Carte perceptuelle — marques placées</caption>')
    expect(html).toContain('<th scope="row">Maison Dupont</th>')
    expect(html).toContain('<th scope="col" class="num">Prix (−5 Prix bas → 5 Prix élevé)</th>')
    expect(html).toContain('<td>Entreprise</td>')
    expect(html).toContain('<td class="num">8\u00a0%</td>')
  })
})
