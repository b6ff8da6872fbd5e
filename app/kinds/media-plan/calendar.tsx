import { useEffect, useRef, type CSSProperties } from 'react'
import { formatShortDate } from '~/domain/format'
import { MEDIA_LABELS as L, money, shortDate } from './labels'
import { budgets, mediumRows, periodLabel, phaseBars, phaseName, planPeriod, shownMarronniers, waveName, yearCalendar } from './media-plan'
import type { MediaPlanValue } from './schema'

/** A grid placement: `column` and `row` are CSS grid lines (names take column 1, day d column d + 2). */
const at = (column: string | number, row: string | number, extra?: CSSProperties): CSSProperties => ({ gridColumn: column, gridRow: row, ...extra })
/** Colours of the media rows, in turn (all AA on white text). */
const TONES = 6

/**
 * The media plan's yearly calendar, drawn on a CSS grid of days grouped by
 * month: the commercial phases as bands across every row, the marronniers
 * chosen, and one row per medium with its waves. It scrolls sideways inside
 * its box (a region reachable by keyboard, named with a summary); the
 * drawing is hidden from assistive technologies: the tables that follow carry its data.
 */
export function MediaCalendar({ value, caption, anchors = false }: { value: MediaPlanValue; caption: string; anchors?: boolean }) {
  const box = useRef<HTMLDivElement>(null)
  // A calendar wider than its box opens on the first wave or phase, not on empty months.
  useEffect(() => {
    const el = box.current
    const names = el?.querySelector<HTMLElement>('.media-cal__names')
    const starts = [...(el?.querySelectorAll<HTMLElement>('.media-cal__wave, .media-cal__phase') ?? [])].map((bar) => bar.offsetLeft)
    if (el && names && starts.length && el.scrollWidth > el.clientWidth) el.scrollLeft = Math.min(...starts) - names.offsetWidth - 24
  }, [])
  const period = planPeriod(value)
  if (!period) return <p className="card__muted">{L.noCalendar}</p>
  const cal = yearCalendar(period)
  const rows = mediumRows(value, period)
  const phases = phaseBars(value, period)
  const marronniers = shownMarronniers(value, period)
  const total = budgets(value).total
  const col = (iso: string) => cal.day(iso) + 2
  const span = (from: string, to: string) => `${col(from)} / ${col(to) + 1}`
  const first = 4
  const end = first + Math.max(rows.length, 1)
  const wavesCount = rows.reduce((n, r) => n + r.waves, 0)
  const label = periodLabel(value)
  return (
    <figure className="media-cal">
      <div
        ref={box}
        className="media-cal__box"
        role="region"
        aria-label={L.summary(caption, formatShortDate(period.first), formatShortDate(period.last), rows.length, wavesCount, total)}
        tabIndex={0}
      >
        <div className="media-cal__grid" aria-hidden="true" style={{ '--days': cal.days, '--rows': Math.max(rows.length, 1) } as CSSProperties}>
          <span className="media-cal__corner" style={at(1, 1)}>
            {label}
          </span>
          <span className="media-cal__names" style={at(1, `2 / ${end + 1}`)} />
          {cal.months.map((m, i) => (
            <span
              key={m.from}
              className={`media-cal__month${i % 2 ? ' media-cal__month--odd' : ''}`}
              style={at(`${m.from + 2} / span ${m.days}`, `1 / ${end + 1}`)}
            >
              <span>{m.short}</span>
            </span>
          ))}
          {phases.map((p, i) => (
            <span key={`${p.phase.id}-band`} className="media-cal__band" style={at(span(p.start, p.end), `2 / ${end + 1}`)} data-tone={i % 3} />
          ))}
          <span className="media-cal__label" style={at(1, 2)}>
            {L.phases}
          </span>
          {phases.map((p, i) => (
            <span
              key={p.phase.id}
              className="media-cal__phase"
              style={at(span(p.start, p.end), 2)}
              data-tone={i % 3}
              title={`${p.name} : ${shortDate(p.start)} → ${shortDate(p.end)}`}
            >
              {p.name}
            </span>
          ))}
          <span className="media-cal__label" style={at(1, 3)}>
            {L.marronniersRow}
          </span>
          {marronniers.map((m, i) => (
            <span
              key={`${m.id}-${m.start}`}
              className={`media-cal__marronnier${i % 2 ? ' media-cal__marronnier--low' : ''}${m.start !== m.end ? ' media-cal__marronnier--period' : ''}`}
              style={at(m.start === m.end ? `${col(m.start)} / span 1` : span(m.start, m.end), 3)}
              title={`${m.label} : ${m.start === m.end ? shortDate(m.start) : `${shortDate(m.start)} → ${shortDate(m.end)}`}`}
            >
              <span>{m.label}</span>
            </span>
          ))}
          {rows.length === 0 ? (
            <span className="media-cal__empty" style={at('2 / -1', first)}>
              {L.noMedia}
            </span>
          ) : null}
          {rows.map((r, i) => {
            const row = first + i
            return [
              <span key={`${r.medium.id}-row`} className="media-cal__row" style={at('1 / -1', row)} />,
              <span key={`${r.medium.id}-name`} className="media-cal__name" style={at(1, row)}>
                <span className="media-cal__medium">{r.name}</span>
                <span className="media-cal__meta">{[r.medium.type, money(r.budget)].filter(Boolean).join(' · ')}</span>
              </span>,
              ...r.bars.map((b) => (
                <span
                  key={b.wave.id}
                  className="media-cal__wave"
                  data-tone={i % TONES}
                  style={at(span(b.start, b.end), row)}
                  title={`${b.name} : ${shortDate(b.start)} → ${shortDate(b.end)} · ${money(b.wave.budget)}`}
                >
                  {b.name}
                </span>
              )),
            ]
          })}
        </div>
      </div>
      <figcaption className="media-cal__legend">
        <span className="visually-hidden">{caption}. </span>
        <span>
          <i className="media-cal__key media-cal__key--wave" /> {L.legendWave}
        </span>
        <span>
          <i className="media-cal__key media-cal__key--phase" /> {L.legendPhase}
        </span>
        <span>
          <i className="media-cal__key media-cal__key--marronnier" /> {L.legendMarronnier}
        </span>
      </figcaption>
      <details className="timeline__data">
        <summary>{L.chartData}</summary>
        <CalendarTables value={value} caption={caption} anchors={anchors} />
      </details>
    </figure>
  )
}

/** The calendar as tables: each medium’s waves, the phases and the marronniers shown. */
function CalendarTables({ value, caption, anchors }: { value: MediaPlanValue; caption: string; anchors: boolean }) {
  const period = planPeriod(value)
  const marronniers = period ? shownMarronniers(value, period) : []
  const mediumOf = new Map(value.media.map((m, i) => [m.id, { m, i }]))
  const phaseOf = new Map(value.phases.map((p, i) => [p.id, phaseName(p, i)]))
  const item = (id: string) => (anchors ? { 'data-item-id': id, tabIndex: -1 } : {})
  return (
    <>
      <div className="table-wrap" role="region" aria-label={L.tableOf(`${L.waves}, ${caption}`)} tabIndex={0}>
        <table className="table">
          <caption>{L.waves}</caption>
          <thead>
            <tr>
              <th scope="col">{L.wave}</th>
              <th scope="col">{L.medium}</th>
              <th scope="col">{L.phase}</th>
              <th scope="col">{L.start}</th>
              <th scope="col">{L.end}</th>
              <th scope="col" className="num">
                {L.budget}
              </th>
              <th scope="col">{L.format}</th>
              <th scope="col">{L.objective}</th>
            </tr>
          </thead>
          <tbody>
            {value.waves.map((w, i) => {
              const medium = w.mediumId ? mediumOf.get(w.mediumId) : undefined
              return (
                <tr key={w.id} {...item(w.id)}>
                  <th scope="row">{waveName(w, i)}</th>
                  <td>{medium ? medium.m.name.trim() || `${L.medium} ${medium.i + 1}` : '—'}</td>
                  <td>{(w.phaseId && phaseOf.get(w.phaseId)) || '—'}</td>
                  <td>{shortDate(w.start)}</td>
                  <td>{shortDate(w.end)}</td>
                  <td className="num">{money(w.budget)}</td>
                  <td>{w.format.trim() || '—'}</td>
                  <td>{w.objective.trim() || '—'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
        {value.waves.length === 0 ? <p className="table-empty">{L.noWaves}</p> : null}
      </div>
      <div className="table-wrap" role="region" aria-label={L.tableOf(`${L.phases}, ${caption}`)} tabIndex={0}>
        <table className="table">
          <caption>{L.phases}</caption>
          <thead>
            <tr>
              <th scope="col">{L.phaseName}</th>
              <th scope="col">{L.nature}</th>
              <th scope="col">{L.start}</th>
              <th scope="col">{L.end}</th>
              <th scope="col">{L.stake}</th>
            </tr>
          </thead>
          <tbody>
            {value.phases.map((p, i) => (
              <tr key={p.id} {...item(p.id)}>
                <th scope="row">{phaseName(p, i)}</th>
                <td>{p.nature || '—'}</td>
                <td>{shortDate(p.start)}</td>
                <td>{shortDate(p.end)}</td>
                <td>{p.stake.trim() || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {value.phases.length === 0 ? <p className="table-empty">{L.noPhases}</p> : null}
      </div>
      <div className="table-wrap" role="region" aria-label={L.tableOf(`${L.marronniers}, ${caption}`)} tabIndex={0}>
        <table className="table">
          <caption>{L.marronniers}</caption>
          <thead>
            <tr>
              <th scope="col">{L.marronnier}</th>
              <th scope="col">{L.dates}</th>
            </tr>
          </thead>
          <tbody>
            {marronniers.map((m) => (
              <tr key={`${m.id}-${m.start}`}>
                <th scope="row">{m.label}</th>
                <td>{m.start === m.end ? shortDate(m.start) : `${shortDate(m.start)} – ${shortDate(m.end)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {marronniers.length === 0 ? <p className="table-empty">{L.noMarronniers}</p> : null}
      </div>
    </>
  )
}

/** Budget per medium and in total (and per commercial phase): always shown, under the calendar. */
export function BudgetTable({ value, caption }: { value: MediaPlanValue; caption: string }) {
  const b = budgets(value)
  const share = (n: number) => (b.total > 0 ? `${Math.round((n / b.total) * 1000) / 10}`.replace('.', ',') + '\u00a0%' : '—')
  return (
    <div className="media-plan__budgets">
      <div className="table-wrap" role="region" aria-label={L.tableOf(`${L.totals}, ${caption}`)} tabIndex={0}>
        <table className="table media-plan__totals">
          <caption>{L.totals}</caption>
          <thead>
            <tr>
              <th scope="col">{L.medium}</th>
              <th scope="col" className="num">
                {L.wavesCount}
              </th>
              <th scope="col" className="num">
                {L.budget}
              </th>
              <th scope="col" className="num">
                {L.share}
              </th>
            </tr>
          </thead>
          <tbody>
            {b.byMedium.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td className="num">{m.waves}</td>
                <td className="num">{money(m.budget)}</td>
                <td className="num">{share(m.budget)}</td>
              </tr>
            ))}
            {b.unassigned ? (
              <tr>
                <th scope="row">{L.noMedium}</th>
                <td className="num">—</td>
                <td className="num">{money(b.unassigned)}</td>
                <td className="num">{share(b.unassigned)}</td>
              </tr>
            ) : null}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{L.total}</th>
              <td className="num">{value.waves.length}</td>
              <td className="num">{money(b.total)}</td>
              <td className="num">{b.total > 0 ? '100\u00a0%' : '—'}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {b.byPhase.length ? (
        <div className="table-wrap" role="region" aria-label={L.tableOf(`${L.totalsByPhase}, ${caption}`)} tabIndex={0}>
          <table className="table media-plan__totals">
            <caption>{L.totalsByPhase}</caption>
            <thead>
              <tr>
                <th scope="col">{L.phaseName}</th>
                <th scope="col" className="num">
                  {L.budget}
                </th>
                <th scope="col" className="num">
                  {L.share}
                </th>
              </tr>
            </thead>
            <tbody>
              {b.byPhase.map((p) => (
                <tr key={p.id ?? 'hors-phase'}>
                  <th scope="row">{p.id ? p.name : L.noPhase}</th>
                  <td className="num">{money(p.budget)}</td>
                  <td className="num">{share(p.budget)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  )
}
