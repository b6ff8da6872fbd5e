import type { KindDefinition } from '../types'
import { itemChanges, withOrder } from '../list-diff'
import { minRowsMessage, problemsOrNull, type RowNouns } from '../wording'
import { experienceProblems, hasPersona, isBlankStage, recalledObjectives, stageName, stagesOf } from './experience-map'
import { EXPERIENCE_LABELS as L, FIELD_LABELS, formatScore, STAGE_TEXTS } from './labels'
import type { ExperienceMapConfig, ExperienceMapValue, Stage } from './schema'

const STAGES: RowNouns = ['étape', 'étapes', 'attendues']
const w = L.diff

/** What changed in one stage, in words: « vécu client −1 → +1 », « « Irritants » modifié »… */
function stageChanges(a: Stage, b: Stage): string[] {
  const changes: string[] = []
  if (a.name.trim() !== b.name.trim()) changes.push(`nom ${a.name.trim() || '—'} → ${b.name.trim() || '—'}`)
  for (const key of ['customer', 'company'] as const) {
    if (a[key] !== b[key]) changes.push(w.score(FIELD_LABELS[key].toLowerCase(), formatScore(a[key]), formatScore(b[key])))
  }
  for (const key of STAGE_TEXTS) if (key !== 'name' && a[key].trim() !== b[key].trim()) changes.push(w.text(FIELD_LABELS[key]))
  return changes
}

const quoted = (s: Stage, i: number) => (s.name.trim() ? `“${s.name.trim()}”` : `${i + 1}`)

export const definition: KindDefinition<ExperienceMapConfig, ExperienceMapValue> = {
  label: L.kind,
  empty: () => ({ persona: { sourceId: null, name: '', summary: '' }, objectives: [], stages: [] }),
  isEmpty: (value) => !hasPersona(value) && recalledObjectives(value).length === 0 && stagesOf(value).length === 0,
  rules: {
    minRows: (hint, value, _config, { title }) => minRowsMessage(stagesOf(value).length, hint.min, title, STAGES),
    kindChecks: (_hint, value, config) => problemsOrNull(experienceProblems(value, config.gapAlert)),
  },
  items: (value) => value.stages.map((s, i) => ({ id: s.id, label: L.stage(i, s.name) })),
  diff(before, after) {
    const sentences: string[] = []
    if (before.persona.name.trim() !== after.persona.name.trim()) sentences.push(w.persona(before.persona.name.trim(), after.persona.name.trim()))
    else if (before.persona.summary.trim() !== after.persona.summary.trim()) sentences.push(w.personaSummary)
    sentences.push(
      ...withOrder(
        itemChanges(before.objectives, after.objectives, {
          isBlank: (o) => !o.label.trim(),
          added: (o) => w.objectiveAdded(o.label.trim()),
          changed: (was, now) => (was.label.trim() !== now.label.trim() ? [w.objectiveChanged(was.label.trim(), now.label.trim())] : []),
          removed: (o) => w.objectiveRemoved(o.label.trim()),
        }),
        w.objectivesReordered,
      ),
      ...withOrder(
        itemChanges(before.stages, after.stages, {
          isBlank: isBlankStage,
          added: (s, i) => w.added(stageName(s, i)),
          changed(was, now, i) {
            const changes = stageChanges(was, now)
            return changes.length ? [w.changed(quoted(was.name.trim() ? was : now, i), changes)] : []
          },
          removed: (s, i) => w.removed(quoted(s, i)),
        }),
        w.reordered,
      ),
    )
    return sentences
  },
  plainText: (value) =>
    [
      [value.persona.name, value.persona.summary]
        .map((s) => s.trim())
        .filter(Boolean)
        .join(' | '),
      ...recalledObjectives(value).map((o) => o.label.trim()),
      ...stagesOf(value).map((s) =>
        STAGE_TEXTS.map((k) => s[k].trim())
          .filter(Boolean)
          .join(' | '),
      ),
    ]
      .filter(Boolean)
      .join('\n'),
  locate(path, value) {
    const [part, index, key] = path
    if (part === 'persona') return key === undefined && typeof index === 'string' ? (index === 'name' ? L.personaName : L.personaSummary) : L.persona
    if (part === 'objectives') return typeof index === 'number' ? L.objectiveLabel(index) : L.objectives
    if (part !== 'stages') return null
    if (typeof index !== 'number') return L.map
    const stage = value.stages[index]
    const place = L.stage(index, stage?.name)
    return typeof key === 'string' && key in FIELD_LABELS ? `${place}, ${FIELD_LABELS[key as keyof typeof FIELD_LABELS]}` : place
  },
  excel: true,
}
