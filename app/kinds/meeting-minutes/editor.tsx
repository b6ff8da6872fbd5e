import { useConfirm } from '~/components/confirm-dialog'
import { DataGrid, type GridColumn } from '~/components/grid/data-grid'
import { newId } from '~/components/ids'
import { todayInFrance } from '~/domain/calendar'
import { invalidProps, issueAt } from '../issues'
import type { EditorProps, FieldIssue } from '../types.browser'
import { ACTION_STATUSES, LIMITS, MINUTES_LABELS as L } from './labels'
import { emptyAction, emptyMeeting, isActionStatus, meetingLabel, meetingState } from './minutes'
import { meetingAnchor, MinutesOverview } from './overview'
import type { Meeting, MeetingAction } from './schema'

/** The sentence under an input the server refused, if any. */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} className="field-error">
      {message}
    </span>
  ) : null
}

/** aria props of an input with an optional help sentence and an optional refusal. */
function described(error: string | undefined, errorId: string, helpId?: string) {
  const invalid = invalidProps(error, errorId)
  const ids = [helpId, invalid['aria-describedby']].filter(Boolean).join(' ')
  return { ...invalid, 'aria-describedby': ids || undefined }
}

const STATUS_OPTIONS = ACTION_STATUSES.map((s) => ({ value: s, label: L.statuses[s] }))

const ACTION_COLUMNS: GridColumn<MeetingAction>[] = [
  {
    id: 'what',
    label: L.action,
    type: 'text',
    maxLength: LIMITS.action,
    get: (a) => a.what,
    set: (a, v) => ({ ...a, what: String(v ?? '') }),
  },
  {
    id: 'owner',
    label: L.owner,
    type: 'text',
    maxLength: LIMITS.owner,
    get: (a) => a.owner,
    set: (a, v) => ({ ...a, owner: String(v ?? '') }),
  },
  { id: 'due', label: L.due, type: 'date', get: (a) => a.due, set: (a, v) => ({ ...a, due: typeof v === 'string' && v ? v : null }) },
  {
    id: 'status',
    label: L.status,
    type: 'choice',
    options: STATUS_OPTIONS,
    get: (a) => a.status,
    set: (a, v) => ({ ...a, status: isActionStatus(v) ? v : null }),
  },
]

type TextKey = 'participants' | 'agenda' | 'decisions'
const HELP: Record<TextKey, string> = { participants: L.participantsHelp, agenda: L.agendaHelp, decisions: L.decisionsHelp }

/** One meeting, edited as the minutes it prints as: date and purpose, participants, agenda, decisions, actions, next meeting. */
function MeetingCard({
  meeting: m,
  index,
  prefix,
  issues,
  today,
  resetKey,
  onChange,
  onRemove,
}: {
  meeting: Meeting
  index: number
  prefix: string
  issues: FieldIssue[]
  today: string
  resetKey: number
  onChange: (m: Meeting) => void
  onRemove: () => void
}) {
  const id = meetingAnchor(prefix, m.id)
  const label = meetingLabel(m, index)
  const held = meetingState(m, today) === 'held'
  const error = (...path: (string | number)[]) => issueAt(issues, 'meetings', index, ...path)
  const dateInput = (key: 'date' | 'nextDate', text: string) => {
    const inputId = `${id}-${key}`
    const e = error(key)
    return (
      <div className="field">
        <label htmlFor={inputId}>{text}</label>
        <input
          id={inputId}
          type="date"
          value={m[key] ?? ''}
          {...invalidProps(e, `${inputId}-erreur`)}
          onChange={(ev) => onChange({ ...m, [key]: ev.target.value || null })}
        />
        <FieldError id={`${inputId}-erreur`} message={e} />
      </div>
    )
  }
  const textArea = (key: TextKey, rows: number) => {
    const inputId = `${id}-${key}`
    const e = error(key)
    return (
      <div className="field minutes-card__text">
        <label htmlFor={inputId}>{L[key]}</label>
        <span id={`${inputId}-aide`} className="field__hint">
          {HELP[key]}
        </span>
        <textarea
          id={inputId}
          rows={rows}
          maxLength={key === 'participants' ? LIMITS.people : LIMITS.text}
          {...described(e, `${inputId}-erreur`, `${inputId}-aide`)}
          value={m[key]}
          onChange={(ev) => onChange({ ...m, [key]: ev.target.value })}
        />
        <FieldError id={`${inputId}-erreur`} message={e} />
      </div>
    )
  }
  const titleError = error('title')
  return (
    <fieldset id={id} className={`minutes-card${held ? ' is-held' : ''}`} data-item-id={m.id} tabIndex={-1}>
      <legend className="minutes-card__legend">
        {label} <span className={`badge ${held ? 'badge--success' : 'badge--neutral'}`}>{held ? L.heldState : L.plannedState}</span>
      </legend>
      <div className="minutes-card__head">
        {dateInput('date', L.dateInput)}
        <div className="field">
          <label htmlFor={`${id}-title`}>{L.titleInput}</label>
          <input
            id={`${id}-title`}
            type="text"
            maxLength={LIMITS.title}
            {...invalidProps(titleError, `${id}-title-erreur`)}
            value={m.title}
            onChange={(ev) => onChange({ ...m, title: ev.target.value })}
          />
          <FieldError id={`${id}-title-erreur`} message={titleError} />
        </div>
      </div>
      <div className="minutes-card__texts">
        {textArea('participants', 4)}
        {textArea('agenda', 4)}
        {textArea('decisions', 4)}
      </div>
      <div className="minutes-card__actions">
        <h3 className="minutes-card__subtitle">{L.actions}</h3>
        {/* A value replaced from outside (conflict, restore) drops what the grid holds: texts refused, an undo. */}
        <DataGrid
          key={resetKey}
          caption={L.actionsOf(label)}
          rows={m.actions}
          columns={ACTION_COLUMNS}
          rowId={(a) => a.id}
          onChange={(actions) => onChange({ ...m, actions })}
          newRow={() => emptyAction(newId('action'))}
          addLabel={L.addAction}
          emptyText={L.noActions}
          noun={{ name: 'Action', e: 'e' }}
          maxRows={LIMITS.actions}
          issue={(i, column) => error('actions', i, column)}
        />
      </div>
      <div className="minutes-card__foot">
        {dateInput('nextDate', L.nextDateInput)}
        <button type="button" className="button button--ghost button--small minutes-card__remove" onClick={onRemove}>
          {L.remove}
          <span className="visually-hidden"> «&nbsp;{label}&nbsp;»</span>
        </button>
      </div>
    </fieldset>
  )
}

/**
 * Meeting minutes: the meetings planned beside the minutes kept (the
 * picture), then one card per meeting in the learner's order.
 */
export default function MeetingMinutesEditor({ field, value, onChange, ctx }: EditorProps<'meetingMinutes'>) {
  const { ask, dialog } = useConfirm()
  const today = todayInFrance()
  const prefix = `${ctx.titleId}-cr`
  const update = (m: Meeting) => onChange({ meetings: value.meetings.map((x) => (x.id === m.id ? m : x)) })
  const listError = ctx.issues.find((i) => i.path.length === 1 && i.path[0] === 'meetings')?.message
  return (
    <div className="minutes minutes--editor">
      <MinutesOverview value={value} today={today} minMinutes={field.minMinutes} prefix={prefix} level={2} />
      {value.meetings.length === 0 ? <p className="table-empty">{L.noneYet}</p> : null}
      <div className="minutes-cards">
        {value.meetings.map((m, i) => (
          <MeetingCard
            key={m.id}
            meeting={m}
            index={i}
            prefix={prefix}
            issues={ctx.issues}
            today={today}
            resetKey={ctx.resetKey}
            onChange={update}
            onRemove={() => ask(L.confirmRemove(meetingLabel(m, i)), () => onChange({ meetings: value.meetings.filter((x) => x.id !== m.id) }))}
          />
        ))}
      </div>
      {listError ? <p className="field-error">{listError}</p> : null}
      {value.meetings.length < LIMITS.meetings ? (
        <button type="button" className="button button--small" onClick={() => onChange({ meetings: [...value.meetings, emptyMeeting(newId('reunion'))] })}>
          + {L.add}
        </button>
      ) : null}
      {dialog}
    </div>
  )
}
