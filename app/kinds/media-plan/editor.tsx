import { ChoiceList } from '~/components/fields/choice-list'
import { DataGrid, type GridColumn } from '~/components/grid/data-grid'
import { newId } from '~/components/ids'
import { issueAt } from '../issues'
import type { EditorProps } from '../types.browser'
import { BudgetTable, MediaCalendar } from './calendar'
import { LIMITS, MEDIA_LABELS as L, money, MONTHS, shortDate } from './labels'
import { marronniersBetween } from './marronniers'
import { MARRONNIERS } from './marronniers-data'
import { budgets, emptyMedium, emptyPhase, emptyWave, mediaPlanProblems, mediumName, phaseName, planPeriod } from './media-plan'
import type { MediaPlanValue, Medium, Phase, Wave } from './schema'

type Key<R> = { [K in keyof R]: R[K] extends string ? K : never }[keyof R]

/** A text column of a grid. */
function textColumn<R>(key: Key<R> & string, label: string, maxLength: number): GridColumn<R> {
  return { id: key, label, type: 'text', maxLength, get: (r) => r[key] as string, set: (r, v) => ({ ...r, [key]: String(v ?? '') }) }
}
/** A date column of a grid. */
function dateColumn<R extends { start: string | null; end: string | null }>(key: 'start' | 'end', label: string): GridColumn<R> {
  return { id: key, label, type: 'date', get: (r) => r[key], set: (r, v) => ({ ...r, [key]: typeof v === 'string' && v ? v : null }) }
}
const options = (list: readonly string[]) => list.map((o) => ({ value: o, label: o }))

/** Media plan: the yearly calendar first, the budgets, then the media, their waves and the commercial phases in grids, and the marronniers to show. */
export default function MediaPlanEditor({ field, value, onChange, ctx }: EditorProps<'mediaPlan'>) {
  const { caption, issues, titleId: idPrefix } = ctx
  const set = (patch: Partial<MediaPlanValue>) => onChange({ ...value, ...patch })
  const period = planPeriod(value)
  const problems = mediaPlanProblems(value)
  const totals = new Map(budgets(value).byMedium.map((m) => [m.id, m]))
  const yearError = issueAt(issues, 'year')

  const mediaColumns: GridColumn<Medium>[] = [
    textColumn<Medium>('name', L.mediumName, LIMITS.name),
    {
      id: 'type',
      label: L.mediumType,
      type: 'choice',
      options: options(field.mediaTypes),
      get: (m) => m.type || null,
      set: (m, v) => ({ ...m, type: String(v ?? '') }),
    },
    { id: 'waves', label: L.wavesCount, type: 'computed', get: (m) => String(totals.get(m.id)?.waves ?? 0) },
    { id: 'budget', label: L.budget, type: 'computed', get: (m) => money(totals.get(m.id)?.budget ?? 0) },
  ]
  const mediumOptions = value.media.map((m, i) => ({ value: m.id, label: mediumName(m, i) }))
  const phaseOptions = value.phases.map((p, i) => ({ value: p.id, label: phaseName(p, i) }))
  const waveColumns: GridColumn<Wave>[] = [
    {
      id: 'mediumId',
      label: L.medium,
      type: 'choice',
      options: mediumOptions,
      get: (w) => w.mediumId,
      set: (w, v) => ({ ...w, mediumId: typeof v === 'string' && v ? v : null }),
    },
    textColumn<Wave>('name', L.waveName, LIMITS.name),
    {
      id: 'phaseId',
      label: L.phase,
      type: 'choice',
      options: phaseOptions,
      get: (w) => w.phaseId,
      set: (w, v) => ({ ...w, phaseId: typeof v === 'string' && v ? v : null }),
    },
    dateColumn<Wave>('start', L.start),
    dateColumn<Wave>('end', L.end),
    {
      id: 'budget',
      label: L.budget,
      type: 'number',
      unit: '€',
      min: 0,
      max: LIMITS.budget,
      get: (w) => w.budget,
      set: (w, v) => ({ ...w, budget: typeof v === 'number' ? v : null }),
    },
    {
      id: 'insertions',
      label: L.insertions,
      type: 'number',
      integer: true,
      min: 0,
      max: LIMITS.insertions,
      get: (w) => w.insertions,
      set: (w, v) => ({ ...w, insertions: typeof v === 'number' ? v : null }),
    },
    textColumn<Wave>('format', L.format, LIMITS.text),
    textColumn<Wave>('objective', L.objective, LIMITS.text),
  ]
  const phaseColumns: GridColumn<Phase>[] = [
    textColumn<Phase>('name', L.phaseName, LIMITS.name),
    {
      id: 'nature',
      label: L.nature,
      type: 'choice',
      options: options(field.phaseNatures),
      get: (p) => p.nature || null,
      set: (p, v) => ({ ...p, nature: String(v ?? '') }),
    },
    dateColumn<Phase>('start', L.start),
    dateColumn<Phase>('end', L.end),
    textColumn<Phase>('stake', L.stake, LIMITS.text),
  ]
  const dated = period ? new Map(marronniersBetween(period.first, period.last).map((m) => [m.id, m])) : new Map()
  const marronnierOptions = MARRONNIERS.map((m) => {
    const d = dated.get(m.id)
    return { id: m.id, label: d ? `${m.label} (${d.start === d.end ? shortDate(d.start) : `${shortDate(d.start)} – ${shortDate(d.end)}`})` : m.label }
  })
  const gridIssue = (list: 'media' | 'waves' | 'phases') => ({
    issue: (i: number, column: string) => issueAt(issues, list, i, column),
    rowIssue: (i: number) => issues.find((x) => x.path.length === 2 && x.path[0] === list && x.path[1] === i)?.message,
  })

  return (
    <div className="media-plan">
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${idPrefix}-annee`}>{L.yearInput}</label>
          <input
            id={`${idPrefix}-annee`}
            type="number"
            inputMode="numeric"
            min={2000}
            max={2100}
            value={value.year ?? ''}
            aria-invalid={yearError ? true : undefined}
            aria-describedby={yearError ? `${idPrefix}-annee-erreur` : undefined}
            onChange={(e) => {
              const n = Number(e.target.value)
              set({ year: e.target.value && Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : null })
            }}
          />
          {yearError ? (
            <span id={`${idPrefix}-annee-erreur`} className="field-error">
              {yearError}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-mois`}>{L.firstMonth}</label>
          <select id={`${idPrefix}-mois`} value={value.firstMonth} onChange={(e) => set({ firstMonth: Number(e.target.value) })}>
            {MONTHS.map((m, i) => (
              <option key={m} value={i + 1}>
                {m}
              </option>
            ))}
          </select>
        </div>
      </div>
      <MediaCalendar value={value} caption={L.calendarCaption(caption)} />
      {problems.length ? (
        <ul className="plan-problems" aria-label={L.problems}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <BudgetTable value={value} caption={caption} />

      <h2 className="media-plan__title">{L.waves}</h2>
      <DataGrid
        key={`vagues-${ctx.resetKey}`}
        caption={`${L.waves} : ${caption}`}
        rows={value.waves}
        columns={waveColumns}
        rowId={(w) => w.id}
        onChange={(waves) => set({ waves })}
        newRow={() => emptyWave(newId('vague'), value.media.length === 1 ? value.media[0]!.id : null)}
        addLabel={L.addWave}
        emptyText={L.noWaves}
        noun={{ name: L.wave, e: 'e' }}
        maxRows={LIMITS.waves}
        {...gridIssue('waves')}
      />

      <h2 className="media-plan__title">{L.media}</h2>
      <DataGrid
        key={`medias-${ctx.resetKey}`}
        caption={`${L.media} : ${caption}`}
        rows={value.media}
        columns={mediaColumns}
        rowId={(m) => m.id}
        onChange={(media) => {
          // The waves of a removed medium keep their dates and budget, without a medium.
          const ids = new Set(media.map((m) => m.id))
          set({ media, waves: value.waves.map((w) => (w.mediumId && !ids.has(w.mediumId) ? { ...w, mediumId: null } : w)) })
        }}
        newRow={() => emptyMedium(newId('media'))}
        addLabel={L.addMedium}
        emptyText={L.noMedia}
        noun={{ name: L.medium, e: '' }}
        maxRows={LIMITS.media}
        {...gridIssue('media')}
      />

      <h2 className="media-plan__title">{L.phases}</h2>
      <DataGrid
        key={`phases-${ctx.resetKey}`}
        caption={`${L.phases} : ${caption}`}
        rows={value.phases}
        columns={phaseColumns}
        rowId={(p) => p.id}
        onChange={(phases) => {
          const ids = new Set(phases.map((p) => p.id))
          set({ phases, waves: value.waves.map((w) => (w.phaseId && !ids.has(w.phaseId) ? { ...w, phaseId: null } : w)) })
        }}
        newRow={() => emptyPhase(newId('phase'))}
        addLabel={L.addPhase}
        emptyText={L.noPhases}
        noun={{ name: 'Phase', e: 'e' }}
        maxRows={LIMITS.phases}
        {...gridIssue('phases')}
      />

      <ChoiceList
        legend={L.marronniers}
        options={marronnierOptions}
        selected={value.marronniers}
        onChange={(ids) => set({ marronniers: MARRONNIERS.map((m) => m.id).filter((id) => ids.includes(id)) })}
      >
        <p className="field__hint">{L.marronniersHelp}</p>
      </ChoiceList>
    </div>
  )
}
