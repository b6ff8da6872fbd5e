import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { EditorContext } from '../types.browser'
import ChecklistEditor from './editor'
import ChecklistView from './view'

const ctx = (issues: EditorContext['issues']): EditorContext => ({
  titleId: 'controles-titre',
  guidanceId: 'controles-aide',
  caption: 'Contrôles',
  uploadUrl: '/televersement',
  resetKey: 0,
  objectives: [],
  issues,
})
const field = { kind: 'checklist' as const, items: [{ id: 'droits', label: 'Droits vérifiés' }] }

describe('checklist editor', () => {
  it('shows the points and says when the server refused a point the template no longer lists', () => {
    const html = renderToStaticMarkup(
      <ChecklistEditor
        field={field}
        value={{ checked: { droits: true, ancien: true } }}
        onChange={() => {}}
        ctx={ctx([{ path: ['checked', 'ancien'], place: 'point « ancien »', message: 'point « ancien » absent de la liste' }])}
      />,
    )
    expect(html).toContain('<ul class="checklist" aria-labelledby="controles-titre">')
    expect(html).toContain('checked=""')
    expect(html).toContain('Droits vérifiés')
    expect(html).toContain('<p class="field-error" role="alert">point « ancien » absent de la liste</p>')
    expect(html).not.toContain('aria-invalid')
  })
})

describe('checklist view', () => {
  it('keeps the box apart from its point, which wraps beside it', () => {
    const html = renderToStaticMarkup(<ChecklistView field={field} value={{ checked: { droits: true } }} caption="Contrôles" />)
    expect(html).toContain('<li class="checklist__point" data-item-id="droits" tabindex="-1"><span class="checklist__box" aria-hidden="true">☑</span>')
    expect(html).toContain('fait\u00a0: </span>Droits vérifiés</span>')
  })
})
