import type { Hint } from '#templates/template.schema'

/**
 * What a field kind is, in pure TypeScript (no React, no zod at run time, no
 * I/O): it runs in the browser and on the server. The browser parts (editor,
 * view) and the server parts (Word, Excel) have their own registries:
 * registry.browser.tsx and registry.server.ts.
 */

/** An addressable part of a value (a table row, a persona, a task…): tutors comment on it, jurors cite it. */
export type KindItem = {
  /** Stable through edits and moves (the row, persona, task… id). */
  id: string
  /** What a reader recognises it by: « Tâche 3 — Impression ». */
  label: string
}

/**
 * A part of a value the server refused, and why, in French: `path` inside the
 * value (as zod gives it), `place` in words (« ligne 3, Adresse web »).
 */
export type FieldIssue = { path: (string | number)[]; place: string | null; message: string }

/** What a hint rule needs besides the value. */
export type HintContext = {
  /** The section's title, as the learner reads it. */
  title: string
  /** Today in France (AAAA-MM-JJ), for kinds whose checks depend on the date. */
  today: string
  /** The group's members, for kinds whose checks name them (an oral where one never speaks); [] when unknown. */
  members?: readonly { id: string; name: string }[]
}

type KindRule = Exclude<Hint['rule'], 'notEmpty'>

/**
 * The hint rules a kind answers, with their French wording. `notEmpty` is
 * answered by every kind through `isEmpty`. A template that uses a rule its
 * kind does not answer is refused when templates load.
 */
export type KindRules<C, V> = {
  [R in KindRule]?: (hint: Extract<Hint, { rule: R }>, value: V, config: C, ctx: HintContext) => string | string[] | null
}

export type KindDefinition<C, V> = {
  /** The kind's name in French (« Tableau », « Personae »…). */
  label: string
  /** The value of a section nobody has written in yet. */
  empty: (config: C) => V
  /** True when nothing has been written (the progress measure, and « (Section non remplie) » in exports). */
  isEmpty: (value: V, config: C) => boolean
  rules: KindRules<C, V>
  /** Checks made on every section of this kind whatever the template says (e.g. images without text alternative). */
  audit?: (value: V, config: C, ctx: HintContext) => string[]
  /** The addressable parts of a value, in reading order. */
  items: (value: V, config: C) => KindItem[]
  /** What changed between two values, in sentences a tutor reads; [] when nothing did. */
  diff: (before: V, after: V, config: C) => string[]
  /** The value as plain text (word counts, search, scanning exports for names). */
  plainText: (value: V, config: C) => string
  /**
   * Where a part of the value sits, in French, from its path inside the value
   * (a zod issue path): ['rows', 2, 'url'] → « ligne 3, Adresse web ». Null for the value as a whole.
   */
  locate: (path: readonly (string | number)[], value: V, config: C) => string | null
  /** True when the kind has a sheet of its own in the Excel export (the server registry agrees, see registry.test.ts). */
  excel: boolean
  /** True when the kind has a printable page (`/dossiers/:id/imprimer/:sectionId`). */
  printable?: boolean
  /** True when the kind has a timed rehearsal page (`/dossiers/:id/repetition/:sectionId`): an oral's talk. */
  rehearsable?: boolean
  /** True when the kind exports as slides (`/dossiers/:id/oral/:sectionId.pptx`): an oral's talk. */
  slides?: boolean
}
