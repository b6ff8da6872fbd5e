import { useId } from 'react'
import { DataGrid, type GridColumn } from '~/components/grid/data-grid'
import { newId } from '~/components/ids'
import { STATUS_LABELS, type Status } from '~/domain/self-assessment'
import { issueAt } from '../issues'
import type { EditorProps, OralMember, SectionCriterion } from '../types.browser'
import { FIELD_LABELS as F, formatMinutes, ORAL_LABELS as L, PROBLEMS } from './labels'
import { emptyPart, emptyQuestion, isSelfAssessmentPart, speakersText } from './oral'
import type { OralPart, OralQuestion } from './schema'
import { Shares } from './shares'
import { LIMITS, pace, silentMembers, totalMinutes } from './timing'
import { VisualsPanel } from './visuals'

const statusWord = (s: string | undefined) => (s && s in STATUS_LABELS ? STATUS_LABELS[s as Status].toLowerCase() : STATUS_LABELS.todo.toLowerCase())

/** The self-assessment part of a grand oral, pre-filled from the learner's self-assessment of the section's criteria. */
function selfAssessmentPart(criteria: readonly SectionCriterion[]): OralPart {
  const achieved = criteria.filter((k) => k.status === 'achieved').length
  return {
    ...emptyPart(newId('part')),
    title: L.selfAssessmentTitle,
    message: criteria.length
      ? `${achieved} critère${achieved > 1 ? 's' : ''} sur ${criteria.length} atteint${achieved > 1 ? 's' : ''} selon mon auto-évaluation.`
      : '',
    notes: criteria.map((k) => `${k.id} — ${k.text}\u00a0: ${statusWord(k.status)}`).join('\n'),
  }
}

/** A list of checkboxes in a side panel (the speakers of a part, the criteria of a question). */
function Checks({
  legend,
  options,
  chosen,
  onChange,
}: {
  legend: string
  options: { id: string; label: string }[]
  chosen: readonly string[]
  onChange: (ids: string[]) => void
}) {
  const id = useId()
  return (
    <fieldset className="oral-checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <div className="checkbox" key={o.id}>
          <input
            type="checkbox"
            id={`${id}-${o.id}`}
            checked={chosen.includes(o.id)}
            onChange={(e) =>
              onChange(e.target.checked ? options.map((x) => x.id).filter((x) => x === o.id || chosen.includes(x)) : chosen.filter((x) => x !== o.id))
            }
          />
          <label htmlFor={`${id}-${o.id}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  )
}

/**
 * An oral's support: the total against the épreuve's time, the shares of
 * speech side by side (group orals), the parts in a grid (notes, speakers and
 * visuals in the side panel), then the jury's anticipated questions.
 */
export default function OralSupportEditor({ field, value, onChange, ctx }: EditorProps<'oralSupport'>) {
  const id = useId()
  const { caption, issues, uploadUrl, imageBase } = ctx
  const members: OralMember[] = ctx.members ?? []
  const criteria = ctx.criteria ?? []
  const group = field.oral !== 'grand-oral'
  const names = new Map(members.map((m) => [m.id, m.name]))
  const parts = value.parts
  const total = totalMinutes(parts)
  const p = pace(parts, field.minutes)
  const silent = group
    ? silentMembers(
        parts,
        members.map((m) => m.id),
      ).map((m) => names.get(m)!)
    : []
  const setParts = (next: OralPart[]) => onChange({ ...value, parts: next })

  const columns: GridColumn<OralPart>[] = [
    { id: 'title', label: F.title, type: 'text', maxLength: LIMITS.title, get: (r) => r.title, set: (r, v) => ({ ...r, title: String(v ?? '') }) },
    {
      id: 'minutes',
      label: F.minutes,
      type: 'number',
      min: 0,
      max: 600,
      get: (r) => r.minutes,
      set: (r, v) => ({ ...r, minutes: typeof v === 'number' ? v : null }),
    },
    ...(group
      ? [
          {
            id: 'speakers',
            label: F.speakers,
            type: 'panel',
            get: (r) => speakersText(r.speakers, names),
            panel: (r, update) =>
              members.length ? (
                <Checks
                  legend={L.speakersLegend}
                  options={members.map((m) => ({ id: m.id, label: m.name }))}
                  chosen={r.speakers}
                  onChange={(speakers) => update({ ...r, speakers })}
                />
              ) : (
                <p className="card__muted">{L.noSpeaker}</p>
              ),
          } satisfies GridColumn<OralPart>,
        ]
      : []),
    { id: 'message', label: F.message, type: 'text', maxLength: LIMITS.message, get: (r) => r.message, set: (r, v) => ({ ...r, message: String(v ?? '') }) },
    {
      id: 'visuals',
      label: F.visuals,
      type: 'panel',
      get: (r) => r.visuals.map((v) => (v.kind === 'image' ? v.alt : v.label)).join(' · '),
      panel: (r, update) => <VisualsPanel part={r} update={update} uploadUrl={uploadUrl} pictures={ctx.pictures ?? []} imageBase={imageBase} />,
    },
    { id: 'notes', label: F.notes, type: 'long', maxLength: LIMITS.notes, get: (r) => r.notes, set: (r, v) => ({ ...r, notes: String(v ?? '') }) },
  ]

  const questionColumns: GridColumn<OralQuestion>[] = [
    {
      id: 'question',
      label: F.question,
      type: 'text',
      maxLength: LIMITS.question,
      get: (r) => r.question,
      set: (r, v) => ({ ...r, question: String(v ?? '') }),
    },
    { id: 'answer', label: F.answer, type: 'long', maxLength: LIMITS.answer, get: (r) => r.answer, set: (r, v) => ({ ...r, answer: String(v ?? '') }) },
    {
      id: 'criteria',
      label: F.criteria,
      type: 'panel',
      get: (r) => r.criteria.join(', '),
      panel: (r, update) => (
        <Checks
          legend={F.criteria}
          options={criteria.map((k) => ({ id: k.id, label: `${k.id} — ${k.text}` }))}
          chosen={r.criteria}
          onChange={(c) => update({ ...r, criteria: c })}
        />
      ),
    },
  ]

  const missingSelf = field.oral === 'grand-oral' && !parts.some(isSelfAssessmentPart)
  const candidatesWithoutPart = field.oral === 'per-candidate' ? members.filter((m) => !parts.some((x) => x.speakers.includes(m.id))) : []
  return (
    <div className="oral-editor">
      <p className="oral-total">
        <strong>{L.total}&nbsp;:</strong> {formatMinutes(total)}
        {p ? <span className={`oral-total__target oral-total__target--${p.status}`}> ({L.target(p.target).toLowerCase()})</span> : null}
      </p>
      {p && p.status !== 'onTime' ? (
        <p className="oral-warning">
          {p.status === 'over' ? PROBLEMS.over(p.total, p.target, p.difference) : PROBLEMS.under(p.total, p.target, -p.difference)}
        </p>
      ) : null}
      {silent.length ? <p className="oral-warning">{PROBLEMS.silent(silent)}</p> : null}
      {group && members.length ? <Shares parts={parts} members={members} headingId={`${id}-shares`} level={2} /> : null}
      <h2 className="oral-editor__title">{L.parts}</h2>
      <DataGrid
        key={ctx.resetKey}
        caption={`${L.parts} : ${caption}`}
        rows={parts}
        columns={columns}
        rowId={(r) => r.id}
        onChange={setParts}
        newRow={() => emptyPart(newId('part'))}
        addLabel={L.addPart}
        emptyText={L.noParts}
        noun={{ name: 'Partie', e: 'e' }}
        maxRows={LIMITS.parts}
        issue={(i, column) => issueAt(issues, 'parts', i, column)}
        tools={
          <>
            {missingSelf ? (
              <button type="button" className="button button--ghost button--small" onClick={() => setParts([...parts, selfAssessmentPart(criteria)])}>
                {L.addSelfAssessment}
              </button>
            ) : null}
            {candidatesWithoutPart.length ? (
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => setParts([...parts, ...candidatesWithoutPart.map((m) => ({ ...emptyPart(newId('part')), title: m.name, speakers: [m.id] }))])}
              >
                {L.partPerCandidate}
              </button>
            ) : null}
          </>
        }
      />
      <h2 className="oral-editor__title">{L.questions}</h2>
      <DataGrid
        key={`q-${ctx.resetKey}`}
        caption={`${L.questions} : ${caption}`}
        rows={value.questions}
        columns={questionColumns}
        rowId={(r) => r.id}
        onChange={(questions) => onChange({ ...value, questions })}
        newRow={() => emptyQuestion(newId('question'))}
        addLabel={L.addQuestion}
        emptyText={L.noQuestions}
        noun={{ name: 'Question', e: 'e' }}
        maxRows={LIMITS.questions}
        issue={(i, column) => issueAt(issues, 'questions', i, column)}
      />
    </div>
  )
}
