import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { EditorContext } from '../types.browser'
import SourcesEditor from './editor'

const ctx = (issues: EditorContext['issues']): EditorContext => ({
  titleId: 'sources-titre',
  guidanceId: 'sources-aide',
  caption: 'Sources',
  uploadUrl: '/televersement',
  resetKey: 0,
  objectives: [],
  issues,
})
const row = (id: string, url: string) => ({ id, title: 'Xerfi', url, origin: 'externe' as const, type: '', note: '' })

describe('sources editor', () => {
  it('marks the refused cell and says why, and only that one', () => {
    const value = { rows: [row('src-aaaaaa', 'https://a.fr'), row('src-bbbbbb', 'https://b.fr'), row('src-cccccc', 'https://c.fr')] }
    const html = renderToStaticMarkup(
      <SourcesEditor
        field={{ kind: 'sources' }}
        value={value}
        onChange={() => {}}
        ctx={ctx([{ path: ['rows', 2, 'url'], place: 'ligne 3, Adresse web', message: 'l’adresse doit commencer par https:// ou http://' }])}
      />,
    )
    expect(html).toContain('3\u00a0sources · 0\u00a0internes · 3\u00a0externes')
    expect(html).toMatch(/<table id="[^"]+" role="grid" aria-label="Sources"/)
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(1)
    // The refused cell of the third row, with the stored address and why it was refused.
    expect(html).toMatch(
      /<tr data-item-id="src-cccccc"[^>]*>.*<td tabindex="-1" class="data-grid__text is-invalid" aria-invalid="true">https:\/\/c\.fr<span id="src-cccccc-url-erreur" class="field-error">l’adresse doit commencer par https:\/\/ ou http:\/\/<\/span><\/td>/,
    )
    for (const header of ['Source', 'Adresse web', 'Origine', 'Type', 'Ce qu’elle apporte']) expect(html).toContain(`<th scope="col">${header}</th>`)
    // One tab stop: the first cell.
    expect(html.match(/tabindex="0"/g)).toHaveLength(1)
  })

  it('marks other columns too', () => {
    const html = renderToStaticMarkup(
      <SourcesEditor
        field={{ kind: 'sources' }}
        value={{ rows: [row('src-aaaaaa', '')] }}
        onChange={() => {}}
        ctx={ctx([{ path: ['rows', 0, 'origin'], place: 'ligne 1, Origine', message: 'choisissez « Interne » ou « Externe »' }])}
      />,
    )
    expect(html).toContain(
      '<td tabindex="-1" class="data-grid__choice is-invalid" aria-invalid="true">Externe<span id="src-aaaaaa-origin-erreur" class="field-error">choisissez « Interne » ou « Externe »</span></td>',
    )
  })
})
