import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { EditorContext } from '../types.browser'
import RichTextEditor from './editor'
import { doc, p, text } from './test-docs'

const ctx = (more: Partial<EditorContext> = {}): EditorContext => ({
  titleId: 't',
  guidanceId: 'g',
  caption: 'Analyse',
  uploadUrl: '/x',
  resetKey: 0,
  objectives: [],
  issues: [],
  ...more,
})
const render = (more: Partial<EditorContext> = {}) =>
  renderToStaticMarkup(<RichTextEditor field={{ kind: 'richText' }} value={doc(p(text('Les acheteuses fidèles')))} onChange={() => {}} ctx={ctx(more)} />)

describe('rich text editor, first paint (server)', () => {
  it('shows the text with room for the toolbar when editable', () => {
    const html = render()
    expect(html).toContain('Les acheteuses fidèles')
    expect(html).toContain('rt-toolbar--placeholder')
  })

  it('has no toolbar when read-only', () => {
    const html = render({ readOnly: true })
    expect(html).toContain('Les acheteuses fidèles')
    expect(html).not.toContain('rt-toolbar')
  })
})
