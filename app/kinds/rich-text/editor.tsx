import type { Editor } from '@tiptap/core'
import { EditorContent, useEditor, useEditorState } from '@tiptap/react'
import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState } from 'react'
import type { EditorProps } from '../types.browser'
import { ANNOTATION_LABELS, EXTERNAL_CHANGE, PassageAnnotationsExtension, revealPassage, setPassages, type AnnotationSettings } from './annotations'
import { definition } from './definition'
import type { Collab, CollabStatus } from './collab'
import { richTextExtensions } from './extensions'
import { RICH_TEXT_LABELS } from './labels'
import { UPLOAD_SRC, type RichTextDoc } from './rich-text'
import { sanitize } from './sanitize'
import { StaticRichText } from './static-view'

const T = RICH_TEXT_LABELS.toolbar
// The link and image dialogs load when first opened.
const LinkDialog = lazy(() => import('./toolbar-dialogs').then((m) => ({ default: m.LinkDialog })))
const ImageDialog = lazy(() => import('./toolbar-dialogs').then((m) => ({ default: m.ImageDialog })))

/** Pasted images that do not come from this dossier's uploads are left out (the server would refuse them). */
const keepOwnImages = (html: string) =>
  html.replace(/<img\b[^>]*>/gi, (tag) => {
    const src = /\ssrc\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1] ?? ''
    return UPLOAD_SRC.test(src) ? tag : ''
  })

/**
 * Rich text with tiptap: stores the editor's JSON, never HTML.
 * Read-only (`ctx.readOnly`), it keeps its caret so that a reader can move and select with the keyboard, but refuses every change
 * (annotations.ts). Comments on passages (`ctx.annotations`) are highlighted with decorations, never written into the document.
 */
export default function RichTextEditor({ field, value, onChange, ctx }: EditorProps<'richText'>) {
  const { titleId, guidanceId, uploadUrl, resetKey, issues, readOnly = false, annotations, imageBase, collab: shared } = ctx
  const errorId = useId()
  const hintId = useId()
  const onChangeRef = useRef(onChange)
  // Read by the editor's attributes on each update (see the effect below).
  const invalidRef = useRef(issues.length > 0)
  const hasPassages = (annotations?.passages.length ?? 0) > 0
  const hintRef = useRef(hasPassages)
  // Read by the annotations plugin on each event: the latest props.
  const settingsRef = useRef<AnnotationSettings>({ readOnly, annotations })
  useEffect(() => {
    settingsRef.current = { readOnly, annotations }
  }, [readOnly, annotations])
  // eslint-disable-next-line react-hooks/refs -- the getter is called by the plugin on editor events, never during render
  const [annotationsExtension] = useState(() => PassageAnnotationsExtension.configure({ settings: () => settingsRef.current }))
  // A value stored before the checks existed may not fit the editor's schema: it is repaired before loading.
  const [initial] = useState(() => sanitize(value))
  // Edited together: the shared document (loaded only here, with its libraries) replaces the value.
  const [collab, setCollab] = useState<Collab | null>(null)
  const [collabStatus, setCollabStatus] = useState<CollabStatus>('connecting')
  const sharedDocument = shared?.document
  const sharedName = shared?.user.name
  const sharedColor = shared?.user.color
  const onSaveState = useRef(shared?.onSaveState)
  useEffect(() => {
    onSaveState.current = shared?.onSaveState
  }, [shared?.onSaveState])
  useEffect(() => {
    if (!sharedDocument || !sharedName || !sharedColor) return
    let made: Collab | null = null
    let cancelled = false
    let pending = false
    void import('./collab').then(({ createCollab }) => {
      if (cancelled) return
      made = createCollab({
        document: sharedDocument,
        user: { name: sharedName, color: sharedColor },
        onStatus: (status) => {
          setCollabStatus(status)
          if (status === 'disconnected') onSaveState.current?.('offline')
        },
        onUnsynced: (count) => {
          // « Saved » only after changes of mine (the first sync is not one).
          if (count > 0) pending = true
          if (count > 0 || pending) onSaveState.current?.(count > 0 ? 'pending' : 'saved')
        },
      })
      setCollab(made)
    })
    return () => {
      cancelled = true
      made?.destroy()
      setCollab(null)
    }
  }, [sharedDocument, sharedName, sharedColor])
  const waiting = Boolean(shared) && !collab
  const editor = useEditor(
    {
      immediatelyRender: false,
      extensions: [...richTextExtensions({ imageBase, collaborative: Boolean(collab) }), annotationsExtension, ...(collab?.extensions ?? [])],
      content: collab ? undefined : initial,
      editable: !waiting,
      editorProps: {
        attributes: () => {
          const describedBy = [guidanceId, invalidRef.current ? errorId : '', hintRef.current ? hintId : ''].filter(Boolean).join(' ')
          return {
            class: settingsRef.current.readOnly ? 'rt-content rt-editable rt-readonly' : 'rt-content rt-editable',
            role: 'textbox',
            'aria-multiline': 'true',
            'aria-labelledby': titleId,
            'aria-describedby': describedBy,
            ...(invalidRef.current ? { 'aria-invalid': 'true' } : {}),
            ...(field.placeholder && !settingsRef.current.readOnly ? { 'data-placeholder': field.placeholder } : {}),
          }
        },
        transformPastedHTML: keepOwnImages,
      },
      onUpdate: ({ editor }) => {
        if (!settingsRef.current.readOnly) onChangeRef.current(editor.getJSON() as RichTextDoc)
      },
    },
    [collab],
  )

  // Content replaced from outside: load it without emitting an update (allowed when read-only: it is not the reader's change).
  const lastReset = useRef(resetKey)
  useEffect(() => {
    if (!editor || lastReset.current === resetKey) return
    lastReset.current = resetKey
    // Edited together: the shared document is the content; nothing replaces it from outside.
    if (collab) return
    editor.chain().setMeta(EXTERNAL_CHANGE, true).setContent(sanitize(value), { emitUpdate: false }).run()
  }, [editor, resetKey, value, collab])

  useEffect(() => {
    onChangeRef.current = onChange
  }, [onChange])

  // The refused state, read-only or the presence of comments changed: recompute the editable area's attributes.
  useEffect(() => {
    invalidRef.current = issues.length > 0
    hintRef.current = hasPassages
    if (editor && !editor.isDestroyed) editor.view.updateState(editor.view.state)
  }, [editor, issues, readOnly, hasPassages])

  // Passages to highlight: set when they change (a new array of the same passages changes nothing).
  const passages = annotations?.passages
  const activeId = annotations?.activeId ?? null
  const passagesKey = useMemo(() => JSON.stringify(passages?.map((p) => [p.id, p.start, p.end]) ?? []), [passages])
  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    const list = JSON.parse(passagesKey) as [string, number, number][]
    editor.view.dispatch(setPassages(editor.view.state, { passages: list.map(([id, start, end]) => ({ id, start, end })), activeId }))
  }, [editor, passagesKey, activeId])

  // Asked to show a passage (its comment's « voir le passage »): each new nonce selects it again.
  const revealId = annotations?.reveal?.id
  const revealNonce = annotations?.reveal?.nonce
  useEffect(() => {
    if (!editor || editor.isDestroyed || revealId === undefined) return
    revealPassage(editor.view, revealId)
  }, [editor, revealId, revealNonce])

  const refused = issues.length ? (
    <div id={errorId} className="field-error">
      <p>{RICH_TEXT_LABELS.refused}</p>
      <ul>
        {issues.map((issue, i) => {
          const where = definition.locate(issue.path, value, field)
          return <li key={i}>{where ? `${where} : ${issue.message}` : issue.message}</li>
        })}
      </ul>
    </div>
  ) : null

  const hint = hasPassages ? (
    <p id={hintId} className="visually-hidden">
      {ANNOTATION_LABELS.hint}
    </p>
  ) : null

  if (!editor || waiting) {
    // Server render and first paint: the same content, read-only, until the editor (and, edited together, the shared document) loads.
    return (
      <div className="rt-frame" aria-busy="true">
        {readOnly ? null : <div className="rt-toolbar rt-toolbar--placeholder" aria-hidden="true" />}
        <StaticRichText doc={initial} imageBase={imageBase} />
        {refused}
      </div>
    )
  }
  return (
    <div className={readOnly ? 'rt-frame rt-frame--readonly' : 'rt-frame'}>
      {readOnly ? null : <Toolbar editor={editor} uploadUrl={uploadUrl} />}
      <EditorContent editor={editor} />
      {shared ? (
        <p className={`rt-shared rt-shared--${collabStatus}`} role="status">
          {RICH_TEXT_LABELS.shared[collabStatus]}
        </p>
      ) : null}
      {hint}
      {refused}
    </div>
  )
}

/**
 * The key a toolbar answers (WAI-ARIA toolbar pattern): the index of the button to focus
 * among `count`, from the focused one, or null for a key it leaves alone.
 */
export function nextToolbarIndex(key: string, index: number, count: number): number | null {
  if (index < 0 || count === 0) return null
  if (key === 'ArrowRight') return (index + 1) % count
  if (key === 'ArrowLeft') return (index - 1 + count) % count
  if (key === 'Home') return 0
  if (key === 'End') return count - 1
  return null
}

type ToolbarButton = { label: string; text: string; run: () => void; pressed?: boolean }

/** One tab stop: the arrows, Home and End move between its buttons, Tab leaves it (a roving tabindex remembers the last one). */
function Toolbar({ editor, uploadUrl }: { editor: Editor; uploadUrl: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      h3: e.isActive('heading', { level: 3 }),
      h4: e.isActive('heading', { level: 4 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      link: e.isActive('link'),
      table: e.isActive('table'),
    }),
  })
  const [dialog, setDialog] = useState<null | 'link' | 'image'>(null)
  const [current, setCurrent] = useState(0)
  const chain = () => editor.chain().focus()
  // Groups of buttons, separated by a line.
  const groups: ToolbarButton[][] = [
    [
      { label: T.bold, pressed: state.bold, run: () => chain().toggleBold().run(), text: 'G' },
      { label: T.italic, pressed: state.italic, run: () => chain().toggleItalic().run(), text: 'I' },
      { label: T.underline, pressed: state.underline, run: () => chain().toggleUnderline().run(), text: 'S' },
    ],
    [
      { label: T.heading, pressed: state.h3, run: () => chain().toggleHeading({ level: 3 }).run(), text: 'T1' },
      { label: T.subheading, pressed: state.h4, run: () => chain().toggleHeading({ level: 4 }).run(), text: 'T2' },
      { label: T.bulletList, pressed: state.bullet, run: () => chain().toggleBulletList().run(), text: '•' },
      { label: T.orderedList, pressed: state.ordered, run: () => chain().toggleOrderedList().run(), text: '1.' },
    ],
    [
      { label: state.link ? T.editLink : T.insertLink, pressed: state.link, run: () => setDialog('link'), text: 'Lien' },
      { label: T.insertImage, run: () => setDialog('image'), text: 'Image' },
      ...(state.table
        ? [
            { label: T.addRow, run: () => chain().addRowAfter().run(), text: '+L' },
            { label: T.addColumn, run: () => chain().addColumnAfter().run(), text: '+C' },
            { label: T.deleteRow, run: () => chain().deleteRow().run(), text: '−L' },
            { label: T.deleteColumn, run: () => chain().deleteColumn().run(), text: '−C' },
            { label: T.deleteTable, run: () => chain().deleteTable().run(), text: '×T' },
          ]
        : [{ label: T.insertTable, run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), text: 'Tableau' }]),
    ],
  ]
  // The table's buttons come and go: the tab stop stays on a button that exists.
  const tabStop = Math.min(current, groups.flat().length - 1)
  let index = 0
  return (
    <>
      <div
        className="rt-toolbar"
        role="toolbar"
        aria-label={T.region}
        aria-orientation="horizontal"
        onKeyDown={(e) => {
          const buttons = [...e.currentTarget.querySelectorAll('button')]
          const next = nextToolbarIndex(e.key, buttons.indexOf(e.target as HTMLButtonElement), buttons.length)
          if (next === null) return
          e.preventDefault()
          buttons[next]?.focus()
        }}
      >
        {groups.map((group, g) => [
          g > 0 ? <span key={`sep-${g}`} className="rt-sep" aria-hidden="true" /> : null,
          ...group.map((b) => {
            const i = index++
            return (
              <button
                key={b.label}
                type="button"
                className="rt-button"
                title={b.label}
                aria-pressed={b.pressed}
                tabIndex={i === tabStop ? 0 : -1}
                onFocus={() => setCurrent(i)}
                onClick={b.run}
              >
                <span aria-hidden="true">{b.text}</span>
                <span className="visually-hidden">{b.label}</span>
              </button>
            )
          }),
        ])}
      </div>
      <Suspense fallback={null}>
        {dialog === 'link' ? <LinkDialog editor={editor} onClose={() => setDialog(null)} /> : null}
        {dialog === 'image' ? <ImageDialog editor={editor} uploadUrl={uploadUrl} onClose={() => setDialog(null)} /> : null}
      </Suspense>
    </>
  )
}
