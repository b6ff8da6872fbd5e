/**
 * The French marketing marronniers a media plan can show on its calendar:
 * DATA, one entry per marronnier with the rule that dates it each year
 * (computed in marronniers.ts). Labels are French, ids stable (stored in values).
 *
 * Rules:
 * - `fixed`: the same day every year (`end` for a period, in the same or the next month);
 * - `nthWeekday`: the n-th weekday of a month (n = -1: the last), moved by `offset` days;
 * - `easter`: Easter Sunday moved by `offset` days;
 * - `mothersDay`: the last Sunday of May, or the first Sunday of June when the
 *   last Sunday of May is Pentecost (Code de l’action sociale et des familles, art. D215-1);
 * - `soldes`: the national sales (Code de commerce, art. D310-15-2) for four weeks
 *   (arrêté du 27 novembre 2019): winter from the second Wednesday of January,
 *   advanced to the first when the second falls after the 12th; summer from
 *   the last Wednesday of June, advanced to the one before when the last falls after the 28th.
 */

/** Weekdays as Date.getUTCDay counts them: 0 Sunday … 6 Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6

export type MarronnierRule =
  | { type: 'fixed'; month: number; day: number; end?: { month: number; day: number } }
  | { type: 'nthWeekday'; month: number; weekday: Weekday; n: number; offset?: number }
  | { type: 'easter'; offset: number }
  | { type: 'mothersDay' }
  | { type: 'soldes'; season: 'hiver' | 'ete' }

export type MarronnierData = { id: string; label: string; rule: MarronnierRule; note?: string }

export const MARRONNIERS = [
  { id: 'soldes-hiver', label: 'Soldes d’hiver', rule: { type: 'soldes', season: 'hiver' }, note: 'Dates nationales ; quelques départements ont les leurs.' },
  { id: 'epiphanie', label: 'Épiphanie (galette des rois)', rule: { type: 'fixed', month: 1, day: 6 } },
  { id: 'chandeleur', label: 'Chandeleur', rule: { type: 'fixed', month: 2, day: 2 } },
  { id: 'saint-valentin', label: 'Saint-Valentin', rule: { type: 'fixed', month: 2, day: 14 } },
  { id: 'fete-grands-meres', label: 'Fête des grands-mères', rule: { type: 'nthWeekday', month: 3, weekday: 0, n: 1 } },
  { id: 'paques', label: 'Pâques', rule: { type: 'easter', offset: 0 } },
  { id: 'fete-meres', label: 'Fête des mères', rule: { type: 'mothersDay' } },
  { id: 'fete-peres', label: 'Fête des pères', rule: { type: 'nthWeekday', month: 6, weekday: 0, n: 3 } },
  { id: 'fete-musique', label: 'Fête de la musique', rule: { type: 'fixed', month: 6, day: 21 } },
  { id: 'soldes-ete', label: 'Soldes d’été', rule: { type: 'soldes', season: 'ete' }, note: 'Dates nationales ; quelques départements ont les leurs.' },
  {
    id: 'rentree',
    label: 'Rentrée',
    rule: { type: 'fixed', month: 8, day: 20, end: { month: 9, day: 15 } },
    note: 'Période commerciale de la rentrée ; la date de la rentrée scolaire est fixée chaque année par le ministère.',
  },
  { id: 'halloween', label: 'Halloween', rule: { type: 'fixed', month: 10, day: 31 } },
  // The Friday after the fourth Thursday of November (Thanksgiving).
  { id: 'black-friday', label: 'Black Friday', rule: { type: 'nthWeekday', month: 11, weekday: 4, n: 4, offset: 1 } },
  { id: 'cyber-monday', label: 'Cyber Monday', rule: { type: 'nthWeekday', month: 11, weekday: 4, n: 4, offset: 4 } },
  { id: 'noel', label: 'Noël', rule: { type: 'fixed', month: 12, day: 25 } },
  { id: 'saint-sylvestre', label: 'Saint-Sylvestre', rule: { type: 'fixed', month: 12, day: 31 } },
] as const satisfies readonly MarronnierData[]

export type MarronnierId = (typeof MARRONNIERS)[number]['id']
export const MARRONNIER_IDS = MARRONNIERS.map((m) => m.id) as [MarronnierId, ...MarronnierId[]]
