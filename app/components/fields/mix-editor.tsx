import { emptyE, FOUR_E, mixItems, mixSize, type EId, type MixConfig, type MixE, type MixExtension, type MixValue } from '~/domain/mix'
import { useConfirm } from '../confirm-dialog'
import { ChoiceList } from './choice-list'

/** Marketing mix: the 4P in sub-parts, extensions up to 10P, then the 4E linked to the P they transform. */
export function MixEditor({ value, onChange, config, idPrefix }: { value: MixValue; onChange: (v: MixValue) => void; config: MixConfig; idPrefix: string }) {
  const { ask, dialog } = useConfirm()
  const labels = new Map(config.extensions.map((x) => [x.id, x.label]))
  const items = mixItems(config, value)
  const id = (...parts: string[]) => [idPrefix, ...parts].join('-')

  const setPart = (pId: string, partId: string, text: string) => onChange({ ...value, p: { ...value.p, [pId]: { ...value.p[pId], [partId]: text } } })
  const setE = (eId: EId, patch: Partial<MixE>) => onChange({ ...value, e: { ...value.e, [eId]: { ...(value.e[eId] ?? emptyE()), ...patch } } })
  const setExtension = (xId: string, patch: Partial<MixExtension>) =>
    onChange({ ...value, extensions: value.extensions.map((x) => (x.id === xId ? { ...x, ...patch } : x)) })
  const chosen = new Set(value.extensions.map((x) => x.id))
  const full = value.extensions.length >= config.maxExtensions

  const toggleExtension = (xId: string, on: boolean) => {
    if (on) return onChange({ ...value, extensions: [...value.extensions, { id: xId, content: '', context: '' }] })
    const remove = () => {
      // Unlinked from the 4E too, so no E points at a P that is gone.
      const e = Object.fromEntries(Object.entries(value.e).map(([k, v]) => [k, v && { ...v, links: v.links.filter((l) => l !== xId) }]))
      onChange({ ...value, extensions: value.extensions.filter((x) => x.id !== xId), e })
    }
    const x = value.extensions.find((y) => y.id === xId)
    if (x && (x.content.trim() || x.context.trim())) {
      ask(`Retirer l’extension « ${labels.get(xId)} » ? Son contenu restera consultable dans l’historique du dossier.`, remove, 'Retirer')
    } else remove()
  }

  return (
    <div className="mix-editor">
      <p className="mix-editor__size" aria-live="polite">
        Votre mix compte <strong>{mixSize(value)}&nbsp;P</strong>
        {value.extensions.length ? ` (4P et ${value.extensions.length} extension${value.extensions.length > 1 ? 's' : ''})` : ''}.
      </p>

      <h3 className="mix-editor__title">Les 4P</h3>
      <div className="mix-grid">
        {config.fourP.map((p) => (
          <fieldset key={p.id} className="persona-card-edit" data-mix-p={p.id}>
            <legend>{p.label}</legend>
            {p.parts.map((part) => (
              <div className="field" key={part.id}>
                <label htmlFor={id('p', p.id, part.id)}>{part.label}</label>
                <textarea id={id('p', p.id, part.id)} rows={2} value={value.p[p.id]?.[part.id] ?? ''} onChange={(e) => setPart(p.id, part.id, e.target.value)} />
              </div>
            ))}
          </fieldset>
        ))}
      </div>

      <h3 className="mix-editor__title">Les extensions (jusqu’aux {4 + config.maxExtensions}P)</h3>
      <fieldset className="fieldset">
        <legend>Extensions retenues ({config.maxExtensions} au plus)</legend>
        <div className="choice-list">
          {config.extensions.map((x) => (
            <label key={x.id} className="checkbox">
              <input type="checkbox" checked={chosen.has(x.id)} disabled={!chosen.has(x.id) && full} onChange={(e) => toggleExtension(x.id, e.target.checked)} />
              {x.label}
            </label>
          ))}
        </div>
        {full ? <p className="field__hint">Vous avez atteint {4 + config.maxExtensions}P : retirez une extension pour en choisir une autre.</p> : null}
      </fieldset>
      {value.extensions.length === 0 ? <p className="table-empty">Aucune extension choisie pour l’instant.</p> : null}
      <div className="mix-grid">
        {value.extensions.map((x) => (
          <fieldset key={x.id} className="persona-card-edit" data-mix-extension={x.id}>
            <legend>{labels.get(x.id)}</legend>
            <div className="field">
              <label htmlFor={id('x', x.id, 'content')}>Contenu</label>
              <textarea id={id('x', x.id, 'content')} rows={2} value={x.content} onChange={(e) => setExtension(x.id, { content: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={id('x', x.id, 'context')}>Lien avec le contexte du cas</label>
              <textarea id={id('x', x.id, 'context')} rows={2} value={x.context} onChange={(e) => setExtension(x.id, { context: e.target.value })} />
            </div>
          </fieldset>
        ))}
      </div>

      <h3 className="mix-editor__title">La transformation en 4E</h3>
      <div className="mix-grid">
        {FOUR_E.map(({ id: eId, label }) => {
          const e = value.e[eId] ?? emptyE()
          return (
            <fieldset key={eId} className="persona-card-edit" data-mix-e={eId}>
              <legend>{label}</legend>
              <div className="field">
                <label htmlFor={id('e', eId, 'proposal')}>Proposition</label>
                <textarea id={id('e', eId, 'proposal')} rows={2} value={e.proposal} onChange={(ev) => setE(eId, { proposal: ev.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={id('e', eId, 'illustration')}>Illustration tirée du cas</label>
                <textarea id={id('e', eId, 'illustration')} rows={2} value={e.illustration} onChange={(ev) => setE(eId, { illustration: ev.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={id('e', eId, 'personalisation')}>Ce qu’elle apporte de sur-mesure</label>
                <textarea id={id('e', eId, 'personalisation')} rows={2} value={e.personalisation} onChange={(ev) => setE(eId, { personalisation: ev.target.value })} />
              </div>
              <ChoiceList legend={`P transformés par « ${label} »`} options={items} selected={e.links} onChange={(links) => setE(eId, { links })} />
            </fieldset>
          )
        })}
      </div>
      {dialog}
    </div>
  )
}
