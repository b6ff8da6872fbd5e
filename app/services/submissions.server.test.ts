import fs from 'node:fs'
import path from 'node:path'
import { and, eq, sql } from 'drizzle-orm'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('submissions')
const schema = await import('#db/schema')
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
type Dossier = ReturnType<typeof learnerDossiers>[number]
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
function person(roles: Role[], name = `Personne ${++counter}`): User {
  const db = getDb()
  const email = `p${++counter}@test.fr`
  const id = db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning().get().id
  for (const role of roles) db.insert(schema.userRoles).values({ userId: id, role }).run()
  return { id, name, email, roles }
}
function session(name = `Session ${++counter}`) {
  return getDb().insert(schema.examSessions).values({ name, startsOn: '2027-01-01', endsOn: '2027-12-31' }).returning().get().id
}
function instance(sessionId: string, evaluationId: string, dueAt: Date, cutoffAt: Date, anonymous = false) {
  return getDb().insert(schema.evaluationInstances).values({ examSessionId: sessionId, evaluationId, dueAt, cutoffAt, anonymous }).returning().get()
}
const dossierOf = (learner: User, sessionId: string, templateId: string): Dossier =>
  learnerDossiers(learner.id, sessionId).find((d) => d.templateId === templateId)!
const version = (dossierId: string, sectionId: string) =>
  getDb()
    .select({ v: schema.dossierSections.version })
    .from(schema.dossierSections)
    .where(and(eq(schema.dossierSections.dossierId, dossierId), eq(schema.dossierSections.sectionId, sectionId)))
    .get()?.v ?? 0
function save(dossier: Dossier, author: User, sectionId: string, content: unknown) {
  const r = saveSection({ dossierId: dossier.id, sectionId, baseVersion: version(dossier.id, sectionId), content: content as never, authorId: author.id })
  expect(r.ok).toBe(true)
}
/** An individual learner enrolled in a new session whose `evaluationId` instance has this window. */
function individual(evaluationId: string, dueAt: Date, cutoffAt: Date) {
  const learner = person(['learner'])
  const sessionId = session()
  enrollLearners(getDb(), sessionId, [learner.id])
  const inst = instance(sessionId, evaluationId, dueAt, cutoffAt)
  return { learner, sessionId, instance: inst, dossier: dossierOf(learner, sessionId, evaluationId) }
}
function refusal(f: () => unknown): { status: number; message: string; problems: string[] } {
  try {
    f()
  } catch (error) {
    if (error instanceof HandInError) return { status: error.status, message: error.message, problems: error.problems.map((p) => p.message) }
    if (error instanceof Response) return { status: error.status, message: '', problems: [] }
    throw error
  }
  throw new Error('expected a refusal')
}
/** The SQLite error under drizzle's « Failed to run the query ». */
function sqliteError(f: () => unknown): string {
  try {
    f()
  } catch (error) {
    const e = error as Error & { cause?: Error }
    return `${e.message} ${e.cause?.message ?? ''}`
  }
  return 'no error'
}
const count = (table: string) => (getDb().get(sql.raw(`select count(*) as n from ${table}`)) as { n: number }).n

beforeAll(() => {
  getDb()
})

describe('deadlines, in Paris time', () => {
  it('on time up to the deadline included, late up to the cut-off included, refused after — nothing stored', () => {
    const due = at('2027-05-20T12:00')
    const cutoff = at('2027-05-21T12:00')
    expect(due.toISOString()).toBe('2027-05-20T10:00:00.000Z')
    const { learner, dossier } = individual('fiche-veille', due, cutoff)
    expect(handIn(learner, dossier.id, { confirmed: true, now: due }).submission.timing).toBe('on-time')
    expect(handIn(learner, dossier.id, { confirmed: true, now: ms(due, 1) }).submission.timing).toBe('late')
    expect(handIn(learner, dossier.id, { confirmed: true, now: cutoff }).submission.timing).toBe('late')
    const before = count('submissions')
    const refused = refusal(() => handIn(learner, dossier.id, { confirmed: true, now: ms(cutoff, 1) }))
    expect(refused.status).toBe(400)
    expect(refused.message).toBe('La date limite est dépassée\u00a0: le dépôt était possible jusqu’au 21 mai 2027 à 12\u00a0h\u00a000 (heure de Paris).')
    expect(count('submissions')).toBe(before)
    expect(submissionsOfDossier(dossier.id).map((s) => s.timing)).toEqual(['late', 'late', 'on-time'])
  })

  it('the night summer time starts: a 03:30 deadline is 01:30 UTC', () => {
    const due = at('2027-03-28T03:30')
    const cutoff = at('2027-03-28T04:00')
    expect(due.toISOString()).toBe('2027-03-28T01:30:00.000Z')
    expect(at('2027-03-28T01:59').toISOString()).toBe('2027-03-28T00:59:00.000Z')
    const { learner, dossier } = individual('fiche-veille', due, cutoff)
    expect(handIn(learner, dossier.id, { confirmed: true, now: due }).submission.timing).toBe('on-time')
    // 02:00 UTC is 04:00 in Paris: late (a deadline read as winter time, 02:30 UTC, would still call it on time).
    expect(handIn(learner, dossier.id, { confirmed: true, now: new Date('2027-03-28T01:30:00.001Z') }).submission.timing).toBe('late')
    expect(handIn(learner, dossier.id, { confirmed: true, now: new Date('2027-03-28T02:00:00.000Z') }).submission.timing).toBe('late')
    expect(refusal(() => handIn(learner, dossier.id, { confirmed: true, now: new Date('2027-03-28T02:00:00.001Z') })).status).toBe(400)
  })

  it('the night summer time ends: the hour 02:00–03:00 happens twice, and the repeated hour after a 02:30 deadline is late', () => {
    // 02:30 the first time (summer time, UTC+2), as an instant: both 00:30 and 01:30 UTC read « 02:30 » on Paris clocks.
    const due = new Date('2027-10-31T00:30:00.000Z')
    expect(parisLocal(due)).toBe('2027-10-31T02:30')
    expect(parisLocal(new Date('2027-10-31T01:30:00.000Z'))).toBe('2027-10-31T02:30')
    // Typed in, « 02:30 » that night is the second (winter-time) one: the later instant.
    expect(at('2027-10-31T02:30').toISOString()).toBe('2027-10-31T01:30:00.000Z')
    const cutoff = at('2027-10-31T03:30')
    expect(cutoff.toISOString()).toBe('2027-10-31T02:30:00.000Z')
    const { learner, dossier } = individual('fiche-veille', due, cutoff)
    expect(handIn(learner, dossier.id, { confirmed: true, now: due }).submission.timing).toBe('on-time')
    expect(handIn(learner, dossier.id, { confirmed: true, now: ms(due, 1) }).submission.timing).toBe('late')
    // 01:00 UTC is 02:00 again on Paris clocks (winter time): before 02:30 on the wall, but after the deadline.
    expect(parisLocal(new Date('2027-10-31T01:00:00.000Z'))).toBe('2027-10-31T02:00')
    expect(handIn(learner, dossier.id, { confirmed: true, now: new Date('2027-10-31T01:00:00.000Z') }).submission.timing).toBe('late')
    expect(handIn(learner, dossier.id, { confirmed: true, now: cutoff }).submission.timing).toBe('late')
    expect(refusal(() => handIn(learner, dossier.id, { confirmed: true, now: ms(cutoff, 1) })).status).toBe(400)
  })

  it('an extension moves both limits for its learner only, and says why', () => {
    const due = at('2027-06-01T18:00')
    const cutoff = at('2027-06-02T18:00')
    const a = individual('fiche-veille', due, cutoff)
    const other = person(['learner'])
    enrollLearners(getDb(), a.sessionId, [other.id])
    const otherDossier = dossierOf(other, a.sessionId, 'fiche-veille')
    const extDue = at('2027-06-08T18:00')
    const extCutoff = at('2027-06-09T18:00')
    getDb()
      .insert(schema.deadlineExtensions)
      .values({ instanceId: a.instance.id, learnerId: a.learner.id, dueAt: extDue, cutoffAt: extCutoff, reason: 'Arrêt maladie du 25 mai au 1er juin' })
      .run()
    expect(handInSummary(a.dossier).window).toEqual({
      dueAt: extDue.getTime(),
      cutoffAt: extCutoff.getTime(),
      extension: 'Arrêt maladie du 25 mai au 1er juin',
    })
    expect(handIn(a.learner, a.dossier.id, { confirmed: true, now: ms(cutoff, 1) }).submission.timing).toBe('on-time')
    expect(handIn(a.learner, a.dossier.id, { confirmed: true, now: extDue }).submission.timing).toBe('on-time')
    expect(handIn(a.learner, a.dossier.id, { confirmed: true, now: ms(extDue, 1) }).submission.timing).toBe('late')
    expect(handIn(a.learner, a.dossier.id, { confirmed: true, now: extCutoff }).submission.timing).toBe('late')
    expect(refusal(() => handIn(a.learner, a.dossier.id, { confirmed: true, now: ms(extCutoff, 1) })).status).toBe(400)
    expect(refusal(() => handIn(other, otherDossier.id, { confirmed: true, now: ms(cutoff, 1) })).status).toBe(400)
    expect(handInSummary(otherDossier, ms(cutoff, 1)).state).toBe('refused')
  })

  it('refuses while the instance has no deadline, and without the statement confirmed', () => {
    const learner = person(['learner'])
    const sessionId = session()
    enrollLearners(getDb(), sessionId, [learner.id])
    const dossier = dossierOf(learner, sessionId, 'fiche-veille')
    expect(refusal(() => handIn(learner, dossier.id, { confirmed: true }))).toMatchObject({
      status: 400,
      message: 'La date de dépôt de cette épreuve n’est pas encore fixée.',
    })
    expect(handInSummary(dossier).state).toBe('draft')
    instance(sessionId, 'fiche-veille', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    expect(refusal(() => handIn(learner, dossier.id, { confirmed: false, now: at('2027-05-01T12:00') }))).toMatchObject({
      status: 400,
      message: sub.NOT_CONFIRMED,
    })
    expect(submissionsOfDossier(dossier.id)).toEqual([])
  })
})

describe('who may hand in', () => {
  it('only the learners of the dossier: not another learner, its tutor, a juror or an admin', () => {
    const { learner, sessionId, dossier } = individual('fiche-veille', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const other = person(['learner'])
    const tutor = person(['tutor'])
    const juror = person(['juror'])
    const admin = person(['admin'])
    getDb().insert(schema.tutorAssignments).values({ examSessionId: sessionId, tutorId: tutor.id, learnerId: learner.id }).run()
    getDb().insert(schema.jurorAssignments).values({ examSessionId: sessionId, jurorId: juror.id, evaluationId: 'fiche-veille', learnerId: learner.id }).run()
    const now = at('2027-05-01T12:00')
    for (const who of [other, tutor, juror, admin]) expect(refusal(() => handIn(who, dossier.id, { confirmed: true, now })).status).toBe(403)
    expect(refusal(() => handIn(learner, 'no-such-dossier', { confirmed: true, now })).status).toBe(404)
    expect(submissionsOfDossier(dossier.id)).toEqual([])
  })
})

describe('a group hands in once, and every member sees who and when', () => {
  it('freezes every section (never-saved ones empty), with the group statement and the member who handed in', () => {
    const [a, b, c] = [person(['learner'], 'Inès Martin'), person(['learner'], 'Hugo Bernard'), person(['learner'], 'Lina Petit')]
    const sessionId = session()
    enrollLearners(getDb(), sessionId, [a.id, b.id, c.id])
    const groupId = getDb()
      .insert(schema.groups)
      .values({ examSessionId: sessionId, evaluationId: 'serious-game-a11', name: 'Les Créatifs' })
      .returning()
      .get().id
    addGroupMembers(getDb(), groupId, [a.id, b.id, c.id])
    const inst = instance(sessionId, 'serious-game-a11', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const dossier = dossierOf(a, sessionId, 'serious-game-a11')
    expect(dossier.groupId).toBe(groupId)

    // Serious game: at least 3 professionals in the testing phase.
    save(dossier, a, 'testing', table({ professionnel: 'Anne Roux' }, { professionnel: 'Paul Morel' }))
    const blocked = refusal(() => handIn(b, dossier.id, { confirmed: true, now: at('2027-05-01T12:00') }))
    expect(blocked).toEqual({
      status: 400,
      message: sub.BLOCKED,
      problems: [
        'Phase de testing\u00a0: au moins 3 professionnels consultés lors du testing, 2 pour l’instant.',
        'Le tirage des thèmes n’est pas fait pour\u00a0: Hugo Bernard, Inès Martin, Lina Petit.',
      ],
    })
    expect(submissionsOfDossier(dossier.id)).toEqual([])
    save(dossier, a, 'testing', table({ professionnel: 'Anne Roux' }, { professionnel: 'Paul Morel' }, { professionnel: 'Léa Petit' }))
    // Serious game: every member has drawn a theme.
    expect(refusal(() => handIn(b, dossier.id, { confirmed: true, now: at('2027-05-01T12:00') })).problems).toEqual([
      'Le tirage des thèmes n’est pas fait pour\u00a0: Hugo Bernard, Inès Martin, Lina Petit.',
    ])
    expect(sub.draftProblems(dossier).map((p) => p.sectionId)).toEqual(['repartition'])
    drawGroupThemes(person(['admin'], 'Agnès Admin'), groupId)
    expect(sub.draftProblems(dossier)).toEqual([])
    const { submission, candidateCode } = handIn(b, dossier.id, { confirmed: true, now: at('2027-05-01T12:00') })
    expect(submission).toMatchObject({ submittedBy: b.id, submitterName: 'Hugo Bernard', timing: 'on-time', instanceId: inst.id })
    expect(submission.statement).toMatch(/au nom de mon groupe/)
    expect(candidateCode).toMatch(/^[2-9A-Z]{2}-[2-9A-Z]{4}$/)
    expect(sub.candidateCode(inst.id, groupId)).toBe(candidateCode)

    const snapshot = loadSnapshot(submission.id)!
    expect(snapshot.sections.map((s) => s.section.id)).toEqual(snapshot.template.sections.map((s) => s.id))
    expect(snapshot.sections.find((s) => s.section.id === 'identite-marque')!.value).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] })
    // Every member sees the same hand-in, with who handed in.
    for (const member of [a, b, c]) {
      const summary = handInSummary(dossierOf(member, sessionId, 'serious-game-a11'), at('2027-05-02T12:00'))
      expect(summary).toMatchObject({ state: 'submitted', count: 1, latest: { submitterName: 'Hugo Bernard', fingerprint: submission.fingerprint } })
    }
  })

  it('an individual REX follows the same rules, with its own code and the individual statement', () => {
    const [a, b] = [person(['learner']), person(['learner'])]
    const sessionId = session()
    enrollLearners(getDb(), sessionId, [a.id, b.id])
    const groupId = getDb().insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name: 'G' }).returning().get().id
    addGroupMembers(getDb(), groupId, [a.id, b.id])
    const inst = instance(sessionId, 'msp-a2', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const rex = dossierOf(a, sessionId, 'msp-a2-rex')
    expect(rex.learnerId).toBe(a.id)
    expect(refusal(() => handIn(b, rex.id, { confirmed: true, now: at('2027-05-01T12:00') })).status).toBe(403)
    const { submission, candidateCode } = handIn(a, rex.id, { confirmed: true, now: at('2027-06-01T12:00') })
    expect(submission.statement).toMatch(/travail est personnel/)
    expect(sub.candidateCode(inst.id, a.id)).toBe(candidateCode)
    expect(refusal(() => handIn(a, rex.id, { confirmed: true, now: ms(at('2027-06-02T12:00'), 1) })).status).toBe(400)
  })
})

describe('the référentiel’s numbers block hand-in below them and pass at them', () => {
  const now = at('2027-05-01T12:00')
  const event = (format: string | null, i: number) => ({ evenement: `Événement ${i}`, format })

  it('fiche Event: two events, one on site and one digital', () => {
    const { learner, dossier } = individual('fiche-event', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    save(dossier, learner, 'planning', table(event('Présentiel', 1)))
    expect(refusal(() => handIn(learner, dossier.id, { confirmed: true, now })).problems).toEqual([
      'Planning des événements\u00a0: au moins 2 événements planifiés, 1 pour l’instant.',
      'Planning des événements\u00a0: au moins 1 événement digital, 0 pour l’instant.',
    ])
    save(dossier, learner, 'planning', table(event('Présentiel', 1), event('Présentiel', 2)))
    expect(refusal(() => handIn(learner, dossier.id, { confirmed: true, now })).problems).toEqual([
      'Planning des événements\u00a0: au moins 1 événement digital, 0 pour l’instant.',
    ])
    save(dossier, learner, 'planning', table(event('Digital', 1), event('Digital', 2)))
    expect(refusal(() => handIn(learner, dossier.id, { confirmed: true, now })).problems).toEqual([
      'Planning des événements\u00a0: au moins 1 événement en présentiel, 0 pour l’instant.',
    ])
    expect(submissionsOfDossier(dossier.id)).toEqual([])
    save(dossier, learner, 'planning', table(event('Présentiel', 1), event('Digital', 2)))
    expect(sub.draftProblems(dossier)).toEqual([])
    expect(handIn(learner, dossier.id, { confirmed: true, now }).submission.timing).toBe('on-time')
  })

  it('fiche Managériale: two meetings, each with its minutes', () => {
    const { learner, dossier } = individual('fiche-manageriale', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
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
    save(dossier, learner, 'planning-reunions', meetings('Comité de lancement'))
    save(dossier, learner, 'reunions-comptes-rendus', minutes('Comité de lancement'))
    expect(refusal(() => handIn(learner, dossier.id, { confirmed: true, now })).problems).toEqual([
      'Planning des réunions\u00a0: au moins 2 réunions planifiées, 1 pour l’instant.',
    ])
    save(dossier, learner, 'planning-reunions', meetings('Comité de lancement', 'Point d’étape'))
    expect(refusal(() => handIn(learner, dossier.id, { confirmed: true, now })).problems).toEqual([
      'Réunions et comptes-rendus\u00a0: pas de compte-rendu pour «\u00a0Point d’étape\u00a0» (chaque ligne de «\u00a0Planning des réunions\u00a0» doit y être nommée).',
    ])
    save(dossier, learner, 'reunions-comptes-rendus', minutes('Comité de lancement', 'Point d’étape'))
    expect(handIn(learner, dossier.id, { confirmed: true, now }).submission.timing).toBe('on-time')
  })

  it('serious game: three professionals (see the group test), counted once each', () => {
    const a = person(['learner'])
    const sessionId = session()
    enrollLearners(getDb(), sessionId, [a.id])
    const groupId = getDb().insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'serious-game-a11', name: 'G' }).returning().get().id
    addGroupMembers(getDb(), groupId, [a.id])
    instance(sessionId, 'serious-game-a11', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const dossier = dossierOf(a, sessionId, 'serious-game-a11')
    save(dossier, a, 'testing', table({ professionnel: 'Anne Roux' }, { professionnel: 'ANNE ROUX' }, { professionnel: 'Paul Morel' }))
    expect(refusal(() => handIn(a, dossier.id, { confirmed: true, now })).problems).toEqual([
      'Phase de testing\u00a0: au moins 3 professionnels consultés lors du testing, 2 pour l’instant.',
      expect.stringMatching(/^Le tirage des thèmes n’est pas fait pour\u00a0: /),
    ])
  })
})

describe('resubmission', () => {
  it('adds a snapshot and keeps the earlier ones as they were; the draft stays editable', () => {
    const { learner, dossier } = individual('fiche-veille', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    save(dossier, learner, 'contexte', doc('Première version'))
    const first = handIn(learner, dossier.id, { confirmed: true, now: at('2027-05-01T12:00') }).submission
    save(dossier, learner, 'contexte', doc('Deuxième version'))
    const second = handIn(learner, dossier.id, { confirmed: true, now: at('2027-05-02T12:00') }).submission
    save(dossier, learner, 'contexte', doc('Troisième version, jamais déposée'))
    expect(second.fingerprint).not.toBe(first.fingerprint)
    expect(submissionsOfDossier(dossier.id).map((s) => s.id)).toEqual([second.id, first.id])
    const text = (id: string) => JSON.stringify(loadSnapshot(id)!.sections.find((s) => s.section.id === 'contexte')!.value)
    expect(text(first.id)).toContain('Première version')
    expect(text(second.id)).toContain('Deuxième version')
    expect(verifySnapshot(first.id).ok).toBe(true)
    expect(verifySnapshot(second.id).ok).toBe(true)
    expect(handInSummary(dossier, at('2027-05-03T12:00'))).toMatchObject({ state: 'submitted', count: 2, latest: { id: second.id } })
  })

  it('shows « évalué » once every juror of the target closed their grid, and then refuses a new hand-in', () => {
    const { learner, sessionId, dossier } = individual('fiche-veille', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const now = at('2027-05-01T12:00')
    handIn(learner, dossier.id, { confirmed: true, now })
    const db = getDb()
    const assign = () =>
      db
        .insert(schema.jurorAssignments)
        .values({ examSessionId: sessionId, jurorId: person(['juror']).id, evaluationId: 'fiche-veille', learnerId: learner.id })
        .returning()
        .get().id
    const [one, two] = [assign(), assign()]
    db.insert(schema.gradings).values({ assignmentId: one, status: 'closed', closedAt: now, updatedAt: now }).run()
    expect(handInSummary(dossier, now).state).toBe('submitted') // the second juror has not started
    db.insert(schema.gradings).values({ assignmentId: two, status: 'open', updatedAt: now }).run()
    expect(handInSummary(dossier, now).state).toBe('submitted')
    db.update(schema.gradings).set({ status: 'closed', closedAt: now }).where(eq(schema.gradings.assignmentId, two)).run()
    expect(handInSummary(dossier, now).state).toBe('graded')
    expect(refusal(() => handIn(learner, dossier.id, { confirmed: true, now }))).toMatchObject({ status: 409, message: sub.ALREADY_GRADED })
  })
})

describe('snapshots are immutable', () => {
  /** A hand-in with an image, so that it has a file. */
  function handedInWithImage(bytes: Buffer = PNG) {
    const { learner, dossier } = individual('fiche-veille', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const upload = saveUpload(dossier.id, learner.id, bytes, 'image/png')
    save(dossier, learner, 'contexte', {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Notre veille' }] },
        { type: 'image', attrs: { src: `/fichiers/${upload.id}`, alt: 'Schéma' } },
      ],
    })
    const { submission } = handIn(learner, dossier.id, { confirmed: true, now: at('2027-05-01T12:00') })
    return { learner, dossier, submission, upload }
  }

  it('copies the files the content shows, and serves them from the copy', () => {
    const { submission, upload } = handedInWithImage()
    const snapshot = loadSnapshot(submission.id)!
    expect(snapshot.files).toEqual([{ uploadId: upload.id, sha256: sub.sha256(PNG), mime: 'image/png', size: PNG.byteLength }])
    expect(Buffer.from(sub.snapshotFile(submission.id, upload.id)!.bytes).equals(PNG)).toBe(true)
    expect(sub.snapshotFile(submission.id, 'not-there')).toBeNull()
    expect(verifySnapshot(submission.id)).toMatchObject({ ok: true, expected: submission.fingerprint, actual: submission.fingerprint })
  })

  it('freezes an evidence file joined in a table (issue 15 §4) and its fingerprint covers the file', async () => {
    const { learner, dossier } = individual('cas-pratique-a10', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    const sniffed = await sniffAttachment(PDF)
    if ('error' in sniffed) throw new Error(sniffed.error)
    const file = saveAttachment(dossier.id, learner.id, PDF, { ...sniffed, name: 'planning éditorial.pdf' })
    const cells = { fichier: file, usage: 'Planning éditorial', outil: 'Tableur', fonctions: 'Filtres' }
    save(dossier, learner, 'fichiers-bureautiques', { rows: [{ id: 'row-0000', cells }] })
    const { submission } = handIn(learner, dossier.id, { confirmed: true, now: at('2027-05-01T12:00') })
    const snapshot = loadSnapshot(submission.id)!
    const uploadId = file.src.split('/').pop()!
    expect(snapshot.files).toEqual([{ uploadId, sha256: sub.sha256(PDF), mime: 'application/pdf', size: PDF.byteLength }])
    expect(snapshot.sections.find((s) => s.section.id === 'fichiers-bureautiques')!.value).toEqual({ rows: [{ id: 'row-0000', cells }] })
    expect(Buffer.from(sub.snapshotFile(submission.id, uploadId)!.bytes).equals(PDF)).toBe(true)
    expect(verifySnapshot(submission.id)).toMatchObject({ ok: true })
  })

  it('refuses UPDATE and DELETE of submissions, their sections and their files, by raw SQL', () => {
    const { submission } = handedInWithImage()
    const db = getDb()
    const id = submission.id
    for (const statement of [
      `update submissions set fingerprint = 'x' where id = '${id}'`,
      `update submissions set submitted_at = 0 where id = '${id}'`,
      `delete from submissions where id = '${id}'`,
      `update submission_sections set content = '{}' where submission_id = '${id}'`,
      `delete from submission_sections where submission_id = '${id}'`,
      `update submission_files set sha256 = 'x' where submission_id = '${id}'`,
      `delete from submission_files where submission_id = '${id}'`,
    ]) {
      expect(
        sqliteError(() => db.run(sql.raw(statement))),
        statement,
      ).toMatch(/snapshot is immutable/)
    }
    expect(verifySnapshot(id).ok).toBe(true)
  })

  describe('a snapshot changed behind the app’s back fails its fingerprint check', () => {
    const TRIGGERS = ['submission_sections_immutable', 'submission_files_immutable']
    /** Runs `tamper` with the immutability triggers dropped, then puts them back. */
    function withoutTriggers(tamper: () => void) {
      const db = getDb()
      const saved = TRIGGERS.map((name) => (db.get(sql`select sql from sqlite_master where type = 'trigger' and name = ${name}`) as { sql: string }).sql)
      for (const name of TRIGGERS) db.run(sql.raw(`drop trigger ${name}`))
      try {
        tamper()
      } finally {
        for (const statement of saved) db.run(sql.raw(statement))
      }
    }

    it('a section’s content changed', () => {
      const { submission } = handedInWithImage()
      withoutTriggers(() =>
        getDb().run(
          sql`update submission_sections set content = ${JSON.stringify(doc('Réécrit après coup'))} where submission_id = ${submission.id} and section_id = 'contexte'`,
        ),
      )
      const check = verifySnapshot(submission.id)
      expect(check.ok).toBe(false)
      expect(check.expected).toBe(submission.fingerprint)
      expect(check.actual).not.toBe(submission.fingerprint)
      // The triggers are back.
      expect(sqliteError(() => getDb().run(sql`update submission_sections set content = '{}' where submission_id = ${submission.id}`))).toMatch(/immutable/)
    })

    it('a section added (no trigger needed: inserting is how it would be done)', () => {
      const { submission } = handedInWithImage()
      getDb()
        .insert(schema.submissionSections)
        .values({ submissionId: submission.id, sectionId: 'ajout', content: doc('Ajouté') })
        .run()
      expect(verifySnapshot(submission.id).ok).toBe(false)
    })

    it('a file’s record changed', () => {
      const { submission } = handedInWithImage()
      withoutTriggers(() => getDb().run(sql`update submission_files set size = size + 1 where submission_id = ${submission.id}`))
      expect(verifySnapshot(submission.id).ok).toBe(false)
    })

    it('a file’s bytes altered on disk', () => {
      // Bytes of its own (files are shared by SHA-256), so that no other test reads the altered copy.
      const own = Buffer.concat([PNG, Buffer.from('tampered-test')])
      const { submission } = handedInWithImage(own)
      expect(verifySnapshot(submission.id).ok).toBe(true)
      const file = path.join(snapshotsDir(), sub.sha256(own))
      fs.writeFileSync(file, Buffer.concat([own, Buffer.from('!')]))
      expect(verifySnapshot(submission.id).ok).toBe(false)
      fs.rmSync(file)
      expect(verifySnapshot(submission.id).ok).toBe(false)
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
    const { learner, dossier } = individual('fiche-veille', at('2027-06-01T12:00'), at('2027-06-02T12:00'))
    save(dossier, learner, 'contexte', doc('Version déposée'))
    const { submission, candidateCode } = handIn(learner, dossier.id, { confirmed: true, now: at('2027-06-01T14:05') })
    save(dossier, learner, 'contexte', doc('Brouillon modifié après le dépôt'))
    const model = snapshotExport(loadSnapshot(submission.id)!, { candidate: candidateCode, members: [] })
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
