import type { FileChild } from 'docx'
import { labelled, para, table, uploadedImage } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { FIELD_LABELS as F, formatMinutes, formatPercent, ORAL_LABELS as L } from './labels'
import { speakersText, visualText } from './oral'
import { pace, speakerShares, totalMinutes } from './timing'

/** The plan as a table (time, speakers, message, visuals), the shares of speech, each part's notes and images, then the questions. */
export const docx: DocxWriter<'oralSupport'> = (field, value, { model }) => {
  const names = model.speakerNames ?? new Map<string, string>()
  const group = field.oral !== 'grand-oral'
  const blocks: FileChild[] = [labelled(L.oral[field.oral], field.minutes ? L.target(field.minutes) : '')]
  const headers = ['N°', F.title, F.minutes, ...(group ? [F.speakers] : []), F.message, F.visuals]
  blocks.push(
    table(
      headers,
      value.parts.map((p, i) => [
        String(i + 1),
        p.title.trim() || L.untitled,
        p.minutes === null ? '—' : formatMinutes(p.minutes),
        ...(group ? [speakersText(p.speakers, names) || '—'] : []),
        p.message.trim() || '—',
        p.visuals.map(visualText).join('\n') || '—',
      ]),
      [true, false, true],
    ),
  )
  const total = totalMinutes(value.parts)
  const p = pace(value.parts, field.minutes)
  blocks.push(labelled(L.total, formatMinutes(total) + (p ? ` (${L.target(p.target).toLowerCase()})` : '')))
  if (group && names.size) {
    const shares = speakerShares(value.parts, [...names.keys()])
    if (shares.length)
      blocks.push(
        labelled(L.shares, ''),
        table(
          [F.speakers, F.minutes, '%'],
          shares.map((s) => [names.get(s.id) ?? L.deletedMember, formatMinutes(s.minutes), formatPercent(s.percent)]),
          [false, true, true],
        ),
      )
  }
  value.parts.forEach((part, i) => {
    const notes = part.notes.trim()
    const images = part.visuals.filter((v) => v.kind === 'image')
    if (!notes && !images.length) return
    blocks.push(para(`${L.part(i)} — ${part.title.trim() || L.untitled}`, { bold: true }))
    if (notes) blocks.push(labelled(F.notes, ''), ...notes.split('\n').map((line) => para(line)))
    for (const v of images) if (v.kind === 'image') blocks.push(uploadedImage(v.src, v.alt, model), para(v.alt, { italics: true, color: '4A5162' }))
  })
  if (value.questions.length) {
    blocks.push(para(L.questions, { bold: true }))
    blocks.push(
      table(
        [F.question, F.answer, F.criteria],
        value.questions.map((q) => [q.question.trim() || '—', q.answer.trim() || '—', q.criteria.join(', ') || '—']),
      ),
    )
  }
  return blocks
}
