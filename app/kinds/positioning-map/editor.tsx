import { useState, type ReactNode } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { newId } from '~/components/ids'
import { invalidProps, issueAt } from '../issues'
import type { EditorProps } from '../types.browser'
import { AXIS_ITEM_IDS } from './definition'
import { MapFigure } from './figure'
import { axisTitle, MAX_BRANDS, MAX_SHARE, PMAP_LABELS, scoreText, type AxisKey, type PoleKey } from './labels'
import { parseFrenchNumber } from '~/domain/numbers'
import { AXES, brandRef, emptyBrand, isFilled, middle, numberDraft, POLES } from './map'
import type { Brand } from './schema'

const AXIS_TEXT = 80
const NAME = 120
const COMMENT = 1_000

/** Focus an element once React has drawn the change (added, moved or deleted rows). */
const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus())

/**
 * The perceptual map's editor: the two axes and their poles, the brands as
 * an editable table (name, a score per axis, market share, comment, which
 * one is the company), and the chart drawn live under them.
 */
export default function PositioningMapEditor({ field, value, onChange, ctx }: EditorProps<'positioningMap'>) {
  const { scale } = field
  const { caption, issues, titleId } = ctx
  const { ask, dialog } = useConfirm()
  const prefix = `${titleId}-carte`
  const brands = value.brands
  const [min, max] = [scoreText(scale.min), scoreText(scale.max)]

  const setAxis = (key: AxisKey, part: 'name' | PoleKey, text: string) => onChange({ ...value, [key]: { ...value[key], [part]: text } })
  const setBrand = (id: string, patch: Partial<Brand>) => onChange({ ...value, brands: brands.map((b) => (b.id === id ? { ...b, ...patch } : b)) })
  const add = () => {
    const brand = emptyBrand(newId('brand'))
    // The first brand is the company (« ajoutez l’entreprise puis ses concurrents »); the learner can flag another.
    onChange({ ...value, brands: [...brands, brand], companyId: brands.length === 0 ? brand.id : value.companyId })
    focusSoon(`${brand.id}-nom`)
  }
  const move = (index: number, delta: -1 | 1) => {
    const next = [...brands]
    const [brand] = next.splice(index, 1)
    next.splice(index + delta, 0, brand!)
    onChange({ ...value, brands: next })
    const to = index + delta
    const sameWayStillPossible = delta < 0 ? to > 0 : to < next.length - 1
    focusSoon(`${brand!.id}-${delta < 0 === sameWayStillPossible ? 'monter' : 'descendre'}`)
  }
  const remove = (index: number) => {
    const brand = brands[index]!
    const removeIt = () => {
      const next = brands.filter((b) => b.id !== brand.id)
      onChange({ ...value, brands: next, companyId: value.companyId === brand.id ? null : value.companyId })
      const neighbour = next[Math.min(index, next.length - 1)]
      focusSoon(neighbour ? `${neighbour.id}-nom` : `${prefix}-ajouter`)
    }
    if (isFilled(brand)) ask(`Supprimer ${brandRef(value, brand)}\u00a0? Son contenu restera consultable dans l’historique du dossier.`, removeIt)
    else removeIt()
  }

  const companyError = issueAt(issues, 'companyId')
  const listError = issues.find((i) => i.path.length === 1 && i.path[0] === 'brands')?.message
  const range = PMAP_LABELS.range(min, max)

  return (
    <div className="pmap-editor">
      <fieldset className="fieldset">
        <legend>{PMAP_LABELS.axes}</legend>
        <p className="field__hint">{PMAP_LABELS.axesHelp(min, max, scoreText(middle(scale)))}</p>
        <div className="form-row">
          {AXES.map((k) => (
            <fieldset className="fieldset pmap-axis" key={k} data-item-id={AXIS_ITEM_IDS[k]} tabIndex={-1}>
              <legend>{PMAP_LABELS.axis[k]}</legend>
              <TextField
                id={`${prefix}-${k}-nom`}
                label={
                  <>
                    {PMAP_LABELS.axisName}
                    <span className="visually-hidden"> {PMAP_LABELS.axisAdjective[k]}</span>
                  </>
                }
                value={value[k].name}
                placeholder={PMAP_LABELS.placeholders[k].name}
                maxLength={AXIS_TEXT}
                error={issueAt(issues, k, 'name')}
                onChange={(text) => setAxis(k, 'name', text)}
              />
              {POLES.map((p) => (
                <TextField
                  key={p}
                  id={`${prefix}-${k}-${p}`}
                  label={`${PMAP_LABELS.pole[k][p]} (${p === 'low' ? min : max})`}
                  value={value[k][p]}
                  placeholder={PMAP_LABELS.placeholders[k][p]}
                  maxLength={AXIS_TEXT}
                  error={issueAt(issues, k, p)}
                  onChange={(text) => setAxis(k, p, text)}
                />
              ))}
            </fieldset>
          ))}
        </div>
      </fieldset>

      <div className="field-table">
        {companyError ? (
          <p className="field-error" role="alert">
            {`${PMAP_LABELS.company}\u00a0: ${companyError}`}
          </p>
        ) : null}
        {listError ? (
          <p className="field-error" role="alert">
            {listError}
          </p>
        ) : null}
        <div className="table-wrap" role="region" aria-label={`${PMAP_LABELS.brands} : ${caption}`} tabIndex={0}>
          <table className="table table--edit pmap-brands">
            <caption className="visually-hidden">{`${caption} — ${PMAP_LABELS.brands.toLowerCase()}`}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {PMAP_LABELS.number}
                </th>
                <th scope="col">{PMAP_LABELS.brand}</th>
                {AXES.map((k) => {
                  const poles = POLES.map((p) => value[k][p].trim()).filter(Boolean)
                  return (
                    <th scope="col" key={k}>
                      {`${axisTitle(k, value[k])} ${range}`}
                      {poles.length ? <span className="th-help">{poles.join(' → ')}</span> : null}
                    </th>
                  )
                })}
                <th scope="col">{`${PMAP_LABELS.size} ${PMAP_LABELS.sizeUnit}`}</th>
                <th scope="col">{PMAP_LABELS.comment}</th>
                <th scope="col">{PMAP_LABELS.isCompany}</th>
                <th scope="col">
                  <span className="visually-hidden">{PMAP_LABELS.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {brands.length === 0 ? (
                <tr>
                  <td colSpan={8} className="table-empty">
                    {PMAP_LABELS.noBrandsYet}
                  </td>
                </tr>
              ) : null}
              {brands.map((b, i) => {
                const row = PMAP_LABELS.row(i)
                const nameError = issueAt(issues, 'brands', i, 'name')
                const commentError = issueAt(issues, 'brands', i, 'comment')
                return (
                  <tr key={b.id} data-row-id={b.id} data-item-id={b.id} tabIndex={-1}>
                    <td className="num">{i + 1}</td>
                    <td>
                      <input
                        id={`${b.id}-nom`}
                        type="text"
                        aria-label={`${PMAP_LABELS.brand}, ${row}`}
                        maxLength={NAME}
                        value={b.name}
                        onChange={(e) => setBrand(b.id, { name: e.target.value })}
                        {...invalidProps(nameError, `${b.id}-nom-erreur`)}
                      />
                      <FieldError id={`${b.id}-nom-erreur`} message={nameError} />
                    </td>
                    {AXES.map((k) => (
                      <td key={k}>
                        <NumberInput
                          id={`${b.id}-${k}`}
                          label={`${axisTitle(k, value[k])}, ${row}`}
                          value={b[k]}
                          min={scale.min}
                          max={scale.max}
                          serverError={issueAt(issues, 'brands', i, k)}
                          onChange={(n) => setBrand(b.id, { [k]: n })}
                        />
                      </td>
                    ))}
                    <td>
                      <NumberInput
                        id={`${b.id}-taille`}
                        label={`${PMAP_LABELS.size} ${PMAP_LABELS.sizeUnit}, ${row}`}
                        value={b.size}
                        min={0}
                        max={MAX_SHARE}
                        serverError={issueAt(issues, 'brands', i, 'size')}
                        onChange={(n) => setBrand(b.id, { size: n })}
                      />
                    </td>
                    <td>
                      <input
                        id={`${b.id}-commentaire`}
                        type="text"
                        aria-label={`${PMAP_LABELS.comment}, ${row}`}
                        maxLength={COMMENT}
                        value={b.comment}
                        onChange={(e) => setBrand(b.id, { comment: e.target.value })}
                        {...invalidProps(commentError, `${b.id}-commentaire-erreur`)}
                      />
                      <FieldError id={`${b.id}-commentaire-erreur`} message={commentError} />
                    </td>
                    <td className="pmap-company">
                      <label className="pmap-radio">
                        <input
                          type="radio"
                          name={`${prefix}-entreprise`}
                          checked={value.companyId === b.id}
                          onChange={() => onChange({ ...value, companyId: b.id })}
                        />
                        <span className="visually-hidden">{`${PMAP_LABELS.isCompany}, ${row}`}</span>
                      </label>
                    </td>
                    <td className="row-actions">
                      <button
                        id={`${b.id}-monter`}
                        type="button"
                        className="icon-button"
                        onClick={() => move(i, -1)}
                        disabled={i === 0}
                        aria-label={`Monter la ${row}`}
                      >
                        ↑
                      </button>
                      <button
                        id={`${b.id}-descendre`}
                        type="button"
                        className="icon-button"
                        onClick={() => move(i, 1)}
                        disabled={i === brands.length - 1}
                        aria-label={`Descendre la ${row}`}
                      >
                        ↓
                      </button>
                      <button type="button" className="icon-button icon-button--danger" aria-label={`Supprimer la ${row}`} onClick={() => remove(i)}>
                        ×
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
        {brands.length < MAX_BRANDS ? (
          <button id={`${prefix}-ajouter`} type="button" className="button button--ghost button--small" onClick={add}>
            + {PMAP_LABELS.addBrand}
          </button>
        ) : (
          <p className="field__hint">{PMAP_LABELS.tooManyBrands(MAX_BRANDS)}</p>
        )}
      </div>

      <MapFigure value={value} scale={scale} caption={caption} />
      {dialog}
    </div>
  )
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} className="field-error">
      {message}
    </span>
  ) : null
}

function TextField(props: {
  id: string
  label: ReactNode
  value: string
  placeholder: string
  maxLength: number
  error: string | undefined
  onChange: (text: string) => void
}) {
  const errorId = `${props.id}-erreur`
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        value={props.value}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        onChange={(e) => props.onChange(e.target.value)}
        {...invalidProps(props.error, errorId)}
      />
      <FieldError id={errorId} message={props.error} />
    </div>
  )
}

/**
 * A number typed the French way (« 2,5 », « −3 »). Valid numbers inside the
 * range reach the value (and the chart) as they are typed; on leaving the
 * field, a number outside the range is brought back to its nearest end and
 * a non-number is pointed out, so the server never refuses it.
 */
function NumberInput(props: {
  id: string
  label: string
  value: number | null
  min: number
  max: number
  serverError: string | undefined
  onChange: (n: number | null) => void
}) {
  const { id, label, value, min, max, serverError, onChange } = props
  const [draft, setDraft] = useState(numberDraft(value))
  const [local, setLocal] = useState<{ message: string; error: boolean } | null>(null)
  // A value replaced from outside (restored version, resolved conflict) replaces what is shown.
  const [shown, setShown] = useState(value)
  if (shown !== value) {
    setShown(value)
    if (parseFrenchNumber(draft) !== value) setDraft(numberDraft(value))
  }
  const error = local?.error ? local.message : serverError
  const messageId = `${id}-erreur`
  const message = local?.message ?? serverError
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        className="pmap-num"
        aria-label={label}
        maxLength={12}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value)
          const n = parseFrenchNumber(e.target.value)
          if (n !== null && (n === undefined || n < min || n > max)) return
          setLocal(null)
          onChange(n)
        }}
        onBlur={() => {
          const n = parseFrenchNumber(draft)
          if (n === null) return
          if (n === undefined) return setLocal({ message: PMAP_LABELS.notANumber, error: true })
          if (n >= min && n <= max) return
          const bounded = Math.min(max, Math.max(min, n))
          setDraft(numberDraft(bounded))
          setLocal({ message: PMAP_LABELS.clamped(scoreText(bounded), scoreText(min), scoreText(max)), error: false })
          onChange(bounded)
        }}
        {...(error ? invalidProps(error, messageId) : message ? { 'aria-describedby': messageId } : {})}
      />
      {message ? (
        <span id={messageId} className={local && !local.error ? 'field__hint' : 'field-error'}>
          {message}
        </span>
      ) : null}
    </>
  )
}
