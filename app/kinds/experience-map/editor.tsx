import { DataGrid, type GridColumn } from '~/components/grid/data-grid'
import { newId } from '~/components/ids'
import { issueAt } from '../issues'
import type { EditorProps } from '../types.browser'
import { emptyStage, stageGap, isLargeGap } from './experience-map'
import { CurveFigure, StageMap } from './figure'
import { EXPERIENCE_LABELS as L, FIELD_LABELS, formatScore, LIMITS, SCORE_MAX, SCORE_MIN, type StageText } from './labels'
import type { ExperienceMapValue, Stage } from './schema'

const text = (id: StageText, long = true): GridColumn<Stage> => ({
  id,
  label: FIELD_LABELS[id],
  type: long ? 'long' : 'text',
  maxLength: id === 'name' ? LIMITS.name : id === 'touchpoints' ? LIMITS.touchpoints : LIMITS.text,
  get: (s) => s[id],
  set: (s, v) => ({ ...s, [id]: String(v ?? '') }),
})

const score = (id: 'customer' | 'company'): GridColumn<Stage> => ({
  id,
  label: FIELD_LABELS[id],
  header: (
    <>
      {FIELD_LABELS[id]} <span className="data-grid__unit">({L.scoreHelp})</span>
    </>
  ),
  type: 'number',
  integer: true,
  min: SCORE_MIN,
  max: SCORE_MAX,
  get: (s) => s[id],
  set: (s, v) => ({ ...s, [id]: typeof v === 'number' ? v : null }),
  show: (s) => formatScore(s[id]),
})

/** Experience map: the persona and objectives recalled, the two curves, the map, then the stages in a grid. */
export default function ExperienceMapEditor({ field, value, onChange, ctx }: EditorProps<'experienceMap'>) {
  const { caption, issues, objectives: linkable } = ctx
  const personas = ctx.personas ?? []
  const alert = field.gapAlert
  const set = (patch: Partial<ExperienceMapValue>) => onChange({ ...value, ...patch })
  const columns: GridColumn<Stage>[] = [
    text('name', false),
    text('touchpoints'),
    text('doing'),
    text('thinking'),
    text('feeling'),
    score('customer'),
    score('company'),
    {
      id: 'gap',
      label: FIELD_LABELS.gap,
      type: 'computed',
      get: (s) => formatScore(stageGap(s)),
      show: (s) => {
        const gap = stageGap(s)
        return isLargeGap(gap, alert) ? (
          <span className="xmap-gap--large">
            {formatScore(gap)} · {s.gapNote.trim() ? L.gapExplained : L.gapFlag}
          </span>
        ) : (
          formatScore(gap)
        )
      },
    },
    text('gapNote'),
    text('painPoints'),
    text('opportunities'),
  ]
  const picked = new Set(value.objectives.map((o) => o.sourceId).filter(Boolean))
  const available = linkable.filter((o) => !picked.has(o.id))
  const full = value.objectives.length >= LIMITS.objectives
  const id = `xmap-${ctx.titleId}`
  return (
    <div className="xmap xmap-editor">
      <fieldset className="xmap-recall xmap-recall--edit">
        <legend>{L.recall}</legend>
        <div className="xmap-recall__persona">
          <div className="field">
            <label htmlFor={`${id}-persona-pick`}>{L.personaPick}</label>
            {personas.length ? (
              <select
                id={`${id}-persona-pick`}
                value={value.persona.sourceId ?? ''}
                onChange={(e) => {
                  const p = personas.find((x) => x.id === e.target.value)
                  set({
                    persona: p
                      ? { sourceId: p.id, name: p.name.slice(0, LIMITS.persona), summary: p.summary.slice(0, LIMITS.summary) }
                      : { ...value.persona, sourceId: null },
                  })
                }}
              >
                <option value="">{L.choose}</option>
                {personas.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.where})
                  </option>
                ))}
              </select>
            ) : (
              <p className="field__hint" id={`${id}-persona-pick`}>
                {L.personaNone}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-persona-name`}>{L.personaName}</label>
            <input
              id={`${id}-persona-name`}
              type="text"
              maxLength={LIMITS.persona}
              placeholder={L.personaPlaceholder}
              value={value.persona.name}
              onChange={(e) => set({ persona: { ...value.persona, name: e.target.value } })}
              {...(issueAt(issues, 'persona', 'name') ? { 'aria-invalid': true } : {})}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-persona-summary`}>{L.personaSummary}</label>
            <textarea
              id={`${id}-persona-summary`}
              rows={3}
              maxLength={LIMITS.summary}
              value={value.persona.summary}
              onChange={(e) => set({ persona: { ...value.persona, summary: e.target.value } })}
            />
          </div>
        </div>
        <div className="xmap-recall__objectives">
          <p className="xmap-recall__label">{L.objectives}</p>
          {value.objectives.length ? (
            <ol className="xmap-objectives">
              {value.objectives.map((o, i) => (
                <li key={o.id}>
                  <label className="visually-hidden" htmlFor={`${id}-obj-${o.id}`}>
                    {L.objectiveLabel(i)}
                  </label>
                  <input
                    id={`${id}-obj-${o.id}`}
                    type="text"
                    maxLength={LIMITS.objective}
                    value={o.label}
                    onChange={(e) => set({ objectives: value.objectives.map((x) => (x.id === o.id ? { ...x, label: e.target.value } : x)) })}
                  />
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => set({ objectives: value.objectives.filter((x) => x.id !== o.id) })}
                  >
                    <span aria-hidden="true">×</span>
                    <span className="visually-hidden">{L.removeObjective(i)}</span>
                  </button>
                </li>
              ))}
            </ol>
          ) : null}
          {linkable.length ? (
            <div className="field">
              <label htmlFor={`${id}-obj-pick`}>{L.objectivePick}</label>
              <select
                id={`${id}-obj-pick`}
                value=""
                disabled={full || available.length === 0}
                onChange={(e) => {
                  const o = linkable.find((x) => x.id === e.target.value)
                  if (o) set({ objectives: [...value.objectives, { id: newId('obj'), sourceId: o.id, label: o.label.slice(0, LIMITS.objective) }] })
                }}
              >
                <option value="">{L.choose}</option>
                {available.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label} ({o.where})
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="field__hint">{L.objectiveNone}</p>
          )}
          <button
            type="button"
            className="button button--ghost button--small"
            disabled={full}
            onClick={() => set({ objectives: [...value.objectives, { id: newId('obj'), sourceId: null, label: '' }] })}
          >
            {L.addObjective}
          </button>
        </div>
      </fieldset>

      <CurveFigure value={value} alert={alert} caption={caption} folded />
      <StageMap value={value} alert={alert} />

      {/* A value replaced from outside (conflict, restore) drops what the grid holds: texts refused, an undo. */}
      <DataGrid
        key={ctx.resetKey}
        caption={L.grid(caption)}
        rows={value.stages}
        columns={columns}
        rowId={(s) => s.id}
        onChange={(stages) => set({ stages })}
        newRow={() => emptyStage(newId('etape'))}
        addLabel={L.add}
        emptyText={L.noStages}
        noun={{ name: 'Étape', e: 'e' }}
        maxRows={LIMITS.stages}
        issue={(i, column) => issueAt(issues, 'stages', i, column)}
      />
    </div>
  )
}
