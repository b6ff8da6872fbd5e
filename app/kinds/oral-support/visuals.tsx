import { useId, useState } from 'react'
import { IMAGE_TYPES, uploadImage } from '~/components/fields/upload'
import { newId } from '~/components/ids'
import type { OralPicture } from '../types.browser'
import { ORAL_LABELS as L } from './labels'
import { pictureLabel, visualText } from './oral'
import type { OralPart } from './schema'
import { LIMITS } from './timing'

/**
 * The side-panel editor of a part's visuals: what it shows already (each
 * removable), an image to upload with its text alternative, or a section of
 * the same dossier to show (a chart, a persona card, the Gantt…).
 */
export function VisualsPanel({
  part,
  update,
  uploadUrl,
  pictures,
  imageBase,
}: {
  part: OralPart
  update: (part: OralPart) => void
  uploadUrl: string
  pictures: readonly OralPicture[]
  imageBase?: string
}) {
  const id = useId()
  const [file, setFile] = useState<File | null>(null)
  const [alt, setAlt] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [sectionId, setSectionId] = useState('')
  // Changed after an upload: the file input is emptied.
  const [sent, setSent] = useState(0)
  const full = part.visuals.length >= LIMITS.visuals
  const shownSrc = (src: string) => (imageBase ? src.replace(/^\/fichiers\//, imageBase) : src)
  const keyOf = (p: OralPicture) => `${p.dossierId}/${p.id}`
  const available = pictures.filter(
    (p) => !part.visuals.some((v) => v.kind === 'section' && v.sectionId === p.id && (v.dossierId ?? p.dossierId) === p.dossierId),
  )
  return (
    <div className="oral-visuals">
      {part.visuals.length ? (
        <ul className="oral-visuals__list">
          {part.visuals.map((v) => (
            <li key={v.id}>
              {v.kind === 'image' ? <img src={shownSrc(v.src)} alt="" className="oral-visuals__thumb" /> : null}
              <span>{visualText(v)}</span>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => update({ ...part, visuals: part.visuals.filter((x) => x.id !== v.id) })}
              >
                {L.remove('')}
                <span className="visually-hidden">{visualText(v)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="card__muted">{L.noVisual}</p>
      )}
      {full ? null : (
        <>
          <fieldset className="oral-visuals__group">
            <legend>{L.showSection}</legend>
            {pictures.length ? (
              <div className="form-row">
                <div className="field">
                  <label htmlFor={`${id}-section`}>{L.pickSection}</label>
                  <select id={`${id}-section`} value={sectionId} onChange={(e) => setSectionId(e.target.value)}>
                    <option value="">—</option>
                    {available.map((p) => (
                      <option key={keyOf(p)} value={keyOf(p)}>
                        {pictureLabel(p)}
                      </option>
                    ))}
                  </select>
                </div>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={!sectionId}
                  onClick={() => {
                    const picked = pictures.find((p) => keyOf(p) === sectionId)
                    if (!picked) return
                    const visual = {
                      id: newId('visual'),
                      kind: 'section' as const,
                      sectionId: picked.id,
                      dossierId: picked.dossierId,
                      label: pictureLabel(picked).slice(0, LIMITS.title),
                    }
                    update({ ...part, visuals: [...part.visuals, visual] })
                    setSectionId('')
                  }}
                >
                  {L.addSection}
                </button>
              </div>
            ) : (
              <p className="card__muted">{L.noSections}</p>
            )}
          </fieldset>
          <fieldset className="oral-visuals__group">
            <legend>{L.showImage}</legend>
            {error ? (
              <p className="field__error" role="alert">
                {error}
              </p>
            ) : null}
            <div className="field">
              <label htmlFor={`${id}-file`}>{L.image}</label>
              <input key={sent} id={`${id}-file`} type="file" accept={IMAGE_TYPES.join(',')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-alt`}>{L.imageAlt}</label>
              <input id={`${id}-alt`} type="text" maxLength={LIMITS.alt} value={alt} onChange={(e) => setAlt(e.target.value)} />
            </div>
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={busy}
              onClick={async () => {
                if (!alt.trim()) return setError(L.altRequired)
                setBusy(true)
                const result = await uploadImage(uploadUrl, file)
                setBusy(false)
                if ('error' in result) return setError(result.error)
                setError('')
                update({ ...part, visuals: [...part.visuals, { id: newId('visual'), kind: 'image', src: result.src, alt: alt.trim() }] })
                setAlt('')
                setFile(null)
                setSent((n) => n + 1)
              }}
            >
              {busy ? L.sending : L.upload}
            </button>
          </fieldset>
        </>
      )}
    </div>
  )
}
