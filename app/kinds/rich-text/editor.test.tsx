import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { EditorContext } from '../types.browser'
import RichTextEditor, { nextToolbarIndex } from './editor'
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

describe('rich text toolbar keys (WAI-ARIA toolbar)', () => {
  it('moves with the arrows, round the ends', () => {
    expect(nextToolbarIndex('ArrowRight', 0, 11)).toBe(1)
    expect(nextToolbarIndex('ArrowRight', 10, 11)).toBe(0)
    expect(nextToolbarIndex('ArrowLeft', 1, 11)).toBe(0)
    expect(nextToolbarIndex('ArrowLeft', 0, 11)).toBe(10)
  })
  it('goes to the first and last buttons with Home and End', () => {
    expect(nextToolbarIndex('Home', 6, 11)).toBe(0)
    expect(nextToolbarIndex('End', 2, 15)).toBe(14)
  })
  it('leaves other keys (Tab, Enter, Space, Up, Down) and unknown buttons alone', () => {
    for (const key of ['Tab', 'Enter', ' ', 'ArrowUp', 'ArrowDown', 'a']) expect(nextToolbarIndex(key, 3, 11)).toBeNull()
    expect(nextToolbarIndex('ArrowRight', -1, 11)).toBeNull()
  })
})
