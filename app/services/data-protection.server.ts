/**
 * Data protection for learners (issue 13 §9): an admin exports everything the
 * app holds about one learner (a zip: donnees.json, their files, a README),
 * and, once the retention period of every session they took part in has
 * elapsed (app/domain/retention.ts), anonymises or deletes them. Each of the
 * three is written to the append-only admin audit log (`admin_audit`).
 *
 * - Export: the account (never the password hash), roles, sessions and
 *   enrolments, groups, every dossier they work on (current sections,
 *   revisions, images, comment threads, review rounds, hand-ins with their
 *   frozen sections and files), self-assessments, extensions, theme draws,
 *   candidate codes, login attempts, notifications, and the results once the
 *   session's results are published (what the learner sees, never the
 *   jurors' names). Other learners are never named: « autre membre du groupe ».
 * - Anonymise: the exam records stay (dossiers, hand-ins, grades, decisions:
 *   statistics and the other members of a group need them); the identity
 *   goes (name, e-mail, password, login sessions and links, login attempts,
 *   notifications, the reasons given for deadline extensions).
 * - Delete: the account and their individual work go (dossiers with their
 *   hand-ins, images and grades; files removed from disk after the commit);
 *   they leave their groups, whose dossiers stay for the other members (a
 *   group left with no member is deleted with its dossiers); their replies in
 *   the threads that stay become « message supprimé ».
 *
 * The audit log never stores a learner's name: an append-only row with the
 * name would tie the anonymised account (same id) back to the person and
 * survive a deletion. It stores the account id and « Candidat·e n° X »
 * (X: a stable short number derived from the id, also in the anonymised
 * name); the journal shows the current name while the account is there.
 *
 * Refusals are DataProtectionError (French message, HTTP status); nothing is
 * written then.
 */
import { extensionOfMime } from '~/domain/attachments'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { and, asc, count, desc, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm'
import JSZip from 'jszip'
import { THEME_LABELS, isTheme } from '~/domain/draw'
import { formatDate, formatNumber, plural } from '~/domain/format'
import { hasPermission, ROLE_LABELS, type Role } from '~/domain/permissions'
import {
  anonymisedEmail,
  anonymisedName,
  AUDIT_ACTION_LABELS,
  retentionStatus,
  subjectLabel,
  type AuditAction,
  type RetentionSession,
  type RetentionStatus,
} from '~/domain/retention'
import { entryOf, plainTextOf } from '~/kinds/registry'
import type { SessionUser } from './auth.server'
import { getDb, insertionOrder, notInList, schema, type DbHandle, transaction } from './db.server'
import { epreuveTitle } from './groups-admin.server'
import { learnerResults } from './publication.server'
import { snapshotsDir } from './submissions.server'
import { templatesById } from './templates.server'
import { readUpload, uploadsDir } from './uploads.server'

const {
  adminAudit,
  candidateCodes,
  commentMessages,
  commentThreads,
  competencyOverrides,
  deadlineExtensions,
  dossierRevisions,
  dossierSections,
  dossiers,
  enrollments,
  evaluationInstances,
  examSessions,
  gradeEntries,
  gradings,
  groupMembers,
  groups,
  jurorAssignments,
  loginAttempts,
  loginSessions,
  notifications,
  passwordLinks,
  reconciledEntries,
  reconciliations,
  reviewRounds,
  selfAssessments,
  submissionFiles,
  submissionSections,
  submissions,
  themeDraws,
  tutorAssignments,
  uploads,
  userRoles,
  users,
} = schema

export class DataProtectionError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409,
    readonly field?: 'confirmation',
  ) {
    super(message)
    this.name = 'DataProtectionError'
  }
}

export const NOT_ADMIN = 'Seul·e un·e administrateur·rice gère les données personnelles des candidat·es.'
export const NO_USER = 'Ce compte n’existe pas.'
export const NOT_LEARNER = 'Ce compte n’est pas celui d’un·e candidat·e\u00a0: l’export, l’anonymisation et la suppression ne concernent que les candidat·es.'
export const ALREADY_ANONYMISED = 'Ce compte est déjà anonymisé.'
export const ANONYMISED_NO_EXPORT = 'Ce compte est anonymisé\u00a0: ses données ne se rattachent plus à une personne, il n’y a rien à exporter.'
export const ANONYMISED_LOCKED = 'Ce compte est anonymisé\u00a0: il ne peut plus être modifié, réactivé ni recevoir de lien de mot de passe.'
export const CONFIRMATION_NEEDED = 'Saisissez l’adresse e-mail du compte pour confirmer.'
export const CONFIRMATION_MISMATCH = 'L’adresse saisie n’est pas celle du compte\u00a0: rien n’a été fait.'

/** « Administrateur·rice et Tuteur·rice »: the roles that keep an account from being anonymised or deleted here. */
export function staffRefusal(roles: readonly Role[]): string {
  const labels = roles.map((r) => ROLE_LABELS[r])
  const list = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} et ${labels.at(-1)}` : (labels[0] ?? '')
  return `Ce compte a aussi ${roles.length > 1 ? 'les rôles' : 'le rôle'} ${list}\u00a0: retirez-lui d’abord ${roles.length > 1 ? 'ces rôles' : 'ce rôle'} pour l’anonymiser ou le supprimer.`
}

/** Why the retention period still holds the data: the date it becomes possible and the session(s) that decide it. */
export function retentionRefusal(status: RetentionStatus): string {
  const latest = status.blocking[0]
  if (!latest) return ''
  const sessions = status.blocking.map((s) => `«\u00a0${s.name}\u00a0»`).join(', ')
  return `La durée de conservation n’est pas écoulée\u00a0: l’anonymisation et la suppression seront possibles à partir du ${formatDate(latest.availableOn)} (${status.blocking.length > 1 ? 'sessions' : 'session'} ${sessions}).`
}

const STAFF: readonly Role[] = ['tutor', 'juror', 'admin']

/** The stable short number of an account (6 characters of the SHA-256 of its id): « Candidat·e anonymisé·e n° 3F9A2C ». */
export function shortIdOf(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 6).toUpperCase()
}

/** The unusable password hash of an anonymised account: not the `scrypt$…` format, so no password ever matches it. */
const NO_PASSWORD = '!anonymised'

/* ---------------- Who the learner is, and when their data may go ---------------- */

/** Every session a learner took part in: enrolled, in one of its groups, or holding one of its dossiers. */
async function sessionsOf(
  db: DbHandle,
  learnerId: string,
): Promise<(RetentionSession & { startsOn: string; archivedAt: Date | null; resultsPublishedAt: Date | null })[]> {
  return await db
    .select({
      id: examSessions.id,
      name: examSessions.name,
      startsOn: examSessions.startsOn,
      endsOn: examSessions.endsOn,
      retentionMonths: examSessions.retentionMonths,
      archivedAt: examSessions.archivedAt,
      resultsPublishedAt: examSessions.resultsPublishedAt,
    })
    .from(examSessions)
    .where(
      or(
        inArray(examSessions.id, db.select({ id: enrollments.examSessionId }).from(enrollments).where(eq(enrollments.learnerId, learnerId))),
        inArray(
          examSessions.id,
          db
            .select({ id: groups.examSessionId })
            .from(groupMembers)
            .innerJoin(groups, eq(groups.id, groupMembers.groupId))
            .where(eq(groupMembers.learnerId, learnerId)),
        ),
        inArray(examSessions.id, db.select({ id: dossiers.examSessionId }).from(dossiers).where(eq(dossiers.learnerId, learnerId))),
      ),
    )
    .orderBy(asc(examSessions.startsOn))
}

type Subject = {
  id: string
  name: string
  email: string
  createdAt: Date
  deactivatedAt: Date | null
  anonymizedAt: Date | null
  roles: Role[]
  learner: boolean
  staffRoles: Role[]
}

async function subjectOf(db: DbHandle, userId: string): Promise<Subject | null> {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      createdAt: users.createdAt,
      deactivatedAt: users.deactivatedAt,
      anonymizedAt: users.anonymizedAt,
    })
    .from(users)
    .where(eq(users.id, userId))
  if (!user) return null
  const roles = (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))).map((r) => r.role)
  const enrolled = Boolean((await db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.learnerId, userId)))[0])
  return { ...user, roles, learner: roles.includes('learner') || enrolled, staffRoles: STAFF.filter((r) => roles.includes(r)) }
}

/** The checks every operation starts with: an admin (403), an existing account (404), a learner's (409). */
async function requireSubject(db: DbHandle, admin: SessionUser, userId: string, permission: 'read:user:any' | 'update:user:any'): Promise<Subject> {
  if (!hasPermission(admin.roles, permission)) throw new DataProtectionError(NOT_ADMIN, 403)
  const subject = await subjectOf(db, userId)
  if (!subject) throw new DataProtectionError(NO_USER, 404)
  if (!subject.learner) throw new DataProtectionError(NOT_LEARNER, 409)
  return subject
}

/** The checks before anonymising or deleting: no staff role, retention elapsed, the e-mail typed. */
async function requireErasable(db: DbHandle, subject: Subject, confirmation: string, now: Date): Promise<RetentionStatus> {
  if (subject.staffRoles.length) throw new DataProtectionError(staffRefusal(subject.staffRoles), 409)
  const status = retentionStatus(await sessionsOf(db, subject.id), now)
  if (!status.elapsed) throw new DataProtectionError(retentionRefusal(status), 409)
  const typed = confirmation.trim().toLowerCase()
  if (!typed) throw new DataProtectionError(CONFIRMATION_NEEDED, 400, 'confirmation')
  if (typed !== subject.email.toLowerCase()) throw new DataProtectionError(CONFIRMATION_MISMATCH, 400, 'confirmation')
  return status
}

export type DataProtectionState = {
  learner: boolean
  anonymizedAt: number | null
  staffRoles: Role[]
  canExport: boolean
  canErase: boolean
  /** The first day (ISO date) anonymisation and deletion become possible; null with no session. */
  availableOn: string | null
  sessions: { id: string; name: string; endsOn: string; retentionMonths: number; availableOn: string; elapsed: boolean }[]
  /** Why they cannot be anonymised or deleted now (French); null when they can. */
  eraseRefusal: string | null
}

/** What the account page shows in « Données personnelles ». Null for an unknown account. */
export async function dataProtectionState(userId: string, now = new Date(), db: DbHandle = getDb()): Promise<DataProtectionState | null> {
  const subject = await subjectOf(db, userId)
  if (!subject) return null
  const status = retentionStatus(await sessionsOf(db, userId), now)
  const eraseRefusal = !subject.learner
    ? NOT_LEARNER
    : subject.staffRoles.length
      ? staffRefusal(subject.staffRoles)
      : !status.elapsed
        ? retentionRefusal(status)
        : null
  return {
    learner: subject.learner,
    anonymizedAt: subject.anonymizedAt?.getTime() ?? null,
    staffRoles: subject.staffRoles,
    canExport: subject.learner && !subject.anonymizedAt,
    canErase: eraseRefusal === null,
    availableOn: status.availableOn,
    sessions: status.sessions.map((s) => ({
      id: s.id,
      name: s.name,
      endsOn: s.endsOn,
      retentionMonths: s.retentionMonths,
      availableOn: s.availableOn,
      elapsed: s.elapsed,
    })),
    eraseRefusal,
  }
}

/** True when the account was anonymised (the account page then refuses every change but deletion). */
export async function isAnonymised(userId: string, db: DbHandle = getDb()): Promise<boolean> {
  return Boolean(
    (
      await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, userId), isNotNull(users.anonymizedAt)))
    )[0],
  )
}

/* ---------------- The audit log ---------------- */

// The domain's list of actions is the schema's: this fails to compile if they ever differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const actionsMatch: Same<AuditAction, (typeof schema.ADMIN_AUDIT_ACTIONS)[number]> = true
void actionsMatch

async function logAudit(tx: DbHandle, admin: SessionUser, action: AuditAction, subjectId: string, detail: Record<string, unknown>, now: Date) {
  await tx
    .insert(adminAudit)
    .values({ at: now, actorId: admin.id, actorName: admin.name, action, subjectId, subjectLabel: subjectLabel(shortIdOf(subjectId)), detail })
}

export const JOURNAL_PAGE_SIZE = 50

export type JournalRow = {
  id: number
  at: number
  action: AuditAction
  actionLabel: string
  actorName: string
  subjectId: string
  /** The current name when the account is still there (anonymised or not); the logged label otherwise. */
  subjectName: string
  subjectState: 'present' | 'anonymised' | 'deleted'
  summary: string
}

const n = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0)

function kilobytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)))}\u00a0Ko`
    : `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)}\u00a0Mo`
}

/** One line of French that says what an operation touched, from its logged counts. */
export function auditSummary(action: AuditAction, detail: Record<string, unknown> | null): string {
  const d = detail ?? {}
  if (action === 'learner-export')
    return `${plural(n(d.dossiers), 'dossier', 'dossiers')}, ${plural(n(d.files), 'fichier', 'fichiers')}, ${plural(n(d.submissions), 'dépôt', 'dépôts')}\u00a0; archive de ${kilobytes(n(d.bytes))}.`
  if (action === 'learner-anonymise')
    return `Identité effacée\u00a0; ${plural(n(d.dossiers), 'dossier conservé', 'dossiers conservés')}, ${plural(n(d.submissions), 'dépôt conservé', 'dépôts conservés')}.`
  const parts = [
    plural(n(d.dossiers), 'dossier supprimé', 'dossiers supprimés'),
    plural(n(d.files), 'fichier effacé', 'fichiers effacés'),
    plural(n(d.groupsLeft), 'groupe quitté', 'groupes quittés'),
  ]
  if (n(d.groupsDeleted)) parts.push(plural(n(d.groupsDeleted), 'groupe vide supprimé', 'groupes vides supprimés'))
  return `Compte supprimé\u00a0; ${parts.join(', ')}.`
}

/** The journal, newest first, a page at a time, filtered by action and by account in the query. */
export async function auditJournal(filters: { action: AuditAction | null; subjectId: string | null; page: number }, db: DbHandle = getDb()) {
  const where = and(
    filters.action ? eq(adminAudit.action, filters.action) : undefined,
    filters.subjectId ? eq(adminAudit.subjectId, filters.subjectId) : undefined,
  )
  const total = (await db.select({ n: count() }).from(adminAudit).where(where))[0]?.n ?? 0
  const pages = Math.max(1, Math.ceil(total / JOURNAL_PAGE_SIZE))
  const page = Math.min(pages, Math.max(1, filters.page))
  const rows = await db
    .select({
      id: adminAudit.id,
      at: adminAudit.at,
      action: adminAudit.action,
      actorName: adminAudit.actorName,
      subjectId: adminAudit.subjectId,
      subjectLabel: adminAudit.subjectLabel,
      detail: adminAudit.detail,
      currentName: users.name,
      anonymizedAt: users.anonymizedAt,
    })
    .from(adminAudit)
    .leftJoin(users, eq(users.id, adminAudit.subjectId))
    .where(where)
    .orderBy(desc(adminAudit.at), desc(adminAudit.id))
    .limit(JOURNAL_PAGE_SIZE)
    .offset((page - 1) * JOURNAL_PAGE_SIZE)
  return {
    total,
    page,
    pages,
    rows: rows.map((r): JournalRow => ({
      id: r.id,
      at: r.at.getTime(),
      action: r.action,
      actionLabel: AUDIT_ACTION_LABELS[r.action],
      actorName: r.actorName,
      subjectId: r.subjectId,
      subjectName: r.currentName ?? r.subjectLabel,
      subjectState: r.currentName === null ? 'deleted' : r.anonymizedAt ? 'anonymised' : 'present',
      summary: auditSummary(r.action, r.detail ?? null),
    })),
  }
}

/* ---------------- Export ---------------- */

const extensionOf = (mime: string) => extensionOfMime(mime) ?? 'bin'
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)

const THREAD_TARGETS: Record<string, string> = { section: 'section', passage: 'passage', item: 'élément', criterion: 'critère' }
const REVISION_KINDS: Record<string, string> = { save: 'enregistrement', restore: 'restauration', 'conflict-copy': 'copie mise de côté lors d’un conflit' }
const NOTIFICATION_LABELS: Record<string, string> = {
  comment: 'nouveau commentaire',
  reply: 'réponse',
  'review-request': 'demande de relecture',
  'round-closed': 'relecture terminée',
}
const SELF_LABELS: Record<string, string> = { todo: 'à travailler', in_progress: 'en cours', achieved: 'atteint' }

export const OTHER_MEMBER = 'autre membre du groupe'
export const DELETED_ACCOUNT = 'compte supprimé'

const README = (name: string, at: Date) => `Export des données personnelles — Atelier
=========================================

Personne concernée : ${name}
Exporté le : ${formatDate(at)} (${at.toISOString()})

Ce fichier .zip contient tout ce que l’application Atelier conserve sur cette
personne, au titre du droit d’accès (article 15 du RGPD).

- donnees.json : les données, au format JSON (UTF-8), en français :
  · compte : nom, adresse e-mail, rôles, dates de création et de
    désactivation (jamais le mot de passe, dont seule une empreinte est
    conservée et qui n’est pas exportée) ;
  · connexions : tentatives de connexion (date, réussite, adresse IP),
    liens de mot de passe (dates seulement), notifications reçues ;
  · sessions : les sessions d’examen suivies, avec l’inscription, la durée
    de conservation, les tuteur·rices, l’auto-évaluation, les prolongations
    de délai, les codes de candidat·e et, une fois les résultats publiés,
    les résultats tels que la personne les voit (les noms des juré·es n’y
    figurent pas) ;
  · groupes : les groupes et les thèmes tirés au sort ;
  · dossiers : chaque dossier (individuel ou de groupe) avec le contenu
    actuel de ses sections, leur historique, les images, les fils de
    commentaires, les relectures et les dépôts (copies figées) ;
  · contributions_hors_dossiers : ce que la personne a écrit dans un dossier
    qui n’est plus le sien (par exemple après un changement de groupe).
- fichiers/images/ : les images insérées dans ses dossiers et les pièces jointes de ses tableaux ;
- fichiers/depots/<dépôt>/ : les fichiers figés avec chaque dépôt.

Les autres candidat·es ne sont jamais nommé·es : ils et elles apparaissent
comme « ${OTHER_MEMBER} ». Un compte qui n’existe plus apparaît comme
« ${DELETED_ACCOUNT} ». Les contenus des sections sont enregistrés tels que
l’éditeur les stocke (champ « contenu »), avec leur texte brut (« texte »).
`

type PeopleLabels = (id: string | null) => string

/** How the export names people: the learner by name, staff by name and role, any other learner never. */
async function peopleLabels(db: DbHandle, learner: Subject, ids: Iterable<string | null>): Promise<PeopleLabels> {
  const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id) && id !== learner.id))]
  const found = new Map<string, string>()
  if (wanted.length) {
    const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted))
    const roles = await db.select().from(userRoles).where(inArray(userRoles.userId, wanted))
    for (const r of rows) {
      const own = roles.filter((x) => x.userId === r.id).map((x) => x.role)
      const staff = STAFF.filter((role) => own.includes(role))
      found.set(r.id, own.includes('learner') || staff.length === 0 ? OTHER_MEMBER : `${r.name} (${staff.map((s) => ROLE_LABELS[s]).join(', ')})`)
    }
  }
  return (id) => (id === learner.id ? learner.name : id ? (found.get(id) ?? DELETED_ACCOUNT) : DELETED_ACCOUNT)
}

function sectionTitle(templateId: string, sectionId: string): string {
  return templatesById.get(templateId)?.sections.find((s) => s.id === sectionId)?.title ?? sectionId
}

function plainText(templateId: string, sectionId: string, content: unknown): string | null {
  const field = templatesById.get(templateId)?.sections.find((s) => s.id === sectionId)?.field
  if (!field) return null
  try {
    return plainTextOf(entryOf(field, content))
  } catch {
    return null
  }
}

export type LearnerExport = {
  zip: Buffer
  /** « Données — Zoé Lefèvre » (without the extension). */
  title: string
  counts: { dossiers: number; sections: number; revisions: number; messages: number; submissions: number; files: number; missingFiles: number }
}

/** Everything about one learner, read in one transaction (a consistent picture), and the files to add. */
async function collectExport(db: DbHandle, learner: Subject, now: Date) {
  const id = learner.id
  const sessionRows = await sessionsOf(db, id)
  const status = retentionStatus(sessionRows, now)
  const retentionById = new Map(status.sessions.map((s) => [s.id, s]))
  const sessionNames = new Map(sessionRows.map((s) => [s.id, s.name]))

  const myGroups = await db
    .select({ id: groups.id, examSessionId: groups.examSessionId, evaluationId: groups.evaluationId, name: groups.name })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groupMembers.learnerId, id))
  const groupIds = myGroups.map((g) => g.id)
  const members = groupIds.length ? await db.select().from(groupMembers).where(inArray(groupMembers.groupId, groupIds)) : []
  const draws = groupIds.length ? await db.select().from(themeDraws).where(inArray(themeDraws.groupId, groupIds)).orderBy(asc(themeDraws.drawnAt)) : []

  const myDossiers = await db
    .select()
    .from(dossiers)
    .where(groupIds.length ? or(eq(dossiers.learnerId, id), inArray(dossiers.groupId, groupIds)) : eq(dossiers.learnerId, id))
    .orderBy(asc(dossiers.examSessionId), asc(dossiers.templateId))
  const dossierIds = myDossiers.map((d) => d.id)
  const inDossiers = async <T>(f: () => Promise<T[]>): Promise<T[]> => (dossierIds.length ? await f() : [])

  const sections = await inDossiers(async () => await db.select().from(dossierSections).where(inArray(dossierSections.dossierId, dossierIds)))
  const revisions = await inDossiers(
    async () => await db.select().from(dossierRevisions).where(inArray(dossierRevisions.dossierId, dossierIds)).orderBy(asc(dossierRevisions.id)),
  )
  const images = await inDossiers(async () => await db.select().from(uploads).where(inArray(uploads.dossierId, dossierIds)).orderBy(asc(uploads.createdAt)))
  const threads = await inDossiers(
    async () => await db.select().from(commentThreads).where(inArray(commentThreads.dossierId, dossierIds)).orderBy(asc(commentThreads.createdAt)),
  )
  const threadIds = threads.map((t) => t.id)
  const messages = threadIds.length
    ? await db
        .select()
        .from(commentMessages)
        .where(inArray(commentMessages.threadId, threadIds))
        .orderBy(asc(commentMessages.createdAt), insertionOrder(commentMessages))
    : []
  const rounds = await inDossiers(
    async () => await db.select().from(reviewRounds).where(inArray(reviewRounds.dossierId, dossierIds)).orderBy(asc(reviewRounds.requestedAt)),
  )
  const handIns = await inDossiers(
    async () =>
      await db
        .select({ submission: submissions, evaluationId: evaluationInstances.evaluationId })
        .from(submissions)
        .innerJoin(evaluationInstances, eq(evaluationInstances.id, submissions.instanceId))
        .where(inArray(submissions.dossierId, dossierIds))
        .orderBy(asc(submissions.submittedAt)),
  )
  const submissionIds = handIns.map((h) => h.submission.id)
  const frozenSections = submissionIds.length ? await db.select().from(submissionSections).where(inArray(submissionSections.submissionId, submissionIds)) : []
  const frozenFiles = submissionIds.length ? await db.select().from(submissionFiles).where(inArray(submissionFiles.submissionId, submissionIds)) : []

  // What they wrote in dossiers that are no longer theirs (a group they left): their own words only.
  const elsewhereRevisions = await db
    .select({ revision: dossierRevisions, templateId: dossiers.templateId, examSessionId: dossiers.examSessionId })
    .from(dossierRevisions)
    .innerJoin(dossiers, eq(dossiers.id, dossierRevisions.dossierId))
    .where(and(eq(dossierRevisions.authorId, id), dossierIds.length ? notInList(dossierRevisions.dossierId, dossierIds) : undefined))
    .orderBy(asc(dossierRevisions.id))
  const elsewhereMessages = await db
    .select({ message: commentMessages })
    .from(commentMessages)
    .innerJoin(commentThreads, eq(commentThreads.id, commentMessages.threadId))
    .where(and(eq(commentMessages.authorId, id), dossierIds.length ? notInList(commentThreads.dossierId, dossierIds) : undefined))
    .orderBy(asc(commentMessages.createdAt))

  const tutors = await db
    .select({ examSessionId: tutorAssignments.examSessionId, tutorId: tutorAssignments.tutorId })
    .from(tutorAssignments)
    .where(eq(tutorAssignments.learnerId, id))
  const enrolmentRows = await db.select().from(enrollments).where(eq(enrollments.learnerId, id))
  const selfRows = await db
    .select()
    .from(selfAssessments)
    .where(eq(selfAssessments.learnerId, id))
    .orderBy(asc(selfAssessments.examSessionId), asc(selfAssessments.criterionId))
  const extensions = await db
    .select({ extension: deadlineExtensions, examSessionId: evaluationInstances.examSessionId, evaluationId: evaluationInstances.evaluationId })
    .from(deadlineExtensions)
    .innerJoin(evaluationInstances, eq(evaluationInstances.id, deadlineExtensions.instanceId))
    .where(eq(deadlineExtensions.learnerId, id))
  const codes = await db
    .select({ code: candidateCodes.code, examSessionId: evaluationInstances.examSessionId, evaluationId: evaluationInstances.evaluationId })
    .from(candidateCodes)
    .innerJoin(evaluationInstances, eq(evaluationInstances.id, candidateCodes.instanceId))
    .where(eq(candidateCodes.subjectId, id))
  const attempts = await db.select().from(loginAttempts).where(eq(loginAttempts.email, learner.email.toLowerCase())).orderBy(asc(loginAttempts.createdAt))
  const openSessions = (await db.select({ n: count() }).from(loginSessions).where(eq(loginSessions.userId, id)))[0]?.n ?? 0
  const links = await db.select().from(passwordLinks).where(eq(passwordLinks.userId, id)).orderBy(asc(passwordLinks.createdAt))
  const inbox = await db.select().from(notifications).where(eq(notifications.userId, id)).orderBy(asc(notifications.createdAt))
  const results = new Map<string, Awaited<ReturnType<typeof learnerResults>>>()
  for (const s of sessionRows) results.set(s.id, await learnerResults(s.id, id, db))

  const label = await peopleLabels(db, learner, [
    ...members.map((m) => m.learnerId),
    ...sections.map((s) => s.updatedBy),
    ...revisions.map((r) => r.authorId),
    ...images.map((i) => i.uploaderId),
    ...threads.flatMap((t) => [t.authorId, t.resolvedBy]),
    ...messages.map((m) => m.authorId),
    ...rounds.flatMap((r) => [r.requestedBy, r.closedBy]),
    ...handIns.map((h) => h.submission.submittedBy),
    ...tutors.map((t) => t.tutorId),
    ...extensions.map((e) => e.extension.grantedBy),
    ...inbox.map((x) => x.actorId),
    ...draws.map((d) => d.drawnBy),
  ])

  const files: { path: string; read: () => Buffer | null }[] = []
  const imagePath = (u: { id: string; mime: string }) => `fichiers/images/${u.id}.${extensionOf(u.mime)}`
  for (const u of images) files.push({ path: imagePath(u), read: () => readUpload(u.id) })
  const frozenPath = (f: { submissionId: string; uploadId: string; mime: string }) => `fichiers/depots/${f.submissionId}/${f.uploadId}.${extensionOf(f.mime)}`
  for (const f of frozenFiles) {
    files.push({
      path: frozenPath(f),
      read: () => {
        const file = path.join(snapshotsDir(), f.sha256)
        return fs.existsSync(file) ? fs.readFileSync(file) : null
      },
    })
  }

  const groupById = new Map(myGroups.map((g) => [g.id, g]))
  const dossierViews = myDossiers.map((d) => {
    const template = templatesById.get(d.templateId)
    const group = d.groupId ? groupById.get(d.groupId) : undefined
    const threadViews = threads
      .filter((t) => t.dossierId === d.id)
      .map((t) => ({
        cible: THREAD_TARGETS[t.target] ?? t.target,
        section: t.sectionId ? sectionTitle(d.templateId, t.sectionId) : null,
        critere: t.criterionId,
        element: t.itemLabel,
        passage: t.selectors?.[0]?.exact ?? null,
        statut: t.status === 'resolved' ? 'résolu' : 'ouvert',
        ouvertPar: label(t.authorId),
        ouvertLe: iso(t.createdAt),
        resoluLe: iso(t.resolvedAt),
        resoluPar: t.resolvedBy ? label(t.resolvedBy) : null,
        messages: messages
          .filter((m) => m.threadId === t.id)
          .map((m) => ({
            auteur: label(m.authorId),
            texte: m.deletedAt ? '' : m.body,
            supprime: Boolean(m.deletedAt),
            ecritLe: iso(m.createdAt),
            modifieLe: iso(m.editedAt),
          })),
      }))
    return {
      id: d.id,
      session: sessionNames.get(d.examSessionId) ?? d.examSessionId,
      epreuve: epreuveTitle(d.evaluationId),
      modele: template?.title ?? d.templateId,
      type: d.groupId ? 'dossier de groupe' : 'dossier individuel',
      groupe: group?.name ?? null,
      creeLe: iso(d.createdAt),
      sections: sections
        .filter((s) => s.dossierId === d.id)
        .map((s) => ({
          id: s.sectionId,
          titre: sectionTitle(d.templateId, s.sectionId),
          version: s.version,
          modifieLe: iso(s.updatedAt),
          modifiePar: label(s.updatedBy),
          texte: plainText(d.templateId, s.sectionId, s.content),
          contenu: s.content,
        })),
      historique: revisions
        .filter((r) => r.dossierId === d.id)
        .map((r) => ({
          section: sectionTitle(d.templateId, r.sectionId),
          sectionId: r.sectionId,
          version: r.version,
          type: REVISION_KINDS[r.kind] ?? r.kind,
          auteur: label(r.authorId),
          creeLe: iso(r.createdAt),
          modifieLe: iso(r.updatedAt),
          contenu: r.content,
        })),
      images: images
        .filter((u) => u.dossierId === d.id)
        .map((u) => ({ id: u.id, type: u.mime, taille: u.size, insereeLe: iso(u.createdAt), insereePar: label(u.uploaderId), fichier: imagePath(u) })),
      commentaires: threadViews,
      relectures: rounds
        .filter((r) => r.dossierId === d.id)
        .map((r) => ({
          demandeePar: label(r.requestedBy),
          demandeeLe: iso(r.requestedAt),
          message: r.message,
          termineePar: r.closedBy ? label(r.closedBy) : null,
          termineeLe: iso(r.closedAt),
          synthese: r.summary,
        })),
      depots: handIns
        .filter((h) => h.submission.dossierId === d.id)
        .map(({ submission: s }) => ({
          id: s.id,
          deposeLe: iso(s.submittedAt),
          delai: s.timing === 'late' ? 'en retard' : 'dans les délais',
          deposePar: label(s.submittedBy),
          declaration: s.statement,
          empreinteSha256: s.fingerprint,
          sections: frozenSections
            .filter((x) => x.submissionId === s.id)
            .map((x) => ({
              id: x.sectionId,
              titre: sectionTitle(s.templateId, x.sectionId),
              texte: plainText(s.templateId, x.sectionId, x.content),
              contenu: x.content,
            })),
          fichiers: frozenFiles
            .filter((f) => f.submissionId === s.id)
            .map((f) => ({ image: f.uploadId, type: f.mime, taille: f.size, sha256: f.sha256, fichier: frozenPath(f) })),
        })),
    }
  })

  const data = {
    format: 'atelier-export-candidat/1',
    exporteLe: now.toISOString(),
    compte: {
      id: learner.id,
      nom: learner.name,
      email: learner.email,
      roles: learner.roles.map((r) => ROLE_LABELS[r]),
      creeLe: iso(learner.createdAt),
      desactiveLe: iso(learner.deactivatedAt),
    },
    connexions: {
      sessionsOuvertes: openSessions,
      tentatives: attempts.map((a) => ({ le: iso(a.createdAt), reussie: a.succeeded, adresseIp: a.ip || null })),
      liensMotDePasse: links.map((l) => ({
        objet: l.purpose === 'welcome' ? 'bienvenue' : 'réinitialisation',
        creeLe: iso(l.createdAt),
        expireLe: iso(l.expiresAt),
        utiliseLe: iso(l.usedAt),
      })),
      notifications: inbox.map((x) => ({ type: NOTIFICATION_LABELS[x.type] ?? x.type, le: iso(x.createdAt), par: label(x.actorId), lueLe: iso(x.readAt) })),
    },
    sessions: sessionRows.map((s) => {
      const retention = retentionById.get(s.id)!
      const page = results.get(s.id)
      return {
        id: s.id,
        nom: s.name,
        debut: s.startsOn,
        fin: s.endsOn,
        inscritLe: iso(enrolmentRows.find((e) => e.examSessionId === s.id)?.createdAt),
        conservationMois: s.retentionMonths,
        anonymisationPossibleLe: retention.availableOn,
        tuteurs: tutors.filter((t) => t.examSessionId === s.id).map((t) => label(t.tutorId)),
        autoEvaluation: selfRows
          .filter((r) => r.examSessionId === s.id)
          .map((r) => ({ critere: r.criterionId, statut: SELF_LABELS[r.status] ?? r.status, justification: r.justification, modifieLe: iso(r.updatedAt) })),
        prolongations: extensions
          .filter((e) => e.examSessionId === s.id)
          .map(({ extension: e, evaluationId }) => ({
            epreuve: epreuveTitle(evaluationId),
            dateLimite: iso(e.dueAt),
            dateButoir: iso(e.cutoffAt),
            motif: e.reason,
            accordeePar: label(e.grantedBy),
            accordeeLe: iso(e.createdAt),
          })),
        codesCandidat: codes.filter((c) => c.examSessionId === s.id).map((c) => ({ epreuve: epreuveTitle(c.evaluationId), code: c.code })),
        resultats:
          page?.state === 'published'
            ? { etat: 'publiés', ...page.view }
            : { etat: page?.state === 'pending' ? 'publiés, délibération en attente' : 'non publiés à la date de l’export' },
      }
    }),
    groupes: myGroups.map((g) => ({
      id: g.id,
      session: sessionNames.get(g.examSessionId) ?? g.examSessionId,
      epreuve: epreuveTitle(g.evaluationId),
      nom: g.name,
      membres: members.filter((m) => m.groupId === g.id).map((m) => label(m.learnerId)),
      tirages: draws
        .filter((d) => d.groupId === g.id)
        .map((d) => {
          const theme = d.result.find((r) => r.learnerId === id)?.theme
          return {
            theme: theme && isTheme(theme) ? THEME_LABELS[theme] : null,
            tireLe: iso(d.drawnAt),
            tirePar: d.drawnByName,
            raison: d.reason || null,
            remplaceLe: iso(d.supersededAt),
          }
        }),
    })),
    dossiers: dossierViews,
    contributions_hors_dossiers: {
      historique: elsewhereRevisions.map(({ revision: r, templateId, examSessionId }) => ({
        session: sessionNames.get(examSessionId) ?? null,
        modele: templatesById.get(templateId)?.title ?? templateId,
        section: sectionTitle(templateId, r.sectionId),
        version: r.version,
        creeLe: iso(r.createdAt),
        modifieLe: iso(r.updatedAt),
        contenu: r.content,
      })),
      messages: elsewhereMessages.map(({ message: m }) => ({ texte: m.deletedAt ? '' : m.body, supprime: Boolean(m.deletedAt), ecritLe: iso(m.createdAt) })),
    },
  }
  const counts = {
    dossiers: myDossiers.length,
    sections: sections.length,
    revisions: revisions.length,
    messages: messages.length,
    submissions: handIns.length,
    files: files.length,
    missingFiles: 0,
  }
  return { data, files, counts }
}

/**
 * The zip of everything about one learner: donnees.json, fichiers/ and a
 * README in French. Logged in the audit log once built.
 */
export async function learnerExport(admin: SessionUser, learnerId: string, now = new Date(), db: DbHandle = getDb()): Promise<LearnerExport> {
  const { learner, data, files, counts } = await transaction(db, async (tx) => {
    const learner = await requireSubject(tx, admin, learnerId, 'read:user:any')
    if (learner.anonymizedAt) throw new DataProtectionError(ANONYMISED_NO_EXPORT, 409)
    return { learner, ...(await collectExport(tx, learner, now)) }
  })
  const zip = new JSZip()
  const missing: string[] = []
  for (const f of files) {
    const bytes = f.read()
    if (bytes) zip.file(f.path, bytes, { date: now })
    else missing.push(f.path)
  }
  counts.missingFiles = missing.length
  zip.file('donnees.json', JSON.stringify({ ...data, fichiersAbsents: missing }, null, 2), { date: now })
  zip.file('README.txt', README(learner.name, now), { date: now })
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } })
  await logAudit(db, admin, 'learner-export', learner.id, { ...counts, bytes: buffer.byteLength }, now)
  return { zip: buffer, title: `Données — ${learner.name}`, counts }
}

/* ---------------- Anonymise ---------------- */

/**
 * Replaces the name frozen in the learner's hand-ins (`submitter_name`): the
 * snapshot trigger (migration 0008) allows this one change, and only once the
 * account is anonymised or gone; the fingerprint does not cover the name.
 * Returns how many hand-ins were renamed.
 */
async function renameSubmitter(tx: DbHandle, learnerId: string, name: string): Promise<number> {
  return (
    await tx
      .update(submissions)
      .set({ submitterName: name })
      .where(and(eq(submissions.submittedBy, learnerId), ne(submissions.submitterName, name)))
      .returning({ id: submissions.id })
  ).length
}

export const EXTENSION_REASON_ERASED = 'Motif effacé lors de l’anonymisation.'

export type AnonymiseResult = { label: string; shortId: string; dossiers: number; submissions: number; submitterNamesRenamed: number }

/**
 * Replaces a learner's identity, in one transaction, once the retention
 * period of every session they took part in has elapsed. `confirmation` is
 * the account's e-mail as the admin typed it.
 */
export async function anonymiseLearner(
  admin: SessionUser,
  learnerId: string,
  confirmation: string,
  now = new Date(),
  db: DbHandle = getDb(),
): Promise<AnonymiseResult> {
  return await transaction(db, async (tx) => {
    const learner = await requireSubject(tx, admin, learnerId, 'update:user:any')
    if (learner.anonymizedAt) throw new DataProtectionError(ALREADY_ANONYMISED, 409)
    const status = await requireErasable(tx, learner, confirmation, now)
    const shortId = shortIdOf(learner.id)
    const label = anonymisedName(shortId)
    await tx
      .update(users)
      .set({ name: label, email: anonymisedEmail(learner.id), passwordHash: NO_PASSWORD, deactivatedAt: learner.deactivatedAt ?? now, anonymizedAt: now })
      .where(eq(users.id, learner.id))
    const loginSessionsEnded = (await tx.delete(loginSessions).where(eq(loginSessions.userId, learner.id)).returning({ id: loginSessions.id })).length
    const linksDeleted = (await tx.delete(passwordLinks).where(eq(passwordLinks.userId, learner.id)).returning({ id: passwordLinks.id })).length
    const attemptsDeleted = (await tx.delete(loginAttempts).where(eq(loginAttempts.email, learner.email.toLowerCase())).returning({ id: loginAttempts.id }))
      .length
    const notificationsDeleted = (await tx.delete(notifications).where(eq(notifications.userId, learner.id)).returning({ id: notifications.id })).length
    // A reason for an extension may be about the person (health, family): it goes; the dates stay.
    const reasonsErased = (
      await tx
        .update(deadlineExtensions)
        .set({ reason: EXTENSION_REASON_ERASED })
        .where(and(eq(deadlineExtensions.learnerId, learner.id), ne(deadlineExtensions.reason, EXTENSION_REASON_ERASED)))
        .returning({ id: deadlineExtensions.id })
    ).length
    const groupIds = tx.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.learnerId, learner.id))
    const dossierCount =
      (
        await tx
          .select({ n: count() })
          .from(dossiers)
          .where(or(eq(dossiers.learnerId, learner.id), inArray(dossiers.groupId, groupIds)))
      )[0]?.n ?? 0
    const submissionCount =
      (
        await tx
          .select({ n: count() })
          .from(submissions)
          .innerJoin(dossiers, eq(dossiers.id, submissions.dossierId))
          .where(or(eq(dossiers.learnerId, learner.id), inArray(dossiers.groupId, groupIds)))
      )[0]?.n ?? 0
    const messagesKept = (await tx.select({ n: count() }).from(commentMessages).where(eq(commentMessages.authorId, learner.id)))[0]?.n ?? 0
    const submitter = await renameSubmitter(tx, learner.id, label)
    await logAudit(
      tx,
      admin,
      'learner-anonymise',
      learner.id,
      {
        sessions: status.sessions.length,
        dossiers: dossierCount,
        submissions: submissionCount,
        messagesKept,
        loginSessionsEnded,
        passwordLinksDeleted: linksDeleted,
        loginAttemptsDeleted: attemptsDeleted,
        notificationsDeleted,
        extensionReasonsErased: reasonsErased,
        submitterNamesRenamed: submitter,
      },
      now,
    )
    return { label, shortId, dossiers: dossierCount, submissions: submissionCount, submitterNamesRenamed: submitter }
  })
}

/* ---------------- Delete ---------------- */

export const DELETED_SUBMITTER = 'Candidat·e supprimé·e'

export type DeleteResult = {
  shortId: string
  dossiers: number
  groupsLeft: number
  groupsDeleted: number
  files: number
  filesNotRemoved: number
  submitterNamesRenamed: number
}

/** Removes files from disk; returns how many could not be removed (already gone counts as removed). */
function removeFiles(paths: readonly string[]): number {
  let failed = 0
  for (const file of paths) {
    try {
      fs.rmSync(file, { force: true })
    } catch {
      failed++
    }
  }
  return failed
}

/**
 * Deletes a learner's account and individual work, in one transaction, once
 * the retention period of every session they took part in has elapsed
 * (`confirmation`: the account's e-mail as the admin typed it). Their files
 * are removed from disk after the commit, so a refusal or a failure loses
 * nothing.
 */
export async function deleteLearner(
  admin: SessionUser,
  learnerId: string,
  confirmation: string,
  now = new Date(),
  db: DbHandle = getDb(),
): Promise<DeleteResult> {
  const outcome = await transaction(db, async (tx) => {
    const learner = await requireSubject(tx, admin, learnerId, 'update:user:any')
    await requireErasable(tx, learner, confirmation, now)
    const id = learner.id
    const myGroupIds = (await tx.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.learnerId, id))).map((m) => m.id)
    const fellows = myGroupIds.length ? await tx.select().from(groupMembers).where(inArray(groupMembers.groupId, myGroupIds)) : []
    const memberships = myGroupIds.map((groupId) => ({ groupId, others: fellows.filter((f) => f.groupId === groupId && f.learnerId !== id).length }))
    const emptied = memberships.filter((m) => m.others === 0).map((m) => m.groupId)
    const left = memberships.filter((m) => m.others > 0).map((m) => m.groupId)

    // Everything that goes: their own dossiers, and those of groups left with nobody.
    const gone = (
      await tx
        .select({ id: dossiers.id })
        .from(dossiers)
        .where(emptied.length ? or(eq(dossiers.learnerId, id), inArray(dossiers.groupId, emptied)) : eq(dossiers.learnerId, id))
    ).map((d) => d.id)
    const goneUploads = gone.length ? await tx.select({ id: uploads.id }).from(uploads).where(inArray(uploads.dossierId, gone)) : []
    const goneShas = gone.length
      ? (
          await tx
            .selectDistinct({ sha256: submissionFiles.sha256 })
            .from(submissionFiles)
            .innerJoin(submissions, eq(submissions.id, submissionFiles.submissionId))
            .where(inArray(submissions.dossierId, gone))
        ).map((r) => r.sha256)
      : []
    const submissionsGone = gone.length ? ((await tx.select({ n: count() }).from(submissions).where(inArray(submissions.dossierId, gone)))[0]?.n ?? 0) : 0
    const gradingsGone =
      (
        await tx
          .select({ n: count() })
          .from(gradings)
          .innerJoin(jurorAssignments, eq(jurorAssignments.id, gradings.assignmentId))
          .where(emptied.length ? or(eq(jurorAssignments.learnerId, id), inArray(jurorAssignments.groupId, emptied)) : eq(jurorAssignments.learnerId, id))
      )[0]?.n ?? 0

    // In the groups that stay: their replies are erased (« message supprimé »), their review requests lose their message.
    const stayingDossiers = left.length ? (await tx.select({ id: dossiers.id }).from(dossiers).where(inArray(dossiers.groupId, left))).map((d) => d.id) : []
    let messagesErased = 0
    if (stayingDossiers.length) {
      const threads = tx.select({ id: commentThreads.id }).from(commentThreads).where(inArray(commentThreads.dossierId, stayingDossiers))
      messagesErased = (
        await tx
          .update(commentMessages)
          .set({ body: '', deletedAt: now })
          .where(and(eq(commentMessages.authorId, id), inArray(commentMessages.threadId, threads), sql`${commentMessages.deletedAt} is null`))
          .returning({ id: commentMessages.id })
      ).length
      await tx
        .update(reviewRounds)
        .set({ message: '' })
        .where(and(eq(reviewRounds.requestedBy, id), inArray(reviewRounds.dossierId, stayingDossiers)))
    }
    // Grades given to them as a member of a group that stays, and records keyed by their id without a foreign key.
    await tx.delete(gradeEntries).where(eq(gradeEntries.learnerId, id))
    await tx.delete(competencyOverrides).where(eq(competencyOverrides.learnerId, id))
    await tx.delete(reconciledEntries).where(eq(reconciledEntries.learnerId, id))
    const subjects = [id, ...emptied]
    await tx.delete(reconciliations).where(inArray(reconciliations.subjectId, subjects))
    await tx.delete(candidateCodes).where(inArray(candidateCodes.subjectId, subjects))
    await tx.delete(loginAttempts).where(eq(loginAttempts.email, learner.email.toLowerCase()))

    // Groups left empty go with their dossiers, draws and jury assignments (cascades).
    if (emptied.length) await tx.delete(groups).where(inArray(groups.id, emptied))
    // The account: its roles, login sessions and links, enrolments, memberships, individual dossiers
    // (sections, revisions, images, threads, hand-ins — the snapshot triggers allow it once the dossier
    // is gone), self-assessments, extensions, jury assignments and their grades and logs, decisions.
    await tx.delete(users).where(eq(users.id, id))
    // Hand-ins of groups that stay: the name goes too (the trigger allows it once the account is gone).
    const submitter = await renameSubmitter(tx, id, DELETED_SUBMITTER)

    await logAudit(
      tx,
      admin,
      'learner-delete',
      id,
      {
        dossiers: gone.length,
        submissions: submissionsGone,
        gradings: gradingsGone,
        files: goneUploads.length,
        groupsLeft: left.length,
        groupsDeleted: emptied.length,
        messagesErased,
        submitterNamesRenamed: submitter,
      },
      now,
    )
    return { id, gone, goneUploads: goneUploads.map((u) => u.id), goneShas, left: left.length, emptied: emptied.length, submitterNamesRenamed: submitter }
  })

  // After the commit: the bytes of the images, and the snapshot copies no hand-in refers to any more.
  const stillUsed = new Set(
    outcome.goneShas.length
      ? (await db.selectDistinct({ sha256: submissionFiles.sha256 }).from(submissionFiles).where(inArray(submissionFiles.sha256, outcome.goneShas))).map(
          (r) => r.sha256,
        )
      : [],
  )
  const paths = [
    ...outcome.goneUploads.map((u) => path.join(uploadsDir(), u)),
    ...outcome.goneShas.filter((s) => !stillUsed.has(s)).map((s) => path.join(snapshotsDir(), s)),
  ]
  const filesNotRemoved = removeFiles(paths)
  return {
    shortId: shortIdOf(outcome.id),
    dossiers: outcome.gone.length,
    groupsLeft: outcome.left,
    groupsDeleted: outcome.emptied,
    files: outcome.goneUploads.length,
    filesNotRemoved,
    submitterNamesRenamed: outcome.submitterNamesRenamed,
  }
}
