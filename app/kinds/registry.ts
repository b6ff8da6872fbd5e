import type { FieldConfig, FieldKind, Hint } from '#templates/template.schema'
import { definition as checklist } from './checklist/definition'
import { definition as kpi } from './kpi/definition'
import { definition as mix } from './mix/definition'
import { definition as persona } from './persona/definition'
import { definition as positioningMap } from './positioning-map/definition'
import { definition as retroplanning } from './retroplanning/definition'
import { definition as richText } from './rich-text/definition'
import { definition as smart } from './smart/definition'
import { definition as sources } from './sources/definition'
import { definition as table } from './table/definition'
import type { FieldIssue, HintContext, KindDefinition, KindItem } from './types'
import type { ConfigOf, FieldEntry, FieldValue, ValueOf } from './values'

/**
 * The pure definition of every field kind. The compiler refuses a kind that
 * lacks a capability; the rest of the app asks these functions and never
 * switches on the kind.
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
}

/** The definition of a field's kind, with the field typed alike (the one place where a kind and its value are paired). */
function dispatch<R>(field: FieldConfig, f: (definition: KindDefinition<FieldConfig, FieldValue>, field: FieldConfig) => R): R {
  return f(definitions[field.kind] as unknown as KindDefinition<FieldConfig, FieldValue>, field)
}

/**
 * Pairs a field with a stored value. Values are validated against their
 * field's schema when saved (app/kinds/schemas.ts), so a stored value is of
 * its field's kind.
 */
export function entryOf(field: FieldConfig, value: unknown): FieldEntry {
  return { kind: field.kind, field, value } as FieldEntry
}

export const definitionOf = (field: FieldConfig) => definitions[field.kind]
export const emptyValue = (field: FieldConfig): FieldValue => dispatch(field, (d, f) => d.empty(f))
export const isEmpty = ({ field, value }: FieldEntry): boolean => dispatch(field, (d, f) => d.isEmpty(value, f))
export const itemsOf = ({ field, value }: FieldEntry): KindItem[] => dispatch(field, (d, f) => d.items(value, f))
export const plainTextOf = ({ field, value }: FieldEntry): string => dispatch(field, (d, f) => d.plainText(value, f))
export const diffOf = (field: FieldConfig, before: unknown, after: unknown): string[] => dispatch(field, (d, f) => d.diff(before as never, after as never, f))

/** A template's hint on an entry: null when it holds, else the kind's sentence(s). `notEmpty` is every kind's. */
export function checkHint(hint: Hint, { field, value }: FieldEntry, ctx: HintContext): string | string[] | null {
  return dispatch(field, (d, f) => {
    if (hint.rule === 'notEmpty') return d.isEmpty(value, f) ? `La section « ${ctx.title} » est vide.` : null
    const rule = d.rules[hint.rule] as ((h: Hint, v: FieldValue, c: FieldConfig, x: HintContext) => string | string[] | null) | undefined
    return rule ? rule(hint, value, f, ctx) : null
  })
}

/** The checks a kind makes on every section whatever the template says. */
export const auditOf = ({ field, value }: FieldEntry, ctx: HintContext): string[] => dispatch(field, (d, f) => d.audit?.(value, f, ctx) ?? [])

/** True when a section of this kind can use this rule (the template schema refuses the others). */
export const ruleApplies = (kind: FieldKind, rule: Hint['rule']): boolean => rule === 'notEmpty' || rule in definitions[kind].rules

/** Validation issues of a refused value, each placed in words by its kind (« ligne 3, Adresse web »). */
export function locateIssues(field: FieldConfig, value: unknown, issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] {
  return dispatch(field, (d, f) =>
    issues.map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
      return { path, place: path.length ? d.locate(path, value as never, f) : null, message: issue.message }
    }),
  )
}
