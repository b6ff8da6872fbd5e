import { formatMoney, formatShortDate } from '~/domain/format'
import type { KindDefinition } from '../types'
import { minRowsMessage, problemsOrNull } from '../wording'
import { DIFF_LABELS as D, MEDIA_LABELS as L, place, quoted, WAVE_NOUNS } from './labels'
import { MARRONNIERS } from './marronniers-data'
import { EMPTY_MEDIA_PLAN, mediaPlanProblems, mediumName, phaseName, waveFilled, waveName } from './media-plan'
import type { MediaPlanConfig, MediaPlanValue, Medium, Phase, Wave } from './schema'

const marronnierLabel = (id: string) => MARRONNIERS.find((m) => m.id === id)?.label ?? id
const quote = (t: string) => {
  const s = t.trim().replace(/\s+/g, ' ')
  return !s ? D.empty : s.length > 120 ? `${s.slice(0, 119)}…` : s
}
const day = (iso: string | null) => (iso ? formatShortDate(iso) : D.empty)
const euros = (n: number | null) => (n === null ? D.empty : formatMoney(n))
const lower = (label: string) => label[0]!.toLowerCase() + label.slice(1)

/** Added, removed and changed rows of one list, as sentences. */
function listDiff<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  what: string,
  name: (row: T, index: number) => string,
  filled: (row: T) => boolean,
  changes: (was: T, now: T) => string[],
): string[] {
  const out: string[] = []
  const old = new Map(before.map((r, i) => [r.id, { r, i }]))
  const now = new Set(after.map((r) => r.id))
  after.forEach((r, i) => {
    const was = old.get(r.id)
    if (!was) {
      if (filled(r)) out.push(D.added(what, quoted(name(r, i))))
      return
    }
    const parts = changes(was.r, r)
    if (parts.length) out.push(D.changed(what, quoted(name(was.r, was.i)), parts))
  })
  before.forEach((r, i) => {
    if (!now.has(r.id) && filled(r)) out.push(D.removed(what, quoted(name(r, i))))
  })
  return out
}

function fieldChanges<T>(was: T, now: T, fields: { key: keyof T; label: string; show: (v: T[keyof T]) => string }[]): string[] {
  return fields.filter(({ key }) => was[key] !== now[key]).map(({ key, label, show }) => `${lower(label)} : ${show(was[key])} → ${show(now[key])}`)
}
const str = (v: unknown) => quote(String(v ?? ''))

export const definition: KindDefinition<MediaPlanConfig, MediaPlanValue> = {
  label: L.kind,
  empty: () => EMPTY_MEDIA_PLAN,
  isEmpty: (value) => !value.media.some((m) => m.name.trim()) && !value.waves.some(waveFilled) && !value.phases.some((p) => p.name.trim()),
  rules: {
    minRows: (hint, value, _config, { title }) => minRowsMessage(value.waves.filter(waveFilled).length, hint.min, title, WAVE_NOUNS),
    kindChecks: (_hint, value) => problemsOrNull(mediaPlanProblems(value)),
  },
  items: (value) => [
    ...value.media.map((m, i) => ({ id: m.id, label: `${L.medium} ${i + 1} — ${mediumName(m, i)}` })),
    ...value.waves.map((w, i) => ({ id: w.id, label: `${waveNameWithMedium(value, w, i)}` })),
    ...value.phases.map((p, i) => ({ id: p.id, label: `${L.phaseName} ${i + 1} — ${phaseName(p, i)}` })),
  ],
  diff(before, after) {
    const changes: string[] = []
    if (before.year !== after.year || before.firstMonth !== after.firstMonth) {
      const show = (v: MediaPlanValue) =>
        v.year === null ? D.empty : v.firstMonth === 1 ? String(v.year) : `${String(v.firstMonth).padStart(2, '0')}/${v.year}`
      changes.push(D.year(show(before), show(after)))
    }
    const mediumRef = (id: string | null) => {
      const list = [...after.media, ...before.media]
      const i = after.media.findIndex((m) => m.id === id)
      const m = list.find((x) => x.id === id)
      return m ? mediumName(m, i < 0 ? before.media.indexOf(m) : i) : D.empty
    }
    const phaseRef = (id: string | null) => {
      const p = [...after.phases, ...before.phases].find((x) => x.id === id)
      return p ? p.name.trim() || D.empty : D.empty
    }
    changes.push(
      ...listDiff<Medium>(
        before.media,
        after.media,
        L.medium,
        mediumName,
        (m) => Boolean(m.name.trim() || m.type),
        (was, now) =>
          fieldChanges(was, now, [
            { key: 'name', label: L.mediumName, show: str },
            { key: 'type', label: L.mediumType, show: str },
          ]),
      ),
      ...listDiff<Wave>(before.waves, after.waves, L.wave, waveName, waveFilled, (was, now) =>
        fieldChanges(was, now, [
          { key: 'name', label: L.waveName, show: str },
          { key: 'mediumId', label: L.medium, show: (v) => mediumRef(v as string | null) },
          { key: 'phaseId', label: L.phase, show: (v) => phaseRef(v as string | null) },
          { key: 'start', label: L.start, show: (v) => day(v as string | null) },
          { key: 'end', label: L.end, show: (v) => day(v as string | null) },
          { key: 'budget', label: L.budgetWord, show: (v) => euros(v as number | null) },
          { key: 'insertions', label: L.insertions, show: (v) => (v === null ? D.empty : String(v)) },
          { key: 'format', label: L.format, show: str },
          { key: 'objective', label: L.objective, show: str },
        ]),
      ),
      ...listDiff<Phase>(
        before.phases,
        after.phases,
        L.phaseName,
        phaseName,
        (p) => Boolean(p.name.trim() || p.start || p.end),
        (was, now) =>
          fieldChanges(was, now, [
            { key: 'name', label: L.phaseName, show: str },
            { key: 'nature', label: L.nature, show: str },
            { key: 'start', label: L.start, show: (v) => day(v as string | null) },
            { key: 'end', label: L.end, show: (v) => day(v as string | null) },
            { key: 'stake', label: L.stake, show: str },
          ]),
      ),
    )
    const shown = after.marronniers.filter((id) => !before.marronniers.includes(id)).map(marronnierLabel)
    const hidden = before.marronniers.filter((id) => !after.marronniers.includes(id)).map(marronnierLabel)
    if (shown.length) changes.push(D.marronniersShown(shown))
    if (hidden.length) changes.push(D.marronniersHidden(hidden))
    return changes
  },
  plainText: (value) =>
    [
      ...value.media.map((m) =>
        [m.name, m.type]
          .map((t) => t.trim())
          .filter(Boolean)
          .join(' | '),
      ),
      ...value.waves.map((w) =>
        [w.name, w.format, w.objective]
          .map((t) => t.trim())
          .filter(Boolean)
          .join(' | '),
      ),
      ...value.phases.map((p) =>
        [p.name, p.nature, p.stake]
          .map((t) => t.trim())
          .filter(Boolean)
          .join(' | '),
      ),
    ]
      .filter(Boolean)
      .join('\n'),
  locate(path) {
    const [top, index, key] = path
    if (top === 'year' || top === 'firstMonth') return L.year
    if (top === 'marronniers') return L.marronniers
    const lists = {
      media: { noun: 'média', whole: L.media, labels: { name: L.mediumName, type: L.mediumType } },
      waves: {
        noun: 'vague',
        whole: L.waves,
        labels: {
          name: L.waveName,
          mediumId: L.medium,
          phaseId: L.phase,
          start: L.start,
          end: L.end,
          budget: L.budget,
          insertions: L.insertions,
          format: L.format,
          objective: L.objective,
        },
      },
      phases: { noun: 'phase', whole: L.phases, labels: { name: L.phaseName, nature: L.nature, start: L.start, end: L.end, stake: L.stake } },
    } as const
    if (top !== 'media' && top !== 'waves' && top !== 'phases') return null
    const list = lists[top]
    if (typeof index !== 'number') return list.whole
    const labels: Record<string, string> = list.labels
    return place(list.noun, index, typeof key === 'string' ? labels[key] : undefined)
  },
  excel: true,
}

/** « Vague 2 — Lancement (Instagram) ». */
function waveNameWithMedium(value: MediaPlanValue, w: Wave, i: number): string {
  const m = value.media.findIndex((x) => x.id === w.mediumId)
  const name = w.name.trim()
  const medium = m >= 0 ? ` (${mediumName(value.media[m]!, m)})` : ''
  return `${L.wave} ${i + 1}${name ? ` — ${name}` : ''}${medium}`
}
