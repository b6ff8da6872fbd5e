import type { KindDefinition } from '../types'
import { itemChanges, withOrder } from '../list-diff'
import { CHANGES, FIELD_LABELS, ORAL_LABELS, PROBLEMS, type PartKey } from './labels'
import { isBlankPart, isBlankQuestion, isSelfAssessmentPart, partName } from './oral'
import type { OralPart, OralSupportConfig, OralSupportValue } from './schema'
import { pace, silentMembers } from './timing'

/**
 * The checks of a talk: the total time against the target, a speaker in
 * every part of a group oral and every member of the group (when known)
 * speaking in one, what each part shows, and for the grand oral a part
 * presenting the self-assessment.
 */
export function oralProblems(value: OralSupportValue, config: OralSupportConfig, members: readonly { id: string; name: string }[] = []): string[] {
  const parts = value.parts.filter((p) => !isBlankPart(p))
  const problems: string[] = []
  const p = pace(parts, config.minutes)
  if (p?.status === 'over') problems.push(PROBLEMS.over(p.total, p.target, p.difference))
  if (p?.status === 'under') problems.push(PROBLEMS.under(p.total, p.target, -p.difference))
  value.parts.forEach((part, i) => {
    if (isBlankPart(part)) return
    if (config.oral !== 'grand-oral' && !part.speakers.length) problems.push(PROBLEMS.noSpeaker(partName(part, i)))
    if (!part.message.trim() && !part.visuals.length) problems.push(PROBLEMS.showsNothing(partName(part, i)))
  })
  if (config.oral !== 'grand-oral' && parts.length) {
    const silent = silentMembers(
      parts,
      members.map((m) => m.id),
    )
    if (silent.length) problems.push(PROBLEMS.silent(members.filter((m) => silent.includes(m.id)).map((m) => m.name)))
  }
  if (config.oral === 'grand-oral' && parts.length && !parts.some(isSelfAssessmentPart)) problems.push(PROBLEMS.selfAssessment)
  return problems
}

function changedFields(a: OralPart, b: OralPart): string[] {
  const out: string[] = []
  const keys: PartKey[] = ['title', 'message', 'notes']
  for (const k of keys) if ((a[k] as string).trim() !== (b[k] as string).trim()) out.push(CHANGES.modified(FIELD_LABELS[k]))
  if (a.minutes !== b.minutes) out.push(`durée ${a.minutes ?? '—'} → ${b.minutes ?? '—'} min`)
  if (a.speakers.join() !== b.speakers.join()) out.push('intervenants modifiés')
  if (JSON.stringify(a.visuals) !== JSON.stringify(b.visuals)) out.push('supports modifiés')
  return out
}

export const definition: KindDefinition<OralSupportConfig, OralSupportValue> = {
  label: ORAL_LABELS.kind,
  empty: () => ({ parts: [], questions: [], rehearsals: [] }),
  isEmpty: (value) => value.parts.every(isBlankPart) && value.questions.every(isBlankQuestion),
  rules: {
    minRows: (hint, value, _config, { title }) => {
      const n = value.parts.filter((p) => !isBlankPart(p)).length
      if (n >= hint.min) return null
      return n === 0 ? PROBLEMS.noParts(title) : `«\u00a0${title}\u00a0» a ${PROBLEMS.partsCount(n)}\u00a0; ${hint.min} au moins sont attendues.`
    },
    kindChecks: (_hint, value, config, { members }) => {
      const problems = oralProblems(value, config, members)
      return problems.length ? problems : null
    },
  },
  items: (value) => [
    ...value.parts.map((p, i) => ({ id: p.id, label: p.title.trim() ? `${ORAL_LABELS.part(i)} — ${p.title.trim()}` : ORAL_LABELS.part(i) })),
    ...value.questions.map((q, i) => ({ id: q.id, label: q.question.trim() ? `${ORAL_LABELS.question(i)} — ${q.question.trim()}` : ORAL_LABELS.question(i) })),
  ],
  diff: (before, after) => [
    ...withOrder(
      itemChanges(before.parts, after.parts, {
        isBlank: isBlankPart,
        added: (p, i) => CHANGES.added(partName(p, i).replace(/^Partie /, '')),
        changed: (was, p, i) => {
          const parts = changedFields(was, p)
          return parts.length ? [CHANGES.changed(partName(p, i).replace(/^Partie /, ''), parts)] : []
        },
        removed: (p, i) => CHANGES.removed(partName(p, i).replace(/^Partie /, '')),
      }),
      CHANGES.reordered,
    ),
    ...withOrder(
      itemChanges(before.questions, after.questions, {
        isBlank: isBlankQuestion,
        added: (_q, i) => CHANGES.questionAdded(String(i + 1)),
        changed: (was, q, i) => (JSON.stringify(was) !== JSON.stringify(q) ? [CHANGES.questionChanged(String(i + 1))] : []),
        removed: (_q, i) => CHANGES.questionRemoved(String(i + 1)),
      }),
      CHANGES.questionsReordered,
    ),
  ],
  plainText: (value) =>
    [
      ...value.parts.map((p) =>
        [p.title, p.message, p.notes, ...p.visuals.map((v) => (v.kind === 'image' ? v.alt : v.label))]
          .map((t) => t.trim())
          .filter(Boolean)
          .join(' | '),
      ),
      ...value.questions.map((q) =>
        [q.question, q.answer]
          .map((t) => t.trim())
          .filter(Boolean)
          .join(' | '),
      ),
    ]
      .filter(Boolean)
      .join('\n'),
  locate(path) {
    const [list, index, key] = path
    if (typeof index !== 'number') return null
    if (list === 'parts') {
      const place = ORAL_LABELS.part(index)
      return typeof key === 'string' && key in FIELD_LABELS ? `${place}, ${FIELD_LABELS[key as keyof typeof FIELD_LABELS]}` : place
    }
    if (list === 'questions') {
      const place = ORAL_LABELS.question(index)
      return typeof key === 'string' && key in FIELD_LABELS ? `${place}, ${FIELD_LABELS[key as keyof typeof FIELD_LABELS]}` : place
    }
    return null
  },
  excel: true,
  rehearsable: true,
  slides: true,
}
