import { Suspense, type ComponentType } from 'react'
import { useHydrated } from '~/components/use-hydrated'
import type { FieldConfig, FieldKind } from '#templates/template.schema'
import type { EditorContext, EditorProps, ViewProps } from './types.browser'
import type { FieldValue } from './values'

/**
 * The browser side of every kind: its editor and its read-only view, each
 * loaded on demand, so a page ships only the kinds it shows.
 */

/** A component whose code loads on demand (it suspends until then), and can be loaded ahead with `preload`. */
type OnDemand<P> = ComponentType<P> & { preload: () => Promise<unknown> }

/**
 * Like React.lazy, but a component already loaded renders at once: the page
 * preloads the kinds it shows before hydrating (entry.client.tsx), so the
 * server's HTML becomes interactive in one go and nothing typed meanwhile is lost.
 */
function onDemand<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): OnDemand<P> {
  let Loaded: ComponentType<P> | null = null
  let failure: unknown = null
  let pending: Promise<unknown> | null = null
  const preload = () =>
    (pending ??= load().then(
      (module) => {
        Loaded = module.default
      },
      (error: unknown) => {
        // The next page load tries again; this one shows the route's error page (typed text is kept in the browser).
        failure = error
      },
    ))
  function Component(props: P) {
    if (Loaded) return <Loaded {...props} />
    if (failure) throw failure
    // Suspense waits for the code (on the server as in the browser).
    throw preload()
  }
  return Object.assign(Component, { preload })
}

type BrowserKind<K extends FieldKind> = {
  Editor: OnDemand<EditorProps<K>>
  View: OnDemand<ViewProps<K>>
}

export const browserKinds: { [K in FieldKind]: BrowserKind<K> } = {
  richText: { Editor: onDemand(() => import('./rich-text/editor')), View: onDemand(() => import('./rich-text/view')) },
  table: { Editor: onDemand(() => import('./table/editor')), View: onDemand(() => import('./table/view')) },
  checklist: { Editor: onDemand(() => import('./checklist/editor')), View: onDemand(() => import('./checklist/view')) },
  sources: { Editor: onDemand(() => import('./sources/editor')), View: onDemand(() => import('./sources/view')) },
  persona: { Editor: onDemand(() => import('./persona/editor')), View: onDemand(() => import('./persona/view')) },
  smart: { Editor: onDemand(() => import('./smart/editor')), View: onDemand(() => import('./smart/view')) },
  mix: { Editor: onDemand(() => import('./mix/editor')), View: onDemand(() => import('./mix/view')) },
  retroplanning: { Editor: onDemand(() => import('./retroplanning/editor')), View: onDemand(() => import('./retroplanning/view')) },
  kpi: { Editor: onDemand(() => import('./kpi/editor')), View: onDemand(() => import('./kpi/view')) },
  positioningMap: { Editor: onDemand(() => import('./positioning-map/editor')), View: onDemand(() => import('./positioning-map/view')) },
  meetingMinutes: { Editor: onDemand(() => import('./meeting-minutes/editor')), View: onDemand(() => import('./meeting-minutes/view')) },
  leadFunnel: { Editor: onDemand(() => import('./lead-funnel/editor')), View: onDemand(() => import('./lead-funnel/view')) },
  mediaPlan: { Editor: onDemand(() => import('./media-plan/editor')), View: onDemand(() => import('./media-plan/view')) },
  budget: { Editor: onDemand(() => import('./budget/editor')), View: onDemand(() => import('./budget/view')) },
  experienceMap: { Editor: onDemand(() => import('./experience-map/editor')), View: onDemand(() => import('./experience-map/view')) },
  oralSupport: { Editor: onDemand(() => import('./oral-support/editor')), View: onDemand(() => import('./oral-support/view')) },
}

/**
 * The specialised editors (a Gantt, a persona card, a mix matrix…) need the
 * whole width: they are edited in focus mode, and the dossier page shows their picture.
 */
const FOCUS_KINDS: ReadonlySet<FieldKind> = new Set([
  'persona',
  'smart',
  'mix',
  'retroplanning',
  'kpi',
  'positioningMap',
  'meetingMinutes',
  'leadFunnel',
  'mediaPlan',
  'budget',
  'experienceMap',
  'oralSupport',
])
export const editsInFocus = (field: FieldConfig) => FOCUS_KINDS.has(field.kind)

type LooseKind = { Editor: OnDemand<EditorProps<FieldKind>>; View: OnDemand<ViewProps<FieldKind>> }
/** The one place a field and a value of its kind meet a component. */
const kindOf = (field: FieldConfig) => browserKinds[field.kind] as unknown as LooseKind

const Loading = () => (
  <p className="card__muted" role="status">
    Chargement…
  </p>
)

/**
 * The editor of any field. Its controls stay disabled until the page is
 * hydrated: a key pressed in the server's HTML before React takes over would
 * be lost, so the browser does not accept it yet.
 */
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
  const hydrated = useHydrated()
  return (
    <fieldset className="field-kind" data-field-kind={field.kind} data-field-part="editor" disabled={!hydrated}>
      <Suspense fallback={<Loading />}>
        <Editor field={field} value={value} onChange={onChange} ctx={ctx} />
      </Suspense>
    </fieldset>
  )
}

/** Read-only rendering of any field value (history previews, print views, conflicts). */
export function FieldView({ field, value, ...rest }: { field: FieldConfig; value: FieldValue } & Omit<ViewProps<FieldKind>, 'field' | 'value'>) {
  const { View } = kindOf(field)
  return (
    <div className="field-kind" data-field-kind={field.kind} data-field-part="view">
      <Suspense fallback={<Loading />}>
        <View field={field} value={value} {...rest} />
      </Suspense>
    </div>
  )
}

const isKind = (kind: string | undefined): kind is FieldKind => kind !== undefined && kind in browserKinds

/**
 * Loads the code of the editors and views the server rendered in `root`, and
 * the definitions of the kinds a page declares (`data-field-kinds`, see
 * registry.on-demand.ts), so that hydration finds them ready.
 */
export function preloadRenderedKinds(root: ParentNode): Promise<unknown> {
  const loads = [...root.querySelectorAll<HTMLElement>('[data-field-kind]')].flatMap((el) => {
    const kind = el.dataset.fieldKind
    if (!isKind(kind)) return []
    const { Editor, View } = browserKinds[kind] as unknown as LooseKind
    return [el.dataset.fieldPart === 'editor' ? Editor.preload() : View.preload()]
  })
  const declared = [...root.querySelectorAll<HTMLElement>('[data-field-kinds]')].flatMap((el) => (el.dataset.fieldKinds ?? '').split(' ').filter(isKind))
  // Only pages that declare kinds load the on-demand registry.
  const definitions = declared.length ? import('./registry.on-demand').then((m) => m.loadDefinitions(declared)) : null
  return Promise.all([...loads, definitions])
}
