import type { FieldConfig, FieldKind } from '#templates/template.schema'
import type { BudgetValue } from './budget/schema'
import type { ChecklistValue } from './checklist/schema'
import type { ExperienceMapValue } from './experience-map/schema'
import type { KpiValue } from './kpi/schema'
import type { MeetingMinutesValue } from './meeting-minutes/schema'
import type { LeadFunnelValue } from './lead-funnel/schema'
import type { MediaPlanValue } from './media-plan/schema'
import type { MixValue } from './mix/schema'
import type { PersonaValue } from './persona/schema'
import type { PositioningMapValue } from './positioning-map/schema'
import type { RetroplanningValue } from './retroplanning/schema'
import type { RichTextValue } from './rich-text/schema'
import type { SmartValue } from './smart/schema'
import type { SourcesValue } from './sources/schema'
import type { TableValue } from './table/schema'
import type { OralSupportValue } from './oral-support/schema'

/** The stored value of each field kind, inferred from its zod schema (one line per kind). */
export type KindValues = {
  richText: RichTextValue
  table: TableValue
  checklist: ChecklistValue
  sources: SourcesValue
  persona: PersonaValue
  smart: SmartValue
  mix: MixValue
  retroplanning: RetroplanningValue
  kpi: KpiValue
  positioningMap: PositioningMapValue
  meetingMinutes: MeetingMinutesValue
  leadFunnel: LeadFunnelValue
  mediaPlan: MediaPlanValue
  budget: BudgetValue
  experienceMap: ExperienceMapValue
  oralSupport: OralSupportValue
}

/** Fails to compile when a kind of the template schema has no value type here, or the reverse. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const everyKindHasAValue: Same<keyof KindValues, FieldKind> = true
void everyKindHasAValue

export type ConfigOf<K extends FieldKind> = Extract<FieldConfig, { kind: K }>
export type ValueOf<K extends FieldKind> = KindValues[K]
export type FieldValue = KindValues[FieldKind]
/** A field's configuration with a value of the same kind; `kind` narrows both (`if (entry.kind === 'smart') entry.value.objectives`). */
export type FieldEntry = { [K in FieldKind]: { kind: K; field: ConfigOf<K>; value: ValueOf<K> } }[FieldKind]
