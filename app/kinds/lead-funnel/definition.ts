import type { KindDefinition } from '../types'
import { itemChanges, withOrder } from '../list-diff'
import { minRowsMessage, problemsOrNull, type RowNouns } from '../wording'
import { computeFunnel, funnelProblems, funnelStatus, isBlankFunnel, stageName } from './funnel'
import { FUNNEL_LABELS, formatPercent, formatVolume } from './labels'
import type { FunnelStage, LeadFunnelConfig, LeadFunnelValue } from './schema'

const STAGES: RowNouns = ['étape', 'étapes', 'attendues']
const w = FUNNEL_LABELS.diff
const f = FUNNEL_LABELS.fields

/** « “Visiteurs” » or « 2 » when the stage has no name yet. */
const quoted = (s: FunnelStage, i: number) => (s.name.trim() ? `“${s.name.trim()}”` : `${i + 1}`)

function stageChanges(a: FunnelStage, b: FunnelStage): string[] {
  const changes: string[] = []
  if (a.name.trim() !== b.name.trim()) changes.push(`${w.name} ${a.name.trim() || '—'} → ${b.name.trim() || '—'}`)
  if (a.rate !== b.rate) changes.push(`${w.rate} ${formatPercent(a.rate)} → ${formatPercent(b.rate)}`)
  if (a.source.trim() !== b.source.trim()) changes.push(`${w.source} ${a.source.trim() || '—'} → ${b.source.trim() || '—'}`)
  return changes
}

/** The name of the stage the target counts, for the diff. */
const targetStageName = (v: LeadFunnelValue) => {
  const i = v.targetStageId ? v.stages.findIndex((s) => s.id === v.targetStageId) : -1
  return i >= 0 ? stageName(v.stages[i]!, i) : FUNNEL_LABELS.lastStage(v.stages[v.stages.length - 1]?.name ?? '')
}

export const definition: KindDefinition<LeadFunnelConfig, LeadFunnelValue> = {
  label: FUNNEL_LABELS.kind,
  empty: (config) => ({
    stages: config.stages.map((name, i) => ({ id: `etape-${i + 1}`, name, rate: null, source: '' })),
    objectiveId: null,
    target: null,
    targetStageId: null,
    planned: null,
  }),
  isEmpty: (value, config) => isBlankFunnel(value, config.stages),
  rules: {
    minRows: (hint, value, _config, { title }) => minRowsMessage(value.stages.filter((s) => s.name.trim()).length, hint.min, title, STAGES),
    kindChecks: (_hint, value) => problemsOrNull(funnelProblems(value)),
  },
  items: (value) => value.stages.map((s, i) => ({ id: s.id, label: FUNNEL_LABELS.stage(i, s.name) })),
  diff: (before, after) => {
    const head: string[] = []
    if (before.objectiveId !== after.objectiveId) head.push(after.objectiveId ? w.linked : w.unlinked)
    if (before.target !== after.target) head.push(w.target(formatVolume(before.target), formatVolume(after.target)))
    if (before.targetStageId !== after.targetStageId) head.push(w.targetStage(targetStageName(before), targetStageName(after)))
    if (before.planned !== after.planned) head.push(w.planned(formatVolume(before.planned), formatVolume(after.planned)))
    const stages = withOrder(
      itemChanges(before.stages, after.stages, {
        isBlank: (s) => !s.name.trim() && s.rate === null && !s.source.trim(),
        added: (s) => w.added(s.name.trim()),
        changed(was, now, i) {
          const changes = stageChanges(was, now)
          return changes.length ? [w.changed(quoted(was.name.trim() ? was : now, i), changes)] : []
        },
        removed: (s, i) => w.removed(quoted(s, i)),
      }),
      w.reordered,
    )
    return [...head, ...stages]
  },
  plainText: (value, config) => {
    if (isBlankFunnel(value, config.stages)) return ''
    const result = computeFunnel(value)
    const lines = value.stages.map((s, i) =>
      [
        s.name.trim(),
        i > 0 && s.rate !== null ? `${f.rate} ${formatPercent(s.rate)}` : '',
        s.source.trim(),
        result.rows[i]!.needed !== null ? `${f.needed} ${formatVolume(result.rows[i]!.needed)}` : '',
        result.rows[i]!.expected !== null ? `${f.expected} ${formatVolume(result.rows[i]!.expected)}` : '',
      ]
        .filter(Boolean)
        .join(' | '),
    )
    return [...lines, funnelStatus(value, result)].join('\n')
  },
  locate(path, value) {
    const [first, index, field] = path
    if (first === 'target') return f.target
    if (first === 'planned') return f.planned
    if (first === 'targetStageId') return f.targetStageId
    if (first === 'objectiveId') return f.objectiveId
    if (first !== 'stages') return null
    if (typeof index !== 'number') return 'Étapes'
    const stage = value.stages[index]
    const place = FUNNEL_LABELS.stage(index, stage?.name)
    const name = typeof field === 'string' && field in f ? f[field as keyof typeof f] : undefined
    return name ? `${place}, ${name}` : place
  },
  excel: true,
}
