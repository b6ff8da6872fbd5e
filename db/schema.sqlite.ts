import { sql } from 'drizzle-orm'
import { blob, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

import { COMMENT_TARGETS, NOTIFICATION_TYPES, THREAD_STATUSES, type PassageSelectors } from '../app/domain/annotation'
import { OVERALL_DECISIONS, type BlocDecision } from '../app/domain/deliberation'
import { COMPETENCY_RULES, GRADING_SCALE_IDS, type GradeEvidence } from '../app/domain/grading'
import { ROLES } from '../app/domain/permissions'
import type { FieldValue } from '../app/kinds/values'

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
  /** When an admin deactivated the account (its login sessions end at once); null: active. */
  deactivatedAt: integer('deactivated_at', { mode: 'timestamp_ms' }),
  /** When the account was anonymised after its sessions' retention period (data protection); null: not anonymised. */
  anonymizedAt: integer('anonymized_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
})

/**
 * One-time links to set a password (a new account from a cohort import, or a
 * reset by an admin): only the SHA-256 of the token is stored; the token is
 * shown once, to the admin who made the link.
 */
export const PASSWORD_LINK_PURPOSES = ['welcome', 'reset'] as const
export const passwordLinks = sqliteTable(
  'password_links',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose', { enum: PASSWORD_LINK_PURPOSES }).notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('password_links_user_idx').on(t.userId)],
)

export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), check('user_roles_role_check', sql`${t.role} in ('learner', 'tutor', 'juror', 'admin')`)],
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

/** Every login attempt, used to throttle repeated failures per account and address, and per account. */
export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    /** Client address (Express `req.ip`, which honours TRUST_PROXY); '' when unknown. */
    ip: text('ip').notNull().default(''),
    succeeded: integer('succeeded', { mode: 'boolean' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('login_attempts_email_idx').on(t.email, t.createdAt), index('login_attempts_email_ip_idx').on(t.email, t.ip, t.createdAt)],
)

/** An exam session (« session d’examen »): a cohort sitting the title on given dates. */
export const examSessions = sqliteTable('exam_sessions', {
  id: id(),
  name: text('name').notNull(),
  startsOn: text('starts_on').notNull(), // ISO date
  endsOn: text('ends_on').notNull(), // ISO date
  /** The levels jurors grade criteria on (app/domain/grading.ts GRADING_SCALES). */
  gradingScale: text('grading_scale', { enum: GRADING_SCALE_IDS }).notNull().default('binary'),
  /** How a competency's result follows from its criteria: all acquired, or at least `competencyRuleMin` of them. */
  competencyRule: text('competency_rule', { enum: COMPETENCY_RULES }).notNull().default('all'),
  competencyRuleMin: integer('competency_rule_min'),
  /** The jury president: a juror who confirms the deliberation's decisions. */
  presidentId: text('president_id').references(() => users.id, { onDelete: 'set null' }),
  /** When the admin published the results to the learners; null: not published. */
  resultsPublishedAt: integer('results_published_at', { mode: 'timestamp_ms' }),
  /** When the admin archived the session (read-only, out of the lists); null: current. */
  archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
  /** How many months after the session's end its learners' data may be deleted or anonymised (data protection). */
  retentionMonths: integer('retention_months').notNull().default(36),
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
  (t) => [uniqueIndex('enrollments_session_learner_uq').on(t.examSessionId, t.learnerId), index('enrollments_learner_idx').on(t.learnerId)],
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
  (t) => [uniqueIndex('groups_session_eval_name_uq').on(t.examSessionId, t.evaluationId, t.name)],
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
  (t) => [primaryKey({ columns: [t.groupId, t.learnerId] }), index('group_members_learner_idx').on(t.learnerId)],
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
  (t) => [uniqueIndex('tutor_assignments_uq').on(t.examSessionId, t.tutorId, t.learnerId), index('tutor_assignments_tutor_idx').on(t.tutorId)],
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
    /** Double marking: the juror who records the agreed levels (one of the copy's two jurors). */
    lead: integer('lead', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('juror_assignments_juror_idx').on(t.jurorId),
    // A session's copies (the follow-up, the agreement, the assignments page), without reading every session's.
    index('juror_assignments_session_idx').on(t.examSessionId, t.evaluationId, t.learnerId, t.groupId),
    check('juror_assignments_target_check', sql`(${t.learnerId} is null) <> (${t.groupId} is null)`),
  ],
)

/**
 * A dossier: one learner's (or one group's) work on one template for one
 * exam session. Exactly one of learnerId / groupId is set.
 */
export const dossiers = sqliteTable(
  'dossiers',
  {
    id: id(),
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    evaluationId: text('evaluation_id').notNull(),
    templateId: text('template_id').notNull(),
    learnerId: text('learner_id').references(() => users.id, { onDelete: 'cascade' }),
    groupId: text('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('dossiers_learner_uq').on(t.examSessionId, t.templateId, t.learnerId),
    uniqueIndex('dossiers_group_uq').on(t.templateId, t.groupId),
    index('dossiers_learner_idx').on(t.learnerId),
    index('dossiers_group_idx').on(t.groupId),
    check('dossiers_owner_check', sql`(${t.learnerId} is null) <> (${t.groupId} is null)`),
  ],
)

/** The current content of one section of a dossier, with its version (optimistic locking). */
export const dossierSections = sqliteTable(
  'dossier_sections',
  {
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    sectionId: text('section_id').notNull(),
    /** JSON, shaped by the section's field kind. */
    content: text('content', { mode: 'json' }).$type<FieldValue>().notNull(),
    version: integer('version').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.sectionId] })],
)

/**
 * The shared editing state of a rich-text section of a group dossier (issue
 * 17 §1): its Yjs document, stored beside the editor JSON of
 * `dossier_sections` (which exports, hints, history and comments read).
 */
export const sectionYdocs = sqliteTable(
  'section_ydocs',
  {
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    sectionId: text('section_id').notNull(),
    state: blob('state', { mode: 'buffer' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.sectionId] })],
)

/**
 * Who has a dossier open now, and in which section (issue 17 §2): one row per
 * person and dossier, refreshed every few seconds by their page; kept in the
 * database so that every app server sees it.
 */
export const dossierPresences = sqliteTable(
  'dossier_presences',
  {
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The section they are in (focus inside it, or its page); null: elsewhere in the dossier. */
    sectionId: text('section_id'),
    seenAt: integer('seen_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.userId] })],
)

/**
 * Revision history. Consecutive saves of one author on one section within a
 * few minutes update the same revision; any other save starts a new one.
 * `kind`: save, restore, or conflict-copy (a version set aside in a conflict).
 */
export const dossierRevisions = sqliteTable(
  'dossier_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    sectionId: text('section_id').notNull(),
    version: integer('version').notNull(),
    kind: text('kind', { enum: ['save', 'restore', 'conflict-copy'] }).notNull(),
    content: text('content', { mode: 'json' }).$type<FieldValue>().notNull(),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** A section written together live (issue 17): the other members who wrote in this revision; null otherwise. */
    coauthorIds: text('coauthor_ids', { mode: 'json' }).$type<string[]>(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('dossier_revisions_dossier_idx').on(t.dossierId, t.updatedAt)],
)

export const SELF_ASSESSMENT_STATUSES = ['todo', 'in_progress', 'achieved'] as const

/** A learner's own status on one criterion, for one exam session. */
export const selfAssessments = sqliteTable(
  'self_assessments',
  {
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    criterionId: text('criterion_id').notNull(),
    status: text('status', { enum: SELF_ASSESSMENT_STATUSES }).notNull(),
    justification: text('justification').notNull().default(''),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.learnerId, t.examSessionId, t.criterionId] })],
)

/** The fictional company material a school provides for a cas pratique or an MSP. */
export const caseMaterials = sqliteTable(
  'case_materials',
  {
    id: id(),
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    evaluationId: text('evaluation_id').notNull(),
    title: text('title').notNull(),
    /** Plain text: paragraphs separated by blank lines, « - » for list items. */
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('case_materials_uq').on(t.examSessionId, t.evaluationId)],
)

/**
 * Files of a case's material (text, PDF, XLSX, CSV), checked from their
 * content; the bytes live in data/uploads/case-materials/<id>.
 */
export const caseMaterialFiles = sqliteTable(
  'case_material_files',
  {
    id: id(),
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    evaluationId: text('evaluation_id').notNull(),
    /** The file name as uploaded (shown and used for the download). */
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('case_material_files_eval_idx').on(t.examSessionId, t.evaluationId)],
)

/** Images and evidence files uploaded into a dossier; the file lives in data/uploads/<id>. */
export const uploads = sqliteTable('uploads', {
  id: id(),
  dossierId: text('dossier_id')
    .notNull()
    .references(() => dossiers.id, { onDelete: 'cascade' }),
  uploaderId: text('uploader_id').references(() => users.id, { onDelete: 'set null' }),
  /** An evidence file's name as the learner sent it (cleaned): its download name. Null for an image of a text. */
  name: text('name'),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  createdAt: createdAt(),
})

/**
 * A comment thread on a dossier: on a section as a whole, a passage of its rich
 * text (anchored by `selectors`, beside the content so that it never conflicts
 * with autosave), an item of a structured field (`itemId`, with the last label
 * seen so that a deleted item is still named), or a criterion of the self-assessment.
 */
export const commentThreads = sqliteTable(
  'comment_threads',
  {
    id: id(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    target: text('target', { enum: COMMENT_TARGETS }).notNull(),
    /** Null only for a criterion. */
    sectionId: text('section_id'),
    criterionId: text('criterion_id'),
    itemId: text('item_id'),
    itemLabel: text('item_label'),
    selectors: text('selectors', { mode: 'json' }).$type<PassageSelectors>(),
    status: text('status', { enum: THREAD_STATUSES }).notNull().default('open'),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    resolvedBy: text('resolved_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('comment_threads_dossier_idx').on(t.dossierId, t.status),
    check('comment_threads_target_check', sql`${t.target} in ('section', 'passage', 'item', 'criterion')`),
    check('comment_threads_status_check', sql`${t.status} in ('open', 'resolved')`),
  ],
)

/** A message of a thread: plain text. A deleted message with replies stays as « message supprimé ». */
export const commentMessages = sqliteTable(
  'comment_messages',
  {
    id: id(),
    threadId: text('thread_id')
      .notNull()
      .references(() => commentThreads.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
    editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('comment_messages_thread_idx').on(t.threadId, t.createdAt)],
)

/** A reusable comment tagged with criterion ids: a tutor's own (ownerId) or the school's (ownerId null, kept by admins). */
export const commentBank = sqliteTable(
  'comment_bank',
  {
    id: id(),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    criterionIds: text('criterion_ids', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('comment_bank_owner_idx').on(t.ownerId)],
)

/** A review round: asked for by a learner (« Demander une relecture »), closed by a tutor with a summary. */
export const reviewRounds = sqliteTable(
  'review_rounds',
  {
    id: id(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    requestedBy: text('requested_by').references(() => users.id, { onDelete: 'set null' }),
    message: text('message').notNull().default(''),
    requestedAt: integer('requested_at', { mode: 'timestamp_ms' }).notNull(),
    closedBy: text('closed_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    summary: text('summary'),
  },
  (t) => [index('review_rounds_dossier_idx').on(t.dossierId, t.requestedAt)],
)

/** The content of every section when a round was closed: what the next round's diff starts from. */
export const reviewRoundSections = sqliteTable(
  'review_round_sections',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    sectionId: text('section_id').notNull(),
    content: text('content', { mode: 'json' }).$type<FieldValue>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.sectionId] })],
)

/** Something a user should know about, shown in the app; `emailedAt` leaves room for e-mail. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type', { enum: NOTIFICATION_TYPES }).notNull(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    threadId: text('thread_id').references(() => commentThreads.id, { onDelete: 'cascade' }),
    roundId: text('round_id').references(() => reviewRounds.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
    emailedAt: integer('emailed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)],
)

// ——— Hand-in and jury grading (issue 11) ———

/**
 * One evaluation of the référentiel as run in one exam session: its hand-in
 * deadline and cut-off (UTC instants, entered and shown in Europe/Paris time)
 * and whether it is marked anonymously. Handed in after `dueAt` and up to
 * `cutoffAt` is late; after `cutoffAt` it is refused.
 */
export const evaluationInstances = sqliteTable(
  'evaluation_instances',
  {
    id: id(),
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    evaluationId: text('evaluation_id').notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    cutoffAt: integer('cutoff_at', { mode: 'timestamp_ms' }).notNull(),
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
    /** When the admin lifted anonymity, after deliberation; null while the copies are anonymous (when `anonymous`). */
    anonymityLiftedAt: integer('anonymity_lifted_at', { mode: 'timestamp_ms' }),
    /** Two jurors grade each copy independently; the lead juror then reconciles their divergences. */
    doubleMarking: integer('double_marking', { mode: 'boolean' }).notNull().default(false),
    /**
     * The time of the épreuve's oral set by the school, in minutes (null: not set); an oral support's
     * hints compare the talk with it. Checked by the service (1–240): a CHECK would rebuild the table.
     */
    oralMinutes: integer('oral_minutes'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('evaluation_instances_uq').on(t.examSessionId, t.evaluationId),
    check('evaluation_instances_cutoff_check', sql`${t.cutoffAt} >= ${t.dueAt}`),
  ],
)

/** A per-candidate extension of an instance's deadline and cut-off, with its reason. */
export const deadlineExtensions = sqliteTable(
  'deadline_extensions',
  {
    id: id(),
    instanceId: text('instance_id')
      .notNull()
      .references(() => evaluationInstances.id, { onDelete: 'cascade' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    cutoffAt: integer('cutoff_at', { mode: 'timestamp_ms' }).notNull(),
    reason: text('reason').notNull(),
    grantedBy: text('granted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('deadline_extensions_uq').on(t.instanceId, t.learnerId), check('deadline_extensions_cutoff_check', sql`${t.cutoffAt} >= ${t.dueAt}`)],
)

export const SUBMISSION_TIMINGS = ['on-time', 'late'] as const

/**
 * A hand-in: a frozen snapshot of a dossier (its sections in
 * submission_sections, its uploaded files in submission_files, the template
 * by id and SHA-256 of its JSON) with the SHA-256 fingerprint of all of it.
 * Immutable: triggers (migration 0004) refuse any UPDATE, and any DELETE while
 * its dossier exists. `submittedBy` is not a foreign key so that no cascade
 * ever rewrites a row; `submitterName` keeps who handed in.
 */
export const submissions = sqliteTable(
  'submissions',
  {
    id: id(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    instanceId: text('instance_id')
      .notNull()
      .references(() => evaluationInstances.id, { onDelete: 'cascade' }),
    submittedBy: text('submitted_by').notNull(),
    submitterName: text('submitter_name').notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
    timing: text('timing', { enum: SUBMISSION_TIMINGS }).notNull(),
    /** The statement the learner confirmed, verbatim. */
    statement: text('statement').notNull(),
    templateId: text('template_id').notNull(),
    templateHash: text('template_hash').notNull(),
    /** SHA-256 (hex) of the canonical JSON of template, sections and files. */
    fingerprint: text('fingerprint').notNull(),
  },
  (t) => [index('submissions_dossier_idx').on(t.dossierId, t.submittedAt), index('submissions_instance_idx').on(t.instanceId)],
)

export const submissionSections = sqliteTable(
  'submission_sections',
  {
    submissionId: text('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    sectionId: text('section_id').notNull(),
    content: text('content', { mode: 'json' }).$type<FieldValue>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.sectionId] })],
)

/** A file of a snapshot: a copy of an upload's bytes, stored by SHA-256 in data/snapshots/<sha256> (never rewritten). */
export const submissionFiles = sqliteTable(
  'submission_files',
  {
    submissionId: text('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    /** The upload's id, as the content refers to it (`/fichiers/<uploadId>`). */
    uploadId: text('upload_id').notNull(),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.uploadId] })],
)

/** The code a candidate (or group) goes by for an anonymous instance, e.g. « K7-4QX2 ». */
export const candidateCodes = sqliteTable(
  'candidate_codes',
  {
    instanceId: text('instance_id')
      .notNull()
      .references(() => evaluationInstances.id, { onDelete: 'cascade' }),
    /** A learner id (individual épreuve) or a group id. */
    subjectId: text('subject_id').notNull(),
    code: text('code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.instanceId, t.subjectId] }), uniqueIndex('candidate_codes_code_uq').on(t.instanceId, t.code)],
)

export const GRADING_STATUSES = ['open', 'closed'] as const

/** A juror's grid for one assignment (one learner or one group on one evaluation). */
export const gradings = sqliteTable(
  'gradings',
  {
    id: id(),
    assignmentId: text('assignment_id')
      .notNull()
      .unique()
      .references(() => jurorAssignments.id, { onDelete: 'cascade' }),
    status: text('status', { enum: GRADING_STATUSES }).notNull().default('open'),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [check('gradings_status_check', sql`${t.status} in ('open', 'closed')`)],
)

/**
 * One cell of a grid: a criterion judged on one part (written, oral, REX),
 * for the whole target (`learnerId` '': the learner of an individual épreuve,
 * or the group's shared written work) or for one member of a group (oral, REX).
 * `version` guards against overwrites (optimistic locking).
 */
export const gradeEntries = sqliteTable(
  'grade_entries',
  {
    gradingId: text('grading_id')
      .notNull()
      .references(() => gradings.id, { onDelete: 'cascade' }),
    criterionId: text('criterion_id').notNull(),
    part: text('part', { enum: ['written', 'oral', 'rex'] }).notNull(),
    learnerId: text('learner_id').notNull().default(''),
    level: text('level'),
    comment: text('comment').notNull().default(''),
    /** Cited evidence: passages or items of the graded snapshots (GradeEvidence[]). */
    evidence: text('evidence', { mode: 'json' })
      .$type<GradeEvidence[]>()
      .notNull()
      .default(sql`'[]'`),
    version: integer('version').notNull().default(1),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.gradingId, t.criterionId, t.part, t.learnerId] })],
)

/** A juror's override of a competency's derived result, with its mandatory justification. */
export const competencyOverrides = sqliteTable(
  'competency_overrides',
  {
    gradingId: text('grading_id')
      .notNull()
      .references(() => gradings.id, { onDelete: 'cascade' }),
    competencyId: text('competency_id').notNull(),
    learnerId: text('learner_id').notNull().default(''),
    /** Null: the override was withdrawn (the derived result applies again). */
    result: text('result', { enum: ['acquired', 'not-acquired'] }),
    justification: text('justification').notNull().default(''),
    version: integer('version').notNull().default(1),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.gradingId, t.competencyId, t.learnerId] })],
)

export const AUDIT_ACTIONS = ['level', 'comment', 'evidence', 'override', 'close', 'reopen', 'reconcile', 'reconcile-close', 'reconcile-reopen'] as const

/**
 * Append-only log of every grade change. Triggers (migration 0004) refuse any
 * UPDATE, and any DELETE while its grading exists. `actorId` is not a foreign
 * key (no cascade may rewrite a row); `actorName` keeps who acted.
 */
export const gradeAudit = sqliteTable(
  'grade_audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    gradingId: text('grading_id')
      .notNull()
      .references(() => gradings.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    criterionId: text('criterion_id'),
    competencyId: text('competency_id'),
    part: text('part', { enum: ['written', 'oral', 'rex'] }),
    learnerId: text('learner_id'),
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
  },
  (t) => [index('grade_audit_grading_idx').on(t.gradingId, t.id)],
)

/**
 * The reconciliation of a double-marked copy (one per instance and subject:
 * the learner, or the group): once both jurors closed their grids, the lead
 * juror records the agreed level of each criterion where they diverge.
 * Its steps go to `grade_audit`, under the lead juror's grading.
 */
export const reconciliations = sqliteTable(
  'reconciliations',
  {
    id: id(),
    instanceId: text('instance_id')
      .notNull()
      .references(() => evaluationInstances.id, { onDelete: 'cascade' }),
    /** The learner (individual épreuve) or the group whose copy it is. */
    subjectId: text('subject_id').notNull(),
    leadAssignmentId: text('lead_assignment_id')
      .notNull()
      .references(() => jurorAssignments.id, { onDelete: 'cascade' }),
    status: text('status', { enum: GRADING_STATUSES }).notNull().default('open'),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('reconciliations_uq').on(t.instanceId, t.subjectId)],
)

/** An agreed level: one cell (criterion × part × member, as in grade_entries) of a reconciliation, with the lead juror's comment. */
export const reconciledEntries = sqliteTable(
  'reconciled_entries',
  {
    reconciliationId: text('reconciliation_id')
      .notNull()
      .references(() => reconciliations.id, { onDelete: 'cascade' }),
    criterionId: text('criterion_id').notNull(),
    part: text('part', { enum: ['written', 'oral', 'rex'] }).notNull(),
    learnerId: text('learner_id').notNull().default(''),
    level: text('level').notNull(),
    comment: text('comment').notNull().default(''),
    version: integer('version').notNull().default(1),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.reconciliationId, t.criterionId, t.part, t.learnerId] })],
)

/**
 * A bloc de compétences of a session: the référentiel allows certification
 * bloc by bloc without listing the blocs, so the admin groups competencies
 * into blocs. `example`: the demo's grouping, labelled as such.
 */
export const competencyBlocs = sqliteTable(
  'competency_blocs',
  {
    id: id(),
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    example: integer('example', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('competency_blocs_session_idx').on(t.examSessionId, t.position)],
)

/** A competency's bloc: in one bloc at most per session. */
export const blocCompetencies = sqliteTable(
  'bloc_competencies',
  {
    blocId: text('bloc_id')
      .notNull()
      .references(() => competencyBlocs.id, { onDelete: 'cascade' }),
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    competencyId: text('competency_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.blocId, t.competencyId] }), uniqueIndex('bloc_competencies_session_uq').on(t.examSessionId, t.competencyId)],
)

/**
 * The jury's decision on one candidate of a session, confirmed by the jury
 * president: per bloc (proposed, decided, reason when they differ) and
 * overall. `confirmedAt` is when the president confirmed.
 */
export const deliberations = sqliteTable(
  'deliberations',
  {
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blocs: text('blocs', { mode: 'json' })
      .$type<BlocDecision[]>()
      .notNull()
      .default(sql`'[]'`),
    proposed: text('proposed', { enum: OVERALL_DECISIONS }).notNull(),
    decision: text('decision', { enum: OVERALL_DECISIONS }).notNull(),
    reason: text('reason').notNull().default(''),
    /** The president who confirmed (not a foreign key: the record keeps their name). */
    confirmedBy: text('confirmed_by').notNull(),
    confirmedByName: text('confirmed_by_name').notNull(),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.examSessionId, t.learnerId] })],
)

/**
 * Serious-game theme draws (issue 13): each member of a group draws one of the
 * three themes, never the same twice in a group. A draw is seeded and
 * reproducible from its row (seed, members in order); a redraw supersedes the
 * group's current draw and needs a reason.
 */
export const themeDraws = sqliteTable(
  'theme_draws',
  {
    id: id(),
    groupId: text('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    seed: text('seed').notNull(),
    /** Each member and their theme, in the order the draw used: [{ learnerId, theme }]. */
    result: text('result', { mode: 'json' }).$type<{ learnerId: string; theme: string }[]>().notNull(),
    reason: text('reason').notNull().default(''),
    drawnBy: text('drawn_by').references(() => users.id, { onDelete: 'set null' }),
    drawnByName: text('drawn_by_name').notNull(),
    drawnAt: integer('drawn_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set when a redraw replaces this one; the current draw has none. */
    supersededAt: integer('superseded_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('theme_draws_group_idx').on(t.groupId)],
)

/**
 * Random group formations (issue 13): the seed and the learners in the order
 * the draw used, so that a formation is reproducible from its row.
 */
export const groupFormations = sqliteTable(
  'group_formations',
  {
    id: id(),
    examSessionId: text('exam_session_id')
      .notNull()
      .references(() => examSessions.id, { onDelete: 'cascade' }),
    evaluationId: text('evaluation_id').notNull(),
    seed: text('seed').notNull(),
    /** The ungrouped learners in the order given to the draw. */
    learnerIds: text('learner_ids', { mode: 'json' }).$type<string[]>().notNull(),
    /** The groups made: [{ groupId, name, memberIds }]. */
    result: text('result', { mode: 'json' }).$type<{ groupId: string; name: string; memberIds: string[] }[]>().notNull(),
    formedBy: text('formed_by').references(() => users.id, { onDelete: 'set null' }),
    formedByName: text('formed_by_name').notNull(),
    formedAt: integer('formed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('group_formations_eval_idx').on(t.examSessionId, t.evaluationId)],
)

export const ADMIN_AUDIT_ACTIONS = ['learner-export', 'learner-anonymise', 'learner-delete'] as const

/**
 * The admin audit log (data protection): who exported, anonymised or deleted
 * whose data, and when. `actorId`/`subjectId` are not foreign keys so that a
 * deletion never rewrites the log; names are kept as they were at the time.
 */
export const adminAudit = sqliteTable(
  'admin_audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    action: text('action', { enum: ADMIN_AUDIT_ACTIONS }).notNull(),
    subjectId: text('subject_id').notNull(),
    /** Never a learner's name (it would tie an anonymised account back to the person): « Candidat·e n° X », X from the SHA-256 of the id. */
    subjectLabel: text('subject_label').notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('admin_audit_subject_idx').on(t.subjectId), index('admin_audit_at_idx').on(t.at)],
)
