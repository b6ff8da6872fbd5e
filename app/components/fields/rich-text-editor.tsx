import type { Editor } from '@tiptap/core'
import { EditorContent, useEditor, useEditorState } from '@tiptap/react'
import { useEffect, useId, useRef, useState } from 'react'
import { SAFE_URL, type RichTextDoc } from '~/domain/rich-text'
import { richTextExtensions } from './rich-text-extensions'
import { RichTextView } from './rich-text-view'
import { IMAGE_TYPES, uploadImage } from './upload'

type Props = {
  value: RichTextDoc
  onChange: (value: RichTextDoc) => void
  labelledBy: string
  describedBy?: string
  placeholder?: string
  /** Where images are uploaded; they come back as /fichiers/<id>. */
  uploadUrl: string
  /** Changes when the content is replaced from outside (conflict resolution, restore). */
  resetKey: number
}

/** Rich text with tiptap: stores the editor's JSON, never HTML. */
export function RichTextEditor({ value, onChange, labelledBy, describedBy, placeholder, uploadUrl, resetKey }: Props) {
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange
  const editor = useEditor({
    immediatelyRender: false,
    extensions: richTextExtensions(),
    content: value,
    editorProps: {
      attributes: {
        class: 'rt-content rt-editable',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelledBy,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(placeholder ? { 'data-placeholder': placeholder } : {}),
      },
    },
    onUpdate: ({ editor }) => onChangeRef.current(editor.getJSON() as RichTextDoc),
  })

  // Content replaced from outside: load it without emitting an update.
  const lastReset = useRef(resetKey)
  useEffect(() => {
    if (!editor || lastReset.current === resetKey) return
    lastReset.current = resetKey
    editor.commands.setContent(value, { emitUpdate: false })
  }, [editor, resetKey, value])

  if (!editor) {
    // Server render and first paint: the same content, read-only, until the editor loads.
    return (
      <div className="rt-frame" aria-busy="true">
        <div className="rt-toolbar rt-toolbar--placeholder" aria-hidden="true" />
        <RichTextView doc={value} />
      </div>
    )
  }
  return (
    <div className="rt-frame">
      <Toolbar editor={editor} uploadUrl={uploadUrl} />
      <EditorContent editor={editor} />
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
      <div className="rt-toolbar" role="toolbar" aria-label="Mise en forme">
        {button('Gras', state.bold, () => chain().toggleBold().run(), 'G')}
        {button('Italique', state.italic, () => chain().toggleItalic().run(), 'I')}
        {button('Souligné', state.underline, () => chain().toggleUnderline().run(), 'S')}
        <span className="rt-sep" aria-hidden="true" />
        {button('Titre', state.h3, () => chain().toggleHeading({ level: 3 }).run(), 'T1')}
        {button('Sous-titre', state.h4, () => chain().toggleHeading({ level: 4 }).run(), 'T2')}
        {button('Liste à puces', state.bullet, () => chain().toggleBulletList().run(), '•')}
        {button('Liste numérotée', state.ordered, () => chain().toggleOrderedList().run(), '1.')}
        <span className="rt-sep" aria-hidden="true" />
        {button(state.link ? 'Modifier le lien' : 'Insérer un lien', state.link, () => setDialog('link'), 'Lien')}
        {button('Insérer une image', undefined, () => setDialog('image'), 'Image')}
        {state.table ? (
          <>
            {button('Ajouter une ligne au tableau', undefined, () => chain().addRowAfter().run(), '+L')}
            {button('Ajouter une colonne au tableau', undefined, () => chain().addColumnAfter().run(), '+C')}
            {button('Supprimer la ligne du tableau', undefined, () => chain().deleteRow().run(), '−L')}
            {button('Supprimer la colonne du tableau', undefined, () => chain().deleteColumn().run(), '−C')}
            {button('Supprimer le tableau', undefined, () => chain().deleteTable().run(), '×T')}
          </>
        ) : (
          button('Insérer un tableau', undefined, () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), 'Tableau')
        )}
      </div>
      {dialog === 'link' ? <LinkDialog editor={editor} onClose={() => setDialog(null)} /> : null}
      {dialog === 'image' ? <ImageDialog editor={editor} uploadUrl={uploadUrl} onClose={() => setDialog(null)} /> : null}
    </>
  )
}

function ModalForm({ title, onClose, onSubmit, children, submitLabel, busy }: {
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
            Annuler
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
      title={current ? 'Modifier le lien' : 'Insérer un lien'}
      submitLabel="Valider"
      onClose={onClose}
      onSubmit={() => {
        const url = href.trim()
        if (url === '') {
          editor.chain().focus().extendMarkRange('link').unsetLink().run()
          onClose()
          return
        }
        if (!SAFE_URL.test(url)) {
          setError('Saisissez une adresse qui commence par https://, http:// ou mailto:.')
          return
        }
        editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run()
        onClose()
      }}
    >
      <div className="field">
        <label htmlFor="rt-link">Adresse du lien</label>
        <input
          id="rt-link"
          type="text"
          inputMode="url"
          value={href}
          onChange={(e) => setHref(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'rt-link-error' : 'rt-link-hint'}
          autoFocus
        />
        <p className="field__hint" id="rt-link-hint">
          Laissez vide pour retirer le lien.
        </p>
        {error ? <p className="field__error" id="rt-link-error">{error}</p> : null}
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
      title="Insérer une image"
      submitLabel={busy ? 'Envoi…' : 'Insérer'}
      busy={busy}
      onClose={onClose}
      onSubmit={async () => {
        if (!alt.trim()) return setError('Le texte alternatif est obligatoire : décrivez ce que montre l’image.')
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
        <label htmlFor="rt-image">Image</label>
        <input id="rt-image" type="file" accept={IMAGE_TYPES.join(',')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="field">
        <label htmlFor="rt-alt">Texte alternatif (obligatoire)</label>
        <input id="rt-alt" type="text" value={alt} onChange={(e) => setAlt(e.target.value)} aria-describedby="rt-alt-hint" required />
        <p className="field__hint" id="rt-alt-hint">
          Ce que l’image apporte, en une phrase, pour les personnes qui ne la voient pas.
        </p>
      </div>
    </ModalForm>
  )
}
