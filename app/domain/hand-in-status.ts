/**
 * Where a dossier stands for its learners, in words: brouillon, déposé le …,
 * déposé en retard, refusé après la date limite, évalué. Pure.
 */
import { formatDate, formatTime } from './format'
import type { HandInState } from './hand-in'

/**
 * « 3 décembre 2026 à 14 h 05 » (Paris time): hand-in.ts's formatInstant,
 * without its time-zone library, so that pages showing a state stay light.
 */
export function formatInstant(instant: Date): string {
  return `${formatDate(instant)} à ${formatTime(instant)}`
}

export type HandInSummary = {
  state: HandInState
  /** The dossier's window (its learners' extension applied), null while the instance has no deadline. Epoch ms. */
  window: { dueAt: number; cutoffAt: number; extension: string | null } | null
  /** The latest hand-in. */
  latest: { id: string; submittedAt: number; timing: 'on-time' | 'late'; fingerprint: string; submitterName: string } | null
  /** How many hand-ins the dossier has. */
  count: number
}

export const NO_DEADLINE = 'La date de dépôt de cette épreuve n’est pas encore fixée.'

/** Why a hand-in after the cut-off is refused. */
export const closedMessage = (window: { cutoffAt: Date }) =>
  `La date limite est dépassée\u00a0: le dépôt était possible jusqu’au ${formatInstant(window.cutoffAt)} (heure de Paris).`

export const HAND_IN_STATE_LABELS: Record<HandInState, string> = {
  draft: 'Brouillon',
  submitted: 'Déposé',
  late: 'Déposé en retard',
  refused: 'Refusé\u00a0: date limite dépassée',
  graded: 'Évalué',
}

export const HAND_IN_STATE_TONES: Record<HandInState, 'neutral' | 'info' | 'success' | 'accent'> = {
  draft: 'neutral',
  submitted: 'success',
  late: 'accent',
  refused: 'accent',
  graded: 'info',
}

/** « 3f9a1c2b…e04d »: enough to compare by eye with the full fingerprint shown on the hand-in page. */
export function shortFingerprint(fingerprint: string): string {
  return `${fingerprint.slice(0, 8)}…${fingerprint.slice(-4)}`
}

/** The state in one line, with its date: « Brouillon — à déposer avant le 3 décembre 2026 à 14 h 05 », « Déposé le … à … »… */
export function handInStateText(summary: HandInSummary, now: number = Date.now()): string {
  const { state, window, latest } = summary
  switch (state) {
    case 'draft':
      if (!window) return 'Brouillon — date de dépôt pas encore fixée'
      if (now > window.dueAt) return `Brouillon — date limite dépassée, dépôt en retard possible jusqu’au ${formatInstant(new Date(window.cutoffAt))}`
      return `Brouillon — à déposer avant le ${formatInstant(new Date(window.dueAt))}`
    case 'submitted':
      return `Déposé le ${formatInstant(new Date(latest!.submittedAt))}`
    case 'late':
      return `Déposé en retard le ${formatInstant(new Date(latest!.submittedAt))}`
    case 'refused':
      return HAND_IN_STATE_LABELS.refused
    case 'graded':
      return latest ? `Évalué — déposé le ${formatInstant(new Date(latest.submittedAt))}` : HAND_IN_STATE_LABELS.graded
  }
}
