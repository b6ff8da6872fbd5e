import { DataGrid, type GridColumn } from '~/components/grid/data-grid'
import { newId } from '~/components/ids'
import { formatNumber } from '~/domain/format'
import { issueAt } from '../issues'
import type { EditorProps, LinkableObjective } from '../types.browser'
import { computeFunnel } from './funnel'
import { FUNNEL_LABELS, FUNNEL_LIMITS, formatGap, formatPercent, formatVolume } from './labels'
import { FunnelPicture } from './picture'
import type { FunnelStage, LeadFunnelValue } from './schema'
import { VolumeInput } from './volume-input'

const f = FUNNEL_LABELS.fields

/** An objective's target as a whole volume (a target of 47,5 asks for 48), or null. */
const wholeTarget = (o: LinkableObjective | undefined) =>
  o && typeof o.target === 'number' && Number.isFinite(o.target) && o.target >= 0 ? Math.ceil(o.target) : null

/**
 * Lead funnel: the picture (chart and verdict) first, then the target (a
 * SMART objective of the learner's or a volume typed) and the volume planned
 * at the top, then the stages in a grid with what each needs and yields.
 */
export default function LeadFunnelEditor({ value, onChange, ctx }: EditorProps<'leadFunnel'>) {
  const { caption, objectives, issues } = ctx
  const stages = value.stages
  const result = computeFunnel(value)
  const row = (s: FunnelStage) => result.rows[stages.findIndex((x) => x.id === s.id)]
  const set = (patch: Partial<LeadFunnelValue>) => onChange({ ...value, ...patch })
  const linked = objectives.find((o) => o.id === value.objectiveId)
  const linkedTarget = wholeTarget(linked)
  const base = `entonnoir-${stages[0]?.id ?? 'vide'}`

  const columns: GridColumn<FunnelStage>[] = [
    {
      id: 'name',
      label: f.name,
      type: 'text',
      maxLength: FUNNEL_LIMITS.name,
      get: (s) => s.name,
      set: (s, v) => ({ ...s, name: String(v ?? '') }),
    },
    {
      id: 'rate',
      label: f.rate,
      type: 'number',
      unit: '%',
      min: 0,
      max: FUNNEL_LIMITS.rate,
      get: (s) => (stages[0]?.id === s.id ? null : s.rate),
      // The first stage is where the funnel starts: no rate leads to it.
      set: (s, v) => (stages[0]?.id === s.id ? s : { ...s, rate: typeof v === 'number' ? v : null }),
      show: (s) => (stages[0]?.id === s.id ? <span className="card__muted">{FUNNEL_LABELS.firstRate}</span> : formatPercent(s.rate)),
    },
    {
      id: 'source',
      label: f.source,
      type: 'text',
      maxLength: FUNNEL_LIMITS.source,
      placeholder: FUNNEL_LABELS.sourcePlaceholder,
      get: (s) => s.source,
      set: (s, v) => ({ ...s, source: String(v ?? '') }),
    },
    { id: 'needed', label: f.needed, type: 'computed', get: (s) => formatVolume(row(s)?.needed ?? null) },
    { id: 'expected', label: f.expected, type: 'computed', get: (s) => formatVolume(row(s)?.expected ?? null) },
    {
      id: 'gap',
      label: f.gap,
      type: 'computed',
      get: (s) => formatGap(row(s)?.gap ?? null),
      show: (s) => {
        const gap = row(s)?.gap ?? null
        return <span className={gap !== null && gap < 0 ? 'funnel-gap--short' : undefined}>{formatGap(gap)}</span>
      },
    },
  ]

  const top = stages[0]?.name.trim() || FUNNEL_LABELS.stage(0)
  return (
    <div className="smart-editor funnel-editor">
      <FunnelPicture value={value} caption={caption} />

      <fieldset className="funnel-settings">
        <legend>{FUNNEL_LABELS.settings}</legend>
        <div className="funnel-settings__grid">
          <div className="field">
            <label htmlFor={`${base}-objectif`}>{f.objectiveId}</label>
            <select
              id={`${base}-objectif`}
              value={value.objectiveId ?? ''}
              aria-describedby={`${base}-objectif-aide`}
              onChange={(e) => {
                const picked = objectives.find((o) => o.id === e.target.value)
                const target = wholeTarget(picked)
                set({ objectiveId: picked ? picked.id : null, ...(target !== null ? { target } : {}) })
              }}
            >
              <option value="">{FUNNEL_LABELS.noObjective}</option>
              {objectives.map((o) => (
                <option key={o.id} value={o.id}>
                  {`${o.label} (${o.where})`}
                </option>
              ))}
              {value.objectiveId && !linked ? <option value={value.objectiveId}>{FUNNEL_LABELS.deletedObjective}</option> : null}
            </select>
            <span id={`${base}-objectif-aide`} className="field__hint">
              {linked && typeof linked.target === 'number'
                ? FUNNEL_LABELS.objectiveTarget(formatNumber(linked.target), linked.unit ?? '')
                : FUNNEL_LABELS.objectiveHelp}
            </span>
            {linkedTarget !== null && linkedTarget !== value.target ? (
              <button type="button" className="button button--small" onClick={() => set({ target: linkedTarget })}>
                {FUNNEL_LABELS.useObjectiveTarget}
              </button>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${base}-cible`}>{f.target}</label>
            <VolumeInput
              id={`${base}-cible`}
              value={value.target}
              onChange={(target) => set({ target })}
              invalid={issueAt(issues, 'target')}
              errorId={`${base}-cible-erreur`}
              describedBy={`${base}-cible-aide`}
            />
            <span id={`${base}-cible-aide`} className="field__hint">
              {FUNNEL_LABELS.targetHelp}
            </span>
          </div>
          <div className="field">
            <label htmlFor={`${base}-etape-cible`}>{f.targetStageId}</label>
            <select id={`${base}-etape-cible`} value={value.targetStageId ?? ''} onChange={(e) => set({ targetStageId: e.target.value || null })}>
              <option value="">{FUNNEL_LABELS.lastStage(stages[stages.length - 1]?.name ?? '')}</option>
              {stages.slice(0, -1).map((s, i) => (
                <option key={s.id} value={s.id}>
                  {FUNNEL_LABELS.stage(i, s.name)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${base}-prevu`}>{f.planned}</label>
            <VolumeInput
              id={`${base}-prevu`}
              value={value.planned}
              onChange={(planned) => set({ planned })}
              invalid={issueAt(issues, 'planned')}
              errorId={`${base}-prevu-erreur`}
              describedBy={`${base}-prevu-aide`}
            />
            <span id={`${base}-prevu-aide`} className="field__hint">
              {FUNNEL_LABELS.plannedHelp(top)}
            </span>
          </div>
        </div>
      </fieldset>

      <p className="field__hint">{FUNNEL_LABELS.rateHelp}</p>
      <DataGrid
        key={ctx.resetKey}
        caption={FUNNEL_LABELS.table(caption)}
        rows={stages}
        columns={columns}
        rowId={(s) => s.id}
        onChange={(next) => {
          // A target stage deleted: the target counts the last stage again.
          const targetStageId = value.targetStageId && next.some((s) => s.id === value.targetStageId) ? value.targetStageId : null
          // The first stage's rate is kept (a stage moved back down finds it) but counts for nothing.
          onChange({ ...value, stages: next, targetStageId })
        }}
        newRow={() => ({ id: newId('etape'), name: '', rate: null, source: '' })}
        addLabel={FUNNEL_LABELS.add}
        emptyText={FUNNEL_LABELS.noStages}
        noun={{ name: 'Étape', e: 'e' }}
        maxRows={FUNNEL_LIMITS.stages}
        issue={(i, column) => issueAt(issues, 'stages', i, column)}
      />
    </div>
  )
}
