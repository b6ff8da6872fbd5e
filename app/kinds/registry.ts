import type { FieldKind, Hint } from '#templates/template.schema'
import { definition as budget } from './budget/definition'
import { definition as checklist } from './checklist/definition'
import { definition as experienceMap } from './experience-map/definition'
import { definition as oralSupport } from './oral-support/definition'
import { definition as kpi } from './kpi/definition'
import { definition as meetingMinutes } from './meeting-minutes/definition'
import { definition as leadFunnel } from './lead-funnel/definition'
import { definition as mediaPlan } from './media-plan/definition'
import { definition as mix } from './mix/definition'
import { definition as persona } from './persona/definition'
import { definition as positioningMap } from './positioning-map/definition'
import { definition as retroplanning } from './retroplanning/definition'
import { definition as richText } from './rich-text/definition'
import { definition as smart } from './smart/definition'
import { definition as sources } from './sources/definition'
import { definition as table } from './table/definition'
import { entryOf, kindFunctions, type AnyDefinition } from './kind-functions'
import type { KindDefinition } from './types'
import type { ConfigOf, ValueOf } from './values'

/**
 * The pure definition of every field kind, all at hand (the server, tests,
 * pages that may show any kind). The compiler refuses a kind that lacks a
 * capability. The dossier page loads only its kinds' (registry.on-demand.ts).
 */
export const definitions: { [K in FieldKind]: KindDefinition<ConfigOf<K>, ValueOf<K>> } = {
  richText,
  table,
  checklist,
  sources,
  persona,
  smart,
  mix,
  retroplanning,
  kpi,
  positioningMap,
  meetingMinutes,
  leadFunnel,
  mediaPlan,
  budget,
  experienceMap,
  oralSupport,
}

export { entryOf }

export const { definitionOf, emptyValue, isEmpty, itemsOf, plainTextOf, diffOf, locateIssues, evaluateHints } = kindFunctions(
  (kind) => definitions[kind] as unknown as AnyDefinition,
)

/** True when a section of this kind can use this rule (the template schema refuses the others). */
export const ruleApplies = (kind: FieldKind, rule: Hint['rule']): boolean => rule === 'notEmpty' || rule in definitions[kind].rules
