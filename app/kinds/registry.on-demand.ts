import type { FieldConfig, FieldKind } from '#templates/template.schema'
import { entryOf, kindFunctions, type AnyDefinition } from './kind-functions'

/**
 * The kind functions of registry.ts for pages that show only a few kinds (the
 * dossier page, focus mode): in the browser each kind's definition loads with
 * the page that shows it — before the page renders (its `clientLoader`) or
 * hydrates (entry.client.tsx reads `data-field-kinds`) — so a dossier of rich
 * texts and tables never downloads the Gantt's checks. On the server every
 * definition is at hand (entry.server.tsx provides them).
 */
const loaders: { [K in FieldKind]: () => Promise<{ definition: unknown }> } = {
  richText: () => import('./rich-text/definition'),
  table: () => import('./table/definition'),
  checklist: () => import('./checklist/definition'),
  sources: () => import('./sources/definition'),
  persona: () => import('./persona/definition'),
  smart: () => import('./smart/definition'),
  mix: () => import('./mix/definition'),
  retroplanning: () => import('./retroplanning/definition'),
  kpi: () => import('./kpi/definition'),
  positioningMap: () => import('./positioning-map/definition'),
  meetingMinutes: () => import('./meeting-minutes/definition'),
  leadFunnel: () => import('./lead-funnel/definition'),
  mediaPlan: () => import('./media-plan/definition'),
  budget: () => import('./budget/definition'),
  experienceMap: () => import('./experience-map/definition'),
  oralSupport: () => import('./oral-support/definition'),
}

const loaded = new Map<FieldKind, AnyDefinition>()
const loading = new Map<FieldKind, Promise<void>>()

/** Loads the definitions of these kinds (each once). */
export function loadDefinitions(kinds: Iterable<FieldKind>): Promise<void> {
  const loads = [...new Set(kinds)].map((kind) => {
    if (loaded.has(kind)) return undefined
    let load = loading.get(kind)
    if (!load) {
      load = loaders[kind]().then(
        (module) => {
          loaded.set(kind, module.definition as AnyDefinition)
        },
        (error: unknown) => {
          // The next call tries again; meanwhile the page shows its error boundary.
          loading.delete(kind)
          throw error
        },
      )
      loading.set(kind, load)
    }
    return load
  })
  return Promise.all(loads).then(() => undefined)
}

/** Every definition at once, where all are at hand (the server). */
export function provideDefinitions(all: { [K in FieldKind]: unknown }) {
  for (const kind of Object.keys(all) as FieldKind[]) loaded.set(kind, all[kind] as AnyDefinition)
}

/** The kinds of these sections, for `loadDefinitions` and the `data-field-kinds` attribute. */
export const kindsOf = (sections: readonly { field: FieldConfig }[]): FieldKind[] => [...new Set(sections.map((s) => s.field.kind))]

function definitionOfKind(kind: FieldKind): AnyDefinition {
  const definition = loaded.get(kind)
  if (definition) return definition
  // A page loads its kinds before it renders: should one be missing all the same, wait for it (Suspense) rather than fail.
  throw loadDefinitions([kind])
}

export { entryOf }
export const { definitionOf, isEmpty, itemsOf, evaluateHints } = kindFunctions(definitionOfKind)
