import { lazy, Suspense, type ComponentType } from 'react'
import type { FieldConfig } from '#templates/template.schema'
import { cellText, type ChecklistValue, type FieldValue, type SourcesValue, type TableValue } from '~/domain/fields'
import type { KpiValue } from '~/domain/kpi'
import type { MixValue } from '~/domain/mix'
import type { PersonaValue } from '~/domain/persona'
import type { RetroValue } from '~/domain/retroplanning'
import type { RichTextDoc } from '~/domain/rich-text'
import { checkObjective, QUALITY_LABELS, type SmartValue } from '~/domain/smart'

/**
 * The views of each kind load on demand: read-only pages (history, print)
 * ship only the code of the kind they show; the dossier page already has it.
 * A rich text without server-rendered HTML (conflict views) loads its renderer the same way.
 */
const named = <P,>(load: () => Promise<Record<string, unknown>>, name: string) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType<P> }))
const RichTextView = named<{ doc: RichTextDoc }>(() => import('./rich-text-view'), 'RichTextView')
const PersonaView = named<{ value: PersonaValue; headingLevel?: 2 | 3 }>(() => import('./persona-view'), 'PersonaView')
const MixView = named<{ value: MixValue; config: Extract<FieldConfig, { kind: 'mix' }>; caption: string }>(() => import('./mix-view'), 'MixView')
const RetroplanningView = named<{ value: RetroValue; config: Extract<FieldConfig, { kind: 'retroplanning' }>; caption: string }>(() => import('./gantt'), 'RetroplanningView')
const KpiDashboard = named<{ value: KpiValue; thresholds: { green: number; orange: number }; caption: string }>(() => import('./kpi-dashboard'), 'KpiDashboard')
const SmartTimeline = named<{ objectives: SmartValue['objectives']; caption: string }>(() => import('./smart-timeline'), 'SmartTimeline')

/** Read-only rendering of any field value (history previews, print views, conflicts). */
export function FieldView(props: Parameters<typeof KindView>[0]): JSX.Element {
  return (
    <Suspense fallback={<p className="card__muted">Chargement…</p>}>
      <KindView {...props} />
    </Suspense>
  )
}

function KindView({
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
        <RichTextView doc={value as RichTextDoc} />
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
    case 'retroplanning':
      return <RetroplanningView value={value as RetroValue} config={field} caption={caption} />
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
