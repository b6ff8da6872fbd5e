import type { DossierTemplate } from '#templates/template.schema'
import { todayInFrance } from '~/domain/calendar'
import { auditOf, checkHint, emptyValue, entryOf } from './registry'
import type { FieldValue } from './values'

/**
 * Structural hints: the machine-checkable part of criteria, declared as data
 * in the templates and worded by each field kind. A hint never sets a status;
 * it is shown next to the learner's own.
 */
export type HintResult = { sectionId: string; sectionTitle: string; criteria: string[]; message: string }

/** The hints that currently fail, for the given section values (missing values count as empty). */
export function evaluateHints(template: DossierTemplate, values: Record<string, FieldValue | undefined>, today = todayInFrance()): HintResult[] {
  const results: HintResult[] = []
  for (const section of template.sections) {
    const entry = entryOf(section.field, values[section.id] ?? emptyValue(section.field))
    const ctx = { title: section.title, today }
    const push = (criteria: string[], message: string) => results.push({ sectionId: section.id, sectionTitle: section.title, criteria, message })
    for (const hint of section.hints) {
      const found = checkHint(hint, entry, ctx)
      // A field kind's structural checks give one hint per problem.
      for (const message of found === null ? [] : Array.isArray(found) ? found : [found]) push(hint.criteria ?? section.criteria, message)
    }
    for (const message of auditOf(entry, ctx)) push(section.criteria, message)
  }
  return results
}

/** Hints grouped by criterion id. */
export function hintsByCriterion(results: HintResult[]): Map<string, HintResult[]> {
  const map = new Map<string, HintResult[]>()
  for (const r of results) for (const c of r.criteria) map.set(c, [...(map.get(c) ?? []), r])
  return map
}
