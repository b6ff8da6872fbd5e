import { sql } from 'drizzle-orm'
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'

import { ROLES } from '../app/domain/permissions'

// Roles a user may hold; one user may hold several (a tutor can also sit on a jury).

const id = () =>
  text('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID())
const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .$defaultFn(() => new Date())

export const users = sqliteTable('users', {
  id: id(),
  /** Stored lower-cased. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
})

export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.role] }),
    check('user_roles_role_check', sql`${t.role} in ('learner', 'tutor', 'juror', 'admin')`),
  ],
)

/** DB-backed login sessions: deleting a row revokes the session. */
export const loginSessions = sqliteTable(
  'login_sessions',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('login_sessions_user_idx').on(t.userId)],
)

/** Every login attempt, used to throttle repeated failures per e-mail address. */
export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    succeeded: integer('succeeded', { mode: 'boolean' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('login_attempts_email_idx').on(t.email, t.createdAt)],
)

/** An exam session (« session d’examen »): a cohort sitting the title on given dates. */
export const examSessions = sqliteTable('exam_sessions', {
  id: id(),
  name: text('name').notNull(),
  startsOn: text('starts_on').notNull(), // ISO date
  endsOn: text('ends_on').notNull(), // ISO date
  createdAt: createdAt(),
})

export const enrollments = sqliteTable(
  'enrollments',
  {
    id: id(),
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('enrollments_session_learner_uq').on(t.examSessionId, t.learnerId),
    index('enrollments_learner_idx').on(t.learnerId),
  ],
)

/** A group for a group épreuve (MSP, serious game); `evaluationId` is a référentiel evaluation id. */
export const groups = sqliteTable(
  'groups',
  {
    id: id(),
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    evaluationId: text('evaluation_id').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('groups_session_eval_name_uq').on(t.examSessionId, t.evaluationId, t.name),
  ],
)

export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.learnerId] }),
    index('group_members_learner_idx').on(t.learnerId),
  ],
)

export const tutorAssignments = sqliteTable(
  'tutor_assignments',
  {
    id: id(),
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    tutorId: text('tutor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('tutor_assignments_uq').on(t.examSessionId, t.tutorId, t.learnerId),
    index('tutor_assignments_tutor_idx').on(t.tutorId),
  ],
)

/**
 * A juror is assigned to grade one evaluation either for one learner
 * (individual épreuve) or for one group (group épreuve) — exactly one of the two.
 */
export const jurorAssignments = sqliteTable(
  'juror_assignments',
  {
    id: id(),
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    jurorId: text('juror_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    evaluationId: text('evaluation_id').notNull(),
    learnerId: text('learner_id').references(() => users.id, { onDelete: 'cascade' }),
    groupId: text('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('juror_assignments_juror_idx').on(t.jurorId),
    check(
      'juror_assignments_target_check',
      sql`(${t.learnerId} is null) <> (${t.groupId} is null)`,
    ),
  ],
)
