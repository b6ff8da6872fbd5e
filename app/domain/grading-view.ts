/**
 * What the jury screens receive from app/services/grading.server.ts: the
 * contract between the grading service and its routes. Serializable (dates
 * as epoch ms). No name or e-mail of a candidate ever appears in a view of
 * an anonymous instance: `label` is then the candidate code.
 */
import type { Section } from '#templates/template.schema'
import type { FieldValue } from '~/kinds/values'
import type { CompetencyResult, GradeEvidence, GradeLevel, GradePart, GradingState } from './grading'

/** One copy in a juror's list: an assignment (a candidate or a group on an instance). */
export type CopySummary = {
  assignmentId: string
  /** The candidate's name, the group's name, or the candidate code when the instance is anonymous. */
  label: string
  /** A group's members (not anonymous: group épreuves have an oral). */
  members: string[]
  state: GradingState
  /** Latest hand-in of the target, if any (epoch ms), and whether it was late. */
  submittedAt: number | null
  late: boolean
}

/** A juror's copies of one evaluation instance. */
export type InstanceCopies = {
  instanceId: string
  evaluationId: string
  title: string
  /** « C3.1 à C3.3 » */
  range: string
  mode: 'individual' | 'group'
  anonymous: boolean
  sessionName: string
  dueAt: number
  /** Copies handed in (gradable), in a stable order. */
  copies: CopySummary[]
  /** Assigned targets with nothing handed in yet. */
  waiting: number
}

/** A frozen snapshot as the grid shows it. */
export type SnapshotView = {
  submissionId: string
  /** Template title, e.g. « Cas pratique professionnel » or « REX individuel ». */
  title: string
  kind: 'main' | 'rex'
  /** For a member's REX: that member's label. */
  owner: string | null
  submittedAt: number
  late: boolean
  fingerprint: string
  sections: { section: Section; value: FieldValue }[]
}

export type GridCell = {
  criterionId: string
  part: GradePart
  /** '' for the whole target; a member's id for a group's oral or REX. */
  learnerId: string
  level: string | null
  comment: string
  evidence: GradeEvidence[]
  version: number
}

export type CompetencyView = {
  competencyId: string
  text: string
  learnerId: string
  derived: CompetencyResult | null
  override: { result: CompetencyResult; justification: string; version: number } | null
}

export type AuditEntry = {
  id: number
  at: number
  actorName: string
  action: 'level' | 'comment' | 'evidence' | 'override' | 'close' | 'reopen' | 'reconcile' | 'reconcile-close' | 'reconcile-reopen'
  /** A French sentence: « Niveau de C3.1-2 (écrit) : Non acquis → Acquis ». */
  text: string
}

export type GridView = {
  assignmentId: string
  instanceId: string
  evaluationId: string
  evaluationTitle: string
  anonymous: boolean
  /** Candidate code, candidate name, or group name. */
  label: string
  /** Group épreuves: each member, for the per-member rows (oral, REX). */
  members: { id: string; label: string }[]
  status: 'open' | 'closed'
  closedAt: number | null
  levels: readonly GradeLevel[]
  ruleLabel: string
  /** Rows of the grid with their référentiel texts. */
  rows: { criterionId: string; criterionText: string; competencyId: string; part: GradePart; scope: 'target' | 'member' }[]
  cells: GridCell[]
  competencies: CompetencyView[]
  snapshots: SnapshotView[]
  audit: AuditEntry[]
}
