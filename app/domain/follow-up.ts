/**
 * The admin's follow-up of a session (issue 13 §8): where each candidate
 * stands on each evaluation instance, in one state, and how the states are
 * counted. Pure: the service gathers the facts, this decides.
 *
 * The state of a candidate on an instance is the furthest step their work
 * has reached — through their own dossier for an individual épreuve, through
 * their group's dossier for a group épreuve (the members' REX are not
 * counted) —, with the rules the hand-in and the jury already use
 * (services/submissions.server.ts handInSummaries):
 * - `no-group`: a group épreuve and the candidate has no group yet (no dossier);
 * - `draft`: nothing handed in, the deadline (with the candidate's or a group
 *   member's extension) not passed yet, or not set;
 * - `overdue`: nothing handed in, the deadline passed, the cut-off not yet
 *   (a late hand-in is still possible);
 * - `missed`: nothing handed in and the cut-off passed (a hand-in is refused);
 * - `submitted`: the latest hand-in was on time, not graded yet;
 * - `late`: the latest hand-in was late (after the deadline), not graded yet;
 * - `graded`: handed in, and every juror assigned to the copy closed their grid;
 * - `reconciled`: graded, double-marked, and the lead juror closed the reconciliation.
 */

export const FOLLOW_UP_STATES = ['no-group', 'draft', 'overdue', 'missed', 'submitted', 'late', 'graded', 'reconciled'] as const
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number]

/** One letter per state: a candidate's row travels as one short string (`states`), one letter per instance; the page's pills are styled by it (`fu-B`…). */
export const STATE_CODES: Record<FollowUpState, string> = {
  'no-group': 'G',
  draft: 'B',
  overdue: 'O',
  missed: 'M',
  submitted: 'R',
  late: 'L',
  graded: 'C',
  reconciled: 'K',
}
const BY_CODE = new Map(FOLLOW_UP_STATES.map((s) => [STATE_CODES[s], s]))

export function stateOfCode(code: string): FollowUpState {
  return BY_CODE.get(code) ?? 'draft'
}

/** What the service knows about one candidate on one instance. */
export type CellFacts = {
  /** A group épreuve where the candidate has no group. */
  noGroup: boolean
  /** The timing of the dossier's latest hand-in; null when nothing was handed in. */
  handIn: 'on-time' | 'late' | null
  /** Where `now` falls in the dossier's window (handInTiming); null while the instance has no deadline. */
  window: 'on-time' | 'late' | 'closed' | null
  /** Every juror assigned to the copy closed their grid (and there is at least one). */
  graded: boolean
  /** The copy's reconciliation (double marking) is closed. */
  reconciled: boolean
}

export function followUpState(facts: CellFacts): FollowUpState {
  if (facts.noGroup) return 'no-group'
  if (facts.handIn) {
    if (facts.graded) return facts.reconciled ? 'reconciled' : 'graded'
    return facts.handIn === 'late' ? 'late' : 'submitted'
  }
  if (facts.window === 'late') return 'overdue'
  if (facts.window === 'closed') return 'missed'
  return 'draft'
}

/** The counted categories: drafts, handed in, late (handed in late or not handed in past the deadline), graded, reconciled, without group. */
export const FOLLOW_UP_CATEGORIES = ['draft', 'handed-in', 'late', 'graded', 'reconciled', 'no-group'] as const
export type FollowUpCategory = (typeof FOLLOW_UP_CATEGORIES)[number]

export const CATEGORY_OF: Record<FollowUpState, FollowUpCategory> = {
  'no-group': 'no-group',
  draft: 'draft',
  overdue: 'late',
  missed: 'late',
  submitted: 'handed-in',
  late: 'late',
  graded: 'graded',
  reconciled: 'reconciled',
}

export const CATEGORY_LABELS: Record<FollowUpCategory, string> = {
  draft: 'Brouillon',
  'handed-in': 'Rendu',
  late: 'En retard',
  graded: 'Corrigé',
  reconciled: 'Concilié',
  'no-group': 'Sans groupe',
}

/** The state as a cell shows it (short), and as the legend and the export explain it. */
export const STATE_LABELS: Record<FollowUpState, string> = {
  'no-group': 'Sans groupe',
  draft: 'Brouillon',
  overdue: 'En retard',
  missed: 'Non rendu',
  submitted: 'Rendu',
  late: 'Rendu en retard',
  graded: 'Corrigé',
  reconciled: 'Concilié',
}

export const STATE_DESCRIPTIONS: Record<FollowUpState, string> = {
  'no-group': 'épreuve de groupe, pas encore de groupe (donc pas de dossier)',
  draft: 'rien de rendu, la date limite n’est pas passée (ou pas encore fixée)',
  overdue: 'rien de rendu, la date limite est passée\u00a0; un dépôt en retard reste possible jusqu’à la clôture',
  missed: 'rien de rendu, la clôture des dépôts est passée',
  submitted: 'dernier dépôt à temps, pas encore corrigé',
  late: 'dernier dépôt après la date limite, pas encore corrigé',
  graded: 'toutes les grilles des juré·es affecté·es sont closes',
  reconciled: 'double correction\u00a0: la conciliation est close',
}

/** The URL speaks French: `etat=en-retard`… */
export const CATEGORY_PARAMS: Record<FollowUpCategory, string> = {
  draft: 'brouillon',
  'handed-in': 'rendu',
  late: 'en-retard',
  graded: 'corrige',
  reconciled: 'concilie',
  'no-group': 'sans-groupe',
}

export function categoryOfParam(param: string | null | undefined): FollowUpCategory | null {
  return FOLLOW_UP_CATEGORIES.find((c) => CATEGORY_PARAMS[c] === param) ?? null
}

/** The page's filters as its address has them (French names; the service parses them). */
export type FollowUpParams = { q: string; epreuve: string; etat: string; groupe: string; page: number }

/** The filters as a query string (defaults left out; `page` unless `withPage` is false), « ?… » or ''. */
export function followUpSearch(params: FollowUpParams, withPage = true): string {
  const search = new URLSearchParams()
  if (params.q) search.set('q', params.q)
  if (params.epreuve) search.set('epreuve', params.epreuve)
  if (params.etat) search.set('etat', params.etat)
  if (params.groupe) search.set('groupe', params.groupe)
  if (withPage && params.page > 1) search.set('page', String(params.page))
  const query = search.toString()
  return query ? `?${query}` : ''
}

/** Lower case without accents: « Zoé » is found by « zoe ». */
export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
