import type { DossierTemplate, FieldConfig, FieldKind, Hint } from '#templates/template.schema'
import { todayInFrance } from '~/domain/calendar'
import type { HintResult } from './hints'
import type { FieldIssue, HintContext, KindDefinition, KindItem } from './types'
import type { FieldEntry, FieldValue } from './values'

/** A kind's definition with its field and value types widened (the one place where a kind and its value are paired). */
export type AnyDefinition = KindDefinition<FieldConfig, FieldValue>

/**
 * Pairs a field with a stored value. Values are validated against their
 * field's schema when saved (app/kinds/schemas.ts), so a stored value is of
 * its field's kind.
 */
export function entryOf(field: FieldConfig, value: unknown): FieldEntry {
  return { kind: field.kind, field, value } as FieldEntry
}

/**
 * What the app asks of a field through its kind's definition, whatever the
 * definitions' source: all at hand (registry.ts) or only those of the kinds a
 * page shows, loaded with it (registry.on-demand.ts). The rest of the app asks
 * these functions and never switches on the kind.
 */
export function kindFunctions(definitionOf: (kind: FieldKind) => AnyDefinition) {
  const on = <R>(field: FieldConfig, f: (d: AnyDefinition, field: FieldConfig) => R): R => f(definitionOf(field.kind), field)

  const emptyValue = (field: FieldConfig): FieldValue => on(field, (d, f) => d.empty(f))
  const isEmpty = ({ field, value }: FieldEntry): boolean => on(field, (d, f) => d.isEmpty(value, f))

  /** A template's hint on an entry: null when it holds, else the kind's sentence(s). `notEmpty` is every kind's. */
  const checkHint = (hint: Hint, { field, value }: FieldEntry, ctx: HintContext): string | string[] | null =>
    on(field, (d, f) => {
      if (hint.rule === 'notEmpty') return d.isEmpty(value, f) ? `La section « ${ctx.title} » est vide.` : null
      const rule = d.rules[hint.rule] as ((h: Hint, v: FieldValue, c: FieldConfig, x: HintContext) => string | string[] | null) | undefined
      return rule ? rule(hint, value, f, ctx) : null
    })

  /** The checks a kind makes on every section whatever the template says. */
  const auditOf = ({ field, value }: FieldEntry, ctx: HintContext): string[] => on(field, (d, f) => d.audit?.(value, f, ctx) ?? [])

  return {
    definitionOf: (field: FieldConfig) => definitionOf(field.kind),
    emptyValue,
    isEmpty,
    itemsOf: ({ field, value }: FieldEntry): KindItem[] => on(field, (d, f) => d.items(value, f)),
    plainTextOf: ({ field, value }: FieldEntry): string => on(field, (d, f) => d.plainText(value, f)),
    diffOf: (field: FieldConfig, before: unknown, after: unknown): string[] => on(field, (d, f) => d.diff(before as never, after as never, f)),

    /** Validation issues of a refused value, each placed in words by its kind (« ligne 3, Adresse web »). */
    locateIssues: (field: FieldConfig, value: unknown, issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] =>
      on(field, (d, f) =>
        issues.map((issue) => {
          const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
          return { path, place: path.length ? d.locate(path, value as never, f) : null, message: issue.message }
        }),
      ),

    /**
     * Structural hints that currently fail, for the given section values
     * (missing values count as empty): the machine-checkable part of criteria,
     * declared as data in the templates and worded by each field kind. A hint
     * never sets a status; it is shown next to the learner's own.
     */
    evaluateHints(
      template: Pick<DossierTemplate, 'sections'>,
      values: Record<string, FieldValue | undefined>,
      { today = todayInFrance(), members = [] }: Partial<Pick<HintContext, 'today' | 'members'>> = {},
    ): HintResult[] {
      const results: HintResult[] = []
      for (const section of template.sections) {
        const entry = entryOf(section.field, values[section.id] ?? emptyValue(section.field))
        const ctx = { title: section.title, today, members }
        const push = (criteria: string[], message: string) => results.push({ sectionId: section.id, sectionTitle: section.title, criteria, message })
        for (const hint of section.hints) {
          const found = checkHint(hint, entry, ctx)
          // A field kind's structural checks give one hint per problem.
          for (const message of found === null ? [] : Array.isArray(found) ? found : [found]) push(hint.criteria ?? section.criteria, message)
        }
        for (const message of auditOf(entry, ctx)) push(section.criteria, message)
      }
      return results
    },
  }
}
