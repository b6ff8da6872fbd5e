import type { Editor } from '@tiptap/core'
import { EditorContent, useEditor, useEditorState } from '@tiptap/react'
import { useEffect, useId, useRef, useState } from 'react'
import { IMAGE_TYPES, uploadImage } from '~/components/fields/upload'
import type { EditorProps } from '../types.browser'
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

/** Rich text with tiptap: stores the editor's JSON, never HTML. */
export default function RichTextEditor({ field, value, onChange, ctx }: EditorProps<'richText'>) {
  const { titleId, guidanceId, uploadUrl, resetKey, issues } = ctx
  const errorId = useId()
  const onChangeRef = useRef(onChange)
  // Read by the editor's attributes on each update (see the effect below).
  const invalidRef = useRef(issues.length > 0)
  // A value stored before the checks existed may not fit the editor's schema: it is repaired before loading.
  const [initial] = useState(() => sanitize(value))
  const editor = useEditor({
    immediatelyRender: false,
    extensions: richTextExtensions(),
    content: initial,
    editorProps: {
      attributes: () => ({
        class: 'rt-content rt-editable',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': titleId,
        'aria-describedby': invalidRef.current ? `${guidanceId} ${errorId}` : guidanceId,
        ...(invalidRef.current ? { 'aria-invalid': 'true' } : {}),
        ...(field.placeholder ? { 'data-placeholder': field.placeholder } : {}),
      }),
      transformPastedHTML: keepOwnImages,
    },
    onUpdate: ({ editor }) => onChangeRef.current(editor.getJSON() as RichTextDoc),
  })

  // Content replaced from outside: load it without emitting an update.
  const lastReset = useRef(resetKey)
  useEffect(() => {
    if (!editor || lastReset.current === resetKey) return
    lastReset.current = resetKey
    editor.commands.setContent(sanitize(value), { emitUpdate: false })
  }, [editor, resetKey, value])

  useEffect(() => {
    onChangeRef.current = onChange
  }, [onChange])

  // The refused state changed: recompute the editable area's attributes.
  useEffect(() => {
    invalidRef.current = issues.length > 0
    if (editor && !editor.isDestroyed) editor.view.updateState(editor.view.state)
  }, [editor, issues])

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

  if (!editor) {
    // Server render and first paint: the same content, read-only, until the editor loads.
    return (
      <div className="rt-frame" aria-busy="true">
        <div className="rt-toolbar rt-toolbar--placeholder" aria-hidden="true" />
        <StaticRichText doc={initial} />
        {refused}
      </div>
    )
  }
  return (
    <div className="rt-frame">
      <Toolbar editor={editor} uploadUrl={uploadUrl} />
      <EditorContent editor={editor} />
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
