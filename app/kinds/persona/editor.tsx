import { useState } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { uploadImage, IMAGE_TYPES } from '~/components/fields/upload'
import { newId } from '~/components/ids'
import { invalidProps, issueAt } from '../issues'
import type { EditorProps, FieldIssue } from '../types.browser'
import { FIELD_HELP, FIELD_LABELS, INTENSITY_LABELS, PERSONA_LABELS, SHORT_FIELDS, type Intensity, type TextKey } from './labels'
import { emptyPersona, LIMITS, missingProfile } from './persona'
import { quoteText } from './quote'
import type { Persona } from './schema'

/** The sentence under an input the server refused, if any. */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} className="field-error">
      {message}
    </span>
  ) : null
}

/** aria props of an input with an optional help sentence and an optional refusal. */
function described(error: string | undefined, errorId: string, helpId?: string) {
  const invalid = invalidProps(error, errorId)
  const ids = [helpId, invalid['aria-describedby']].filter(Boolean).join(' ')
  return { ...invalid, 'aria-describedby': ids || undefined }
}

/** The facts of the card's band, as on the printed sheet (the age is a number, the others a line). */
const BAND: readonly TextKey[] = ['location', 'csp', 'family']
/** The blocks under the band, as on the printed sheet. */
const BLOCKS: readonly TextKey[] = ['tastes', 'habits', 'brands', 'needs', 'frustrations', 'inclusion']

/**
 * Several personae « portrait-robot » per dossier, each edited on the card it
 * prints as (view.tsx): name and quote at the top, the facts in the band,
 * the profile in blocks, the media with their intensity.
 */
export default function PersonaEditor({ value, onChange, ctx }: EditorProps<'persona'>) {
  const { ask, dialog } = useConfirm()
  const { issues, uploadUrl } = ctx
  const update = (id: string, patch: Partial<Persona>) => onChange({ personas: value.personas.map((p) => (p.id === id ? { ...p, ...patch } : p)) })
  return (
    <div className="persona-board">
      {value.personas.length === 0 ? <p className="table-empty">{PERSONA_LABELS.noneYet}</p> : null}
      <div className="persona-sheets">
        {value.personas.map((p, i) => {
          const prefix = `persona-${p.id}`
          const missing = missingProfile(p)
          const textField = (key: TextKey, className = '') => {
            const id = `${prefix}-${key}`
            const error = issueAt(issues, 'personas', i, key)
            const help = FIELD_HELP[key]
            const aria = described(error, `${id}-erreur`, help ? `${id}-aide` : undefined)
            const max = key === 'quote' ? LIMITS.quote : LIMITS.text
            const input =
              key === 'quote' ? (
                <QuoteInput id={id} aria={aria} value={p.quote} onChange={(quote) => update(p.id, { quote })} />
              ) : SHORT_FIELDS.includes(key) ? (
                <input id={id} type="text" maxLength={max} {...aria} value={p[key]} onChange={(e) => update(p.id, { [key]: e.target.value })} />
              ) : (
                <textarea id={id} rows={2} maxLength={max} {...aria} value={p[key]} onChange={(e) => update(p.id, { [key]: e.target.value })} />
              )
            return (
              <div className={`persona-edit__field ${className}`} key={key}>
                <label htmlFor={id}>{FIELD_LABELS[key]}</label>
                {/* Always there, empty or not: blocks side by side keep their boxes aligned. */}
                <span id={help ? `${id}-aide` : undefined} className="persona-edit__help">
                  {help}
                </span>
                {key === 'quote' ? (
                  <>
                    <span className="persona-edit__quote">{input}</span>
                    <FieldError id={`${id}-erreur`} message={error} />
                  </>
                ) : (
                  <span className="persona-edit__input">
                    {input}
                    <FieldError id={`${id}-erreur`} message={error} />
                  </span>
                )}
              </div>
            )
          }
          const firstNameError = issueAt(issues, 'personas', i, 'firstName')
          const ageError = issueAt(issues, 'personas', i, 'age')
          return (
            <fieldset key={p.id} className="persona-sheet persona-edit" data-persona-id={p.id} data-item-id={p.id} tabIndex={-1}>
              <legend className="persona-edit__legend">
                {PERSONA_LABELS.persona(i)}
                {p.firstName.trim() ? ` — ${p.firstName}` : ''}
              </legend>
              <div className="persona-sheet__head">
                {p.avatar ? (
                  <img src={p.avatar.src} alt={p.avatar.alt} className="persona-avatar" />
                ) : (
                  <span className="persona-avatar persona-avatar--initials" aria-hidden="true">
                    {p.firstName.trim().slice(0, 1).toUpperCase() || '?'}
                  </span>
                )}
                <div className="persona-edit__identity">
                  <div className="persona-edit__field persona-edit__field--name">
                    <label htmlFor={`${prefix}-firstName`}>{FIELD_LABELS.firstName}</label>
                    <input
                      id={`${prefix}-firstName`}
                      type="text"
                      maxLength={LIMITS.firstName}
                      {...invalidProps(firstNameError, `${prefix}-firstName-erreur`)}
                      value={p.firstName}
                      onChange={(e) => update(p.id, { firstName: e.target.value })}
                    />
                    <FieldError id={`${prefix}-firstName-erreur`} message={firstNameError} />
                  </div>
                  {textField('quote')}
                </div>
              </div>
              <div className="persona-sheet__facts persona-edit__facts">
                <div className="persona-edit__field">
                  <label htmlFor={`${prefix}-age`}>{FIELD_LABELS.age}</label>
                  <input
                    id={`${prefix}-age`}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={120}
                    step={1}
                    {...invalidProps(ageError, `${prefix}-age-erreur`)}
                    value={p.age ?? ''}
                    onChange={(e) => update(p.id, { age: e.target.value === '' ? null : Math.max(0, Math.min(120, Math.round(e.target.valueAsNumber) || 0)) })}
                  />
                  <FieldError id={`${prefix}-age-erreur`} message={ageError} />
                </div>
                {BAND.map((key) => textField(key))}
              </div>
              <div className="persona-edit__blocks">{BLOCKS.map((key) => textField(key, 'persona-edit__block'))}</div>
              <MediaEditor persona={p} issues={issues} index={i} onChange={(media) => update(p.id, { media })} />
              <AvatarEditor persona={p} issues={issues} index={i} uploadUrl={uploadUrl} onChange={(avatar) => update(p.id, { avatar })} />
              {missing.length ? (
                <p className="persona-edit__missing">
                  {PERSONA_LABELS.toComplete} : {missing.join(', ')}.
                </p>
              ) : null}
              <button
                type="button"
                className="button button--ghost button--small persona-edit__remove"
                onClick={() => ask(PERSONA_LABELS.confirmRemove(i, p.firstName), () => onChange({ personas: value.personas.filter((x) => x.id !== p.id) }))}
              >
                {PERSONA_LABELS.remove}
              </button>
            </fieldset>
          )
        })}
      </div>
      {value.personas.length < LIMITS.personas ? (
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => onChange({ personas: [...value.personas, emptyPersona(newId('persona'))] })}
        >
          + {PERSONA_LABELS.add}
        </button>
      ) : null}
      {dialog}
    </div>
  )
}

/**
 * The quote, which the card puts between its own guillemets: out of focus it
 * shows without the marks typed around it, and leaving it drops them for good.
 */
function QuoteInput({ id, aria, value, onChange }: { id: string; aria: ReturnType<typeof described>; value: string; onChange: (quote: string) => void }) {
  const [focused, setFocused] = useState(false)
  return (
    <textarea
      id={id}
      rows={1}
      maxLength={LIMITS.quote}
      {...aria}
      value={focused ? value : quoteText(value)}
      onChange={(e) => onChange(e.target.value)}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        setFocused(false)
        if (quoteText(e.target.value) !== e.target.value) onChange(quoteText(e.target.value))
      }}
    />
  )
}

function MediaEditor({
  persona,
  issues,
  index,
  onChange,
}: {
  persona: Persona
  issues: FieldIssue[]
  index: number
  onChange: (media: Persona['media']) => void
}) {
  const set = (id: string, patch: Partial<Persona['media'][number]>) => onChange(persona.media.map((x) => (x.id === id ? { ...x, ...patch } : x)))
  return (
    <fieldset className="persona-edit__media">
      <legend>{FIELD_LABELS.media}</legend>
      {persona.media.length === 0 ? <p className="card__muted">{PERSONA_LABELS.noChannel(persona.firstName)}</p> : null}
      <ul className="media-list">
        {persona.media.map((m, j) => {
          const errorId = `persona-${persona.id}-media-${m.id}-erreur`
          const channelError = issueAt(issues, 'personas', index, 'media', j, 'channel')
          const intensityError = issueAt(issues, 'personas', index, 'media', j, 'intensity')
          return (
            <li key={m.id}>
              <input
                type="text"
                aria-label={`${PERSONA_LABELS.channel} ${j + 1}`}
                placeholder={PERSONA_LABELS.channelPlaceholder}
                maxLength={LIMITS.channel}
                {...invalidProps(channelError, errorId)}
                value={m.channel}
                onChange={(e) => set(m.id, { channel: e.target.value })}
              />
              <span className={`gauge gauge--${m.intensity ?? 0}`} aria-hidden="true" />
              <select
                aria-label={`${PERSONA_LABELS.intensity} du canal ${j + 1}`}
                {...invalidProps(intensityError, errorId)}
                value={m.intensity ?? ''}
                onChange={(e) => set(m.id, { intensity: e.target.value ? (Number(e.target.value) as Intensity) : null })}
              >
                <option value="">{PERSONA_LABELS.intensity}</option>
                {([1, 2, 3] as const).map((n) => (
                  <option key={n} value={n}>
                    {INTENSITY_LABELS[n]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="icon-button icon-button--danger"
                aria-label={PERSONA_LABELS.removeChannel(j)}
                onClick={() => onChange(persona.media.filter((x) => x.id !== m.id))}
              >
                ×
              </button>
              <FieldError id={errorId} message={channelError ?? intensityError} />
            </li>
          )
        })}
      </ul>
      {persona.media.length < LIMITS.media ? (
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => onChange([...persona.media, { id: newId('media'), channel: '', intensity: null }])}
        >
          + {PERSONA_LABELS.addChannel}
        </button>
      ) : null}
    </fieldset>
  )
}

function AvatarEditor({
  persona,
  issues,
  index,
  uploadUrl,
  onChange,
}: {
  persona: Persona
  issues: FieldIssue[]
  index: number
  uploadUrl: string
  onChange: (a: Persona['avatar']) => void
}) {
  const [file, setFile] = useState<File | null>(null)
  const [alt, setAlt] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const id = `persona-${persona.id}-avatar`
  const refused = issueAt(issues, 'personas', index, 'avatar')
  if (persona.avatar) {
    const avatar = persona.avatar
    return (
      <div className="avatar-edit">
        <div className="field">
          <label htmlFor={`${id}-alt`}>
            {PERSONA_LABELS.avatarAlt} {PERSONA_LABELS.required}
          </label>
          <input
            id={`${id}-alt`}
            type="text"
            maxLength={LIMITS.alt}
            {...invalidProps(refused, `${id}-erreur`)}
            value={avatar.alt}
            onChange={(e) => onChange({ ...avatar, alt: e.target.value })}
          />
          <FieldError id={`${id}-erreur`} message={refused} />
        </div>
        <button type="button" className="button button--ghost button--small" onClick={() => onChange(null)}>
          {PERSONA_LABELS.removeAvatar}
        </button>
      </div>
    )
  }
  return (
    <fieldset className="persona-edit__avatar">
      <legend>{PERSONA_LABELS.avatarOptional}</legend>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-file`}>{PERSONA_LABELS.image}</label>
          <input id={`${id}-file`} type="file" accept={IMAGE_TYPES.join(',')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new-alt`}>
            {PERSONA_LABELS.avatarAlt} {PERSONA_LABELS.required}
          </label>
          <input id={`${id}-new-alt`} type="text" maxLength={LIMITS.alt} value={alt} onChange={(e) => setAlt(e.target.value)} />
        </div>
      </div>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={busy}
        onClick={async () => {
          if (!alt.trim()) return setError(PERSONA_LABELS.altRequired)
          setBusy(true)
          const result = await uploadImage(uploadUrl, file)
          setBusy(false)
          if ('error' in result) return setError(result.error)
          setError('')
          onChange({ src: result.src, alt: alt.trim() })
        }}
      >
        {busy ? PERSONA_LABELS.sending : PERSONA_LABELS.addAvatar}
      </button>
    </fieldset>
  )
}
