import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import type { PassageAnnotations } from '../types.browser'
import { pmToTextOffset, textRangesToPm } from './anchoring'

/**
 * Comments in the rich-text editor (see `PassageAnnotations` in types.browser.ts):
 * - passages are highlighted with inline decorations, never marks: nothing is
 *   written into the document, so the autosaved JSON is the learner's alone;
 *   they are set from the props (anchoring-text offsets) and follow the edits
 *   made in between;
 * - the reader's selection is reported in anchoring-text offsets; Alt+Entrée
 *   inside a passage asks for its comment; `revealPassage` selects one;
 * - read-only (a tutor reading): the editor stays editable for the browser, so
 *   that the caret, Shift+arrows and screen readers' editing commands keep
 *   working, but every transaction that would change the document is refused,
 *   and typing, pasting, dropping and cutting are stopped before they start.
 */

export const ANNOTATION_LABELS = {
  /** Said by screen readers with the editor's description when it has commented passages. */
  hint: 'Alt+Entrée dans un passage surligné ouvre son commentaire.',
}

/** What the plugin reads on each event: the editor's current props (kept in a ref by the component). */
export type AnnotationSettings = { readOnly: boolean; annotations?: PassageAnnotations | undefined }
export type ReadSettings = () => AnnotationSettings

type Passage = { id: string; from: number; to: number }
type PassagesState = { passages: Passage[]; activeId: string | null; decorations: DecorationSet }
/** Sets the passages (anchoring-text offsets of the current document) and the active one. */
export type PassagesMeta = { passages: readonly { id: string; start: number; end: number }[]; activeId: string | null }

export const annotationsKey = new PluginKey<PassagesState>('atelierAnnotations')
/** Meta of a transaction that may change a read-only document: content replaced from outside (a newer version loaded). */
export const EXTERNAL_CHANGE = 'atelierExternalChange'
/** The reader's selection is reported once it has rested this long (Shift+arrows make one transaction per key). */
export const SELECT_DELAY = 150

export const PASSAGE_CLASS = 'rt-passage'
export const ACTIVE_CLASS = 'rt-passage--active'

function decorate(state: EditorState['doc'], passages: Passage[], activeId: string | null): DecorationSet {
  if (!passages.length) return DecorationSet.empty
  return DecorationSet.create(
    state,
    passages.map((p) =>
      Decoration.inline(p.from, p.to, { class: p.id === activeId ? `${PASSAGE_CLASS} ${ACTIVE_CLASS}` : PASSAGE_CLASS, 'data-passage-id': p.id }, { id: p.id }),
    ),
  )
}

/** A transaction that shows these passages (to dispatch when the props change). */
export const setPassages = (state: EditorState, meta: PassagesMeta): Transaction => state.tr.setMeta(annotationsKey, meta)

/** The passages shown, in document positions. */
export const passagesOf = (state: EditorState): Passage[] => annotationsKey.getState(state)?.passages ?? []

/** The selection in anchoring-text offsets, null when nothing (no character) is selected. */
export function selectedRange(state: EditorState): { start: number; end: number } | null {
  const { from, to, empty } = state.selection
  if (empty) return null
  const start = pmToTextOffset(state.doc, from)
  const end = pmToTextOffset(state.doc, to)
  return start < end ? { start, end } : null
}

/** The passage around the caret or selection: the active one if it is there, else the innermost. */
export function passageAt(state: EditorState): Passage | null {
  const { from, to } = state.selection
  const around = passagesOf(state).filter((p) => p.from <= from && to <= p.to)
  if (!around.length) return null
  const activeId = annotationsKey.getState(state)?.activeId
  return around.find((p) => p.id === activeId) ?? around.reduce((a, b) => (b.to - b.from < a.to - a.from ? b : a))
}

/** Selects a passage, scrolls it into view and focuses the editor. False when it is not shown. */
export function revealPassage(view: EditorView, id: string): boolean {
  const passage = passagesOf(view.state).find((p) => p.id === id)
  if (!passage) return false
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, passage.from, passage.to)))
  view.focus()
  const { node } = view.domAtPos(passage.from)
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement
  element?.scrollIntoView?.({ block: 'center' })
  return true
}

/** The ProseMirror plugin: passages, selection reports, Alt+Entrée and read-only. */
export function annotationsPlugin(settings: ReadSettings): Plugin<PassagesState> {
  const readOnly = () => settings().readOnly
  let timer: ReturnType<typeof setTimeout> | undefined
  let reported = 'none'
  let report = () => {}
  const refuse = (_: EditorView, event: Event) => {
    if (!readOnly()) return false
    event.preventDefault()
    return true
  }

  return new Plugin<PassagesState>({
    key: annotationsKey,
    state: {
      init: () => ({ passages: [], activeId: null, decorations: DecorationSet.empty }),
      apply(tr, value, _old, state) {
        const meta = tr.getMeta(annotationsKey) as PassagesMeta | undefined
        if (meta) {
          const ranges = textRangesToPm(state.doc, meta.passages)
          const passages = meta.passages.flatMap((p, i) => {
            const range = ranges[i]
            return range && range.from < range.to ? [{ id: p.id, ...range }] : []
          })
          return { passages, activeId: meta.activeId, decorations: decorate(state.doc, passages, meta.activeId) }
        }
        if (!tr.docChanged) return value
        // Edits made before the props catch up: text typed at a passage's edge stays outside it; a passage whose words are all gone disappears.
        const passages = value.passages.map((p) => ({ id: p.id, from: tr.mapping.map(p.from, 1), to: tr.mapping.map(p.to, -1) })).filter((p) => p.from < p.to)
        return { passages, activeId: value.activeId, decorations: decorate(state.doc, passages, value.activeId) }
      },
    },
    filterTransaction: (tr) => !(readOnly() && tr.docChanged && !tr.getMeta(EXTERNAL_CHANGE)),
    props: {
      decorations: (state) => annotationsKey.getState(state)?.decorations ?? DecorationSet.empty,
      attributes: (): Record<string, string> => (readOnly() ? { 'aria-readonly': 'true' } : {}),
      handleKeyDown(view, event) {
        if (event.key !== 'Enter' || !event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false
        const passage = passageAt(view.state)
        const onOpen = settings().annotations?.onOpen
        if (!passage || !onOpen) return false
        event.preventDefault()
        onOpen(passage.id)
        return true
      },
      handlePaste: (view, event) => refuse(view, event),
      handleDrop: (view, event) => refuse(view, event),
      handleTextInput: () => readOnly(),
      handleDOMEvents: {
        beforeinput: refuse,
        cut: refuse,
        paste: refuse,
        drop: refuse,
        // The reader moves to the margin to comment what they selected: report it now rather than after the delay.
        blur: () => {
          if (timer !== undefined) report()
          return false
        },
      },
    },
    view(initial) {
      let view = initial
      report = () => {
        clearTimeout(timer)
        timer = undefined
        if (view.isDestroyed) return
        const range = selectedRange(view.state)
        const key = range ? `${range.start}-${range.end}` : 'none'
        if (key === reported) return
        reported = key
        settings().annotations?.onSelect(range)
      }
      return {
        update(updated, previous) {
          view = updated
          if (view.state.selection.eq(previous.selection) && view.state.doc.eq(previous.doc)) return
          clearTimeout(timer)
          timer = setTimeout(report, SELECT_DELAY)
        },
        destroy() {
          clearTimeout(timer)
          timer = undefined
        },
      }
    },
  })
}

/** The plugin as a tiptap extension; `settings` is called on each event (it reads a ref the editor component keeps up to date). */
export const PassageAnnotationsExtension = Extension.create<{ settings: ReadSettings }>({
  name: 'passageAnnotations',
  // Before the keymaps: Alt+Entrée is ours.
  priority: 1000,
  addOptions: () => ({ settings: () => ({ readOnly: false }) }),
  addProseMirrorPlugins() {
    return [annotationsPlugin(this.options.settings)]
  },
})
