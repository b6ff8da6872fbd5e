import { and, desc, eq, inArray, or } from 'drizzle-orm'
import type { FieldValue } from '~/domain/fields'
import type { Status } from '~/domain/self-assessment'
import type { SmartValue } from '~/domain/smart'
import { forbidden, type SessionUser } from './auth.server'
import { getDb, IMMEDIATE, schema } from './db.server'
import { referentiel } from './referentiel.server'
import { mainTemplateOf, rexTemplateOf, templatesById } from './templates.server'

const { dossiers, dossierSections, dossierRevisions, enrollments, groups, groupMembers, selfAssessments, users } = schema

export type Dossier = typeof dossiers.$inferSelect

/**
 * Consecutive saves of one author on one section share a revision for this
 * long; a save that removes a large part of the content always starts a new
 * one, so an accidental deletion can be undone from the history.
 */
const REVISION_WINDOW_MS = 2 * 60 * 1000

function shrinksALot(before: unknown, after: unknown): boolean {
  const a = JSON.stringify(before).length
  const b = JSON.stringify(after).length
  return a - b > 100 && b < a * 0.75
}

/**
 * Creates the dossiers a learner is due and does not have yet: one per
 * individual épreuve, the group's dossier for each group épreuve they belong
 * to, and their individual REX. Idempotent (unique indexes).
 */
export function ensureLearnerDossiers(learnerId: string) {
  const db = getDb()
  const sessions = db.select({ id: enrollments.examSessionId }).from(enrollments).where(eq(enrollments.learnerId, learnerId)).all()
  const memberships = db
    .select({ groupId: groups.id, evaluationId: groups.evaluationId, examSessionId: groups.examSessionId })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groupMembers.learnerId, learnerId))
    .all()
  const rows: (typeof dossiers.$inferInsert)[] = []
  for (const { id: examSessionId } of sessions) {
    for (const evaluation of referentiel.evaluations) {
      const main = mainTemplateOf(evaluation.id)
      if (!main) continue
      if (evaluation.mode === 'individual') {
        rows.push({ examSessionId, evaluationId: evaluation.id, templateId: main.id, learnerId })
        continue
      }
      // Group work (and the REX that follows it) starts once the learner has a group.
      const group = memberships.find((m) => m.examSessionId === examSessionId && m.evaluationId === evaluation.id)
      if (!group) continue
      rows.push({ examSessionId, evaluationId: evaluation.id, templateId: main.id, groupId: group.groupId })
      const rex = rexTemplateOf(evaluation.id)
      if (rex) rows.push({ examSessionId, evaluationId: evaluation.id, templateId: rex.id, learnerId })
    }
  }
  if (rows.length) db.insert(dossiers).values(rows).onConflictDoNothing().run()
}

/** The dossiers a learner may open (their own and their groups'), scoped in the query. */
function learnerScope(learnerId: string) {
  const db = getDb()
  return or(
    eq(dossiers.learnerId, learnerId),
    inArray(dossiers.groupId, db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.learnerId, learnerId))),
  )
}

export function learnerDossiers(learnerId: string, examSessionId: string) {
  return getDb()
    .select()
    .from(dossiers)
    .where(and(eq(dossiers.examSessionId, examSessionId), learnerScope(learnerId)))
    .all()
}

/**
 * The dossier `dossierId` if `user` may work on it: 404 when it does not
 * exist, 403 when it belongs to someone else. Learners only for now; tutors
 * and jurors get their own scopes with their issues.
 */
export function requireDossierForUser(user: SessionUser, dossierId: string): Dossier {
  const db = getDb()
  const exists = db.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.id, dossierId)).get()
  if (!exists) throw new Response('Ce dossier n’existe pas.', { status: 404 })
  if (!user.roles.includes('learner')) forbidden('Ce dossier n’est pas le vôtre.')
  const dossier = db.select().from(dossiers).where(and(eq(dossiers.id, dossierId), learnerScope(user.id))).get()
  if (!dossier) forbidden('Ce dossier n’est pas le vôtre.')
  return dossier
}

export function templateOfDossier(dossier: Dossier) {
  const template = templatesById.get(dossier.templateId)
  if (!template) throw new Error(`Unknown template ${dossier.templateId}`)
  return template
}

export type SectionState = { content: FieldValue; version: number; updatedAt: number; updatedBy: string | null }

export function sectionStates(dossierId: string): Record<string, SectionState> {
  const rows = getDb()
    .select({
      sectionId: dossierSections.sectionId,
      content: dossierSections.content,
      version: dossierSections.version,
      updatedAt: dossierSections.updatedAt,
      updatedBy: users.name,
    })
    .from(dossierSections)
    .leftJoin(users, eq(users.id, dossierSections.updatedBy))
    .where(eq(dossierSections.dossierId, dossierId))
    .all()
  return Object.fromEntries(
    rows.map((r) => [r.sectionId, { content: r.content as FieldValue, version: r.version, updatedAt: r.updatedAt.getTime(), updatedBy: r.updatedBy }]),
  )
}

export function groupMemberNames(groupId: string | null): string[] {
  if (!groupId) return []
  return getDb()
    .select({ name: users.name })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.learnerId))
    .where(eq(groupMembers.groupId, groupId))
    .all()
    .map((r) => r.name)
    .sort((a, b) => a.localeCompare(b, 'fr'))
}

/**
 * The SMART objectives written in the dossiers a learner may open in one
 * session (a KPI can say which one it measures). Scoped like the dossiers.
 */
export function learnerObjectives(learnerId: string, examSessionId: string): { id: string; label: string; where: string }[] {
  const owned = learnerDossiers(learnerId, examSessionId)
  const wanted = owned.flatMap((d) => {
    const template = templateOfDossier(d)
    return template.sections.filter((s) => s.field.kind === 'smart').map((s) => ({ dossierId: d.id, sectionId: s.id, where: template.title }))
  })
  if (wanted.length === 0) return []
  const rows = getDb()
    .select({ dossierId: dossierSections.dossierId, sectionId: dossierSections.sectionId, content: dossierSections.content })
    .from(dossierSections)
    .where(inArray(dossierSections.dossierId, [...new Set(wanted.map((w) => w.dossierId))]))
    .all()
  return wanted.flatMap((w) => {
    const row = rows.find((r) => r.dossierId === w.dossierId && r.sectionId === w.sectionId)
    const objectives = (row?.content as SmartValue | undefined)?.objectives ?? []
    return objectives.filter((o) => o.label.trim()).map((o) => ({ id: o.id, label: o.label.trim(), where: w.where }))
  })
}

export type SaveResult =
  | { ok: true; version: number; savedAt: number }
  | { ok: false; conflict: SectionState }

/**
 * Saves a section if `baseVersion` is the current version; otherwise returns
 * the current state so the client can show the conflict. `conflict-copy`
 * keeps a version aside in the history without touching the current content.
 */
export function saveSection(input: {
  dossierId: string
  sectionId: string
  baseVersion: number
  content: FieldValue
  authorId: string
  kind?: 'save' | 'restore' | 'conflict-copy'
}): SaveResult {
  const db = getDb()
  const kind = input.kind ?? 'save'
  return db.transaction((tx) => {
    const now = new Date()
    const current = tx
      .select()
      .from(dossierSections)
      .where(and(eq(dossierSections.dossierId, input.dossierId), eq(dossierSections.sectionId, input.sectionId)))
      .get()
    const currentVersion = current?.version ?? 0

    if (kind === 'conflict-copy') {
      tx.insert(dossierRevisions)
        .values({ dossierId: input.dossierId, sectionId: input.sectionId, version: currentVersion, kind, content: input.content, authorId: input.authorId, createdAt: now, updatedAt: now })
        .run()
      return { ok: true, version: currentVersion, savedAt: now.getTime() }
    }

    if (kind === 'save' && currentVersion !== input.baseVersion) {
      const name = current?.updatedBy
        ? (tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedBy)).get()?.name ?? null)
        : null
      return {
        ok: false,
        conflict: { content: current!.content as FieldValue, version: currentVersion, updatedAt: current!.updatedAt.getTime(), updatedBy: name },
      }
    }

    const version = currentVersion + 1
    tx.insert(dossierSections)
      .values({ dossierId: input.dossierId, sectionId: input.sectionId, content: input.content, version, updatedAt: now, updatedBy: input.authorId })
      .onConflictDoUpdate({
        target: [dossierSections.dossierId, dossierSections.sectionId],
        set: { content: input.content, version, updatedAt: now, updatedBy: input.authorId },
      })
      .run()

    const last = tx
      .select()
      .from(dossierRevisions)
      .where(and(eq(dossierRevisions.dossierId, input.dossierId), eq(dossierRevisions.sectionId, input.sectionId)))
      .orderBy(desc(dossierRevisions.id))
      .get()
    const coalesce =
      kind === 'save' &&
      last?.kind === 'save' &&
      last.authorId === input.authorId &&
      last.version === currentVersion &&
      now.getTime() - last.createdAt.getTime() < REVISION_WINDOW_MS &&
      !shrinksALot(last.content, input.content)
    if (coalesce) {
      tx.update(dossierRevisions).set({ version, content: input.content, updatedAt: now }).where(eq(dossierRevisions.id, last.id)).run()
    } else {
      tx.insert(dossierRevisions)
        .values({ dossierId: input.dossierId, sectionId: input.sectionId, version, kind, content: input.content, authorId: input.authorId, createdAt: now, updatedAt: now })
        .run()
    }
    return { ok: true, version, savedAt: now.getTime() }
  }, IMMEDIATE)
}

export function listRevisions(dossierId: string) {
  return getDb()
    .select({
      id: dossierRevisions.id,
      sectionId: dossierRevisions.sectionId,
      version: dossierRevisions.version,
      kind: dossierRevisions.kind,
      author: users.name,
      createdAt: dossierRevisions.createdAt,
      updatedAt: dossierRevisions.updatedAt,
    })
    .from(dossierRevisions)
    .leftJoin(users, eq(users.id, dossierRevisions.authorId))
    .where(eq(dossierRevisions.dossierId, dossierId))
    .orderBy(desc(dossierRevisions.updatedAt), desc(dossierRevisions.id))
    .all()
}

export function getRevision(dossierId: string, revisionId: number) {
  return getDb()
    .select({
      id: dossierRevisions.id,
      sectionId: dossierRevisions.sectionId,
      version: dossierRevisions.version,
      kind: dossierRevisions.kind,
      content: dossierRevisions.content,
      author: users.name,
      updatedAt: dossierRevisions.updatedAt,
    })
    .from(dossierRevisions)
    .leftJoin(users, eq(users.id, dossierRevisions.authorId))
    .where(and(eq(dossierRevisions.dossierId, dossierId), eq(dossierRevisions.id, revisionId)))
    .get()
}

/** Restores a revision as the new current content; the replaced content stays in the history. */
export function restoreRevision(dossierId: string, revisionId: number, authorId: string) {
  const revision = getRevision(dossierId, revisionId)
  if (!revision) return null
  const result = saveSection({ dossierId, sectionId: revision.sectionId, baseVersion: -1, content: revision.content as FieldValue, authorId, kind: 'restore' })
  return { ...result, sectionId: revision.sectionId }
}

export function learnerStatuses(learnerId: string, examSessionId: string) {
  return getDb()
    .select({ criterionId: selfAssessments.criterionId, status: selfAssessments.status, justification: selfAssessments.justification })
    .from(selfAssessments)
    .where(and(eq(selfAssessments.learnerId, learnerId), eq(selfAssessments.examSessionId, examSessionId)))
    .all()
}

export function setSelfAssessment(input: { learnerId: string; examSessionId: string; criterionId: string; status: Status; justification: string }) {
  const now = new Date()
  getDb()
    .insert(selfAssessments)
    .values({ ...input, updatedAt: now })
    .onConflictDoUpdate({
      target: [selfAssessments.learnerId, selfAssessments.examSessionId, selfAssessments.criterionId],
      set: { status: input.status, justification: input.justification, updatedAt: now },
    })
    .run()
}
