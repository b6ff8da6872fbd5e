import { GRADING_STATE_LABELS, PART_LABELS, type GradePart, type GradingState } from '~/domain/grading'
import { Badge } from '../ui'

const STATE_TONES = { todo: 'info', 'in-progress': 'accent', done: 'success' } as const
const PART_TONES = { written: 'neutral', oral: 'accent', rex: 'info' } as const

/** À évaluer, En cours, Évaluée: the word says it (the colour only repeats it). */
export function CopyStateBadge({ state }: { state: GradingState }) {
  return <Badge tone={STATE_TONES[state]}>{GRADING_STATE_LABELS[state]}</Badge>
}

/** Écrit, Oral, REX: what a criterion row (or a section of the snapshot) is judged on. */
export function PartBadge({ part }: { part: GradePart }) {
  return <Badge tone={PART_TONES[part]}>{PART_LABELS[part]}</Badge>
}
