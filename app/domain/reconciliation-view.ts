/**
 * What the confrontation screen of a double-marked copy receives from
 * app/services/reconciliation.server.ts (serializable: dates as epoch ms).
 * Until both grids are closed it carries who still has to close, and nothing
 * of either grid; an anonymous copy is named by its candidate code only.
 */
import type { GradeLevel, GradePart } from './grading'
import type { AuditEntry } from './grading-view'

/** A piece of evidence a juror cited, as read: the quoted words or the item's label, and where it is in the copy. */
export type CitedEvidence = { label: string; where: string }

/** What one juror gave a cell in their closed grid. */
export type JurorCell = { level: string | null; comment: string; evidence: CitedEvidence[] }

/** The level the lead juror agreed for a divergent cell. */
export type AgreedLevel = { level: string; comment: string; version: number }

/** One cell of the grid (criterion × part × member), both jurors side by side. */
export type ConfrontedCell = {
  criterionId: string
  criterionText: string
  competencyId: string
  part: GradePart
  /** '' for the whole copy; a member's id for a group's oral or REX. */
  learnerId: string
  /** The member's name (group épreuves, never anonymous), else null. */
  memberLabel: string | null
  lead: JurorCell
  second: JurorCell
  /** Divergent cells only: what the lead juror recorded, if anything. */
  agreed: AgreedLevel | null
}

type Header = {
  assignmentId: string
  evaluationTitle: string
  anonymous: boolean
  /** Candidate code when anonymous, else the candidate's or group's name. */
  label: string
  /** Whether the viewer is the lead juror (who records the agreed levels). */
  viewerIsLead: boolean
  leadName: string
  secondName: string
}

/** Both grids are not closed yet: who still has to close theirs (nothing of either grid). */
export type ConfrontationWaiting = Header & { state: 'waiting'; ownClosed: boolean; otherClosed: boolean; otherName: string }

export type ConfrontationReady = Header & {
  state: 'ready'
  status: 'open' | 'closed'
  closedAt: number | null
  levels: readonly GradeLevel[]
  /** Where the two levels differ (or only one juror gave a level), in grid order. */
  divergent: ConfrontedCell[]
  /** Where they agree (same level, or neither gave one), in grid order. */
  agreeing: ConfrontedCell[]
  /** The confrontation's steps, newest first (the lead juror's audit trail, confrontation entries only). */
  audit: AuditEntry[]
}

export type ConfrontationView = ConfrontationWaiting | ConfrontationReady

/** What every write of the confrontation API answers. */
export type ConfrontationAnswer = {
  status: 'open' | 'closed'
  closedAt: number | null
  audit: AuditEntry[]
  /** The cell written (op 'agree'). */
  agreed?: AgreedLevel & { criterionId: string; part: GradePart; learnerId: string }
}

/** The key of a cell, as grids use it. */
export const confrontedKey = (c: { criterionId: string; part: string; learnerId: string }) => `${c.criterionId}|${c.part}|${c.learnerId}`

/** Where a double-marked copy stands, for one of its jurors. */
export type DoubleMarkingState =
  /** The copy has a single juror so far. */
  | 'incomplete'
  /** Two jurors, at least one grid not closed. */
  | 'grading'
  /** Both grids closed, the confrontation not closed. */
  | 'to-reconcile'
  /** The confrontation is closed. */
  | 'reconciled'

/** A double-marked copy in its juror's list. */
export type CopyDoubleMarking = { state: DoubleMarkingState; lead: boolean; ownClosed: boolean; otherClosed: boolean }

/** What the grid page says of a double-marked copy: its state, the other juror, and why the grid cannot be reopened (if so). */
export type GridDoubleMarking = CopyDoubleMarking & { otherName: string | null; reopenLocked: string | null }
