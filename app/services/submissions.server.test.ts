import fs from 'node:fs'
import path from 'node:path'
import { and, eq, sql } from 'drizzle-orm'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb, execute, queryRows, usesPostgres } = await setupTempDb('submissions')
const schema = await import('#db/schema')
const { timeParam } = await import('./db.server')
const { parisInstant, parisLocal } = await import('~/domain/hand-in')
const { learnerDossiers } = await import('./dossiers.server')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { saveSection } = await import('./dossier-sections.server')
const { saveAttachment, saveUpload, sniffAttachment } = await import('./uploads.server')
const sub = await import('./submissions.server')
const { drawGroupThemes } = await import('./theme-draws.server')
const { snapshotExport } = await import('./exports/snapshot-export.server')
const { dossiersToDocx } = await import('./exports/docx.server')
const { handIn, HandInError, handInSummary, loadSnapshot, snapshotsDir, submissionsOfDossier, verifySnapshot } = sub
type Dossier = Awaited<ReturnType<typeof learnerDossiers>>[number]
type User = { id: string; name: string; email: string; roles: Role[] }

// A 2×1 red PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAHAQEAq0gRmwAAAABJRU5ErkJggg==', 'base64')

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

const at = (local: string) => {
  const d = parisInstant(local)
  if (!d) throw new Error(`bad local time ${local}`)
  return d
}
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta)
const doc = (...paragraphs: string[]) => ({
  type: 'doc' as const,
  content: paragraphs.map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })),
})
const table = (...rows: Record<string, string | null>[]) => ({ rows: rows.map((cells, i) => ({ id: `row-${String(i).padStart(4, '0')}`, cells })) })

let counter = 0
async function person(roles: Role[], name = `Personne ${++counter}`): Promise<User> {
  const db = getDb()
  const email = `p${++counter}@test.fr`
  const id = (await db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  for (const role of roles) await db.insert(schema.userRoles).values({ userId: id, role })
  return { id, name, email, roles }
}
async function session(name = `Session ${++counter}`) {
  return (await getDb().insert(schema.examSessions).values({ name, startsOn: '2027-01-01', endsOn: '2027-12-31' }).returning())[0]!.id
}
async function instance(sessionId: string, evaluationId: string, dueAt: Date, cutoffAt: Date, anonymous = false) {
  return (await getDb().insert(schema.evaluationInstances).values({ examSessionId: sessionId, evaluationId, dueAt, cutoffAt, anonymous }).returning())[0]!
}
const dossierOf = async (learner: User, sessionId: string, templateId: string): Promise<Dossier> =>
  (await learnerDossiers(learner.id, sessionId)).find((d) => d.templateId === templateId)!
const version = async (dossierId: string, sectionId: string) =>
  (
    await getDb()
      .select({ v: schema.dossierSections.version })
      .from(schema.dossierSections)
      .where(and(eq(schema.dossierSections.dossierId, dossierId), eq(schema.dossierSections.sectionId, sectionId)))
  )[0]?.v ?? 0
async function save(dossier: Dossier, author: User, sectionId: string, content: unknown) {
  const r = await saveSection({
    dossierId: dossier.id,
    sectionId,
    baseVersion: await version(dossier.id, sectionId),
    content: content as never,
    authorId: author.id,
  })
  expect(r.ok).toBe(true)
}
/** An individual learner enrolled in a new session whose `evaluationId` instance has this window. */
async function individual(evaluationId: string, dueAt: Date, cutoffAt: Date) {
  const learner = await person(['learner'])
  const sessionId = await session()
  await enrollLearners(getDb(), sessionId, [learner.id])
  const inst = await instance(sessionId, evaluationId, dueAt, cutoffAt)
  return { learner, sessionId, instance: inst, dossier: await dossierOf(learner, sessionId, evaluationId) }
}
async function refusal(f: () => Promise<unknown>): Promise<{ status: number; message: string; problems: string[] }> {
  try {
    await f()
  } catch (error) {
    if (error instanceof HandInError) return { status: error.status, message: error.message, problems: error.problems.map((p) => p.message) }
    if (error instanceof Response) return { status: error.status, message: '', problems: [] }
    throw error
  }
  throw new Error('expected a refusal')
}
/** drizzle's « Failed query » with the database's error under it (its cause). */
async function dbError(f: () => Promise<unknown>): Promise<string> {
  try {
    await f()
  } catch (error) {
    const e = error as Error & { cause?: Error }
    return `${e.message} ${e.cause?.message ?? ''}`
  }
  return 'no error'
}
const count = async (table: string) => ((await queryRows(getDb(), sql.raw(`select count(*) as n from ${table}`)))[0] as { n: number }).n

beforeAll(() => {
  getDb()
})

describe('deadlines, in Paris time', () => {
  it('on time up to the deadline included, late up to the cut-off included, refused after — nothing stored', async () => {
    const due = at('2027-05-20T12:00')
    const cutoff = at('2027-05-21T12:00')
    expect(due.toISOString()).toBe('2027-05-20T10:00:00.000Z')
    const { learner, dossier } = await individual('fiche-veille', due, cutoff)
    expect((await handIn(learner, dossier.id, { confirmed: true, now: due })).submission.timing).toBe('on-time')
    expect((await handIn(learner, dossier.id, { confirmed: true, now: ms(due, 1) })).submission.timing).toBe('late')
    expect((await handIn(learner, dossier.id, { confirmed: true, now: cutoff })).submission.timing).toBe('late')
    const before = await count('submissions')
    const refused = await refusal(async () => await handIn(learner, dossier.id, { confirmed: true, now: ms(cutoff, 1) }))
    expect(refused.status).toBe(400)
    expect(refused.message).toBe('La date limite est dépassée\u00a0: le dépôt était possible jusqu’au 21 mai 2027 à 12\u00a0h\u00a000 (heure de Paris).')
    expect(await count('submissions')).toBe(before)
    expect((await submissionsOfDossier(dossier.id)).map((s) => s.timing)).toEqual(['late', 'late', 'on-time'])
  })

  it('the night summer time starts: a 03:30 deadline is 01:30 UTC', async () => {
    const due = at('2027-03-28T03:30')
    const cutoff = at('2027-03-28T04:00')
    expect(due.toISOString()).toBe('2027-03-28T01:30:00.000Z')
    expect(at('2027-03-28T01:59').toISOString()).toBe('2027-03-28T00:59:00.000Z')
    const { learner, dossier } = await individual('fiche-veille', due, cutoff)
    expect((await handIn(learner, dossier.id, { confirmed: true, now: due })).submission.timing).toBe('on-time')
    // 02:00 UTC is 04:00 in Paris: late (a deadline read as winter time, 02:30 UTC, would still call it on time).
    expect((await handIn(learner, dossier.id, { confirmed: true, now: new Date('2027-03-28T01:30:00.001Z') })).submission.timing).toBe('late')
    expect((await handIn(learner, dossier.id, { confirmed: true, now: new Date('2027-03-28T02:00:00.000Z') })).submission.timing).toBe('late')
    expect((await refusal(async () => await handIn(learner, dossier.id, { confirmed: true, now: new Date('2027-03-28T02:00:00.001Z') }))).status).toBe(400)
  })

  it('the night summer time ends: the hour 02:00–03:00 happens twice, and the repeated hour after a 02:30 deadline is late', async () => {
    // 02:30 the first time (summer time, UTC+2), as an instant: both 00:30 and 01:30 UTC read « 02:30 » on Paris clocks.
    const due = new Date('2027-10-31T00:30:00.000Z')
    expect(parisLocal(due)).toBe('2027-10-31T02:30')
    expect(parisLocal(new Date('2027-10-31T01:30:00.000Z'))).toBe('2027-10-31T02:30')
    // Typed in, « 02:30 » that night is the second (winter-time) one: the later instant.
    expect(at('2027-10-31T02:30').toISOString()).toBe('2027-10-31T01:30:00.000Z')
    const cutoff = at('2027-10-31T03:30')
    expect(cutoff.toISOString()).toBe('2027-10-31T02:30:00.000Z')
    const { learner, dossier } = await individual('fiche-veille', due, cutoff)
    expect((await handIn(learner, dossier.id, { confirmed: true, now: due })).submission.timing).toBe('on-time')
    expect((await handIn(learner, dossier.id, { confirmed: true, now: ms(due, 1) })).submission.timing).toBe('late')
    // 01:00 UTC is 02:00 again on Paris clocks (winter time): before 02:30 on the wall, but after the deadline.
    expect(parisLocal(new Date('2027-10-31T01:00:00.000Z'))).toBe('2027-10-31T02:00')
    expect((await handIn(learner, dossier.id, { confirmed: true, now: new Date('2027-10-31T01:00:00.000Z') })).submission.timing).toBe('late')
    expect((await handIn(learner, dossier.id, { confirmed: true, now: cutoff })).submission.timing).toBe('late')
    expect((await refusal(async () => await handIn(learner, dossier.id, { confirmed: true, now: ms(cutoff, 1) }))).status).toBe(400)
  })

  it('an extension moves both limits for its learner only, and says why', async () => {
    const due = at('2027-06-01T18:00')
    const cutoff = at('2027-06-02T18:00')
    const a = await individual('fiche-veille', due, cutoff)
    const other = await person(['learner'])
    await enrollLearners(getDb(), a.sessionId, [other.id])
    const otherDossier = await dossierOf(other, a.sessionId, 'fiche-veille')
    const extDue = at('2027-06-08T18:00')
    const extCutoff = at('2027-06-09T18:00')
    await getDb()
      .insert(schema.deadlineExtensions)
      .values({ instanceId: a.instance.id, learnerId: a.learner.id, dueAt: extDue, cutoffAt: extCutoff, reason: 'Arrêt maladie du 25 mai au 1er juin' })
    expect((await handInSummary(a.dossier)).window).toEqual({
      dueAt: extDue.getTime(),
      cutoffAt: extCutoff.getTime(),
      extension: 'Arrêt maladie du 25 mai au 1er juin',
    })
    expect((await handIn(a.learner, a.dossier.id, { confirmed: true, now: ms(cutoff, 1) })).submission.timing).toBe('on-time')
    expect((await handIn(a.learner, a.dossier.id, { confirmed: true, now: extDue })).submission.timing).toBe('on-time')
    expect((await handIn(a.learner, a.dossier.id, { confirmed: true, now: ms(extDue, 1) })).submission.timing).toBe('late')
    expect((await handIn(a.learner, a.dossier.id, { confirmed: true, now: extCutoff })).submission.timing).toBe('late')
    expect((await refusal(async () => await handIn(a.learner, a.dossier.id, { confirmed: true, now: ms(extCutoff, 1) }))).status).toBe(400)
    expect((await refusal(async () => await handIn(other, otherDossier.id, { confirmed: true, now: ms(cutoff, 1) }))).status).toBe(400)
    expect((await handInSummary(otherDossier, ms(cutoff, 1))).state).toBe('refused')
  })

  it('refuses while the instance has no deadline, and without the statement confirmed', async () => {
    const learner = await person(['learner'])
    const sessionId = await session()
    await enrollLearners(getDb(), sessionId, [learner.id])
    const dossier = await dossierOf(learner, sessionId, 'fiche-veille')
    expect(await refusal(async () => await handIn(learner, dossier.id, { confirmed: true }))).toMatchObject({
      status: 400,
      message: 'La date de dépôt de cette épreuve n’est pas encore fixée.',
    })
    expect((await handInSummary(dossier)).state).toBe('draft')
    await instance(sessionId, 'fiche-veille', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    expect(await refusal(async () => await handIn(learner, dossier.id, { confirmed: false, now: at('2027-05-01T12:00') }))).toMatchObject({
      status: 400,
      message: sub.NOT_CONFIRMED,
    })
    expect(await submissionsOfDossier(dossier.id)).toEqual([])
  })
})

describe('who may hand in', () => {
  it('only the learners of the dossier: not another learner, its tutor, a juror or an admin', async () => {
    const { learner, sessionId, dossier } = await individual('fiche-veille', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const other = await person(['learner'])
    const tutor = await person(['tutor'])
    const juror = await person(['juror'])
    const admin = await person(['admin'])
    await getDb().insert(schema.tutorAssignments).values({ examSessionId: sessionId, tutorId: tutor.id, learnerId: learner.id })
    await getDb().insert(schema.jurorAssignments).values({ examSessionId: sessionId, jurorId: juror.id, evaluationId: 'fiche-veille', learnerId: learner.id })
    const now = at('2027-05-01T12:00')
    for (const who of [other, tutor, juror, admin])
      expect((await refusal(async () => await handIn(who, dossier.id, { confirmed: true, now }))).status).toBe(403)
    expect((await refusal(async () => await handIn(learner, 'no-such-dossier', { confirmed: true, now }))).status).toBe(404)
    expect(await submissionsOfDossier(dossier.id)).toEqual([])
  })
})

describe('a group hands in once, and every member sees who and when', () => {
  it('freezes every section (never-saved ones empty), with the group statement and the member who handed in', async () => {
    const [a, b, c] = [await person(['learner'], 'Inès Martin'), await person(['learner'], 'Hugo Bernard'), await person(['learner'], 'Lina Petit')]
    const sessionId = await session()
    await enrollLearners(getDb(), sessionId, [a.id, b.id, c.id])
    const groupId = (
      await getDb().insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'serious-game-a11', name: 'Les Créatifs' }).returning()
    )[0]!.id
    await addGroupMembers(getDb(), groupId, [a.id, b.id, c.id])
    const inst = await instance(sessionId, 'serious-game-a11', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const dossier = await dossierOf(a, sessionId, 'serious-game-a11')
    expect(dossier.groupId).toBe(groupId)

    // Serious game: at least 3 professionals in the testing phase.
    await save(dossier, a, 'testing', table({ professionnel: 'Anne Roux' }, { professionnel: 'Paul Morel' }))
    const blocked = await refusal(async () => await handIn(b, dossier.id, { confirmed: true, now: at('2027-05-01T12:00') }))
    expect(blocked).toEqual({
      status: 400,
      message: sub.BLOCKED,
      problems: [
        'Phase de testing\u00a0: au moins 3 professionnels consultés lors du testing, 2 pour l’instant.',
        'Le tirage des thèmes n’est pas fait pour\u00a0: Hugo Bernard, Inès Martin, Lina Petit.',
      ],
    })
    expect(await submissionsOfDossier(dossier.id)).toEqual([])
    await save(dossier, a, 'testing', table({ professionnel: 'Anne Roux' }, { professionnel: 'Paul Morel' }, { professionnel: 'Léa Petit' }))
    // Serious game: every member has drawn a theme.
    expect((await refusal(async () => await handIn(b, dossier.id, { confirmed: true, now: at('2027-05-01T12:00') }))).problems).toEqual([
      'Le tirage des thèmes n’est pas fait pour\u00a0: Hugo Bernard, Inès Martin, Lina Petit.',
    ])
    expect((await sub.draftProblems(dossier)).map((p) => p.sectionId)).toEqual(['repartition'])
    await drawGroupThemes(await person(['admin'], 'Agnès Admin'), groupId)
    expect(await sub.draftProblems(dossier)).toEqual([])
    const { submission, candidateCode } = await handIn(b, dossier.id, { confirmed: true, now: at('2027-05-01T12:00') })
    expect(submission).toMatchObject({ submittedBy: b.id, submitterName: 'Hugo Bernard', timing: 'on-time', instanceId: inst.id })
    expect(submission.statement).toMatch(/au nom de mon groupe/)
    expect(candidateCode).toMatch(/^[2-9A-Z]{2}-[2-9A-Z]{4}$/)
    expect(await sub.candidateCode(inst.id, groupId)).toBe(candidateCode)

    const snapshot = (await loadSnapshot(submission.id))!
    expect(snapshot.sections.map((s) => s.section.id)).toEqual(snapshot.template.sections.map((s) => s.id))
    expect(snapshot.sections.find((s) => s.section.id === 'identite-marque')!.value).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
    // Every member sees the same hand-in, with who handed in.
    for (const member of [a, b, c]) {
      const summary = await handInSummary(await dossierOf(member, sessionId, 'serious-game-a11'), at('2027-05-02T12:00'))
      expect(summary).toMatchObject({ state: 'submitted', count: 1, latest: { submitterName: 'Hugo Bernard', fingerprint: submission.fingerprint } })
    }
  })

  it('an individual REX follows the same rules, with its own code and the individual statement', async () => {
    const [a, b] = [await person(['learner']), await person(['learner'])]
    const sessionId = await session()
    await enrollLearners(getDb(), sessionId, [a.id, b.id])
    const groupId = (await getDb().insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name: 'G' }).returning())[0]!.id
    await addGroupMembers(getDb(), groupId, [a.id, b.id])
    const inst = await instance(sessionId, 'msp-a2', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const rex = await dossierOf(a, sessionId, 'msp-a2-rex')
    expect(rex.learnerId).toBe(a.id)
    expect((await refusal(async () => await handIn(b, rex.id, { confirmed: true, now: at('2027-05-01T12:00') }))).status).toBe(403)
    const { submission, candidateCode } = await handIn(a, rex.id, { confirmed: true, now: at('2027-06-01T12:00') })
    expect(submission.statement).toMatch(/travail est personnel/)
    expect(await sub.candidateCode(inst.id, a.id)).toBe(candidateCode)
    expect((await refusal(async () => await handIn(a, rex.id, { confirmed: true, now: ms(at('2027-06-02T12:00'), 1) }))).status).toBe(400)
  })
})

describe('the référentiel’s numbers block hand-in below them and pass at them', () => {
  const now = at('2027-05-01T12:00')
  const event = (format: string | null, i: number) => ({ evenement: `Événement ${i}`, format })

  it('fiche Event: two events, one on site and one digital', async () => {
    const { learner, dossier } = await individual('fiche-event', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    await save(dossier, learner, 'planning', table(event('Présentiel', 1)))
    expect((await refusal(async () => await handIn(learner, dossier.id, { confirmed: true, now }))).problems).toEqual([
      'Planning des événements\u00a0: au moins 2 événements planifiés, 1 pour l’instant.',
      'Planning des événements\u00a0: au moins 1 événement digital, 0 pour l’instant.',
    ])
    await save(dossier, learner, 'planning', table(event('Présentiel', 1), event('Présentiel', 2)))
    expect((await refusal(async () => await handIn(learner, dossier.id, { confirmed: true, now }))).problems).toEqual([
      'Planning des événements\u00a0: au moins 1 événement digital, 0 pour l’instant.',
    ])
    await save(dossier, learner, 'planning', table(event('Digital', 1), event('Digital', 2)))
    expect((await refusal(async () => await handIn(learner, dossier.id, { confirmed: true, now }))).problems).toEqual([
      'Planning des événements\u00a0: au moins 1 événement en présentiel, 0 pour l’instant.',
    ])
    expect(await submissionsOfDossier(dossier.id)).toEqual([])
    await save(dossier, learner, 'planning', table(event('Présentiel', 1), event('Digital', 2)))
    expect(await sub.draftProblems(dossier)).toEqual([])
    expect((await handIn(learner, dossier.id, { confirmed: true, now })).submission.timing).toBe('on-time')
  })

  it('fiche Managériale: two meetings, each with its minutes', async () => {
    const { learner, dossier } = await individual('fiche-manageriale', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const meetings = (...names: string[]) => table(...names.map((reunion) => ({ reunion })))
    const minutes = (...titles: string[]) => ({
      meetings: titles.map((title, i) => ({
        id: `reunion-${i}0000`,
        date: '2027-05-0' + (i + 1),
        title,
        participants: 'Direction marketing',
        agenda: 'Budget',
        decisions: 'Budget validé',
        actions: [],
        nextDate: null,
      })),
    })
    await save(dossier, learner, 'planning-reunions', meetings('Comité de lancement'))
    await save(dossier, learner, 'reunions-comptes-rendus', minutes('Comité de lancement'))
    expect((await refusal(async () => await handIn(learner, dossier.id, { confirmed: true, now }))).problems).toEqual([
      'Planning des réunions\u00a0: au moins 2 réunions planifiées, 1 pour l’instant.',
    ])
    await save(dossier, learner, 'planning-reunions', meetings('Comité de lancement', 'Point d’étape'))
    expect((await refusal(async () => await handIn(learner, dossier.id, { confirmed: true, now }))).problems).toEqual([
      'Réunions et comptes-rendus\u00a0: pas de compte-rendu pour «\u00a0Point d’étape\u00a0» (chaque ligne de «\u00a0Planning des réunions\u00a0» doit y être nommée).',
    ])
    await save(dossier, learner, 'reunions-comptes-rendus', minutes('Comité de lancement', 'Point d’étape'))
    expect((await handIn(learner, dossier.id, { confirmed: true, now })).submission.timing).toBe('on-time')
  })

  it('serious game: three professionals (see the group test), counted once each', async () => {
    const a = await person(['learner'])
    const sessionId = await session()
    await enrollLearners(getDb(), sessionId, [a.id])
    const groupId = (await getDb().insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'serious-game-a11', name: 'G' }).returning())[0]!.id
    await addGroupMembers(getDb(), groupId, [a.id])
    await instance(sessionId, 'serious-game-a11', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const dossier = await dossierOf(a, sessionId, 'serious-game-a11')
    await save(dossier, a, 'testing', table({ professionnel: 'Anne Roux' }, { professionnel: 'ANNE ROUX' }, { professionnel: 'Paul Morel' }))
    expect((await refusal(async () => await handIn(a, dossier.id, { confirmed: true, now }))).problems).toEqual([
      'Phase de testing\u00a0: au moins 3 professionnels consultés lors du testing, 2 pour l’instant.',
      expect.stringMatching(/^Le tirage des thèmes n’est pas fait pour\u00a0: /),
    ])
  })
})

describe('resubmission', () => {
  it('adds a snapshot and keeps the earlier ones as they were; the draft stays editable', async () => {
    const { learner, dossier } = await individual('fiche-veille', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    await save(dossier, learner, 'contexte', doc('Première version'))
    const first = (await handIn(learner, dossier.id, { confirmed: true, now: at('2027-05-01T12:00') })).submission
    await save(dossier, learner, 'contexte', doc('Deuxième version'))
    const second = (await handIn(learner, dossier.id, { confirmed: true, now: at('2027-05-02T12:00') })).submission
    await save(dossier, learner, 'contexte', doc('Troisième version, jamais déposée'))
    expect(second.fingerprint).not.toBe(first.fingerprint)
    expect((await submissionsOfDossier(dossier.id)).map((s) => s.id)).toEqual([second.id, first.id])
    const text = async (id: string) => JSON.stringify((await loadSnapshot(id))!.sections.find((s) => s.section.id === 'contexte')!.value)
    expect(await text(first.id)).toContain('Première version')
    expect(await text(second.id)).toContain('Deuxième version')
    expect((await verifySnapshot(first.id)).ok).toBe(true)
    expect((await verifySnapshot(second.id)).ok).toBe(true)
    expect(await handInSummary(dossier, at('2027-05-03T12:00'))).toMatchObject({ state: 'submitted', count: 2, latest: { id: second.id } })
  })

  it('shows « évalué » once every juror of the target closed their grid, and then refuses a new hand-in', async () => {
    const { learner, sessionId, dossier } = await individual('fiche-veille', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const now = at('2027-05-01T12:00')
    await handIn(learner, dossier.id, { confirmed: true, now })
    const db = getDb()
    const assign = async () =>
      (
        await db
          .insert(schema.jurorAssignments)
          .values({ examSessionId: sessionId, jurorId: (await person(['juror'])).id, evaluationId: 'fiche-veille', learnerId: learner.id })
          .returning()
      )[0]!.id
    const [one, two] = [await assign(), await assign()]
    await db.insert(schema.gradings).values({ assignmentId: one, status: 'closed', closedAt: now, updatedAt: now })
    expect((await handInSummary(dossier, now)).state).toBe('submitted') // the second juror has not started
    await db.insert(schema.gradings).values({ assignmentId: two, status: 'open', updatedAt: now })
    expect((await handInSummary(dossier, now)).state).toBe('submitted')
    await db.update(schema.gradings).set({ status: 'closed', closedAt: now }).where(eq(schema.gradings.assignmentId, two))
    expect((await handInSummary(dossier, now)).state).toBe('graded')
    expect(await refusal(async () => await handIn(learner, dossier.id, { confirmed: true, now }))).toMatchObject({ status: 409, message: sub.ALREADY_GRADED })
  })
})

describe('snapshots are immutable', () => {
  /** A hand-in with an image, so that it has a file. */
  async function handedInWithImage(bytes: Buffer = PNG) {
    const { learner, dossier } = await individual('fiche-veille', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const upload = await saveUpload(dossier.id, learner.id, bytes, 'image/png')
    await save(dossier, learner, 'contexte', {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Notre veille' }] },
        { type: 'image', attrs: { src: `/fichiers/${upload.id}`, alt: 'Schéma' } },
      ],
    })
    const { submission } = await handIn(learner, dossier.id, { confirmed: true, now: at('2027-05-01T12:00') })
    return { learner, dossier, submission, upload }
  }

  it('copies the files the content shows, and serves them from the copy', async () => {
    const { submission, upload } = await handedInWithImage()
    const snapshot = (await loadSnapshot(submission.id))!
    expect(snapshot.files).toEqual([{ uploadId: upload.id, sha256: sub.sha256(PNG), mime: 'image/png', size: PNG.byteLength }])
    expect(Buffer.from((await sub.snapshotFile(submission.id, upload.id))!.bytes).equals(PNG)).toBe(true)
    expect(await sub.snapshotFile(submission.id, 'not-there')).toBeNull()
    expect(await verifySnapshot(submission.id)).toMatchObject({ ok: true, expected: submission.fingerprint, actual: submission.fingerprint })
  })

  it('freezes an evidence file joined in a table (issue 15 §4) and its fingerprint covers the file', async () => {
    const { learner, dossier } = await individual('cas-pratique-a10', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const sniffed = await sniffAttachment(PDF)
    if ('error' in sniffed) throw new Error(sniffed.error)
    const file = await saveAttachment(dossier.id, learner.id, PDF, { ...sniffed, name: 'planning éditorial.pdf' })
    const cells = { fichier: file, usage: 'Planning éditorial', outil: 'Tableur', fonctions: 'Filtres' }
    await save(dossier, learner, 'fichiers-bureautiques', { rows: [{ id: 'row-0000', cells }] })
    const { submission } = await handIn(learner, dossier.id, { confirmed: true, now: at('2027-05-01T12:00') })
    const snapshot = (await loadSnapshot(submission.id))!
    const uploadId = file.src.split('/').pop()!
    expect(snapshot.files).toEqual([{ uploadId, sha256: sub.sha256(PDF), mime: 'application/pdf', size: PDF.byteLength }])
    expect(snapshot.sections.find((s) => s.section.id === 'fichiers-bureautiques')!.value).toEqual({ rows: [{ id: 'row-0000', cells }] })
    expect(Buffer.from((await sub.snapshotFile(submission.id, uploadId))!.bytes).equals(PDF)).toBe(true)
    expect(await verifySnapshot(submission.id)).toMatchObject({ ok: true })
  })

  it('refuses UPDATE and DELETE of submissions, their sections and their files, by raw SQL', async () => {
    const { submission } = await handedInWithImage()
    const db = getDb()
    const id = submission.id
    for (const statement of [
      sql`update submissions set fingerprint = 'x' where id = ${id}`,
      sql`update submissions set submitted_at = ${timeParam(0)} where id = ${id}`,
      sql`delete from submissions where id = ${id}`,
      sql`update submission_sections set content = '{}' where submission_id = ${id}`,
      sql`delete from submission_sections where submission_id = ${id}`,
      sql`update submission_files set sha256 = 'x' where submission_id = ${id}`,
      sql`delete from submission_files where submission_id = ${id}`,
    ]) {
      // The error's message names the statement.
      expect(await dbError(async () => await execute(db, statement))).toMatch(/snapshot is immutable/)
    }
    expect((await verifySnapshot(id)).ok).toBe(true)
  })

  describe('a snapshot changed behind the app’s back fails its fingerprint check', () => {
    const TRIGGERS = { submission_sections: 'submission_sections_immutable', submission_files: 'submission_files_immutable' }
    /**
     * Runs `tamper` with the immutability triggers off, then puts them back: on SQLite, dropped then created again
     * from their saved SQL; on PostgreSQL, disabled then enabled.
     */
    async function withoutTriggers(tamper: () => Promise<unknown>) {
      const db = getDb()
      if (usesPostgres()) {
        const alter = async (action: 'disable' | 'enable') => {
          for (const [table, name] of Object.entries(TRIGGERS)) await execute(db, sql.raw(`alter table ${table} ${action} trigger ${name}`))
        }
        await alter('disable')
        try {
          await tamper()
        } finally {
          await alter('enable')
        }
        return
      }
      const saved: string[] = []
      for (const name of Object.values(TRIGGERS)) {
        saved.push(((await queryRows(db, sql`select sql from sqlite_master where type = 'trigger' and name = ${name}`))[0] as { sql: string }).sql)
      }
      for (const name of Object.values(TRIGGERS)) await execute(db, sql.raw(`drop trigger ${name}`))
      try {
        await tamper()
      } finally {
        for (const statement of saved) await execute(db, sql.raw(statement))
      }
    }

    it('a section’s content changed', async () => {
      const { submission } = await handedInWithImage()
      await withoutTriggers(
        async () =>
          await execute(
            getDb(),
            sql`update submission_sections set content = ${JSON.stringify(doc('Réécrit après coup'))} where submission_id = ${submission.id} and section_id = 'contexte'`,
          ),
      )
      const check = await verifySnapshot(submission.id)
      expect(check.ok).toBe(false)
      expect(check.expected).toBe(submission.fingerprint)
      expect(check.actual).not.toBe(submission.fingerprint)
      // The triggers are back.
      expect(
        await dbError(async () => await execute(getDb(), sql`update submission_sections set content = '{}' where submission_id = ${submission.id}`)),
      ).toMatch(/immutable/)
    })

    it('a section added (no trigger needed: inserting is how it would be done)', async () => {
      const { submission } = await handedInWithImage()
      await getDb()
        .insert(schema.submissionSections)
        .values({ submissionId: submission.id, sectionId: 'ajout', content: doc('Ajouté') })
      expect((await verifySnapshot(submission.id)).ok).toBe(false)
    })

    it('a file’s record changed', async () => {
      const { submission } = await handedInWithImage()
      await withoutTriggers(async () => await execute(getDb(), sql`update submission_files set size = size + 1 where submission_id = ${submission.id}`))
      expect((await verifySnapshot(submission.id)).ok).toBe(false)
    })

    it('a file’s bytes altered on disk', async () => {
      // Bytes of its own (files are shared by SHA-256), so that no other test reads the altered copy.
      const own = Buffer.concat([PNG, Buffer.from('tampered-test')])
      const { submission } = await handedInWithImage(own)
      expect((await verifySnapshot(submission.id)).ok).toBe(true)
      const file = path.join(snapshotsDir(), sub.sha256(own))
      fs.writeFileSync(file, Buffer.concat([own, Buffer.from('!')]))
      expect((await verifySnapshot(submission.id)).ok).toBe(false)
      fs.rmSync(file)
      expect((await verifySnapshot(submission.id)).ok).toBe(false)
    })
  })

  it('no service or route has code that updates or deletes a snapshot', () => {
    const forbidden = [
      /\.(update|delete)\(\s*(schema\.)?submission(s|Sections|Files)\b/,
      /\b(update|delete\s+from)\s+[`"']?submission(s|_sections|_files)\b/i,
      /\.(update|delete)\(\s*(schema\.)?(candidateCodes)\b/,
    ]
    // The patterns do catch such code.
    expect(forbidden[0]!.test('tx.update(submissions).set({ fingerprint })')).toBe(true)
    expect(forbidden[0]!.test('db.delete(schema.submissionFiles)')).toBe(true)
    expect(forbidden[1]!.test('db.run(sql`DELETE FROM submission_sections WHERE 1`)')).toBe(true)
    const files = (folder: string): string[] =>
      fs.readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(folder, e.name)
        if (e.isDirectory()) return files(p)
        return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : []
      })
    const sources = [...files(path.resolve('app/services')), ...files(path.resolve('app/routes'))]
    expect(sources.length).toBeGreaterThan(20)
    // The data protection service's two exceptions: the submitter's name once their account is anonymised or
    // deleted (migration 0008), and a deleted learner's (or emptied group's) candidate codes.
    const allowed = [
      /\.update\(submissions\)\s*\.set\(\{ submitterName: name \}\)/,
      /\.delete\(candidateCodes\)\.where\(inArray\(candidateCodes\.subjectId, subjects\)\)/,
    ]
    const code = (file: string) => {
      const text = fs.readFileSync(file, 'utf8')
      return file.endsWith(path.join('services', 'data-protection.server.ts')) ? allowed.reduce((t, re) => t.replace(re, ''), text) : text
    }
    const offenders = sources.filter((file) => forbidden.some((re) => re.test(code(file))))
    expect(offenders).toEqual([])
  })
})

describe('the export of a hand-in', () => {
  it('is built from the snapshot, names only whom the caller says, and prints the fingerprint and the hand-in time', async () => {
    const { learner, dossier } = await individual('fiche-veille', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    await save(dossier, learner, 'contexte', doc('Version déposée'))
    const { submission, candidateCode } = await handIn(learner, dossier.id, { confirmed: true, now: at('2027-06-01T14:05') })
    await save(dossier, learner, 'contexte', doc('Brouillon modifié après le dépôt'))
    const model = await snapshotExport((await loadSnapshot(submission.id))!, { candidate: candidateCode, members: [] })
    expect(model).toMatchObject({ candidate: candidateCode, members: [], fingerprint: submission.fingerprint, late: true, selfAssessment: [] })
    const serialized = JSON.stringify({ ...model, images: [...model.images.keys()], objectives: [...model.objectives] })
    expect(serialized).not.toContain(learner.name)
    expect(serialized).not.toContain(learner.email)
    expect(serialized).toContain('Version déposée')
    expect(serialized).not.toContain('Brouillon modifié')

    const zip = await JSZip.loadAsync(await dossiersToDocx([model], 'Fiche de veille', model.evaluationTitle))
    const textOf = async (name: string) => [...(await zip.file(name)!.async('string')).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
    const body = await textOf('word/document.xml')
    expect(body).toContain(`Empreinte SHA-256 du dépôt\u00a0: ${submission.fingerprint}`)
    expect(body).toContain('Dépôt : le 1 juin 2027 à 14\u00a0h\u00a005 (heure de Paris), en retard')
    expect(body).toContain(candidateCode)
    expect(body).not.toContain(learner.name)
    expect(body).not.toContain('Annexe')
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^word\/header\d*\.xml$/.test(n))
        .map(textOf),
    )
    expect(headers.join('')).toContain(
      `Déposé en retard le 1 juin 2027 à 14\u00a0h\u00a005 (heure de Paris) — Empreinte SHA-256 du dépôt\u00a0: ${submission.fingerprint}`,
    )
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^word\/footer\d*\.xml$/.test(n))
        .map(textOf),
    )
    expect(footers.join('')).toContain(`Empreinte SHA-256 du dépôt\u00a0: ${submission.fingerprint.slice(0, 16)}`)
  })
})
