import { useConfirm } from '~/components/confirm-dialog'
import { invalidProps, issueAt } from '../issues'
import type { EditorProps, FieldIssue } from '../types.browser'
import { itemId } from './definition'
import { E_FIELDS, E_TEXTS, EXTENSION_FIELDS, FOUR_E, MIX_LABELS, type EId, type ExtensionText } from './labels'
import { MixMap } from './map-table'
import { emptyE, extensionLabel, filled, linkedLabels, mixItems, mixSize } from './mix'
import type { MixConfig, MixE, MixExtension } from './schema'

/** Longest text a part of the mix may hold (the server refuses more). */
const MAX_TEXT = 5_000

/** A labelled textarea, marked when the server refused what it holds. */
function TextArea({
  id,
  label,
  value,
  onChange,
  issues,
  path,
  item,
}: {
  id: string
  label: string
  value: string
  onChange: (v: string) => void
  issues: FieldIssue[]
  path: (string | number)[]
  /** The item id (`items()`) this text is, so the page can outline it. */
  item?: string
}) {
  const error = issueAt(issues, ...path)
  const errorId = `${id}-erreur`
  return (
    <div className="field mix-cell" data-item-id={item} tabIndex={item ? -1 : undefined}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={2} maxLength={MAX_TEXT} value={value} onChange={(e) => onChange(e.target.value)} {...invalidProps(error, errorId)} />
      {error ? (
        <span id={errorId} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  )
}

/**
 * Marketing mix as a matrix: each P a row of its sub-parts, the extensions
 * picked as more rows (up to 10P); beside it on wide screens, the 4E as a
 * mapping of the P each one transforms, then what each E proposes.
 */
export default function MixEditor({ field, value, onChange, ctx }: EditorProps<'mix'>) {
  const config: MixConfig = field
  const { issues } = ctx
  const { ask, dialog } = useConfirm()
  const items = mixItems(config, value)
  const id = (...parts: string[]) => [ctx.titleId, ...parts].join('-')
  const maxP = 4 + config.maxExtensions

  const setPart = (pId: string, partId: string, text: string) => onChange({ ...value, p: { ...value.p, [pId]: { ...value.p[pId], [partId]: text } } })
  const setE = (eId: EId, patch: Partial<MixE>) => onChange({ ...value, e: { ...value.e, [eId]: { ...(value.e[eId] ?? emptyE()), ...patch } } })
  const setExtension = (xId: string, patch: Partial<MixExtension>) =>
    onChange({ ...value, extensions: value.extensions.map((x) => (x.id === xId ? { ...x, ...patch } : x)) })
  const link = (eId: EId, pId: string, on: boolean) => {
    const links = value.e[eId]?.links ?? []
    setE(eId, { links: on ? [...links, pId] : links.filter((l) => l !== pId) })
  }
  const chosen = new Set(value.extensions.map((x) => x.id))
  const full = value.extensions.length >= config.maxExtensions
  const extensionsError = issues.find((i) => i.path[0] === 'extensions' && typeof i.path[1] !== 'number')?.message

  const toggleExtension = (xId: string, on: boolean) => {
    if (on) return onChange({ ...value, extensions: [...value.extensions, { id: xId, content: '', context: '' }] })
    const remove = () => {
      // Unlinked from the 4E too, so no E points at a P that is gone.
      const e = Object.fromEntries(Object.entries(value.e).map(([k, v]) => [k, v && { ...v, links: v.links.filter((l) => l !== xId) }]))
      onChange({ ...value, extensions: value.extensions.filter((x) => x.id !== xId), e })
    }
    const x = value.extensions.find((y) => y.id === xId)
    if (x && (x.content.trim() || x.context.trim())) ask(MIX_LABELS.removeExtension(extensionLabel(config, xId)), remove, MIX_LABELS.removeButton)
    else remove()
  }

  return (
    <div className="mix-board">
      <p className="mix-board__size" aria-live="polite">
        Votre mix compte <strong>{mixSize(value)}&nbsp;P</strong>
        {MIX_LABELS.sizeDetail(value.extensions.length)}.
      </p>
      <div className="mix-board__layout">
        <div className="mix-board__p">
          <h2 className="mix-board__title">{MIX_LABELS.fourPTitle}</h2>
          {config.fourP.map((p) => {
            const done = p.parts.filter((part) => filled(value.p[p.id]?.[part.id])).length
            return (
              <fieldset key={p.id} className="mix-row" data-mix-p={p.id}>
                <legend className="mix-row__head">
                  {p.label}
                  <span className="mix-row__count">
                    {MIX_LABELS.filled(done, p.parts.length)}
                    <span className="visually-hidden">{MIX_LABELS.filledHidden}</span>
                  </span>
                </legend>
                <div className="mix-row__cells">
                  {p.parts.map((part) => (
                    <TextArea
                      key={part.id}
                      id={id('p', p.id, part.id)}
                      label={part.label}
                      value={value.p[p.id]?.[part.id] ?? ''}
                      onChange={(text) => setPart(p.id, part.id, text)}
                      issues={issues}
                      path={['p', p.id, part.id]}
                      item={itemId.part(p.id, part.id)}
                    />
                  ))}
                </div>
              </fieldset>
            )
          })}

          <h2 className="mix-board__title">{MIX_LABELS.extensionsTitle(maxP)}</h2>
          <fieldset className="mix-chips" aria-describedby={extensionsError ? id('extensions-erreur') : undefined}>
            <legend>{MIX_LABELS.extensionsLegend(config.maxExtensions)}</legend>
            {config.extensions.map((x) => (
              <label key={x.id} className="mix-chip">
                <input
                  type="checkbox"
                  checked={chosen.has(x.id)}
                  disabled={!chosen.has(x.id) && full}
                  onChange={(e) => toggleExtension(x.id, e.target.checked)}
                />
                {x.label}
              </label>
            ))}
            {full ? <p className="field__hint">{MIX_LABELS.extensionsFull(maxP)}</p> : null}
            {extensionsError ? (
              <span id={id('extensions-erreur')} className="field-error">
                {extensionsError}
              </span>
            ) : null}
          </fieldset>
          {value.extensions.length === 0 ? <p className="table-empty">{MIX_LABELS.noExtensionYet}</p> : null}
          {value.extensions.map((x, i) => (
            <fieldset key={x.id} className="mix-row mix-row--extension" data-mix-extension={x.id} data-item-id={itemId.extension(x.id)} tabIndex={-1}>
              <legend className="mix-row__head">{extensionLabel(config, x.id)}</legend>
              <div className="mix-row__cells">
                {(Object.keys(EXTENSION_FIELDS) as ExtensionText[]).map((f) => (
                  <TextArea
                    key={f}
                    id={id('x', x.id, f)}
                    label={EXTENSION_FIELDS[f].label}
                    value={x[f]}
                    onChange={(text) => setExtension(x.id, { [f]: text })}
                    issues={issues}
                    path={['extensions', i, f]}
                  />
                ))}
              </div>
            </fieldset>
          ))}
        </div>

        <div className="mix-board__e">
          <h2 className="mix-board__title">{MIX_LABELS.eTitle}</h2>
          <MixMap items={items} value={value} label={MIX_LABELS.map.title} onLink={link} />
          {FOUR_E.map(({ id: eId, label }) => {
            const e = value.e[eId] ?? emptyE()
            const linksError = issueAt(issues, 'e', eId, 'links')
            return (
              <fieldset key={eId} className="mix-row mix-row--e" data-mix-e={eId} data-item-id={itemId.e(eId)} tabIndex={-1}>
                <legend className="mix-row__head">{label}</legend>
                <p className="mix-row__links">{MIX_LABELS.linked(linkedLabels(config, value, e.links))}</p>
                {linksError ? <span className="field-error">{linksError}</span> : null}
                <div className="mix-row__cells">
                  {E_TEXTS.map((f) => (
                    <TextArea
                      key={f}
                      id={id('e', eId, f)}
                      label={E_FIELDS[f].label}
                      value={e[f]}
                      onChange={(text) => setE(eId, { [f]: text })}
                      issues={issues}
                      path={['e', eId, f]}
                    />
                  ))}
                </div>
              </fieldset>
            )
          })}
        </div>
      </div>
      {dialog}
    </div>
  )
}
