import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// A database of its own for this file, set before anything opens it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-seed-'))
process.env.DATABASE_URL = path.join(dir, 'test.db')
const { getDb, closeDb } = await import('#db/client')
const schema = await import('#db/schema')
const { seed, DEMO_DOMAIN } = await import('./seed')
const { DEADLINE_OFFSETS, DEMO_CONTENT, DEMO_GRADINGS, EXTENSION, HANDED_IN_GROUP, HANDED_IN_INDIVIDUAL } = await import('./seed-jury')
const { parisLocal } = await import('~/domain/hand-in')
const { valueSchema } = await import('~/kinds/schemas')
const { templatesById } = await import('~/services/templates.server')
const { referentiel } = await import('#templates/referentiel')
const { loadSnapshot, snapshotFile, verifySnapshot } = await import('~/services/submissions.server')

// A fixed « today »: 3 December 2026, 10 h in Paris.
const NOW = new Date('2026-12-03T09:00:00Z')
const idOf = (local: string) =>
  getDb()
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.email, `${local}@${DEMO_DOMAIN}`))
    .get()!.id

let first: Awaited<ReturnType<typeof seed>>
beforeAll(async () => {
  first = await seed({ learners: 9, now: NOW })
}, 60_000)
afterAll(() => {
  closeDb()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('demo seed: deadlines and hand-ins', () => {
  it('dates every épreuve in Paris time, some past and some ahead, cut-off three days after the deadline; anonymous for the cas pratiques', () => {
    const rows = getDb().select().from(schema.evaluationInstances).all()
    expect(rows).toHaveLength(referentiel.evaluations.length)
    for (const evaluation of referentiel.evaluations) {
      const row = rows.find((r) => r.evaluationId === evaluation.id)!
      expect(row.anonymous, evaluation.id).toBe(evaluation.type === 'cas-pratique')
      // 18 h Paris, whatever the season.
      expect(parisLocal(row.dueAt).slice(11), evaluation.id).toBe('18:00')
      expect(row.cutoffAt.getTime() - row.dueAt.getTime()).toBeGreaterThanOrEqual(3 * 86_400_000 - 3_600_000)
      expect(row.dueAt.getTime() < NOW.getTime(), evaluation.id).toBe(DEADLINE_OFFSETS[evaluation.id]! < 0)
    }
    expect(rows.some((r) => r.anonymous && r.cutoffAt < NOW)).toBe(true)
    expect(rows.some((r) => r.anonymous && r.dueAt > NOW)).toBe(true)
  })

  it('grants one extension, with its reason, past the instance’s cut-off', () => {
    const [extension] = getDb().select().from(schema.deadlineExtensions).all()
    expect(extension?.reason).toBe(EXTENSION.reason)
    const instance = getDb().select().from(schema.evaluationInstances).where(eq(schema.evaluationInstances.id, extension!.instanceId)).get()!
    expect(instance.cutoffAt < NOW && extension!.dueAt > NOW).toBe(true)
  })

  it('writes content each section’s schema accepts', () => {
    for (const [templateId, content] of Object.entries(DEMO_CONTENT)) {
      const template = templatesById.get(templateId)!
      for (const i of [0, 1, 2]) {
        for (const [sectionId, value] of Object.entries(content(i))) {
          const section = template.sections.find((s) => s.id === sectionId)
          expect(section, `${templateId}/${sectionId}`).toBeDefined()
          const parsed = valueSchema(section!.field).safeParse(value)
          expect(parsed.success ? [] : parsed.error.issues.map((x) => x.message), `${templateId}/${sectionId}`).toEqual([])
        }
      }
    }
  })

  it('hands in copies of the past épreuves only, each snapshot intact, some late', () => {
    const db = getDb()
    const rows = db
      .select({
        id: schema.submissions.id,
        timing: schema.submissions.timing,
        evaluationId: schema.evaluationInstances.evaluationId,
        dueAt: schema.evaluationInstances.dueAt,
      })
      .from(schema.submissions)
      .innerJoin(schema.evaluationInstances, eq(schema.evaluationInstances.id, schema.submissions.instanceId))
      .all()
    expect(rows.length).toBe(first.jury.submissions)
    expect(new Set(rows.map((r) => r.evaluationId))).toEqual(new Set([...HANDED_IN_INDIVIDUAL, HANDED_IN_GROUP]))
    expect(rows.filter((r) => r.timing === 'late').length).toBeGreaterThan(0)
    for (const r of rows) expect(verifySnapshot(r.id).ok).toBe(true)
  })

  it('gives jure1 copies to grade on first login: an anonymous cas pratique (with an image), a fiche, a group and its REX', () => {
    const db = getDb()
    const juror = idOf('jure1')
    const assignments = db.select().from(schema.jurorAssignments).where(eq(schema.jurorAssignments.jurorId, juror)).all()
    const handedIn = (evaluationId: string) =>
      db
        .select({
          id: schema.submissions.id,
          templateId: schema.submissions.templateId,
          learnerId: schema.dossiers.learnerId,
          groupId: schema.dossiers.groupId,
        })
        .from(schema.submissions)
        .innerJoin(schema.dossiers, eq(schema.dossiers.id, schema.submissions.dossierId))
        .where(eq(schema.dossiers.evaluationId, evaluationId))
        .all()
    const mine = (evaluationId: string) => {
      const targets = new Set(assignments.filter((a) => a.evaluationId === evaluationId).flatMap((a) => [a.learnerId, a.groupId]))
      return handedIn(evaluationId).filter((s) => targets.has(s.learnerId) || targets.has(s.groupId))
    }
    expect(mine('cas-pratique-a3').length).toBeGreaterThanOrEqual(3)
    expect(mine('fiche-veille').length).toBeGreaterThanOrEqual(3)
    expect(mine(HANDED_IN_GROUP).filter((s) => s.groupId).length).toBeGreaterThanOrEqual(1)
    // The REX of the members of jure1's groups.
    const groupIds = assignments.filter((a) => a.evaluationId === HANDED_IN_GROUP).map((a) => a.groupId!)
    const members = db.select().from(schema.groupMembers).where(inArray(schema.groupMembers.groupId, groupIds)).all()
    const rex = handedIn(HANDED_IN_GROUP).filter((s) => s.templateId === `${HANDED_IN_GROUP}-rex` && members.some((m) => m.learnerId === s.learnerId))
    expect(rex.length).toBeGreaterThanOrEqual(2)

    // Candidat1's anonymous cas pratique shows an image, copied into the snapshot.
    const zoe = idOf('candidat1')
    const copy = handedIn('cas-pratique-a3').find((s) => s.learnerId === zoe)!
    const snapshot = loadSnapshot(copy.id)!
    expect(snapshot.files).toHaveLength(1)
    const file = snapshotFile(copy.id, snapshot.files[0]!.uploadId)!
    expect(file.mime).toBe('image/png')
    expect([...file.bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    // Nothing handed in names a learner.
    const names = db
      .select({ name: schema.users.name })
      .from(schema.users)
      .all()
      .map((u) => u.name)
    const text = JSON.stringify(snapshot.sections.map((s) => s.value))
    for (const name of names) for (const part of name.split(' ')) expect(text).not.toContain(part)
  })

  it('starts two of jure1’s grids through the grading service: one under way citing an item, one closed, each with its audit trail', () => {
    const db = getDb()
    const rows = db
      .select({
        id: schema.gradings.id,
        status: schema.gradings.status,
        jurorId: schema.jurorAssignments.jurorId,
        evaluationId: schema.jurorAssignments.evaluationId,
      })
      .from(schema.gradings)
      .innerJoin(schema.jurorAssignments, eq(schema.jurorAssignments.id, schema.gradings.assignmentId))
      .all()
    expect(rows.map((r) => [r.evaluationId, r.status]).sort()).toEqual([
      [DEMO_GRADINGS.closed.evaluationId, 'closed'],
      [DEMO_GRADINGS.inProgress.evaluationId, 'open'],
    ])
    expect(rows.every((r) => r.jurorId === idOf('jure1'))).toBe(true)
    const open = rows.find((r) => r.status === 'open')!
    const entries = db.select().from(schema.gradeEntries).where(eq(schema.gradeEntries.gradingId, open.id)).all()
    expect(entries).toHaveLength(3)
    expect(entries.some((e) => e.evidence.length === 1 && e.evidence[0]!.kind === 'item')).toBe(true)
    const audit = db.select().from(schema.gradeAudit).all()
    expect(audit.filter((a) => a.gradingId === open.id).length).toBeGreaterThanOrEqual(7)
    expect(audit.some((a) => a.action === 'close')).toBe(true)
    expect(first.gradings).toEqual({ gradings: 2, cells: expect.any(Number) })
  })

  it('leaves candidat1 dossiers to hand in, with deadlines ahead', () => {
    const db = getDb()
    const zoe = idOf('candidat1')
    const open = db
      .select({ id: schema.dossiers.id, evaluationId: schema.dossiers.evaluationId })
      .from(schema.dossiers)
      .innerJoin(
        schema.evaluationInstances,
        and(
          eq(schema.evaluationInstances.examSessionId, schema.dossiers.examSessionId),
          eq(schema.evaluationInstances.evaluationId, schema.dossiers.evaluationId),
        ),
      )
      .where(eq(schema.dossiers.learnerId, zoe))
      .all()
      .filter((d) => DEADLINE_OFFSETS[d.evaluationId]! > 0)
    expect(open.length).toBeGreaterThanOrEqual(5)
    const handedIn = db
      .select({ id: schema.submissions.id })
      .from(schema.submissions)
      .where(
        inArray(
          schema.submissions.dossierId,
          open.map((d) => d.id),
        ),
      )
      .all()
    expect(handedIn).toEqual([])
  })

  it('is idempotent: a second run replaces the demo session, its hand-ins and upload files', async () => {
    const uploads = () => fs.readdirSync(path.join(dir, 'uploads'))
    expect(uploads()).toHaveLength(1)
    const again = await seed({ learners: 9, now: NOW })
    expect(again.jury.submissions).toBe(first.jury.submissions)
    expect(getDb().select().from(schema.submissions).all()).toHaveLength(first.jury.submissions)
    expect(getDb().select().from(schema.evaluationInstances).all()).toHaveLength(referentiel.evaluations.length)
    expect(uploads()).toHaveLength(1)
  }, 60_000)
})
