import { plural } from '~/domain/format'

/**
 * Hint sentences shared by several kinds, so that « attendus / attendues »
 * and the counts read the same everywhere.
 */

/** Singular, plural, and « attendu » agreed with them: ['tâche', 'tâches', 'attendues']. */
export type RowNouns = readonly [one: string, many: string, expected: string]
export const ROWS: RowNouns = ['ligne', 'lignes', 'attendues']

/** The `minRows` sentence, or null when there are enough rows. */
export function minRowsMessage(count: number, min: number, title: string, nouns: RowNouns = ROWS): string | null {
  if (count >= min) return null
  if (count === 0) return `« ${title} » n’a encore aucune ligne.`
  const [one, many, expected] = nouns
  return `« ${title} » a ${plural(count, one, many)} ; ${min} au moins sont ${expected}.`
}

/** Where a refused value is wrong, from its location inside the value: « ligne 3, Adresse web ». */
export const rowPlace = (index: number, column?: string) => `ligne ${index + 1}${column ? `, ${column}` : ''}`

/** A kind's structural problems as a hint answer: null when there are none. */
export const problemsOrNull = (problems: string[]): string[] | null => (problems.length ? problems : null)
