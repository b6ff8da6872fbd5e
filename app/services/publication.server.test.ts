import { eq } from 'drizzle-orm'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BlocDecision, OverallDecision } from '~/domain/deliberation'
import type { Role } from '~/domain/permissions'
import type { CandidateResults, CriterionOutcome } from '~/domain/results-view'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('publication')
const schema = await import('#db/schema')
const { enrollLearners } = await import('./dossier-provisioning.server')
const { PublicationError, publicationRefusal, publicationState, publishResults, withdrawResults, publishedResultSessions, learnerResults, learnerResultsView } =
  await import('./publication.server')
const { attestationAccess, resultsOfficerAccess } = await import('./results-access.server')
const { attestationDownload, closeDeliberationPool, minutesDownload, resultsGridDownload, sessionJury } =
  await import('./exports/deliberation-documents.server')
const { referentiel } = await import('./referentiel.server')

type User = { id: string; name: string; email: string; roles: Role[] }
let n = 0
async function person(roles: Role[], name: string): Promise<User> {
  const email = `p${++n}@test.fr`
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return { id, name, email, roles }
}

const people = {} as Record<'admin' | 'president' | 'juror' | 'tutor' | 'zoe' | 'mael' | 'anais' | 'outsider', User>
let sessionId = ''
let otherSessionId = ''
const blocs = { a: '', b: '' }

async function deliberate(learnerId: string, decision: OverallDecision, decisions: [string, 'acquired' | 'not-acquired'][], session = sessionId) {
  const blocsJson: BlocDecision[] = decisions.map(([blocId, d]) => ({ blocId, proposed: d, decision: d, reason: '' }))
  await getDb()
    .insert(schema.deliberations)
    .values({
      examSessionId: session,
      learnerId,
      blocs: blocsJson,
      proposed: decision,
      decision,
      confirmedBy: people.president.id,
      confirmedByName: people.president.name,
      confirmedAt: new Date('2027-06-20T13:05:00Z'),
    })
}

/** The Response a service threw (access refusals are thrown Responses). */
async function thrown(f: () => Promise<unknown>): Promise<{ status: number; text: Promise<string> }> {
  try {
    await f()
  } catch (error) {
    if (error instanceof Response) return { status: error.status, text: error.text() }
    throw error
  }
  throw new Error('not refused')
}

beforeAll(async () => {
  const db = getDb()
  people.admin = await person(['admin'], 'Hélène Dubreuil')
  people.president = await person(['juror'], 'Benoît Lemaître')
  people.juror = await person(['juror'], 'Chloé Aubertin')
  people.tutor = await person(['tutor'], 'Étienne Garnier')
  people.zoe = await person(['learner'], 'Zoé Lefèvre')
  people.mael = await person(['learner'], 'Maël Dupré')
  people.anais = await person(['learner'], 'Anaïs Bénard')
  people.outsider = await person(['learner'], 'Oscar Dehors')
  sessionId = (
    await db
      .insert(schema.examSessions)
      .values({ name: 'Session de printemps 2027', startsOn: '2027-01-04', endsOn: '2027-06-30', presidentId: people.president.id })
      .returning()
  )[0]!.id
  otherSessionId = (await db.insert(schema.examSessions).values({ name: 'Autre', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  await enrollLearners(db, sessionId, [people.zoe.id, people.mael.id, people.anais.id])
  await enrollLearners(db, otherSessionId, [people.outsider.id])
  // The jury: both jurors assigned in the session.
  for (const [jurorId, learnerId] of [
    [people.juror.id, people.mael.id],
    [people.president.id, people.zoe.id],
  ])
    await db.insert(schema.jurorAssignments).values({ examSessionId: sessionId, jurorId: jurorId!, evaluationId: 'fiche-veille', learnerId })
  const bloc = async (title: string, position: number, competencyIds: string[]) => {
    const id = (await db.insert(schema.competencyBlocs).values({ examSessionId: sessionId, title, position, example: true }).returning())[0]!.id
    await db.insert(schema.blocCompetencies).values(competencyIds.map((competencyId) => ({ blocId: id, examSessionId: sessionId, competencyId })))
    return id
  }
  blocs.a = await bloc('Bloc A — Veille', 1, ['C1.1', 'C1.2', 'C1.3'])
  blocs.b = await bloc('Bloc B — Pilotage', 2, ['C10.1'])
})
afterAll(() => closeDeliberationPool())

describe('publication', () => {
  it('is refused, with the names, while an enrolled candidate has no confirmed deliberation', async () => {
    await deliberate(people.zoe.id, 'complete', [
      [blocs.a, 'acquired'],
      [blocs.b, 'acquired'],
    ])
    const state = (await publicationState(sessionId))!
    expect(state).toMatchObject({ total: 3, deliberated: 1 })
    expect(state.candidates.map((c) => [c.name, c.decisionLabel, c.blocsValidated])).toEqual([
      ['Anaïs Bénard', 'Non délibéré', 0],
      ['Maël Dupré', 'Non délibéré', 0],
      ['Zoé Lefèvre', 'Certification complète', 2],
    ])
    expect(state.refusal).toBe(
      'Publication impossible\u00a0: 2\u00a0candidat·es n’ont pas de délibération confirmée par le ou la président·e du jury (Anaïs Bénard, Maël Dupré).',
    )
    let error: unknown
    try {
      await publishResults(sessionId)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PublicationError)
    expect((error as InstanceType<typeof PublicationError>).status).toBe(409)
    expect((error as Error).message).toBe(state.refusal)
    expect((await publicationState(sessionId))!.session.publishedAt).toBeNull()
  })

  it('lists five names at most, and refuses a session without candidates', () => {
    const many = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((name) => ({ name, decision: null }))
    expect(publicationRefusal(many)).toContain('(A, B, C, D, E et 2\u00a0autres)')
    expect(publicationRefusal([])).toBe('Aucun·e candidat·e n’est inscrit·e à cette session\u00a0: il n’y a pas de résultats à publier.')
    expect(publicationRefusal([{ name: 'A', decision: 'partial' }])).toBeNull()
  })

  it('publishes once every candidate is deliberated, once; the learners then see their results; withdrawing hides them again', async () => {
    // Before publication: no learner has anything to read, whatever exists.
    expect((await publishedResultSessions(people.zoe.id)).size).toBe(0)
    expect(await learnerResults(sessionId, people.zoe.id)).toMatchObject({ state: 'unpublished', view: null })

    await deliberate(people.mael.id, 'partial', [
      [blocs.a, 'acquired'],
      [blocs.b, 'not-acquired'],
    ])
    await deliberate(people.anais.id, 'deferred', [
      [blocs.a, 'not-acquired'],
      [blocs.b, 'not-acquired'],
    ])
    const at = new Date('2027-07-01T08:00:00Z')
    expect(await publishResults(sessionId, getDb(), at)).toEqual(at)
    expect((await publicationState(sessionId))!.session.publishedAt).toBe(at.getTime())
    await expect(publishResults(sessionId)).rejects.toThrow('Les résultats de cette session sont déjà publiés.')
    await expect(publishResults('inconnue')).rejects.toThrow('Cette session d’examen n’existe pas.')

    expect([...(await publishedResultSessions(people.zoe.id))]).toEqual([sessionId])
    expect((await publishedResultSessions(people.outsider.id)).size).toBe(0)
    const page = (await learnerResults(sessionId, people.mael.id))!
    expect(page.state).toBe('published')
    expect(page.view).toMatchObject({ decision: 'partial', decisionLabel: 'Validation partielle de blocs', attestation: true })
    expect(page.view!.blocs.map((b) => [b.title, b.decisionLabel])).toEqual([
      ['Bloc A — Veille', 'Acquis'],
      ['Bloc B — Pilotage', 'Non acquis'],
    ])
    // Not enrolled: nothing (the route answers 404).
    expect(await learnerResults(sessionId, people.outsider.id)).toBeNull()

    await withdrawResults(sessionId)
    expect(await learnerResults(sessionId, people.mael.id)).toMatchObject({ state: 'unpublished' })
    expect((await publishedResultSessions(people.zoe.id)).size).toBe(0)
    await expect(withdrawResults(sessionId)).rejects.toThrow('Les résultats de cette session ne sont pas publiés.')
    await publishResults(sessionId)
  })

  it('shows « pending » to a learner enrolled after publication, who has no deliberation yet', async () => {
    const late = await person(['learner'], 'Loïc Brémond')
    await enrollLearners(getDb(), sessionId, [late.id])
    expect(await learnerResults(sessionId, late.id)).toMatchObject({ state: 'pending', view: null })
    expect((await publishedResultSessions(late.id)).size).toBe(0)
    await getDb().delete(schema.enrollments).where(eq(schema.enrollments.learnerId, late.id))
  })
})

describe('who reads the documents', () => {
  const statusOf = async (f: () => Promise<unknown>) => {
    try {
      await f()
      return 200
    } catch (error) {
      if (error instanceof Response) return error.status
      throw error
    }
  }
  it('the minutes and the grid: the session’s president and admins; 403 for anyone else; 404 for an unknown session', async () => {
    expect((await resultsOfficerAccess(people.admin, sessionId)).as).toBe('admin')
    expect((await resultsOfficerAccess(people.president, sessionId)).as).toBe('president')
    expect(await statusOf(async () => await resultsOfficerAccess(people.juror, sessionId))).toBe(403)
    expect(await statusOf(async () => await resultsOfficerAccess(people.tutor, sessionId))).toBe(403)
    expect(await statusOf(async () => await resultsOfficerAccess(people.zoe, sessionId))).toBe(403)
    // The president of one session is no one in another.
    expect(await statusOf(async () => await resultsOfficerAccess(people.president, otherSessionId))).toBe(403)
    expect(await statusOf(async () => await resultsOfficerAccess(people.admin, 'inconnue'))).toBe(404)
    // A former juror (role withdrawn) no longer presides.
    expect(await statusOf(async () => await resultsOfficerAccess({ ...people.president, roles: [] }, sessionId))).toBe(403)
  })

  it('an attestation: also the candidate once published, never another learner', async () => {
    expect((await attestationAccess(people.zoe, sessionId, people.zoe.id)).as).toBe('candidate')
    expect((await attestationAccess(people.president, sessionId, people.zoe.id)).as).toBe('president')
    expect((await attestationAccess(people.admin, sessionId, people.zoe.id)).as).toBe('admin')
    const other = await thrown(async () => await attestationAccess(people.mael, sessionId, people.zoe.id))
    expect(other.status).toBe(403)
    expect(await other.text).toBe('Vous ne pouvez télécharger que votre propre attestation.')
    expect(await statusOf(async () => await attestationAccess(people.juror, sessionId, people.zoe.id))).toBe(403)
    expect(await statusOf(async () => await attestationAccess(people.tutor, sessionId, people.zoe.id))).toBe(403)
    expect(await statusOf(async () => await attestationAccess(people.outsider, sessionId, people.outsider.id))).toBe(404)
    await withdrawResults(sessionId)
    const before = await thrown(async () => await attestationAccess(people.zoe, sessionId, people.zoe.id))
    expect(before.status).toBe(404)
    expect(await before.text).toBe('Les résultats ne sont pas encore publiés.')
    expect((await attestationAccess(people.president, sessionId, people.zoe.id)).as).toBe('president')
    await publishResults(sessionId)
  })
})

describe('the downloads', () => {
  it('the jury lists the president first, then the other jurors assigned in the session', async () => {
    expect(await sessionJury({ id: sessionId, presidentId: people.president.id })).toEqual([
      { id: people.president.id, name: 'Benoît Lemaître', president: true },
      { id: people.juror.id, name: 'Chloé Aubertin', president: false },
    ])
    expect(await sessionJury({ id: otherSessionId, presidentId: null })).toEqual([])
  })

  it('writes the minutes, the grid and an attestation; no attestation without a validated bloc or a deliberation (404, in French)', async () => {
    const minutes = await minutesDownload({ ...(await publicationSession()), presidentId: people.president.id })
    expect(minutes.headers.get('Content-Disposition')).toContain(encodeURIComponent('Procès-verbal de délibération — Session de printemps 2027.docx'))
    const xml = await (await JSZip.loadAsync(Buffer.from(await minutes.arrayBuffer()))).file('word/document.xml')!.async('string')
    for (const name of ['Zoé Lefèvre', 'Maël Dupré', 'Anaïs Bénard', 'Benoît Lemaître', 'Chloé Aubertin', 'Validation partielle de blocs'])
      expect(xml).toContain(name)

    const grid = await resultsGridDownload(await publicationSession())
    expect(grid.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')

    const attestation = await attestationDownload(await publicationSession(), people.mael.id)
    expect(attestation.headers.get('Content-Disposition')).toContain('attestation-mael-dupre.docx')
    const text = await (await JSZip.loadAsync(Buffer.from(await attestation.arrayBuffer()))).file('word/document.xml')!.async('string')
    expect(text).toContain('Bloc A — Veille')
    expect(text).not.toContain('Bloc B — Pilotage')

    const none = await attestationDownload(await publicationSession(), people.anais.id).catch((e: unknown) => e as Response)
    expect(none.status).toBe(404)
    expect(await none.text()).toBe('Aucun bloc de compétences n’a été validé pour Anaïs Bénard\u00a0: il n’y a pas d’attestation.')
    const late = await person(['learner'], 'Gaëlle Perrot')
    await enrollLearners(getDb(), sessionId, [late.id])
    const pending = await attestationDownload(await publicationSession(), late.id).catch((e: unknown) => e as Response)
    expect(pending.status).toBe(404)
    expect(await pending.text()).toBe('Gaëlle Perrot n’a pas encore de délibération confirmée (non délibéré)\u00a0: il n’y a pas d’attestation.')
    const stranger = await attestationDownload(await publicationSession(), people.outsider.id).catch((e: unknown) => e as Response)
    expect(stranger.status).toBe(404)
    await getDb().delete(schema.enrollments).where(eq(schema.enrollments.learnerId, late.id))
  }, 60_000)
})

async function publicationSession() {
  const s = (await getDb().select().from(schema.examSessions).where(eq(schema.examSessions.id, sessionId)))[0]!
  return { id: s.id, name: s.name, startsOn: s.startsOn, endsOn: s.endsOn, presidentId: s.presidentId, resultsPublishedAt: s.resultsPublishedAt }
}

describe('what the learner sees', () => {
  const criterion = (criterionId: string, over: Partial<CriterionOutcome>): CriterionOutcome => ({
    criterionId,
    part: 'written',
    level: null,
    levelLabel: '',
    acquired: null,
    comment: '',
    evidence: [],
    selfAssessment: null,
    gap: null,
    ...over,
  })
  const results = (): CandidateResults => ({
    examSessionId: 's',
    learnerId: 'l',
    name: 'Zoé Lefèvre',
    competencies: referentiel.activities.flatMap((a) =>
      a.competencies.map((c) => ({
        competencyId: c.id,
        result: c.id === 'C1.1' ? 'not-acquired' : c.id === 'C1.2' ? 'acquired' : null,
        source:
          c.id === 'C1.1' || c.id === 'C1.2'
            ? {
                instanceId: 'i',
                evaluationId: 'fiche-veille',
                evaluationTitle: 'Fiche de veille',
                jurors: ['Benoît Lemaître'],
                reconciled: false,
                override: null,
              }
            : null,
        criteria:
          c.id === 'C1.1'
            ? [
                criterion('C1.1-1', {
                  level: 'non-acquis',
                  levelLabel: 'Non acquis',
                  acquired: false,
                  comment: 'Les besoins ne sont pas hiérarchisés.',
                  selfAssessment: 'achieved',
                  gap: 'over',
                }),
                criterion('C1.1-2', { level: 'acquis', levelLabel: 'Acquis', acquired: true, selfAssessment: 'in_progress', gap: 'under' }),
                criterion('C1.1-2', { part: 'oral', level: 'acquis', levelLabel: 'Acquis', acquired: true, selfAssessment: 'in_progress', gap: 'under' }),
              ]
            : c.id === 'C1.2'
              ? [criterion('C1.2-1', { level: 'acquis', levelLabel: 'Acquis', acquired: true, selfAssessment: 'achieved' })]
              : // Rows of a competency no closed grid judges: not shown.
                [criterion(`${c.id}-1`, { selfAssessment: 'achieved' })],
      })),
    ),
    blocs: [{ blocId: 'b1', title: 'Bloc 1', example: true, competencyIds: ['C1.1', 'C1.2'], proposed: 'not-acquired' }],
    proposed: 'deferred',
    deliberation: {
      blocs: [
        { blocId: 'b1', proposed: 'not-acquired', decision: 'not-acquired', reason: '' },
        // A bloc deleted since: not shown.
        { blocId: 'gone', proposed: 'acquired', decision: 'acquired', reason: '' },
      ],
      decision: 'deferred',
      reason: '',
      confirmedByName: 'Benoît Lemaître',
      confirmedAt: Date.UTC(2027, 5, 20),
    },
  })

  it('puts the self-assessment beside the jury’s level and comment, counts the gaps, and shows no juror name nor evidence', () => {
    const view = learnerResultsView(results())!
    expect(view.gaps).toEqual({ over: 1, under: 2 })
    expect(view.attestation).toBe(false)
    expect(view.blocs.map((b) => b.id)).toEqual(['b1'])
    const c11 = view.activities[0]!.competencies[0]!
    expect(c11).toMatchObject({
      id: 'C1.1',
      resultLabel: 'Non acquise',
      evaluationTitle: 'Fiche de veille',
      heading: 'Qualité du plan de collecte d’informations',
    })
    expect(c11.criteria.map((k) => [k.criterionId, k.partLabel, k.selfLabel, k.levelLabel, k.gap])).toEqual([
      ['C1.1-1', null, 'Atteint', 'Non acquis', 'over'],
      ['C1.1-2', 'Écrit', 'En cours', 'Acquis', 'under'],
      ['C1.1-2', 'Oral', 'En cours', 'Acquis', 'under'],
    ])
    expect(c11.criteria[0]!.text).toBe(referentiel.activities[0]!.competencies[0]!.criteria[0]!.text)
    expect(c11.criteria[0]!.comment).toBe('Les besoins ne sont pas hiérarchisés.')
    expect(view.activities[0]!.competencies[1]!.criteria.map((k) => [k.criterionId, k.levelLabel, k.gap])).toEqual([['C1.2-1', 'Acquis', null]])
    const c13 = view.activities[0]!.competencies[2]!
    expect(c13).toMatchObject({ resultLabel: 'Non évaluée', criteria: [] })
    expect(view.activities.flatMap((a) => a.competencies).filter((c) => c.criteria.length > 0)).toHaveLength(2)
    expect(JSON.stringify(view)).not.toContain('Benoît Lemaître')
    expect(JSON.stringify(view)).not.toContain('evidence')
  })

  it('is nothing without a confirmed deliberation', () => {
    expect(learnerResultsView({ ...results(), deliberation: null })).toBeNull()
  })
})
