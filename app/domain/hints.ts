import type { DossierTemplate, Hint, Section } from '#templates/template.schema'
import { emptyValue, measure, type FieldValue } from './fields'
import { plural } from './format'

/**
 * Structural hints: the machine-checkable part of criteria, declared as data
 * in the templates and evaluated here. A hint never sets a status; it is shown
 * next to the learner's own.
 */
export type HintResult = { sectionId: string; sectionTitle: string; criteria: string[]; message: string }

/** What `minRows` counts, by field kind: singular, plural, and « attendu » agreed with it. */
const ROW_NOUNS: Partial<Record<Section['field']['kind'], [string, string, string]>> = {
  retroplanning: ['tâche', 'tâches', 'attendues'],
  kpi: ['indicateur', 'indicateurs', 'attendus'],
  smart: ['objectif', 'objectifs', 'attendus'],
}

function check(hint: Hint, section: Section, value: FieldValue): string | string[] | null {
  const m = measure(section.field, value)
  switch (hint.rule) {
    case 'notEmpty':
      return m.empty ? `La section « ${section.title} » est vide.` : null
    case 'minWords':
      return m.words < hint.min
        ? `« ${section.title} » compte ${plural(m.words, 'mot', 'mots')} ; ${hint.min} au moins sont attendus pour développer l’analyse.`
        : null
    case 'minRows':
      if (m.rows >= hint.min) return null
      if (m.rows === 0) return `« ${section.title} » n’a encore aucune ligne.`
      if (section.field.kind === 'sources') return `${hint.min} sources au moins sont attendues dans « ${section.title} » ; vous en listez ${m.rows}.`
      if (section.field.kind === 'persona') return `${hint.min} personae au moins sont attendus ; vous en avez ${m.rows}.`
      {
        const [one, many, expected] = ROW_NOUNS[section.field.kind] ?? ['ligne', 'lignes', 'attendues']
        return `« ${section.title} » a ${plural(m.rows, one, many)} ; ${hint.min} au moins sont ${expected}.`
      }
    case 'hasOrigin':
      return m.origins.includes(hint.origin)
        ? null
        : `Aucune source ${hint.origin} n’est listée dans « ${section.title} ».`
    case 'allChecked':
      return m.unchecked > 0 ? `${plural(m.unchecked, 'point reste', 'points restent')} à vérifier dans « ${section.title} ».` : null
    case 'kindChecks':
      return m.problems.length ? m.problems : null
  }
}

/** The hints that currently fail, for the given section values (missing values count as empty). */
export function evaluateHints(template: DossierTemplate, values: Record<string, FieldValue | undefined>): HintResult[] {
  const results: HintResult[] = []
  for (const section of template.sections) {
    const value = values[section.id] ?? emptyValue(section.field)
    for (const hint of section.hints) {
      const found = check(hint, section, value)
      // A field kind's structural checks give one hint per problem.
      for (const message of found === null ? [] : Array.isArray(found) ? found : [found]) {
        results.push({ sectionId: section.id, sectionTitle: section.title, criteria: hint.criteria ?? section.criteria, message })
      }
    }
    // Accessibility is checked on every rich text, whatever the template says.
    const missingAlt = section.field.kind === 'richText' ? measure(section.field, value).imagesWithoutAlt : 0
    if (missingAlt > 0) {
      results.push({
        sectionId: section.id,
        sectionTitle: section.title,
        criteria: section.criteria,
        message: `${plural(missingAlt, 'image n’a pas', 'images n’ont pas')} de texte alternatif dans « ${section.title} ».`,
      })
    }
  }
  return results
}

/** Hints grouped by criterion id. */
export function hintsByCriterion(results: HintResult[]): Map<string, HintResult[]> {
  const map = new Map<string, HintResult[]>()
  for (const r of results) for (const c of r.criteria) map.set(c, [...(map.get(c) ?? []), r])
  return map
}
