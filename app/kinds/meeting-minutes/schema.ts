import { z } from 'zod'
import { formatNumber } from '~/domain/format'
import { isoDate, rowId } from '../atoms'
import { ACTION_STATUSES, DEFAULT_MIN_MINUTES, LIMITS } from './labels'

/** Meeting minutes (C12.3): one entry per meeting — date, purpose, participants, agenda, decisions, actions, next meeting. */
export const configSchema = z
  .object({
    kind: z.literal('meetingMinutes'),
    /** How many meetings must have their minutes (the référentiel: « au moins deux »). */
    minMinutes: z.number().int().min(1).max(LIMITS.meetings).default(DEFAULT_MIN_MINUTES),
  })
  .strict()
export type MeetingMinutesConfig = z.infer<typeof configSchema>

const tooLong = (max: number) => `le texte dépasse ${formatNumber(max)} caractères`
const text = (max: number) => z.string('un texte est attendu').max(max, tooLong(max))
const date = z.string('une date est attendue').pipe(isoDate).nullable()

const actionSchema = z
  .object({
    id: rowId,
    what: text(LIMITS.action),
    owner: text(LIMITS.owner),
    due: date,
    status: z.enum(ACTION_STATUSES, 'statut attendu\u00a0: à faire, en cours ou fait').nullable(),
  })
  .strict()

const meetingSchema = z
  .object({
    id: rowId,
    date,
    title: text(LIMITS.title),
    participants: text(LIMITS.people),
    agenda: text(LIMITS.text),
    decisions: text(LIMITS.text),
    actions: z.array(actionSchema).max(LIMITS.actions, `${LIMITS.actions} actions au plus par réunion`),
    nextDate: date,
  })
  .strict()

export const valueSchema = z
  .object({
    meetings: z.array(meetingSchema).max(LIMITS.meetings, `${LIMITS.meetings} réunions au plus`),
  })
  .strict()
export type MeetingMinutesValue = z.infer<typeof valueSchema>
export type Meeting = MeetingMinutesValue['meetings'][number]
export type MeetingAction = Meeting['actions'][number]

/** The value schema does not depend on the template's settings. */
export function valueSchemaFor(_config: MeetingMinutesConfig): z.ZodType<MeetingMinutesValue> {
  return valueSchema
}
