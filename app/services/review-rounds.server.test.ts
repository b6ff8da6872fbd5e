import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('rounds')
const schema = await import('#db/schema')
const { learnerDossiers, templateOfDossier } = await import('./dossiers.server')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { saveSection } = await import('./dossier-sections.server')
const { changesSince, closeRound, openRoundOf, requestReview, ReviewRoundError, roundOf, roundsOf } = await import('./review-rounds.server')
type Dossier = Awaited<ReturnType<typeof learnerDossiers>>[number]

const doc = (...paragraphs: string[]) => ({
  type: 'doc' as const,
  content: paragraphs.map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })),
})
const row = (id: string, besoin: string) => ({ id, cells: { theme: 'Marché', besoin, nature: 'Quantitatif' } })
const people = { learner: '', partner: '', tutor: '', otherTutor: '' }
let sessionId = ''

beforeAll(async () => {
  const db = getDb()
  const user = async (key: keyof typeof people, role: 'learner' | 'tutor') => {
    const id = (
      await db
        .insert(schema.users)
        .values({ email: `${key}@test.fr`, name: `Nom ${key}`, passwordHash: 'x' })
        .returning()
    )[0]!.id
    await db.insert(schema.userRoles).values({ userId: id, role })
    people[key] = id
  }
  await user('learner', 'learner')
  await user('partner', 'learner')
  await user('tutor', 'tutor')
  await user('otherTutor', 'tutor')
  sessionId = (await db.insert(schema.examSessions).values({ name: 'S', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  await enrollLearners(db, sessionId, [people.learner, people.partner])
  const group = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name: 'G' }).returning())[0]!.id
  await addGroupMembers(db, group, [people.learner, people.partner])
  await db.insert(schema.tutorAssignments).values([
    { examSessionId: sessionId, tutorId: people.tutor, learnerId: people.learner },
    { examSessionId: sessionId, tutorId: people.otherTutor, learnerId: people.partner },
  ])
})

const getSections = (dossier: Dossier) => templateOfDossier(dossier).sections
const dossierOf = async (templateId: string): Promise<Dossier> => (await learnerDossiers(people.learner, sessionId)).find((d) => d.templateId === templateId)!
const notificationsOf = async (userId: string) => await getDb().select().from(schema.notifications).where(eq(schema.notifications.userId, userId))
const version = async (dossierId: string, sectionId: string) =>
  (
    await getDb()
      .select({ v: schema.dossierSections.version })
      .from(schema.dossierSections)
      .where(and(eq(schema.dossierSections.dossierId, dossierId), eq(schema.dossierSections.sectionId, sectionId)))
  )[0]?.v ?? 0
const save = async (dossier: Dossier, sectionId: string, content: unknown) => {
  const result = await saveSection({
    dossierId: dossier.id,
    sectionId,
    baseVersion: await version(dossier.id, sectionId),
    content: content as never,
    authorId: people.learner,
  })
  expect(result.ok).toBe(true)
}
async function refusal(f: () => Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await f()
  } catch (error) {
    if (error instanceof ReviewRoundError) return { status: error.status, message: error.message }
    throw error
  }
  throw new Error('not refused')
}

describe('requesting a review', () => {
  it('opens one round with the message, tells the tutors, and refuses a second request while it is open', async () => {
    const dossier = await dossierOf('fiche-event')
    const round = await requestReview(dossier, people.learner, '  Pouvez-vous relire le contexte ?  ')
    expect(round).toMatchObject({ dossierId: dossier.id, requestedBy: people.learner, message: 'Pouvez-vous relire le contexte ?', closedAt: null })
    expect(await openRoundOf(dossier.id)).toEqual({ id: round.id, requestedAt: round.requestedAt.getTime() })
    expect(await notificationsOf(people.tutor)).toEqual([
      expect.objectContaining({ type: 'review-request', dossierId: dossier.id, roundId: round.id, actorId: people.learner }),
    ])
    // Not the tutor of someone else, and not the learner who asked.
    expect(await notificationsOf(people.otherTutor)).toEqual([])
    expect(await notificationsOf(people.learner)).toEqual([])

    expect(await refusal(async () => await requestReview(dossier, people.learner, ''))).toEqual({
      status: 409,
      message: 'Une relecture est déjà demandée pour ce dossier.',
    })
    expect(await roundsOf(dossier.id)).toHaveLength(1)
  })

  it('accepts no message, refuses one over 2 000 characters and writes nothing', async () => {
    const dossier = await dossierOf('fiche-ux')
    expect(await refusal(async () => await requestReview(dossier, people.learner, 'x'.repeat(2_001)))).toEqual({
      status: 400,
      message: 'Le message est limité à 2\u00a0000 caractères.',
    })
    expect(await roundsOf(dossier.id)).toEqual([])
    expect((await requestReview(dossier, people.learner, undefined)).message).toBe('')
  })

  it('tells the tutors of every member on a group dossier', async () => {
    const group = (await learnerDossiers(people.learner, sessionId)).find((d) => d.groupId)!
    const round = await requestReview(group, people.partner, '')
    for (const tutor of [people.tutor, people.otherTutor]) expect((await notificationsOf(tutor)).filter((n) => n.roundId === round.id)).toHaveLength(1)
  })
})

describe('closing a round', () => {
  it('requires a summary, then snapshots every section, closes the round and tells the learners', async () => {
    const dossier = await dossierOf('fiche-manageriale')
    const round = await requestReview(dossier, people.learner, '')
    expect(await refusal(async () => await closeRound(dossier, round.id, people.tutor, '   '))).toEqual({
      status: 400,
      message: 'Écrivez la synthèse de la relecture avant de la clore.',
    })
    expect((await refusal(async () => await closeRound(dossier, round.id, people.tutor, 'x'.repeat(5_001)))).status).toBe(400)
    expect((await openRoundOf(dossier.id))?.id).toBe(round.id)

    const first = getSections(dossier)[0]!
    await save(dossier, first.id, doc('Un paragraphe.'))
    const closed = await closeRound(dossier, round.id, people.tutor, ' Bon début. ')
    expect(closed).toMatchObject({ closedBy: people.tutor, summary: 'Bon début.' })
    expect(await openRoundOf(dossier.id)).toBeNull()
    const snapshot = await getDb().select().from(schema.reviewRoundSections).where(eq(schema.reviewRoundSections.roundId, round.id))
    // Every section of the template: the saved one as saved, the others as their empty value.
    expect(snapshot.map((s) => s.sectionId).sort()).toEqual(
      getSections(dossier)
        .map((s) => s.id)
        .sort(),
    )
    expect(snapshot.find((s) => s.sectionId === first.id)?.content).toEqual(doc('Un paragraphe.'))
    expect(snapshot.every((s) => s.content !== null)).toBe(true)
    expect((await notificationsOf(people.learner)).filter((n) => n.roundId === round.id)).toEqual([
      expect.objectContaining({ type: 'round-closed', actorId: people.tutor }),
    ])

    expect(await refusal(async () => await closeRound(dossier, round.id, people.tutor, 'Encore'))).toEqual({
      status: 409,
      message: 'Cette relecture est déjà close.',
    })
    // A round is only found in its own dossier.
    expect((await refusal(async () => await closeRound(await dossierOf('fiche-veille'), round.id, people.tutor, 'Ailleurs'))).status).toBe(404)
    expect(await roundOf((await dossierOf('fiche-veille')).id, round.id)).toBeNull()
    expect(await roundOf(dossier.id, round.id)).toMatchObject({ requestedBy: 'Nom learner', closedBy: 'Nom tutor', summary: 'Bon début.' })
  })
})

describe('what changed in a round', () => {
  it('shows everything as new in the first round, then the changes since the last closed round, and keeps closed rounds as they were', async () => {
    const dossier = await dossierOf('fiche-veille')
    await save(dossier, 'contexte', doc('Le salon attire des exposants régionaux.', 'Un second paragraphe.'))
    await save(dossier, 'besoins', { rows: [row('row-a-000001', 'Taille du marché')] })
    const first = await requestReview(dossier, people.learner, '')

    const initial = (await changesSince(dossier, first.id))!
    expect(initial.since).toBeNull()
    const contexte = initial.sections.find((s) => s.sectionId === 'contexte')!
    expect(contexte).toMatchObject({ title: 'Contexte professionnel', kind: 'richText', changed: true })
    expect(contexte.words).toEqual([[{ op: 'insert', text: 'Le salon attire des exposants régionaux.' }], [{ op: 'insert', text: 'Un second paragraphe.' }]])
    const besoins = initial.sections.find((s) => s.sectionId === 'besoins')!
    expect(besoins).toMatchObject({ kind: 'table', changed: true })
    expect(besoins.words).toBeUndefined()
    expect(besoins.changes).toEqual(['Ajoutée : « Ligne 1 — Marché ».'])
    // A section nobody wrote in did not change.
    expect(initial.sections.find((s) => s.sectionId === 'analyse')).toEqual({
      sectionId: 'analyse',
      title: 'Analyse des données',
      kind: 'richText',
      changed: false,
    })
    expect(initial.sections.map((s) => s.sectionId)).toEqual(getSections(dossier).map((s) => s.id))

    await closeRound(dossier, first.id, people.tutor, 'Première relecture.')
    await save(dossier, 'contexte', doc('Le salon attire des exposants nationaux.', 'Un second paragraphe.'))
    await save(dossier, 'besoins', { rows: [row('row-a-000001', 'Part de marché')] })
    const second = await requestReview(dossier, people.learner, 'Deuxième version')

    const changes = (await changesSince(dossier, second.id))!
    const closedAt = (await roundOf(dossier.id, first.id))!.closedAt
    expect(changes.since).toBe(closedAt)
    const edited = changes.sections.find((s) => s.sectionId === 'contexte')!
    expect(edited.words).toEqual([
      [
        { op: 'equal', text: 'Le salon attire des exposants ' },
        { op: 'delete', text: 'régionaux' },
        { op: 'insert', text: 'nationaux' },
        { op: 'equal', text: '.' },
      ],
      [{ op: 'equal', text: 'Un second paragraphe.' }],
    ])
    expect(edited.changes).toEqual(['1\u00a0mot ajouté, 1\u00a0supprimé.'])
    expect(changes.sections.find((s) => s.sectionId === 'besoins')!.changes).toEqual([
      'Ligne 1 — Marché : Besoin d’information : Taille du marché → Part de marché.',
    ])

    // Later edits do not change what a closed round showed.
    expect(await changesSince(dossier, first.id)).toEqual(initial)
    await closeRound(dossier, second.id, people.tutor, 'Deuxième relecture.')
    await save(dossier, 'besoins', { rows: [] })
    expect(await changesSince(dossier, second.id)).toEqual(changes)
    expect(await changesSince(dossier, 'inconnue')).toBeNull()
  })
})

describe('the list of rounds', () => {
  it('lists rounds newest first and counts the threads opened and resolved in each, by time window', async () => {
    const dossier = await dossierOf('cas-pratique-a3')
    const db = getDb()
    expect(await roundsOf(dossier.id)).toEqual([])

    const r1 = await requestReview(dossier, people.learner, 'Premier envoi')
    await closeRound(dossier, r1.id, people.tutor, 'Synthèse 1')
    const r2 = await requestReview(dossier, people.partner, '')
    // Fixed dates: round 1 from the start to t=10 000, round 2 from then on.
    const at = (ms: number) => new Date(ms)
    await db
      .update(schema.reviewRounds)
      .set({ requestedAt: at(1_000), closedAt: at(10_000) })
      .where(eq(schema.reviewRounds.id, r1.id))
    await db
      .update(schema.reviewRounds)
      .set({ requestedAt: at(12_000) })
      .where(eq(schema.reviewRounds.id, r2.id))
    const thread = async (createdAt: number, resolvedAt: number | null) =>
      await db.insert(schema.commentThreads).values({
        dossierId: dossier.id,
        target: 'section',
        sectionId: 'x',
        authorId: people.tutor,
        createdAt: at(createdAt),
        resolvedAt: resolvedAt ? at(resolvedAt) : null,
        status: resolvedAt ? 'resolved' : 'open',
      })
    await thread(500, null) // round 1
    await thread(5_000, 11_000) // opened in round 1, resolved in round 2
    await thread(10_000, 10_000) // the moment round 1 closed belongs to it
    await thread(11_500, 13_000) // round 2
    await thread(Date.now() + 60_000, null) // in the future: after now, in no round

    const list = await roundsOf(dossier.id)
    expect(list.map((r) => r.id)).toEqual([r2.id, r1.id])
    expect(list[1]).toMatchObject({
      requestedBy: 'Nom learner',
      message: 'Premier envoi',
      closedBy: 'Nom tutor',
      summary: 'Synthèse 1',
      opened: 3,
      resolved: 1,
    })
    expect(list[0]).toMatchObject({ requestedBy: 'Nom partner', closedAt: null, closedBy: null, summary: null, opened: 1, resolved: 2 })
  })
})
