/**
 * What the learner's home says of each dossier (issue 14 §5): its subject,
 * when it was last edited and the next step. Pure.
 */
import { formatInstant } from './hand-in-status'
import type { HandInState } from './hand-in'
import { relativeTime } from './relative-time'

/**
 * The subject of a dossier from its template's title: the words in
 * guillemets (« Cas pratique « Cible, personae et mix marketing » ») or after
 * a dash (« Projet de communication 360° — canaux et supports »), with a
 * capital letter. Null when the title has none, or when the épreuve's own
 * title already says it (« Fiche de compétences « Veille » »).
 */
export function dossierSubject(templateTitle: string, evaluationTitle: string): string | null {
  const quoted = /«\s*(.+?)\s*»/.exec(templateTitle)?.[1]
  const dashed = /\s[—–]\s(.+)$/.exec(templateTitle)?.[1]
  const subject = (quoted ?? dashed)?.trim()
  if (!subject) return null
  if (evaluationTitle.toLocaleLowerCase('fr').includes(subject.toLocaleLowerCase('fr'))) return null
  return subject.charAt(0).toLocaleUpperCase('fr') + subject.slice(1)
}

/** « Modifié il y a 2 jours », « Modifié hier », « Modifié le 3 mars 2026 »; « Pas encore commencé » before any edit. */
export function lastEditText(editedAt: number | null, now: number): string {
  return editedAt === null ? 'Pas encore commencé' : `Modifié ${relativeTime(editedAt, now)}`
}

export type HandInView = { state: HandInState; dueAt: number | null; submittedAt: number | null }

export type NextStep =
  /** A draft: the first section still empty, in the template's order; null when every section is written. */
  | { kind: 'draft'; section: string | null; dueAt: number | null }
  /** Handed in (on time or late), graded, or refused after the cut-off: the state says it. */
  | { kind: 'done'; state: Exclude<HandInState, 'draft'>; text: string }

/** What to do next on a dossier: write its first empty section, hand it in, or nothing (it is handed in). */
export function nextStep(sections: readonly { title: string; empty: boolean }[], handIn: HandInView | null): NextStep {
  if (!handIn || handIn.state === 'draft') {
    return { kind: 'draft', section: sections.find((s) => s.empty)?.title ?? null, dueAt: handIn?.dueAt ?? null }
  }
  const at = handIn.submittedAt === null ? '' : `le ${formatInstant(new Date(handIn.submittedAt))}`
  const text = handIn.state === 'refused' ? '' : handIn.state === 'graded' ? (at ? `(déposé ${at})` : '') : at
  return { kind: 'done', state: handIn.state, text }
}

/** A draft's next step in words: « À écrire : Analyse de la cible · à déposer avant le 3 décembre 2026 à 14 h 05 ». */
export function draftStepText(step: Extract<NextStep, { kind: 'draft' }>): string {
  const todo = step.section === null ? 'Prêt à déposer' : `À écrire\u00a0: ${step.section}`
  return step.dueAt === null ? todo : `${todo} · à déposer avant le ${formatInstant(new Date(step.dueAt))}`
}
