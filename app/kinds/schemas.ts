import type { z } from 'zod'
import type { FieldConfig, FieldKind } from '#templates/template.schema'
import * as budget from './budget/schema'
import * as checklist from './checklist/schema'
import * as experienceMap from './experience-map/schema'
import * as kpi from './kpi/schema'
import * as meetingMinutes from './meeting-minutes/schema'
import * as leadFunnel from './lead-funnel/schema'
import * as mediaPlan from './media-plan/schema'
import * as mix from './mix/schema'
import * as persona from './persona/schema'
import * as positioningMap from './positioning-map/schema'
import * as retroplanning from './retroplanning/schema'
import * as richText from './rich-text/schema'
import * as smart from './smart/schema'
import * as sources from './sources/schema'
import * as table from './table/schema'
import * as oralSupport from './oral-support/schema'
import type { ConfigOf, FieldValue, ValueOf } from './values'

/**
 * The zod schemas of every kind: what a template may set (config) and what a
 * stored value must be (value, built from the config). Server and template
 * loading only: zod stays out of the browser bundle.
 */
export const configSchemas = [
  richText.configSchema,
  table.configSchema,
  checklist.configSchema,
  sources.configSchema,
  persona.configSchema,
  smart.configSchema,
  mix.configSchema,
  retroplanning.configSchema,
  kpi.configSchema,
  positioningMap.configSchema,
  meetingMinutes.configSchema,
  leadFunnel.configSchema,
  mediaPlan.configSchema,
  budget.configSchema,
  experienceMap.configSchema,
  oralSupport.configSchema,
] as const

const valueSchemas: { [K in FieldKind]: (config: ConfigOf<K>) => z.ZodType<ValueOf<K>> } = {
  richText: richText.valueSchemaFor,
  table: table.valueSchemaFor,
  checklist: checklist.valueSchemaFor,
  sources: sources.valueSchemaFor,
  persona: persona.valueSchemaFor,
  smart: smart.valueSchemaFor,
  mix: mix.valueSchemaFor,
  retroplanning: retroplanning.valueSchemaFor,
  kpi: kpi.valueSchemaFor,
  positioningMap: positioningMap.valueSchemaFor,
  meetingMinutes: meetingMinutes.valueSchemaFor,
  leadFunnel: leadFunnel.valueSchemaFor,
  mediaPlan: mediaPlan.valueSchemaFor,
  budget: budget.valueSchemaFor,
  experienceMap: experienceMap.valueSchemaFor,
  oralSupport: oralSupport.valueSchemaFor,
}

/** The schema a field's stored value must satisfy. */
export function valueSchema(field: FieldConfig): z.ZodType<FieldValue> {
  return (valueSchemas[field.kind] as (config: FieldConfig) => z.ZodType<FieldValue>)(field)
}
