import type { Editor } from '@tiptap/core'
import { EditorContent, useEditor, useEditorState } from '@tiptap/react'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { IMAGE_TYPES, uploadImage } from '~/components/fields/upload'
import type { EditorProps } from '../types.browser'
import { ANNOTATION_LABELS, EXTERNAL_CHANGE, PassageAnnotationsExtension, revealPassage, setPassages, type AnnotationSettings } from './annotations'
import { definition } from './definition'
import { richTextExtensions } from './extensions'
import { RICH_TEXT_LABELS } from './labels'
import { completeUrl, SAFE_URL, UPLOAD_SRC, type RichTextDoc } from './rich-text'
import { sanitize } from './sanitize'
import { StaticRichText } from './static-view'

const T = RICH_TEXT_LABELS.toolbar
const D = RICH_TEXT_LABELS.dialog

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
  const { titleId, guidanceId, uploadUrl, resetKey, issues, readOnly = false, annotations, imageBase } = ctx
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
  const editor = useEditor({
    immediatelyRender: false,
    extensions: [...richTextExtensions({ imageBase }), annotationsExtension],
    content: initial,
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
  })

  // Content replaced from outside: load it without emitting an update (allowed when read-only: it is not the reader's change).
  const lastReset = useRef(resetKey)
  useEffect(() => {
    if (!editor || lastReset.current === resetKey) return
    lastReset.current = resetKey
    editor.chain().setMeta(EXTERNAL_CHANGE, true).setContent(sanitize(value), { emitUpdate: false }).run()
  }, [editor, resetKey, value])

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

  if (!editor) {
    // Server render and first paint: the same content, read-only, until the editor loads.
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
      {hint}
      {refused}
    </div>
  )
}

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
  const chain = () => editor.chain().focus()
  const button = (label: string, pressed: boolean | undefined, run: () => void, text: string) => (
    <button type="button" className="rt-button" title={label} aria-pressed={pressed} onClick={run}>
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden">{label}</span>
    </button>
  )
  return (
    <>
      <div className="rt-toolbar" role="toolbar" aria-label={T.region}>
        {button(T.bold, state.bold, () => chain().toggleBold().run(), 'G')}
        {button(T.italic, state.italic, () => chain().toggleItalic().run(), 'I')}
        {button(T.underline, state.underline, () => chain().toggleUnderline().run(), 'S')}
        <span className="rt-sep" aria-hidden="true" />
        {button(T.heading, state.h3, () => chain().toggleHeading({ level: 3 }).run(), 'T1')}
        {button(T.subheading, state.h4, () => chain().toggleHeading({ level: 4 }).run(), 'T2')}
        {button(T.bulletList, state.bullet, () => chain().toggleBulletList().run(), '•')}
        {button(T.orderedList, state.ordered, () => chain().toggleOrderedList().run(), '1.')}
        <span className="rt-sep" aria-hidden="true" />
        {button(state.link ? T.editLink : T.insertLink, state.link, () => setDialog('link'), 'Lien')}
        {button(T.insertImage, undefined, () => setDialog('image'), 'Image')}
        {state.table ? (
          <>
            {button(T.addRow, undefined, () => chain().addRowAfter().run(), '+L')}
            {button(T.addColumn, undefined, () => chain().addColumnAfter().run(), '+C')}
            {button(T.deleteRow, undefined, () => chain().deleteRow().run(), '−L')}
            {button(T.deleteColumn, undefined, () => chain().deleteColumn().run(), '−C')}
            {button(T.deleteTable, undefined, () => chain().deleteTable().run(), '×T')}
          </>
        ) : (
          button(T.insertTable, undefined, () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), 'Tableau')
        )}
      </div>
      {dialog === 'link' ? <LinkDialog editor={editor} onClose={() => setDialog(null)} /> : null}
      {dialog === 'image' ? <ImageDialog editor={editor} uploadUrl={uploadUrl} onClose={() => setDialog(null)} /> : null}
    </>
  )
}

function ModalForm({
  title,
  onClose,
  onSubmit,
  children,
  submitLabel,
  busy,
}: {
  title: string
  onClose: () => void
  onSubmit: () => void
  children: React.ReactNode
  submitLabel: string
  busy?: boolean
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    ref.current?.showModal()
  }, [])
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <form
        method="dialog"
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          onSubmit()
        }}
      >
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {children}
        <div className="dialog__actions">
          <button type="button" className="button button--ghost" onClick={() => ref.current?.close()}>
            {D.cancel}
          </button>
          <button type="submit" className="button" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  )
}

function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const current = (editor.getAttributes('link').href as string | undefined) ?? ''
  const [href, setHref] = useState(current || 'https://')
  const [error, setError] = useState('')
  return (
    <ModalForm
      title={current ? T.editLink : T.insertLink}
      submitLabel={D.confirm}
      onClose={onClose}
      onSubmit={() => {
        const url = completeUrl(href)
        if (url === '') {
          editor.chain().focus().extendMarkRange('link').unsetLink().run()
          onClose()
          return
        }
        if (!SAFE_URL.test(url)) {
          setError(D.linkError)
          return
        }
        editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run()
        onClose()
      }}
    >
      <div className="field">
        <label htmlFor="rt-link">{D.linkAddress}</label>
        <input
          id="rt-link"
          type="text"
          inputMode="url"
          value={href}
          onChange={(e) => setHref(e.target.value)}
          onBlur={() => setHref((h) => completeUrl(h))}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'rt-link-error' : 'rt-link-hint'}
        />
        <p className="field__hint" id="rt-link-hint">
          {D.linkHint}
        </p>
        {error ? (
          <p className="field__error" id="rt-link-error">
            {error}
          </p>
        ) : null}
      </div>
    </ModalForm>
  )
}

function ImageDialog({ editor, uploadUrl, onClose }: { editor: Editor; uploadUrl: string; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null)
  const [alt, setAlt] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  return (
    <ModalForm
      title={T.insertImage}
      submitLabel={busy ? D.sending : D.insert}
      busy={busy}
      onClose={onClose}
      onSubmit={async () => {
        if (!alt.trim()) return setError(D.altMissing)
        setBusy(true)
        const result = await uploadImage(uploadUrl, file)
        setBusy(false)
        if ('error' in result) return setError(result.error)
        editor.chain().focus().setImage({ src: result.src, alt: alt.trim() }).run()
        onClose()
      }}
    >
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="rt-image">{D.image}</label>
        <input id="rt-image" type="file" accept={IMAGE_TYPES.join(',')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="field">
        <label htmlFor="rt-alt">{D.alt}</label>
        <input id="rt-alt" type="text" value={alt} onChange={(e) => setAlt(e.target.value)} aria-describedby="rt-alt-hint" required />
        <p className="field__hint" id="rt-alt-hint">
          {D.altHint}
        </p>
      </div>
    </ModalForm>
  )
}
