import { useState } from 'react'
import { type Attachment, attachmentDetails, attachmentDisplay } from '~/domain/attachments'
import { TABLE_LABELS } from './labels'

/**
 * A file of a `file` cell, as it reads: an image shows as a thumbnail, a PDF
 * opens in a viewer below its name (built only when asked for: a table may
 * hold many), anything else is a download. Its name and what it is always show.
 */
export function AttachmentShown({ file }: { file: Attachment }) {
  const display = attachmentDisplay(file.mime)
  const [preview, setPreview] = useState(false)
  return (
    <span className="attachment">
      {display === 'image' ? (
        <a className="attachment__thumb" href={file.src} target="_blank" rel="noreferrer">
          <img src={file.src} alt={TABLE_LABELS.open(file.name)} loading="lazy" decoding="async" />
        </a>
      ) : null}
      <a className="attachment__name" href={file.src} {...(display === 'download' ? { download: file.name } : { target: '_blank', rel: 'noreferrer' })}>
        {file.name}
      </a>
      <span className="attachment__details">{attachmentDetails(file)}</span>
      {display === 'pdf' ? (
        <details className="attachment__pdf" onToggle={(e) => setPreview(e.currentTarget.open)}>
          <summary>{TABLE_LABELS.pdfPreview}</summary>
          {preview ? <iframe src={file.src} title={`${TABLE_LABELS.pdfPreview} «\u00a0${file.name}\u00a0»`} loading="lazy" /> : null}
        </details>
      ) : null}
    </span>
  )
}

/** A file in a grid cell: no link (the grid keeps one tab stop), the thumbnail of an image, its name and what it is. Enter opens the panel. */
export function AttachmentChip({ file }: { file: Attachment }) {
  return (
    <span className="attachment attachment--chip">
      {attachmentDisplay(file.mime) === 'image' ? <img className="attachment__mini" src={file.src} alt="" loading="lazy" decoding="async" /> : null}
      <span className="attachment__name">{file.name}</span>
      <span className="attachment__details">{attachmentDetails(file)}</span>
    </span>
  )
}
