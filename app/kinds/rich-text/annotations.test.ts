import { EditorState, TextSelection, type Plugin } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PassageAnnotations } from '../types.browser'
import { anchoringText, textRangeToPm } from './anchoring'
import {
  ACTIVE_CLASS,
  annotationsKey,
  annotationsPlugin,
  EXTERNAL_CHANGE,
  PASSAGE_CLASS,
  passageAt,
  passagesOf,
  selectedRange,
  SELECT_DELAY,
  setPassages,
  type AnnotationSettings,
} from './annotations'
import { editorSchema } from './pm-schema'
import { sanitizeNode } from './sanitize'
import { doc, FULL, p, text } from './test-docs'

// No DOM in these tests (vitest runs in node, jsdom is not installed): the plugin is driven through ProseMirror states, and its
// DOM-facing props are called with the few fields they read. The editor itself is checked in a browser by the e2e tests.

const DOC = doc(p(text('Les acheteuses fidèles préfèrent l’éco-conception.')), p(text('Notre stratégie vise les urbaines actives.')), {
  type: 'bulletList',
  content: [{ type: 'listItem', content: [p(text('Renforcer la notoriété locale'))] }],
})
const PLAIN = anchoringText(DOC)
const range = (words: string) => ({ start: PLAIN.indexOf(words), end: PLAIN.indexOf(words) + words.length })

function setup(options: Partial<AnnotationSettings> = {}) {
  const calls = { open: [] as string[], select: [] as ({ start: number; end: number } | null)[] }
  const annotations: PassageAnnotations = {
    passages: [],
    activeId: null,
    reveal: null,
    onSelect: (r) => calls.select.push(r),
    onOpen: (id) => calls.open.push(id),
  }
  const settings: AnnotationSettings = { readOnly: false, annotations, ...options }
  const plugin = annotationsPlugin(() => settings)
  const state = EditorState.create({ schema: editorSchema, doc: sanitizeNode(DOC), plugins: [plugin] })
  return { plugin, state, calls, settings }
}

/** The decorations shown: their text, class and passage id. */
function shown(state: EditorState) {
  const set = annotationsKey.getState(state)!.decorations
  return set.find().map((d) => ({
    // Blocks separated by « | »: one decoration may run across several blocks.
    text: state.doc.textBetween(d.from, d.to, '|'),
    class: (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs.class,
    id: (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs['data-passage-id'],
  }))
}

const withPassages = (state: EditorState, passages: { id: string; start: number; end: number }[], activeId: string | null = null) =>
  state.apply(setPassages(state, { passages, activeId }))

const key = (event: Partial<KeyboardEvent>) => ({ preventDefault: vi.fn(), ...event }) as unknown as KeyboardEvent
const viewOf = (state: EditorState) => ({ state, isDestroyed: false }) as unknown as EditorView

afterEach(() => {
  vi.useRealTimers()
})

describe('passage highlights', () => {
  it('decorates the passages, the active one more strongly, without touching the document', () => {
    const { state } = setup()
    const before = state.doc.toJSON()
    const next = withPassages(
      state,
      [
        { id: 'a', ...range('préfèrent l’éco-conception') },
        { id: 'b', ...range('la notoriété') },
      ],
      'b',
    )
    expect(shown(next)).toEqual([
      { text: 'préfèrent l’éco-conception', class: PASSAGE_CLASS, id: 'a' },
      { text: 'la notoriété', class: `${PASSAGE_CLASS} ${ACTIVE_CLASS}`, id: 'b' },
    ])
    // What the autosave stores is the same document, with no trace of the comments.
    expect(next.doc.toJSON()).toEqual(before)
    expect(JSON.stringify(next.doc.toJSON())).not.toContain('passage')
  })

  it('highlights a passage that runs across blocks, and drops passages outside the text', () => {
    const { state } = setup()
    const across = { id: 'x', start: PLAIN.indexOf('conception.'), end: PLAIN.indexOf('Notre stratégie') + 5 }
    const next = withPassages(state, [across, { id: 'out', start: PLAIN.length - 2, end: PLAIN.length + 10 }, { id: 'empty', start: 3, end: 3 }])
    expect(passagesOf(next).map((p) => p.id)).toEqual(['x'])
    expect(shown(next).map((d) => d.text)).toEqual(['conception.|Notre'])
  })

  it('follows the edits made before the props catch up, and never writes them into the document', () => {
    const { state } = setup()
    let next = withPassages(state, [{ id: 'a', ...range('urbaines actives') }])
    const { from, to } = passagesOf(next)[0]!
    // Typed before the passage, at its start and at its end: the passage keeps its own words.
    next = next.apply(next.tr.insertText('Ajout. ', 1))
    next = next.apply(next.tr.insertText('très ', from + 7))
    next = next.apply(next.tr.insertText(' et pressées', to + 7 + 5))
    expect(shown(next).map((d) => d.text)).toEqual(['urbaines actives'])
    // The same edits without the plugin give the same JSON.
    let bare = EditorState.create({ schema: editorSchema, doc: sanitizeNode(DOC) })
    bare = bare.apply(bare.tr.insertText('Ajout. ', 1))
    bare = bare.apply(bare.tr.insertText('très ', from + 7))
    bare = bare.apply(bare.tr.insertText(' et pressées', to + 7 + 5))
    expect(next.doc.toJSON()).toEqual(bare.doc.toJSON())
    // All its words deleted: the passage is gone.
    const moved = passagesOf(next)[0]!
    next = next.apply(next.tr.delete(moved.from, moved.to))
    expect(passagesOf(next)).toEqual([])
  })

  it('replaces the passages when the props change', () => {
    const { state } = setup()
    let next = withPassages(state, [{ id: 'a', ...range('Notre') }], 'a')
    next = withPassages(next, [{ id: 'b', ...range('locale') }])
    expect(shown(next)).toEqual([{ text: 'locale', class: PASSAGE_CLASS, id: 'b' }])
  })
})

describe('read-only', () => {
  it('refuses every change to the document but lets the reader move and select', () => {
    const { state } = setup({ readOnly: true })
    const typed = state.apply(state.tr.insertText('x', 3))
    expect(typed.doc.eq(state.doc)).toBe(true)
    const deleted = state.apply(state.tr.delete(1, 10))
    expect(deleted.doc.eq(state.doc)).toBe(true)
    const selected = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 2, 12)))
    expect(selected.selection.from).toBe(2)
    expect(selected.selection.to).toBe(12)
    // Passages can still be shown.
    expect(passagesOf(withPassages(state, [{ id: 'a', ...range('Notre') }]))).toHaveLength(1)
  })

  it('lets content replaced from outside through', () => {
    const { state } = setup({ readOnly: true })
    const replaced = state.apply(state.tr.insertText('Nouvelle version ', 1).setMeta(EXTERNAL_CHANGE, true))
    expect(replaced.doc.textContent.startsWith('Nouvelle version Les')).toBe(true)
  })

  it('is editable again when no longer read-only (read on each transaction)', () => {
    const { state, settings } = setup({ readOnly: true })
    settings.readOnly = false
    expect(state.apply(state.tr.insertText('x', 3)).doc.eq(state.doc)).toBe(false)
  })

  it('stops typing, pasting, dropping and cutting before they start, and says it is read-only', () => {
    const { plugin, state } = setup({ readOnly: true })
    const view = viewOf(state)
    for (const name of ['beforeinput', 'paste', 'drop', 'cut'] as const) {
      const event = { preventDefault: vi.fn() } as unknown as Event
      expect(plugin.props.handleDOMEvents![name]!.call(plugin, view, event as never)).toBe(true)
      expect(event.preventDefault).toHaveBeenCalled()
    }
    expect(plugin.props.handleTextInput!.call(plugin, view, 1, 1, 'x', () => state.tr)).toBe(true)
    expect((plugin.props.attributes as (s: EditorState) => Record<string, string>).call(plugin, state)).toEqual({ 'aria-readonly': 'true' })
  })

  it('does not get in the way when editable', () => {
    const { plugin, state } = setup()
    const event = { preventDefault: vi.fn() } as unknown as Event
    expect(plugin.props.handleDOMEvents!.beforeinput!.call(plugin, viewOf(state), event as never)).toBe(false)
    expect(event.preventDefault).not.toHaveBeenCalled()
    expect((plugin.props.attributes as (s: EditorState) => Record<string, string>).call(plugin, state)).toEqual({})
  })
})

describe('keyboard and selection', () => {
  const caretIn = (state: EditorState, words: string, offset = 2) => {
    const pm = textRangeToPm(state.doc, range(words).start, range(words).end)!
    return state.apply(state.tr.setSelection(TextSelection.create(state.doc, pm.from + offset)))
  }
  const altEnter = (plugin: Plugin, state: EditorState, event = key({ key: 'Enter', altKey: true })) =>
    plugin.props.handleKeyDown!.call(plugin, viewOf(state), event)

  it('opens the comment of the passage around the caret with Alt+Entrée', () => {
    const { plugin, state, calls } = setup({ readOnly: true })
    const next = caretIn(withPassages(state, [{ id: 'a', ...range('urbaines actives') }]), 'urbaines actives')
    const event = key({ key: 'Enter', altKey: true })
    expect(altEnter(plugin, next, event)).toBe(true)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(calls.open).toEqual(['a'])
  })

  it('leaves Alt+Entrée and Entrée alone outside a passage', () => {
    const { plugin, state, calls } = setup()
    const next = caretIn(withPassages(state, [{ id: 'a', ...range('urbaines actives') }]), 'Les acheteuses')
    expect(altEnter(plugin, next)).toBe(false)
    const inside = caretIn(next, 'urbaines actives')
    expect(altEnter(plugin, inside, key({ key: 'Enter' }))).toBe(false)
    expect(altEnter(plugin, inside, key({ key: 'Enter', altKey: true, ctrlKey: true }))).toBe(false)
    expect(calls.open).toEqual([])
  })

  it('picks the active passage, else the innermost, when passages overlap', () => {
    const { state } = setup()
    const passages = [
      { id: 'outer', ...range('vise les urbaines actives') },
      { id: 'inner', ...range('urbaines') },
    ]
    expect(passageAt(caretIn(withPassages(state, passages), 'urbaines'))?.id).toBe('inner')
    expect(passageAt(caretIn(withPassages(state, passages, 'outer'), 'urbaines'))?.id).toBe('outer')
  })

  it('reports the selection in anchoring-text offsets, once it rests and only when it changed', () => {
    vi.useFakeTimers()
    const { plugin, state, calls } = setup({ readOnly: true })
    const pm = textRangeToPm(state.doc, range('urbaines actives').start, range('urbaines actives').end)!
    const pluginView = plugin.spec.view!(viewOf(state))
    let current = state
    const move = (from: number, to: number) => {
      const previous = current
      current = current.apply(current.tr.setSelection(TextSelection.create(current.doc, from, to)))
      pluginView.update!(viewOf(current), previous)
    }
    // Shift+→ pressed several times: one report, after the last.
    move(pm.from, pm.from + 1)
    move(pm.from, pm.from + 5)
    move(pm.from, pm.to)
    expect(calls.select).toEqual([])
    vi.advanceTimersByTime(SELECT_DELAY)
    expect(calls.select).toEqual([range('urbaines actives')])
    expect(selectedRange(current)).toEqual(range('urbaines actives'))
    // The same range again: nothing new. Collapsed: null.
    move(pm.to, pm.from)
    move(pm.from, pm.to)
    vi.advanceTimersByTime(SELECT_DELAY)
    expect(calls.select).toHaveLength(1)
    move(pm.from, pm.from)
    vi.advanceTimersByTime(SELECT_DELAY)
    expect(calls.select).toEqual([range('urbaines actives'), null])
    pluginView.destroy!()
  })

  it('reports a pending selection at once when the editor loses focus', () => {
    vi.useFakeTimers()
    const { plugin, state, calls } = setup()
    const pluginView = plugin.spec.view!(viewOf(state))
    const selected = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 1, 5)))
    pluginView.update!(viewOf(selected), state)
    // The reader tabs to the margin's « Commenter » before the delay.
    plugin.props.handleDOMEvents!.blur!.call(plugin, viewOf(selected), {} as FocusEvent)
    expect(calls.select).toEqual([{ start: 0, end: 4 }])
    pluginView.destroy!()
  })
})

describe('the editor’s document', () => {
  it('maps the passages of a full document (lists, table, quote) onto the same words', () => {
    const node = sanitizeNode(FULL)
    const plain = anchoringText(FULL)
    const plugin = annotationsPlugin(() => ({ readOnly: true }))
    const state = EditorState.create({ schema: editorSchema, doc: node, plugins: [plugin] })
    const words = ['Sous-point', 'Urbaines actives', '40 %', 'citationsur deux']
    const next = withPassages(
      state,
      words.map((w, i) => ({ id: String(i), start: plain.indexOf(w), end: plain.indexOf(w) + w.length })),
    )
    expect(shown(next).map((d) => d.text)).toEqual(['Sous-point', 'citationsur deux', 'Urbaines actives', '40 %'])
  })
})
