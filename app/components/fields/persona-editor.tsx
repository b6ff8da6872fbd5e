import { useState } from 'react'
import { emptyPersona, INTENSITY_LABELS, missingProfile, type Persona, type PersonaValue } from '~/domain/persona'
import { useConfirm } from '../confirm-dialog'
import { newId } from '../ids'
import { uploadImage, IMAGE_TYPES } from './upload'

type TextKey = 'location' | 'csp' | 'family' | 'tastes' | 'habits' | 'brands' | 'needs' | 'frustrations' | 'quote' | 'inclusion'
const TEXT_FIELDS: [TextKey, string, boolean][] = [
  ['location', 'Localisation géographique', false],
  ['csp', 'CSP', false],
  ['family', 'Situation familiale', false],
  ['tastes', 'Goûts et centres d’intérêt', true],
  ['habits', 'Habitudes de consommation', true],
  ['brands', 'Comportement vis-à-vis des marques', true],
  ['needs', 'Besoins et motivations', true],
  ['frustrations', 'Freins et frustrations', true],
  ['quote', 'Citation qui le ou la résume', false],
  ['inclusion', 'Inclusion, diversité, accessibilité (situations de handicap, besoins particuliers)', true],
]

/** Several personae « portrait-robot » per dossier, each a card of profiling fields. */
export function PersonaEditor({ value, onChange, uploadUrl }: { value: PersonaValue; onChange: (v: PersonaValue) => void; uploadUrl: string }) {
  const { ask, dialog } = useConfirm()
  const update = (id: string, patch: Partial<Persona>) => onChange({ personas: value.personas.map((p) => (p.id === id ? { ...p, ...patch } : p)) })
  return (
    <div className="persona-editor">
      {value.personas.length === 0 ? <p className="table-empty">Aucun persona pour l’instant.</p> : null}
      {value.personas.map((p, i) => {
        const prefix = `persona-${p.id}`
        const missing = missingProfile(p)
        return (
          <fieldset key={p.id} className="persona-card-edit" data-persona-id={p.id}>
            <legend>
              Persona {i + 1}
              {p.firstName.trim() ? ` — ${p.firstName}` : ''}
            </legend>
            <div className="form-row">
              <div className="field">
                <label htmlFor={`${prefix}-firstName`}>Prénom</label>
                <input id={`${prefix}-firstName`} type="text" value={p.firstName} onChange={(e) => update(p.id, { firstName: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`${prefix}-age`}>Âge</label>
                <input
                  id={`${prefix}-age`}
                  type="number"
                  min={0}
                  max={120}
                  value={p.age ?? ''}
                  onChange={(e) => update(p.id, { age: e.target.value === '' ? null : Math.max(0, Math.min(120, Math.round(e.target.valueAsNumber) || 0)) })}
                />
              </div>
              {TEXT_FIELDS.slice(0, 3).map(([key, label]) => (
                <div className="field" key={key}>
                  <label htmlFor={`${prefix}-${key}`}>{label}</label>
                  <input id={`${prefix}-${key}`} type="text" value={p[key]} onChange={(e) => update(p.id, { [key]: e.target.value })} />
                </div>
              ))}
            </div>
            <div className="form-row">
              {TEXT_FIELDS.slice(3).map(([key, label, long]) => (
                <div className="field" key={key}>
                  <label htmlFor={`${prefix}-${key}`}>{label}</label>
                  {long ? (
                    <textarea id={`${prefix}-${key}`} rows={2} value={p[key]} onChange={(e) => update(p.id, { [key]: e.target.value })} />
                  ) : (
                    <input id={`${prefix}-${key}`} type="text" value={p[key]} onChange={(e) => update(p.id, { [key]: e.target.value })} />
                  )}
                </div>
              ))}
            </div>
            <MediaEditor persona={p} onChange={(media) => update(p.id, { media })} />
            <AvatarEditor persona={p} uploadUrl={uploadUrl} onChange={(avatar) => update(p.id, { avatar })} />
            {missing.length ? <p className="card__muted">Profil à compléter : {missing.join(', ')}.</p> : null}
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() =>
                ask(`Supprimer le persona ${i + 1}${p.firstName ? ` (${p.firstName})` : ''} ? Il restera consultable dans l’historique du dossier.`, () =>
                  onChange({ personas: value.personas.filter((x) => x.id !== p.id) }),
                )
              }
            >
              Supprimer ce persona
            </button>
          </fieldset>
        )
      })}
      <button type="button" className="button button--ghost button--small" onClick={() => onChange({ personas: [...value.personas, emptyPersona(newId('persona'))] })}>
        + Ajouter un persona
      </button>
      {dialog}
    </div>
  )
}

function MediaEditor({ persona, onChange }: { persona: Persona; onChange: (media: Persona['media']) => void }) {
  const name = persona.firstName || 'ce persona'
  return (
    <fieldset className="fieldset">
      <legend>Consommation médiatique</legend>
      {persona.media.length === 0 ? <p className="card__muted">Aucun canal : ajoutez les médias et réseaux qu’utilise {name}.</p> : null}
      <ul className="media-list">
        {persona.media.map((m, i) => (
          <li key={m.id}>
            <input
              type="text"
              aria-label={`Canal ${i + 1}`}
              placeholder="Instagram, radio locale…"
              value={m.channel}
              onChange={(e) => onChange(persona.media.map((x) => (x.id === m.id ? { ...x, channel: e.target.value } : x)))}
            />
            <select
              aria-label={`Intensité du canal ${i + 1}`}
              value={m.intensity ?? ''}
              onChange={(e) => onChange(persona.media.map((x) => (x.id === m.id ? { ...x, intensity: e.target.value ? (Number(e.target.value) as 1 | 2 | 3) : null } : x)))}
            >
              <option value="">Intensité</option>
              {([1, 2, 3] as const).map((n) => (
                <option key={n} value={n}>
                  {INTENSITY_LABELS[n]}
                </option>
              ))}
            </select>
            <button type="button" className="icon-button icon-button--danger" aria-label={`Retirer le canal ${i + 1}`} onClick={() => onChange(persona.media.filter((x) => x.id !== m.id))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button button--ghost button--small" onClick={() => onChange([...persona.media, { id: newId('media'), channel: '', intensity: null }])}>
        + Ajouter un canal
      </button>
    </fieldset>
  )
}

function AvatarEditor({ persona, uploadUrl, onChange }: { persona: Persona; uploadUrl: string; onChange: (a: Persona['avatar']) => void }) {
  const [file, setFile] = useState<File | null>(null)
  const [alt, setAlt] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const id = `persona-${persona.id}-avatar`
  if (persona.avatar) {
    return (
      <div className="avatar-edit">
        <img src={persona.avatar.src} alt={persona.avatar.alt} className="persona-avatar" />
        <div className="field">
          <label htmlFor={`${id}-alt`}>Texte alternatif du visuel (obligatoire)</label>
          <input id={`${id}-alt`} type="text" value={persona.avatar.alt} onChange={(e) => onChange({ ...persona.avatar!, alt: e.target.value })} />
        </div>
        <button type="button" className="button button--ghost button--small" onClick={() => onChange(null)}>
          Retirer le visuel
        </button>
      </div>
    )
  }
  return (
    <fieldset className="fieldset">
      <legend>Visuel (facultatif)</legend>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-file`}>Image</label>
          <input id={`${id}-file`} type="file" accept={IMAGE_TYPES.join(',')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new-alt`}>Texte alternatif (obligatoire)</label>
          <input id={`${id}-new-alt`} type="text" value={alt} onChange={(e) => setAlt(e.target.value)} />
        </div>
      </div>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={busy}
        onClick={async () => {
          if (!alt.trim()) return setError('Le texte alternatif est obligatoire : décrivez ce que montre le visuel.')
          setBusy(true)
          const result = await uploadImage(uploadUrl, file)
          setBusy(false)
          if ('error' in result) return setError(result.error)
          setError('')
          onChange({ src: result.src, alt: alt.trim() })
        }}
      >
        {busy ? 'Envoi…' : 'Ajouter le visuel'}
      </button>
    </fieldset>
  )
}
