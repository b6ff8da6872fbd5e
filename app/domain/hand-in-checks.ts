/**
 * The checks that block a hand-in: what the référentiel states as numbers
 * (3 professionals in the testing phase, 2 events with one on site and one
 * digital, 2 meetings each with its minutes), declared as data in each
 * template (`handInChecks`) and evaluated here. Hints stay advice; these do
 * not. Pure: it reads the stored values of tables, rich texts and meeting minutes only.
 */
import type { DossierTemplate, HandInCheck } from '#templates/template.schema'

export type HandInProblem = { sectionId: string; sectionTitle: string; message: string }

type Cell = string | number | null | undefined
type TableLike = { rows?: { cells?: Record<string, Cell> }[] }

/** « Réunion n° 1 – Kick-off » → « reunion n 1 kick off »: what two spellings of one name have in common. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  return String(cell).trim()
}

function rowsOf(value: unknown): Record<string, Cell>[] {
  const rows = (value as TableLike | undefined)?.rows
  return Array.isArray(rows) ? rows.map((r) => r?.cells ?? {}) : []
}

/** The text of a stored rich text document (blocks separated by a space). Never throws. */
export function richTextWords(value: unknown): string {
  const parts: string[] = []
  const walk = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 200) return
    const n = node as { text?: unknown; content?: unknown }
    if (typeof n.text === 'string') parts.push(n.text)
    if (Array.isArray(n.content)) for (const child of n.content) walk(child, depth + 1)
    parts.push(' ')
  }
  walk(value, 0)
  return parts.join('')
}

/**
 * The purposes of the meetings whose minutes are written (decisions, or an
 * action worded) in a stored meeting minutes value, as the minutes kind
 * counts them (app/kinds/meeting-minutes/minutes.ts `hasMinutes`); '' for any other value. Never throws.
 */
export function minutesTitles(value: unknown): string {
  const meetings = (value as { meetings?: unknown } | null | undefined)?.meetings
  if (!Array.isArray(meetings)) return ''
  const filled = (s: unknown) => typeof s === 'string' && s.trim() !== ''
  return meetings
    .filter((m): m is { title?: unknown; decisions?: unknown; actions?: unknown } => Boolean(m) && typeof m === 'object')
    .filter((m) => filled(m.decisions) || (Array.isArray(m.actions) && m.actions.some((a) => filled((a as { what?: unknown } | null)?.what))))
    .map((m) => (typeof m.title === 'string' ? m.title : ''))
    .join(' \n ')
}

/** The filled values of a column, kept to `values` when given, de-duplicated (accents and case ignored) when `distinct`. */
function counted(check: Extract<HandInCheck, { rule: 'minRows' }>, value: unknown): string[] {
  const filled = rowsOf(value)
    .map((cells) => cellText(cells[check.column]))
    .filter((v) => v !== '' && (!check.values || check.values.includes(v)))
  if (!check.distinct) return filled
  const seen = new Set<string>()
  return filled.filter((v) => {
    const key = normalizeName(v)
    if (key === '' || seen.has(key)) return false
    seen.add(key)
    return true
  })
}

const quoted = (names: string[]) => names.map((n) => `«\u00a0${n}\u00a0»`).join(', ')

/**
 * What stops `template`'s dossier from being handed in with these section
 * values (a missing value counts as empty): one French message per failed
 * check, naming its section. Empty: the dossier may be handed in.
 */
export function handInProblems(template: Pick<DossierTemplate, 'sections' | 'handInChecks'>, values: Record<string, unknown>): HandInProblem[] {
  const problems: HandInProblem[] = []
  const titleOf = (id: string) => template.sections.find((s) => s.id === id)?.title ?? id
  for (const check of template.handInChecks ?? []) {
    const value = values[check.section]
    if (check.rule === 'minRows') {
      const n = counted(check, value).length
      if (n < check.min)
        problems.push({
          sectionId: check.section,
          sectionTitle: titleOf(check.section),
          message: `${titleOf(check.section)}\u00a0: au moins ${check.min} ${check.what}, ${n} pour l’instant.`,
        })
    } else {
      const names = [
        ...new Map(
          rowsOf(value)
            .map((cells) => cellText(cells[check.column]))
            .map((n) => [normalizeName(n), n]),
        ).entries(),
      ]
        .filter(([key]) => key !== '')
        .map(([key, name]) => ({ key, name }))
      const text = ` ${normalizeName(`${richTextWords(values[check.in])} ${minutesTitles(values[check.in])}`)} `
      const missing = names.filter((n) => !text.includes(` ${n.key} `)).map((n) => n.name)
      if (missing.length > 0)
        problems.push({
          sectionId: check.in,
          sectionTitle: titleOf(check.in),
          message:
            `${titleOf(check.in)}\u00a0: pas de ${check.what} pour ${quoted(missing)}` +
            ` (chaque ligne de «\u00a0${titleOf(check.section)}\u00a0» doit y être nommée).`,
        })
    }
  }
  return problems
}
