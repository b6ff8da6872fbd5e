import { lazy, Suspense } from 'react'
import type { FieldConfig } from '#templates/template.schema'
import { cellText, type ChecklistValue, type FieldValue, type SourcesValue, type TableValue } from '~/domain/fields'
import type { PersonaValue } from '~/domain/persona'
import { checkObjective, QUALITY_LABELS, type SmartValue } from '~/domain/smart'
import type { RichTextDoc } from '~/domain/rich-text'
import { todayInFrance } from '~/domain/calendar'
import type { KpiValue } from '~/domain/kpi'
import type { MixValue } from '~/domain/mix'
import { planRows, type RetroValue } from '~/domain/retroplanning'
import { Gantt } from './gantt'
import { KpiDashboard } from './kpi-dashboard'
import { MixView } from './mix-view'
import { PersonaView } from './persona-view'

/** Loaded only where a rich text is shown without server-rendered HTML (conflict views, inside the editor's page). */
const RichTextView = lazy(() => import('./rich-text-view').then((m) => ({ default: m.RichTextView })))
import { SmartTimeline } from './smart-timeline'

/** Read-only rendering of any field value (history previews, conflicts). */
export function FieldView({
  field,
  value,
  caption,
  headingLevel,
  html,
}: {
  field: FieldConfig
  value: FieldValue
  caption: string
  /** Level of the headings the view makes (2 when shown right under the page title). */
  headingLevel?: 2 | 3
  /** A rich text already rendered on the server (see rich-text-html.server.ts). */
  html?: string
}): JSX.Element {
  switch (field.kind) {
    case 'richText':
      return html !== undefined ? (
        <div className="rt-content rt-content--static" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <Suspense fallback={<p className="card__muted">Chargement…</p>}>
          <RichTextView doc={value as RichTextDoc} />
        </Suspense>
      )
    case 'table': {
      const rows = (value as TableValue).rows
      return (
        <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {field.columns.map((c) => (
                  <th key={c.id} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  {field.columns.map((c) => {
                    const v = r.cells[c.id]
                    return (
                      <td key={c.id} className={typeof v === 'number' ? 'num' : undefined}>
                        {cellText(c.type, v)}
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 ? <p className="table-empty">Aucune ligne.</p> : null}
        </div>
      )
    }
    case 'checklist': {
      const checked = (value as ChecklistValue).checked
      return (
        <ul className="checklist">
          {field.items.map((i) => (
            <li key={i.id}>
              {checked[i.id] ? '☑' : '☐'} {i.label}
            </li>
          ))}
        </ul>
      )
    }
    case 'persona':
      return <PersonaView value={value as PersonaValue} headingLevel={headingLevel} />
    case 'smart': {
      const objectives = (value as SmartValue).objectives
      return (
        <div>
          <ul className="sources-view">
            {objectives.map((o) => {
              const failing = checkObjective(o, objectives).filter((c) => !c.ok)
              return (
                <li key={o.id}>
                  <strong>{o.label || 'Sans intitulé'}</strong> ({o.kind === 'global' ? 'global' : 'intermédiaire'}) — {o.indicator || 'sans indicateur'}
                  {failing.length ? <span className="card__muted"> · à revoir : {failing.map((c) => QUALITY_LABELS[c.quality]).join(', ')}</span> : null}
                </li>
              )
            })}
          </ul>
          <SmartTimeline objectives={objectives} caption={`Frise des échéances : ${caption}`} />
        </div>
      )
    }
    case 'mix':
      return <MixView value={value as MixValue} config={field} caption={caption} />
    case 'retroplanning': {
      const plan = value as RetroValue
      const today = todayInFrance()
      const { rows } = planRows(plan, field.alerts, today)
      return <Gantt rows={rows} deadline={plan.deadline} today={today} tracking={field.tracking} groupLabel={field.groupLabel} caption={`Diagramme de Gantt : ${caption}`} />
    }
    case 'kpi':
      return <KpiDashboard value={value as KpiValue} thresholds={field.thresholds} caption={caption} />
    case 'sources': {
      const rows = (value as SourcesValue).rows
      return rows.length === 0 ? (
        <p className="table-empty">Aucune source.</p>
      ) : (
        <ul className="sources-view">
          {rows.map((r) => (
            <li key={r.id}>
              <strong>{r.title || 'Sans titre'}</strong>
              {r.origin ? ` (${r.origin})` : ''}
              {r.type ? ` — ${r.type}` : ''}
              {r.url ? (
                <>
                  {' '}
                  — <a href={r.url}>{r.url}</a>
                </>
              ) : null}
              {r.note ? <span className="card__muted"> · {r.note}</span> : null}
            </li>
          ))}
        </ul>
      )
    }
  }
}
