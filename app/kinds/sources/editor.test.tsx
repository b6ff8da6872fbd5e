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
  it('marks the refused input and says why, and only that one', () => {
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
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(1)
    expect(html).toMatch(/<input type="url" inputMode="url" aria-label="Adresse web, ligne 3" aria-invalid="true" aria-describedby="src-cccccc-url-erreur"/)
    expect(html).toContain('<span id="src-cccccc-url-erreur" class="field-error">l’adresse doit commencer par https:// ou http://</span>')
    for (const header of ['Source', 'Adresse web', 'Origine', 'Type', 'Ce qu’elle apporte']) expect(html).toContain(`<th scope="col">${header}</th>`)
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
    expect(html).toMatch(/<select aria-label="Origine, ligne 1" aria-invalid="true" aria-describedby="src-aaaaaa-origin-erreur"/)
  })
})
