import { formatNumber } from '~/domain/format'
import { parseFrenchNumber } from '~/domain/numbers'
import type { CellSpec, Option, Parsed } from './cells'

/**
 * What a learner types or pastes in a grid cell, read as the column's type:
 * French numbers, JJ/MM/AAAA dates, a choice by its label. Pure: no React, no DOM.
 */

export const CELL_ERRORS = {
  number: 'un nombre est attendu, par exemple 1\u202f250,5',
  integer: 'un nombre entier est attendu',
  min: (n: number) => `${formatNumber(n)} au moins`,
  max: (n: number) => `${formatNumber(n)} au plus`,
  date: 'date attendue au format JJ/MM/AAAA',
  length: (n: number) => `${formatNumber(n)} caractères au plus`,
  choice: (options: readonly Option[]) => `choisissez parmi : ${options.map((o) => o.label).join(', ')}`,
  readOnly: 'cellule calculée',
} as const

const pad = (n: number) => String(n).padStart(2, '0')

/** A date typed JJ/MM/AAAA (or J/M/AA, with dots or dashes) or AAAA-MM-JJ, as an ISO date. Null when empty, undefined when not a date. */
export function parseDate(input: string): string | null | undefined {
  const text = input.trim()
  if (text === '') return null
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text)
  const [y, m, d] = iso ? [+iso[1]!, +iso[2]!, +iso[3]!] : fr ? [fr[3]!.length === 2 ? 2000 + +fr[3]! : +fr[3]!, +fr[2]!, +fr[1]!] : [0, 0, 0]
  const date = new Date(Date.UTC(y, m - 1, d))
  if (!y || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined
  return `${y}-${pad(m)}-${pad(d)}`
}

/** Lower case, without accents, ligatures nor surrounding spaces: how a typed choice is matched (« coeur » is « Cœur »). */
export const loose = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')

/** The option a typed text names (by its value or its label, accents and case aside). */
export const findOption = (options: readonly Option[], text: string) => options.find((o) => loose(o.value) === loose(text) || loose(o.label) === loose(text))

/** What a typed or pasted text stores in a cell of this type, or why it cannot. */
export function parseCell(spec: CellSpec, text: string): Parsed {
  switch (spec.type) {
    case 'text':
    case 'long':
      return spec.maxLength !== undefined && text.length > spec.maxLength ? { error: CELL_ERRORS.length(spec.maxLength) } : { value: text }
    case 'number': {
      const n = parseFrenchNumber(text)
      if (n === undefined) return { error: CELL_ERRORS.number }
      if (n !== null && spec.integer && !Number.isInteger(n)) return { error: CELL_ERRORS.integer }
      if (n !== null && spec.min !== undefined && n < spec.min) return { error: CELL_ERRORS.min(spec.min) }
      if (n !== null && spec.max !== undefined && n > spec.max) return { error: CELL_ERRORS.max(spec.max) }
      return { value: n }
    }
    case 'date': {
      const d = parseDate(text)
      return d === undefined ? { error: CELL_ERRORS.date } : { value: d }
    }
    case 'choice': {
      if (text.trim() === '') return { value: null }
      const option = findOption(spec.options ?? [], text)
      return option ? { value: option.value } : { error: CELL_ERRORS.choice(spec.options ?? []) }
    }
    default:
      return { error: CELL_ERRORS.readOnly }
  }
}
