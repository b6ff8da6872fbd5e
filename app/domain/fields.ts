import type { ColumnType, FieldConfig } from '#templates/template.schema'
import { formatDate, formatMoney, formatNumber } from './format'
import { personaProblems, type PersonaValue } from './persona'
import { smartProblems, type SmartValue } from './smart'
import { todayInFrance } from './calendar'
import { kpiProblems, type KpiValue } from './kpi'
import { EMPTY_MIX, isMixEmpty, mixProblems, type MixValue } from './mix'
import { EMPTY_RETROPLANNING, retroplanningProblems, type RetroValue } from './retroplanning'
import { EMPTY_DOC, imagesWithoutAlt, wordCount, type RichTextDoc } from './rich-text'

/**
 * Field kinds: the stored value of each kind and the measures hints use
 * (validation lives in fields.schema.ts, server side). Pure, zod-free: it runs
 * in the browser. A new field kind is added here, in fields.schema.ts and as
 * an editor component, never in a route.
 */

export type TableValue = { rows: { id: string; cells: Record<string, string | number | null> }[] }
export type ChecklistValue = { checked: Record<string, boolean> }
export type SourceRow = { id: string; title: string; url: string; origin: 'interne' | 'externe' | ''; type: string; note: string }
export type SourcesValue = { rows: SourceRow[] }
export type FieldValue = RichTextDoc | TableValue | ChecklistValue | SourcesValue | PersonaValue | SmartValue | MixValue | RetroValue | KpiValue

export const SOURCE_ORIGINS = ['interne', 'externe'] as const

export function emptyValue(field: FieldConfig): FieldValue {
  switch (field.kind) {
    case 'richText':
      return EMPTY_DOC
    case 'table':
    case 'sources':
      return { rows: [] }
    case 'checklist':
      return { checked: {} }
    case 'persona':
      return { personas: [] }
    case 'smart':
      return { objectives: [] }
    case 'mix':
      return EMPTY_MIX
    case 'retroplanning':
      return EMPTY_RETROPLANNING
    case 'kpi':
      return { rows: [] }
  }
}

export type Measure = {
  empty: boolean
  words: number
  rows: number
  origins: SourceRow['origin'][]
  unchecked: number
  imagesWithoutAlt: number
  /** The field kind's own structural problems, in French. */
  problems: string[]
}

/** What hints measure in a value. */
export function measure(field: FieldConfig, value: FieldValue): Measure {
  switch (field.kind) {
    case 'richText': {
      const doc = value as RichTextDoc
      const words = wordCount(doc)
      return { empty: words === 0 && !JSON.stringify(doc).includes('"image"'), words, rows: 0, origins: [], unchecked: 0, imagesWithoutAlt: imagesWithoutAlt(doc), problems: [] }
    }
    case 'table': {
      const rows = (value as TableValue).rows.filter((r) => Object.values(r.cells).some((v) => v !== null && v !== ''))
      return { empty: rows.length === 0, words: 0, rows: rows.length, origins: [], unchecked: 0, imagesWithoutAlt: 0, problems: [] }
    }
    case 'sources': {
      const rows = (value as SourcesValue).rows.filter((r) => r.title.trim() || r.url.trim())
      return { empty: rows.length === 0, words: 0, rows: rows.length, origins: rows.map((r) => r.origin), unchecked: 0, imagesWithoutAlt: 0, problems: [] }
    }
    case 'checklist': {
      const checked = (value as ChecklistValue).checked
      const done = field.items.filter((i) => checked[i.id]).length
      return { empty: done === 0, words: 0, rows: 0, origins: [], unchecked: field.items.length - done, imagesWithoutAlt: 0, problems: [] }
    }
    case 'persona': {
      const personas = (value as PersonaValue).personas
      return { empty: personas.length === 0, words: 0, rows: personas.length, origins: [], unchecked: 0, imagesWithoutAlt: 0, problems: personaProblems(value as PersonaValue) }
    }
    case 'smart': {
      const objectives = (value as SmartValue).objectives
      return { empty: objectives.length === 0, words: 0, rows: objectives.length, origins: [], unchecked: 0, imagesWithoutAlt: 0, problems: smartProblems(value as SmartValue) }
    }
    case 'mix': {
      const mix = value as MixValue
      return { empty: isMixEmpty(mix), words: 0, rows: 0, origins: [], unchecked: 0, imagesWithoutAlt: 0, problems: mixProblems(field, mix) }
    }
    case 'retroplanning': {
      const plan = value as RetroValue
      const tasks = plan.tasks.filter((t) => t.name.trim()).length
      const problems = retroplanningProblems(plan, { tracking: field.tracking, thresholds: field.alerts, today: todayInFrance() })
      return { empty: tasks === 0, words: 0, rows: tasks, origins: [], unchecked: 0, imagesWithoutAlt: 0, problems }
    }
    case 'kpi': {
      const rows = (value as KpiValue).rows.filter((r) => r.name.trim()).length
      return { empty: rows === 0, words: 0, rows, origins: [], unchecked: 0, imagesWithoutAlt: 0, problems: kpiProblems(value as KpiValue, field.requiredFormulas) }
    }
  }
}

/** A table cell as French text (« — » when empty): the same on screen and in exports. */
export function cellText(type: ColumnType, v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'number') {
    if (type === 'money') return formatMoney(v)
    if (type === 'percent') return `${formatNumber(v)}\u00a0%`
    return formatNumber(v)
  }
  return type === 'date' ? formatDate(v) : v
}
