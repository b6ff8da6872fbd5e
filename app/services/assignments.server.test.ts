import { eq } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('assignments')
const schema = await import('#db/schema')
const { AssignmentsError, AssignmentsFormSchema, assignJurors, assignTutor, assignmentsOverview, bulkAssignJurors, tutorConflicts, unassignTutor } =
  await import('./assignments.server')
const { referentielIndex } = await import('./referentiel.server')

let n = 0
async function person(roles: Role[], name: string) {
  const id = (
    await getDb()
      .insert(schema.users)
      .values({ email: `a${++n}@test.fr`, name, passwordHash: 'x' })
      .returning()
  )[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return id
}
async function refusal(f: () => Promise<unknown>) {
  try {
    await f()
  } catch (error) {
    if (error instanceof AssignmentsError) return { status: error.status, message: error.message }
    throw error
  }
  throw new Error('not refused')
}

let sessionId = ''
const p = {} as Record<'j1' | 'j2' | 'j3' | 'tutor' | 'tutor2' | 'l1' | 'l2' | 'l3' | 'outsider' | 'learnerOnly', string>
let groupId = ''

beforeAll(async () => {
  const db = getDb()
  p.j1 = await person(['juror'], 'Alice Juré')
  p.j2 = await person(['juror'], 'Bruno Juré')
  p.j3 = await person(['juror', 'tutor'], 'Chloé Tutrice-Jurée')
  p.tutor = await person(['tutor'], 'Denis Tuteur')
  p.tutor2 = await person(['tutor'], 'Emma Tutrice')
  p.l1 = await person(['learner'], 'Léa Un')
  p.l2 = await person(['learner'], 'Marc Deux')
  p.l3 = await person(['learner'], 'Nina Trois')
  p.outsider = await person(['learner'], 'Olivier Ailleurs')
  p.learnerOnly = await person(['learner'], 'Paul Sans-rôle')
  sessionId = (await db.insert(schema.examSessions).values({ name: 'Session 2027', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  for (const learnerId of [p.l1, p.l2, p.l3]) await db.insert(schema.enrollments).values({ examSessionId: sessionId, learnerId })
  const due = new Date('2027-03-01')
  await db.insert(schema.evaluationInstances).values({ examSessionId: sessionId, evaluationId: 'fiche-veille', dueAt: due, cutoffAt: due })
  await db
    .insert(schema.evaluationInstances)
    .values({ examSessionId: sessionId, evaluationId: 'cas-pratique-a3', dueAt: due, cutoffAt: due, doubleMarking: true })
  const groupEval = [...referentielIndex.evaluations.values()].find((e) => e.mode === 'group')!.id
  await db.insert(schema.evaluationInstances).values({ examSessionId: sessionId, evaluationId: groupEval, dueAt: due, cutoffAt: due })
  groupId = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: groupEval, name: 'Alpha' }).returning())[0]!.id
  await db.insert(schema.groupMembers).values({ groupId, learnerId: p.l1 })
  await db.insert(schema.groupMembers).values({ groupId, learnerId: p.l2 })
})
beforeEach(async () => {
  await getDb().delete(schema.jurorAssignments)
  await getDb().delete(schema.tutorAssignments)
})

const instance = async (evaluationId: string) => (await assignmentsOverview(sessionId))!.instances.find((i) => i.evaluationId === evaluationId)!
const copy = async (evaluationId: string, subjectId: string) => (await instance(evaluationId)).copies.find((c) => c.subjectId === subjectId)!

describe('tutors', () => {
  it('assigns learners to a tutor and lists them', async () => {
    const out = await assignTutor(sessionId, p.tutor, [p.l1, p.l2])
    expect(out.message).toContain('Denis Tuteur suit désormais 2\u00a0candidat·es de plus')
    const tutoring = (await assignmentsOverview(sessionId))!.tutoring.find((t) => t.tutor.id === p.tutor)!
    expect(tutoring.learners.map((l) => l.name)).toEqual(['Léa Un', 'Marc Deux'])
  })
  it('replaces a learner’s previous tutor and says so', async () => {
    await assignTutor(sessionId, p.tutor, [p.l1])
    const out = await assignTutor(sessionId, p.tutor2, [p.l1])
    expect(out.message).toContain('Léa Un n’est plus suivi·e par Denis Tuteur.')
    const rows = await getDb().select().from(schema.tutorAssignments).where(eq(schema.tutorAssignments.learnerId, p.l1))
    expect(rows.map((r) => r.tutorId)).toEqual([p.tutor2])
  })
  it('refuses a non-tutor, a learner not enrolled, and removes a tutoring', async () => {
    expect(await refusal(() => assignTutor(sessionId, p.j1, [p.l1]))).toMatchObject({ status: 400 })
    expect(await refusal(() => assignTutor(sessionId, p.tutor, [p.outsider]))).toMatchObject({ status: 400 })
    expect(await refusal(() => assignTutor('nope', p.tutor, [p.l1]))).toMatchObject({ status: 404 })
    await assignTutor(sessionId, p.tutor, [p.l1])
    expect((await unassignTutor(sessionId, p.tutor, p.l1)).message).toBe('Denis Tuteur ne suit plus Léa Un.')
    expect(await refusal(() => unassignTutor(sessionId, p.tutor, p.l1))).toMatchObject({ status: 404 })
  })
})

describe('jurors of one copy', () => {
  it('sets one juror on a single-marked copy, and refuses two or a non-juror', async () => {
    await assignJurors(sessionId, 'fiche-veille', p.l1, [p.j1])
    expect((await copy('fiche-veille', p.l1)).jurors.map((j) => j.jurorId)).toEqual([p.j1])
    expect((await instance('fiche-veille')).unassigned).toBe(2)
    expect(await refusal(() => assignJurors(sessionId, 'fiche-veille', p.l1, [p.j1, p.j2]))).toMatchObject({ status: 400 })
    expect(await refusal(() => assignJurors(sessionId, 'fiche-veille', p.l1, [p.tutor]))).toMatchObject({ status: 400 })
    expect(await refusal(() => assignJurors(sessionId, 'fiche-veille', p.outsider, [p.j1]))).toMatchObject({ status: 404 })
    // Replacing keeps a single assignment.
    await assignJurors(sessionId, 'fiche-veille', p.l1, [p.j2])
    expect((await copy('fiche-veille', p.l1)).jurors.map((j) => j.jurorId)).toEqual([p.j2])
  })
  it('double marking needs two distinct jurors, the first leads; swapping the lead keeps the rows', async () => {
    expect(await refusal(() => assignJurors(sessionId, 'cas-pratique-a3', p.l1, [p.j1]))).toMatchObject({ status: 400 })
    expect(await refusal(() => assignJurors(sessionId, 'cas-pratique-a3', p.l1, [p.j1, p.j1]))).toMatchObject({ status: 400 })
    const out = await assignJurors(sessionId, 'cas-pratique-a3', p.l1, [p.j1, p.j2])
    expect(out.message).toContain('Alice Juré (principal·e) et Bruno Juré')
    const first = (await copy('cas-pratique-a3', p.l1)).jurors
    expect(first.map((j) => [j.jurorId, j.lead])).toEqual([
      [p.j1, true],
      [p.j2, false],
    ])
    await assignJurors(sessionId, 'cas-pratique-a3', p.l1, [p.j2, p.j1])
    const swapped = (await copy('cas-pratique-a3', p.l1)).jurors
    expect(swapped.map((j) => [j.jurorId, j.lead])).toEqual([
      [p.j2, true],
      [p.j1, false],
    ])
    expect(new Set(swapped.map((j) => j.assignmentId))).toEqual(new Set(first.map((j) => j.assignmentId)))
  })
  it('refuses to change a copy whose grading started', async () => {
    await assignJurors(sessionId, 'fiche-veille', p.l2, [p.j1])
    const a = (await copy('fiche-veille', p.l2)).jurors[0]!
    await getDb().insert(schema.gradings).values({ assignmentId: a.assignmentId, updatedAt: new Date() })
    expect(await refusal(() => assignJurors(sessionId, 'fiche-veille', p.l2, [p.j2]))).toEqual({
      status: 409,
      message: expect.stringContaining('a déjà commencé'),
    })
    await getDb().update(schema.gradings).set({ status: 'closed' })
    expect(await refusal(() => assignJurors(sessionId, 'fiche-veille', p.l2, []))).toEqual({ status: 409, message: expect.stringContaining('est close') })
  })
  it('assigns a group copy', async () => {
    const groupEval = (await assignmentsOverview(sessionId))!.instances.find((i) => i.mode === 'group')!
    await assignJurors(sessionId, groupEval.evaluationId, groupId, [p.j3])
    const row = (await getDb().select().from(schema.jurorAssignments).where(eq(schema.jurorAssignments.groupId, groupId)))[0]!
    expect(row).toMatchObject({ jurorId: p.j3, learnerId: null })
  })
})

describe('bulk assignment', () => {
  it('distributes the unassigned copies round-robin, skipping assigned ones', async () => {
    await assignJurors(sessionId, 'fiche-veille', p.l1, [p.j3])
    const out = await bulkAssignJurors(sessionId, 'fiche-veille', [p.j1, p.j2])
    expect(out.copies).toBe(2)
    expect(out.perJuror.map((x) => x.count)).toEqual([1, 1])
    expect((await copy('fiche-veille', p.l1)).jurors.map((j) => j.jurorId)).toEqual([p.j3])
    expect((await copy('fiche-veille', p.l2)).jurors.map((j) => j.jurorId)).toEqual([p.j1])
    expect((await copy('fiche-veille', p.l3)).jurors.map((j) => j.jurorId)).toEqual([p.j2])
    expect((await bulkAssignJurors(sessionId, 'fiche-veille', [p.j1])).copies).toBe(0)
  })
  it('pairs consecutive jurors with a rotating lead, never a juror with themself', async () => {
    const out = await bulkAssignJurors(sessionId, 'cas-pratique-a3', [p.j1, p.j2, p.j3])
    expect(out.copies).toBe(3)
    expect(out.perJuror.map((x) => x.count)).toEqual([2, 2, 2])
    const pairs = (await instance('cas-pratique-a3')).copies.map((c) => c.jurors.map((j) => `${j.name}${j.lead ? '*' : ''}`))
    expect(pairs).toEqual([
      ['Alice Juré*', 'Bruno Juré'],
      ['Bruno Juré*', 'Chloé Tutrice-Jurée'],
      ['Chloé Tutrice-Jurée*', 'Alice Juré'],
    ])
    expect((await instance('cas-pratique-a3')).unassigned).toBe(0)
  })
  it('needs two jurors for pairs, and one juror role each', async () => {
    expect(await refusal(() => bulkAssignJurors(sessionId, 'cas-pratique-a3', [p.j1]))).toMatchObject({ status: 400 })
    expect(await refusal(() => bulkAssignJurors(sessionId, 'cas-pratique-a3', [p.j1, p.j1]))).toMatchObject({ status: 400 })
    expect(await refusal(() => bulkAssignJurors(sessionId, 'fiche-veille', [p.learnerOnly]))).toMatchObject({ status: 400 })
    expect(await refusal(() => bulkAssignJurors(sessionId, 'dossier-inconnu', [p.j1]))).toMatchObject({ status: 404 })
  })
})

describe('tutor = juror', () => {
  it('warns (never refuses) when a juror tutors the candidate or a group member', async () => {
    await assignTutor(sessionId, p.j3, [p.l2])
    const out = await assignJurors(sessionId, 'fiche-veille', p.l2, [p.j3])
    expect(out.warnings).toEqual([expect.stringContaining('Chloé Tutrice-Jurée corrige la copie de Marc Deux')])
    const groupEval = (await assignmentsOverview(sessionId))!.instances.find((i) => i.mode === 'group')!.evaluationId
    const bulk = await bulkAssignJurors(sessionId, groupEval, [p.j3])
    expect(bulk.warnings).toEqual([expect.stringContaining('du groupe «\u00a0Alpha\u00a0»')])
    expect(await tutorConflicts(sessionId)).toHaveLength(2)
    expect((await assignmentsOverview(sessionId))!.conflicts).toHaveLength(2)
  })
})

it('parses the forms by intent', () => {
  expect(AssignmentsFormSchema.safeParse({ intent: 'nope' }).success).toBe(false)
  expect(AssignmentsFormSchema.safeParse({ intent: 'jurors', evaluationId: 'fiche-veille', subjectId: 'x', jurorIds: ['a', ''] }).success).toBe(true)
})
