import { eq } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('deliberation')
const schema = await import('#db/schema')
const { learnerDossiers } = await import('./dossiers.server')
const { enrollLearners } = await import('./dossier-provisioning.server')
const { saveSection } = await import('./dossier-sections.server')
const { handIn } = await import('./submissions.server')
const { closeGrading, gridOf, saveCell } = await import('./grading.server')
const { authorizeAssignment, copyLabel } = await import('./jury-access.server')
const d = await import('./deliberation.server')
const { candidateDeliberation, confirmDeliberation, confirmInputOf, deliberationAccess, deliberationList, DeliberationError, liftAnonymity, presidedSessions } =
  d

type User = { id: string; name: string; email: string; roles: Role[] }
let n = 0
async function person(roles: Role[], name: string): Promise<User> {
  const email = `d${++n}@test.fr`
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return { id, name, email, roles }
}
async function status(f: () => Promise<unknown>): Promise<number> {
  try {
    await f()
  } catch (error) {
    if (error instanceof Response) return error.status
    if (error instanceof DeliberationError) return error.status
    throw error
  }
  return 200
}
async function refusal(f: () => Promise<unknown>) {
  try {
    await f()
  } catch (error) {
    if (error instanceof DeliberationError) return { status: error.status, message: error.message, errors: error.errors }
    throw error
  }
  throw new Error('not refused')
}

const DUE = new Date('2027-03-01T17:00:00Z')
const BEFORE = new Date('2027-02-20T10:00:00Z')
let sessionId = ''
const people = {} as Record<'zoe' | 'mael' | 'president' | 'juror' | 'admin' | 'tutor', User>
const ids = { veille: '', cas: '', casInstance: '', bloc1: '', bloc2: '' }

beforeAll(async () => {
  const db = getDb()
  people.zoe = await person(['learner'], 'Zoé Lefèvre')
  people.mael = await person(['learner'], 'Maël Dupré')
  people.president = await person(['juror'], 'Benoît Lemaître')
  people.juror = await person(['juror'], 'Chloé Aubertin')
  people.admin = await person(['admin'], 'Hélène Dubreuil')
  people.tutor = await person(['tutor'], 'Étienne Garnier')
  sessionId = (
    await db
      .insert(schema.examSessions)
      .values({ name: 'Session 2027', startsOn: '2027-01-01', endsOn: '2027-06-30', presidentId: people.president.id })
      .returning()
  )[0]!.id
  await enrollLearners(db, sessionId, [people.zoe.id, people.mael.id])
  for (const [evaluationId, anonymous] of [
    ['fiche-veille', false],
    ['cas-pratique-a3', true],
  ] as const) {
    const row = (
      await db
        .insert(schema.evaluationInstances)
        .values({ examSessionId: sessionId, evaluationId, dueAt: DUE, cutoffAt: new Date(DUE.getTime() + 86_400_000), anonymous })
        .returning()
    )[0]!
    if (anonymous) ids.casInstance = row.id
  }
  const assign = async (evaluationId: string, learnerId: string) =>
    (await db.insert(schema.jurorAssignments).values({ examSessionId: sessionId, jurorId: people.president.id, evaluationId, learnerId }).returning())[0]!.id
  ids.veille = await assign('fiche-veille', people.zoe.id)
  ids.cas = await assign('cas-pratique-a3', people.zoe.id)
  for (const templateId of ['fiche-veille', 'cas-pratique-a3']) {
    const dossier = (await learnerDossiers(people.zoe.id, sessionId)).find((x) => x.templateId === templateId)!
    const sectionId = templateId === 'fiche-veille' ? 'contexte' : 'inclusion'
    const content = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Un texte déposé.' }] }] }
    expect((await saveSection({ dossierId: dossier.id, sectionId, baseVersion: 0, content: content as never, authorId: people.zoe.id })).ok).toBe(true)
    await handIn(people.zoe, dossier.id, { confirmed: true, now: BEFORE })
  }
  // Zoé: her fiche veille all acquired, one passage cited; her cas pratique: C3.1-1 not acquired.
  for (const [assignmentId, notAcquired] of [
    [ids.veille, ''],
    [ids.cas, 'C3.1-1'],
  ] as const) {
    const view = await gridOf(people.president, assignmentId)
    const snapshot = view.snapshots[0]!
    for (const row of view.rows) {
      const cite = row.criterionId === 'C1.1-1'
      await saveCell(people.president, assignmentId, {
        criterionId: row.criterionId,
        part: row.part,
        learnerId: '',
        baseVersion: 0,
        level: row.criterionId === notAcquired ? 'non-acquis' : 'acquis',
        ...(cite
          ? {
              evidence: [
                {
                  kind: 'passage' as const,
                  submissionId: snapshot.submissionId,
                  sectionId: 'contexte',
                  selectors: [
                    { type: 'TextQuoteSelector' as const, exact: 'Un texte', prefix: '', suffix: ' déposé.' },
                    { type: 'TextPositionSelector' as const, start: 0, end: 8 },
                  ],
                },
              ],
            }
          : {}),
      })
    }
    await closeGrading(people.president, assignmentId)
  }
  const bloc = async (title: string, position: number, competencyIds: string[]) => {
    const id = (await db.insert(schema.competencyBlocs).values({ examSessionId: sessionId, title, position }).returning())[0]!.id
    await db.insert(schema.blocCompetencies).values(competencyIds.map((competencyId) => ({ blocId: id, examSessionId: sessionId, competencyId })))
    return id
  }
  ids.bloc1 = await bloc('Bloc 1 — Veille', 1, ['C1.1', 'C1.2', 'C1.3'])
  ids.bloc2 = await bloc('Bloc 2 — Cible', 2, ['C3.1', 'C3.2', 'C3.3'])
})
beforeEach(async () => {
  await getDb().delete(schema.deliberations)
  await getDb().update(schema.examSessions).set({ resultsPublishedAt: null, presidentId: people.president.id })
  await getDb().update(schema.evaluationInstances).set({ anonymityLiftedAt: null })
})

const access = async (who: User) => await deliberationAccess(who, sessionId)
/** The form as the page posts it: each bloc's shown proposal, decision and reason. */
const form = (blocs: Record<string, { shown: string; decision?: string; reason?: string }>, reason = '') => {
  const values: Record<string, string> = { reason }
  for (const [blocId, b] of Object.entries(blocs)) {
    values[`shown-${blocId}`] = b.shown
    if (b.decision) values[`decision-${blocId}`] = b.decision
    values[`reason-${blocId}`] = b.reason ?? ''
  }
  return confirmInputOf(values)
}
const asProposed = () => form({ [ids.bloc1]: { shown: 'acquired', decision: 'acquired' }, [ids.bloc2]: { shown: 'not-acquired', decision: 'not-acquired' } })
const stored = async (learnerId: string) => (await getDb().select().from(schema.deliberations).where(eq(schema.deliberations.learnerId, learnerId)))[0]

describe('who may deliberate', () => {
  it('the session’s president and the admins; 403 for any other juror, a learner, a tutor; 404 for an unknown session', async () => {
    expect(await access(people.president)).toMatchObject({ president: true, admin: false })
    expect(await access(people.admin)).toMatchObject({ president: false, admin: true })
    for (const who of [people.juror, people.zoe, people.tutor]) expect(await status(() => access(who))).toBe(403)
    expect(await status(() => deliberationAccess(people.admin, 'inconnue'))).toBe(404)
    // A learner learns nothing of whether a session exists.
    expect(await status(() => deliberationAccess(people.zoe, 'inconnue'))).toBe(403)
    await getDb().update(schema.examSessions).set({ presidentId: null })
    expect(await status(() => access(people.president))).toBe(403)
  })

  it('lists the sessions a juror presides', async () => {
    expect(await presidedSessions(people.president.id)).toEqual([{ id: sessionId, name: 'Session 2027' }])
    expect(await presidedSessions(people.juror.id)).toEqual([])
  })
})

describe('the list and a candidate', () => {
  it('lists the candidates by name with their proposals', async () => {
    const list = await deliberationList(await access(people.admin))
    expect(list.candidates.map((c) => c.name)).toEqual(['Maël Dupré', 'Zoé Lefèvre'])
    expect(list.candidates[1]).toMatchObject({ proposed: 'partial', blocsAcquired: 1, pending: 0, confirmed: null })
    expect(list.candidates[0]).toMatchObject({ proposed: 'deferred', blocsAcquired: 0, pending: 6 })
    expect(list.session.presidentName).toBe('Benoît Lemaître')
    expect(list.blocs.map((b) => [b.title, b.competencies])).toEqual([
      ['Bloc 1 — Veille', 3],
      ['Bloc 2 — Cible', 3],
    ])
    expect(list.anonymous).toEqual([{ instanceId: ids.casInstance, evaluationId: 'cas-pratique-a3', title: expect.any(String), liftedAt: null }])
  })

  it('shows a candidate’s results with the cited evidence and where it is, and the neighbours', async () => {
    const view = await candidateDeliberation(await access(people.president), people.zoe.id)
    expect(view.results.competencies).toHaveLength(51)
    expect(view.evidence[d.evidenceKey('C1.1', 'C1.1-1', 'written')]).toEqual([{ label: '«\u00a0Un texte\u00a0»', where: expect.stringContaining('—') }])
    expect(view.previous?.name).toBe('Maël Dupré')
    expect(view.next).toBeNull()
    expect(await status(async () => await candidateDeliberation(await access(people.president), people.tutor.id))).toBe(404)
  })
})

describe('confirming', () => {
  it('only the president confirms: an admin reads (403)', async () => {
    expect(await status(async () => await confirmDeliberation(await access(people.admin), people.zoe.id, asProposed()))).toBe(403)
    expect(await stored(people.zoe.id)).toBeUndefined()
  })

  it('records the decisions as proposed, with the time and the president’s name', async () => {
    const at = new Date('2027-06-20T14:00:00Z')
    expect(await confirmDeliberation(await access(people.president), people.zoe.id, asProposed(), at)).toEqual({ replaced: false, decision: 'partial' })
    expect(await stored(people.zoe.id)).toMatchObject({
      proposed: 'partial',
      decision: 'partial',
      confirmedBy: people.president.id,
      confirmedByName: 'Benoît Lemaître',
      confirmedAt: at,
      blocs: [
        { blocId: ids.bloc1, proposed: 'acquired', decision: 'acquired', reason: '' },
        { blocId: ids.bloc2, proposed: 'not-acquired', decision: 'not-acquired', reason: '' },
      ],
    })
    expect((await deliberationList(await access(people.admin))).candidates[1]!.confirmed).toEqual({
      decision: 'partial',
      confirmedByName: 'Benoît Lemaître',
      confirmedAt: at.getTime(),
      departs: false,
    })
  })

  it('refuses a departure without a reason long enough, and a bloc without a decision; writes nothing', async () => {
    const short = await refusal(
      async () =>
        await confirmDeliberation(
          await access(people.president),
          people.zoe.id,
          form({ [ids.bloc1]: { shown: 'acquired' }, [ids.bloc2]: { shown: 'not-acquired', decision: 'acquired', reason: 'Oral ok' } }),
        ),
    )
    expect(short.status).toBe(400)
    expect(short.message).toBe(d.NOT_SAVED)
    expect(Object.keys(short.errors).sort()).toEqual([`decision-${ids.bloc1}`, `reason-${ids.bloc2}`])
    expect(short.errors[`reason-${ids.bloc2}`]).toMatch(/donnez-en la raison, en 10\u00a0caractères au moins/)
    expect(await stored(people.zoe.id)).toBeUndefined()
  })

  it('accepts a departure with a reason: the overall decision follows the blocs', async () => {
    const reason = 'Le rattrapage oral a montré la maîtrise de la cible.'
    const answer = await confirmDeliberation(
      await access(people.president),
      people.zoe.id,
      form({
        [ids.bloc1]: { shown: 'acquired', decision: 'acquired', reason: 'ignorée' },
        [ids.bloc2]: { shown: 'not-acquired', decision: 'acquired', reason },
      }),
    )
    expect(answer.decision).toBe('complete')
    expect(await stored(people.zoe.id)).toMatchObject({
      proposed: 'partial',
      decision: 'complete',
      blocs: [
        { blocId: ids.bloc1, decision: 'acquired', reason: '' },
        { blocId: ids.bloc2, proposed: 'not-acquired', decision: 'acquired', reason },
      ],
    })
    expect((await deliberationList(await access(people.admin))).candidates[1]!.confirmed!.departs).toBe(true)
  })

  it('can be confirmed again (changed) until the results are published', async () => {
    await confirmDeliberation(await access(people.president), people.zoe.id, asProposed(), new Date('2027-06-20T14:00:00Z'))
    const later = new Date('2027-06-20T15:00:00Z')
    expect(
      await confirmDeliberation(
        await access(people.president),
        people.zoe.id,
        form({
          [ids.bloc1]: { shown: 'acquired', decision: 'not-acquired', reason: 'Plagiat constaté dans la fiche.' },
          [ids.bloc2]: { shown: 'not-acquired', decision: 'not-acquired' },
        }),
        later,
      ),
    ).toEqual({ replaced: true, decision: 'deferred' })
    expect(await stored(people.zoe.id)).toMatchObject({ decision: 'deferred', confirmedAt: later })
    await getDb().update(schema.examSessions).set({ resultsPublishedAt: new Date() })
    expect(await refusal(async () => await confirmDeliberation(await access(people.president), people.zoe.id, asProposed()))).toMatchObject({
      status: 409,
      message: d.PUBLISHED,
    })
    expect(await stored(people.zoe.id)).toMatchObject({ decision: 'deferred' })
  })

  it('refuses when the proposals changed since the page was shown', async () => {
    const stale = form({ [ids.bloc1]: { shown: 'not-acquired', decision: 'acquired' }, [ids.bloc2]: { shown: 'not-acquired', decision: 'not-acquired' } })
    expect(await refusal(async () => await confirmDeliberation(await access(people.president), people.zoe.id, stale))).toMatchObject({
      status: 409,
      message: d.STALE,
    })
  })

  it('refuses a president who no longer presides (403) and an unknown candidate (404)', async () => {
    const a = await access(people.president)
    await getDb().update(schema.examSessions).set({ presidentId: people.juror.id })
    expect(await status(() => confirmDeliberation(a, people.zoe.id, asProposed()))).toBe(403)
    await getDb().update(schema.examSessions).set({ presidentId: people.president.id })
    expect(await status(async () => await confirmDeliberation(await access(people.president), people.tutor.id, asProposed()))).toBe(404)
  })
})

describe('lifting anonymity', () => {
  it('only an admin, once every candidate is deliberated; the juror then sees the name', async () => {
    expect(await status(async () => await liftAnonymity(await access(people.president)))).toBe(403)
    await confirmDeliberation(await access(people.president), people.zoe.id, asProposed())
    const early = await refusal(async () => await liftAnonymity(await access(people.admin)))
    expect(early.status).toBe(409)
    expect(early.message).toMatch(/1\u00a0candidat·e attend encore la confirmation de sa décision/)
    expect((await authorizeAssignment(people.president, ids.cas)).anonymous).toBe(true)

    await confirmDeliberation(
      await access(people.president),
      people.mael.id,
      form({ [ids.bloc1]: { shown: 'not-acquired', decision: 'not-acquired' }, [ids.bloc2]: { shown: 'not-acquired', decision: 'not-acquired' } }),
    )
    const at = new Date('2027-06-21T09:00:00Z')
    expect(await liftAnonymity(await access(people.admin), at)).toEqual({ lifted: 1 })
    const copy = await authorizeAssignment(people.president, ids.cas)
    expect(copy.anonymous).toBe(false)
    expect(await copyLabel(copy)).toBe('Zoé Lefèvre')
    expect((await deliberationList(await access(people.admin))).anonymous[0]!.liftedAt).toBe(at.getTime())
    expect(await liftAnonymity(await access(people.admin))).toEqual({ lifted: 0 })
  })
})
