import { chartParagraphs, labelled, para, table } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { calendarImage } from './calendar.server'
import { MEDIA_LABELS as L, money, shortDate } from './labels'
import { budgets, mediaPlanProblems, mediumName, periodLabel, phaseName, planPeriod, shownMarronniers, waveName } from './media-plan'

/** The plan's year, the calendar as an image (its text alternative under it), then its tables: waves, budgets, phases, marronniers. */
export const docx: DocxWriter<'mediaPlan'> = (_field, value) => {
  const period = planPeriod(value)
  const image = calendarImage(value)
  const b = budgets(value)
  const mediumOf = new Map(value.media.map((m, i) => [m.id, mediumName(m, i)]))
  const phaseOf = new Map(value.phases.map((p, i) => [p.id, phaseName(p, i)]))
  const marronniers = period ? shownMarronniers(value, period) : []
  const subtitle = (t: string) => para(t, { bold: true })
  return [
    labelled(L.year, periodLabel(value)),
    ...(image ? chartParagraphs([image]) : [para(L.noCalendar, { italics: true })]),
    subtitle(L.waves),
    table(
      [L.wave, L.medium, L.phase, L.start, L.end, L.budget, L.insertions, L.format, L.objective],
      value.waves.map((w, i) => [
        waveName(w, i),
        (w.mediumId && mediumOf.get(w.mediumId)) || '—',
        (w.phaseId && phaseOf.get(w.phaseId)) || '—',
        shortDate(w.start),
        shortDate(w.end),
        money(w.budget),
        w.insertions === null ? '—' : String(w.insertions),
        w.format.trim() || '—',
        w.objective.trim() || '—',
      ]),
      [false, false, false, false, false, true, true, false, false],
    ),
    subtitle(L.totals),
    table(
      [L.medium, L.mediumType, L.wavesCount, L.budget],
      [
        ...b.byMedium.map((m) => [m.name, m.type || '—', String(m.waves), money(m.budget)]),
        ...(b.unassigned ? [[L.noMedium, '—', '—', money(b.unassigned)]] : []),
        [L.total, '', String(value.waves.length), money(b.total)],
      ],
      [false, false, true, true],
    ),
    subtitle(L.phases),
    table(
      [L.phaseName, L.nature, L.start, L.end, L.stake, L.budget],
      value.phases.map((p, i) => [
        phaseName(p, i),
        p.nature || '—',
        shortDate(p.start),
        shortDate(p.end),
        p.stake.trim() || '—',
        money(b.byPhase.find((x) => x.id === p.id)?.budget ?? 0),
      ]),
      [false, false, false, false, false, true],
    ),
    ...(marronniers.length
      ? [
          subtitle(L.marronniers),
          table(
            [L.marronnier, L.dates],
            marronniers.map((m) => [m.label, m.start === m.end ? shortDate(m.start) : `${shortDate(m.start)} – ${shortDate(m.end)}`]),
          ),
        ]
      : []),
    ...mediaPlanProblems(value).map((p) => para(p, { italics: true, color: 'A11A1A' })),
  ]
}
