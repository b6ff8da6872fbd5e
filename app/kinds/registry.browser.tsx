import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react'
import type { FieldConfig, FieldKind } from '#templates/template.schema'
import type { EditorContext, EditorProps, ViewProps } from './types.browser'
import type { FieldValue } from './values'

/**
 * The browser side of every kind: its editor and its read-only view, each
 * loaded on demand, so a page ships only the kinds it shows.
 */
type BrowserKind<K extends FieldKind> = {
  Editor: LazyExoticComponent<ComponentType<EditorProps<K>>>
  View: LazyExoticComponent<ComponentType<ViewProps<K>>>
}

export const browserKinds: { [K in FieldKind]: BrowserKind<K> } = {
  richText: { Editor: lazy(() => import('./rich-text/editor')), View: lazy(() => import('./rich-text/view')) },
  table: { Editor: lazy(() => import('./table/editor')), View: lazy(() => import('./table/view')) },
  checklist: { Editor: lazy(() => import('./checklist/editor')), View: lazy(() => import('./checklist/view')) },
  sources: { Editor: lazy(() => import('./sources/editor')), View: lazy(() => import('./sources/view')) },
  persona: { Editor: lazy(() => import('./persona/editor')), View: lazy(() => import('./persona/view')) },
  smart: { Editor: lazy(() => import('./smart/editor')), View: lazy(() => import('./smart/view')) },
  mix: { Editor: lazy(() => import('./mix/editor')), View: lazy(() => import('./mix/view')) },
  retroplanning: { Editor: lazy(() => import('./retroplanning/editor')), View: lazy(() => import('./retroplanning/view')) },
  kpi: { Editor: lazy(() => import('./kpi/editor')), View: lazy(() => import('./kpi/view')) },
  positioningMap: { Editor: lazy(() => import('./positioning-map/editor')), View: lazy(() => import('./positioning-map/view')) },
}

type LooseKind = { Editor: ComponentType<EditorProps<FieldKind>>; View: ComponentType<ViewProps<FieldKind>> }
/** The one place a field and a value of its kind meet a component. */
const kindOf = (field: FieldConfig) => browserKinds[field.kind] as unknown as LooseKind

const Loading = () => (
  <p className="card__muted" role="status">
    Chargement…
  </p>
)

/** The editor of any field. */
export function FieldEditor({
  field,
  value,
  onChange,
  ctx,
}: {
  field: FieldConfig
  value: FieldValue
  onChange: (value: FieldValue) => void
  ctx: EditorContext
}) {
  const { Editor } = kindOf(field)
  return (
    <Suspense fallback={<Loading />}>
      <Editor field={field} value={value} onChange={onChange} ctx={ctx} />
    </Suspense>
  )
}

/** Read-only rendering of any field value (history previews, print views, conflicts). */
export function FieldView({ field, value, ...rest }: { field: FieldConfig; value: FieldValue } & Omit<ViewProps<FieldKind>, 'field' | 'value'>) {
  const { View } = kindOf(field)
  return (
    <Suspense fallback={<Loading />}>
      <View field={field} value={value} {...rest} />
    </Suspense>
  )
}
