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
function person(roles: Role[], name: string): User {
  const email = `p${++n}@test.fr`
  const id = getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning().get().id
  for (const role of roles) getDb().insert(schema.userRoles).values({ userId: id, role }).run()
  return { id, name, email, roles }
}

const people = {} as Record<'admin' | 'president' | 'juror' | 'tutor' | 'zoe' | 'mael' | 'anais' | 'outsider', User>
let sessionId = ''
let otherSessionId = ''
const blocs = { a: '', b: '' }

function deliberate(learnerId: string, decision: OverallDecision, decisions: [string, 'acquired' | 'not-acquired'][], session = sessionId) {
  const blocsJson: BlocDecision[] = decisions.map(([blocId, d]) => ({ blocId, proposed: d, decision: d, reason: '' }))
  getDb()
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
    .run()
}

/** The Response a service threw (access refusals are thrown Responses). */
function thrown(f: () => unknown): { status: number; text: Promise<string> } {
  try {
    f()
  } catch (error) {
    if (error instanceof Response) return { status: error.status, text: error.text() }
    throw error
  }
  throw new Error('not refused')
}

beforeAll(() => {
  const db = getDb()
  people.admin = person(['admin'], 'Hélène Dubreuil')
  people.president = person(['juror'], 'Benoît Lemaître')
  people.juror = person(['juror'], 'Chloé Aubertin')
  people.tutor = person(['tutor'], 'Étienne Garnier')
  people.zoe = person(['learner'], 'Zoé Lefèvre')
  people.mael = person(['learner'], 'Maël Dupré')
  people.anais = person(['learner'], 'Anaïs Bénard')
  people.outsider = person(['learner'], 'Oscar Dehors')
  sessionId = db
    .insert(schema.examSessions)
    .values({ name: 'Session de printemps 2027', startsOn: '2027-01-04', endsOn: '2027-06-30', presidentId: people.president.id })
    .returning()
    .get().id
  otherSessionId = db.insert(schema.examSessions).values({ name: 'Autre', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning().get().id
  enrollLearners(db, sessionId, [people.zoe.id, people.mael.id, people.anais.id])
  enrollLearners(db, otherSessionId, [people.outsider.id])
  // The jury: both jurors assigned in the session.
  for (const [jurorId, learnerId] of [
    [people.juror.id, people.mael.id],
    [people.president.id, people.zoe.id],
  ])
    db.insert(schema.jurorAssignments).values({ examSessionId: sessionId, jurorId: jurorId!, evaluationId: 'fiche-veille', learnerId }).run()
  const bloc = (title: string, position: number, competencyIds: string[]) => {
    const id = db.insert(schema.competencyBlocs).values({ examSessionId: sessionId, title, position, example: true }).returning().get().id
    db.insert(schema.blocCompetencies)
      .values(competencyIds.map((competencyId) => ({ blocId: id, examSessionId: sessionId, competencyId })))
      .run()
    return id
  }
  blocs.a = bloc('Bloc A — Veille', 1, ['C1.1', 'C1.2', 'C1.3'])
  blocs.b = bloc('Bloc B — Pilotage', 2, ['C10.1'])
})
afterAll(() => closeDeliberationPool())

describe('publication', () => {
  it('is refused, with the names, while an enrolled candidate has no confirmed deliberation', () => {
    deliberate(people.zoe.id, 'complete', [
      [blocs.a, 'acquired'],
      [blocs.b, 'acquired'],
    ])
    const state = publicationState(sessionId)!
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
      publishResults(sessionId)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PublicationError)
    expect((error as InstanceType<typeof PublicationError>).status).toBe(409)
    expect((error as Error).message).toBe(state.refusal)
    expect(publicationState(sessionId)!.session.publishedAt).toBeNull()
  })

  it('lists five names at most, and refuses a session without candidates', () => {
    const many = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((name) => ({ name, decision: null }))
    expect(publicationRefusal(many)).toContain('(A, B, C, D, E et 2\u00a0autres)')
    expect(publicationRefusal([])).toBe('Aucun·e candidat·e n’est inscrit·e à cette session\u00a0: il n’y a pas de résultats à publier.')
    expect(publicationRefusal([{ name: 'A', decision: 'partial' }])).toBeNull()
  })

  it('publishes once every candidate is deliberated, once; the learners then see their results; withdrawing hides them again', () => {
    // Before publication: no learner has anything to read, whatever exists.
    expect(publishedResultSessions(people.zoe.id).size).toBe(0)
    expect(learnerResults(sessionId, people.zoe.id)).toMatchObject({ state: 'unpublished', view: null })

    deliberate(people.mael.id, 'partial', [
      [blocs.a, 'acquired'],
      [blocs.b, 'not-acquired'],
    ])
    deliberate(people.anais.id, 'deferred', [
      [blocs.a, 'not-acquired'],
      [blocs.b, 'not-acquired'],
    ])
    const at = new Date('2027-07-01T08:00:00Z')
    expect(publishResults(sessionId, getDb(), at)).toEqual(at)
    expect(publicationState(sessionId)!.session.publishedAt).toBe(at.getTime())
    expect(() => publishResults(sessionId)).toThrow('Les résultats de cette session sont déjà publiés.')
    expect(() => publishResults('inconnue')).toThrow('Cette session d’examen n’existe pas.')

    expect([...publishedResultSessions(people.zoe.id)]).toEqual([sessionId])
    expect(publishedResultSessions(people.outsider.id).size).toBe(0)
    const page = learnerResults(sessionId, people.mael.id)!
    expect(page.state).toBe('published')
    expect(page.view).toMatchObject({ decision: 'partial', decisionLabel: 'Validation partielle de blocs', attestation: true })
    expect(page.view!.blocs.map((b) => [b.title, b.decisionLabel])).toEqual([
      ['Bloc A — Veille', 'Acquis'],
      ['Bloc B — Pilotage', 'Non acquis'],
    ])
    // Not enrolled: nothing (the route answers 404).
    expect(learnerResults(sessionId, people.outsider.id)).toBeNull()

    withdrawResults(sessionId)
    expect(learnerResults(sessionId, people.mael.id)).toMatchObject({ state: 'unpublished' })
    expect(publishedResultSessions(people.zoe.id).size).toBe(0)
    expect(() => withdrawResults(sessionId)).toThrow('Les résultats de cette session ne sont pas publiés.')
    publishResults(sessionId)
  })

  it('shows « pending » to a learner enrolled after publication, who has no deliberation yet', () => {
    const late = person(['learner'], 'Loïc Brémond')
    enrollLearners(getDb(), sessionId, [late.id])
    expect(learnerResults(sessionId, late.id)).toMatchObject({ state: 'pending', view: null })
    expect(publishedResultSessions(late.id).size).toBe(0)
    getDb().delete(schema.enrollments).where(eq(schema.enrollments.learnerId, late.id)).run()
  })
})

describe('who reads the documents', () => {
  const statusOf = (f: () => unknown) => {
    try {
      f()
      return 200
    } catch (error) {
      if (error instanceof Response) return error.status
      throw error
    }
  }
  it('the minutes and the grid: the session’s president and admins; 403 for anyone else; 404 for an unknown session', () => {
    expect(resultsOfficerAccess(people.admin, sessionId).as).toBe('admin')
    expect(resultsOfficerAccess(people.president, sessionId).as).toBe('president')
    expect(statusOf(() => resultsOfficerAccess(people.juror, sessionId))).toBe(403)
    expect(statusOf(() => resultsOfficerAccess(people.tutor, sessionId))).toBe(403)
    expect(statusOf(() => resultsOfficerAccess(people.zoe, sessionId))).toBe(403)
    // The president of one session is no one in another.
    expect(statusOf(() => resultsOfficerAccess(people.president, otherSessionId))).toBe(403)
    expect(statusOf(() => resultsOfficerAccess(people.admin, 'inconnue'))).toBe(404)
    // A former juror (role withdrawn) no longer presides.
    expect(statusOf(() => resultsOfficerAccess({ ...people.president, roles: [] }, sessionId))).toBe(403)
  })

  it('an attestation: also the candidate once published, never another learner', async () => {
    expect(attestationAccess(people.zoe, sessionId, people.zoe.id).as).toBe('candidate')
    expect(attestationAccess(people.president, sessionId, people.zoe.id).as).toBe('president')
    expect(attestationAccess(people.admin, sessionId, people.zoe.id).as).toBe('admin')
    const other = thrown(() => attestationAccess(people.mael, sessionId, people.zoe.id))
    expect(other.status).toBe(403)
    expect(await other.text).toBe('Vous ne pouvez télécharger que votre propre attestation.')
    expect(statusOf(() => attestationAccess(people.juror, sessionId, people.zoe.id))).toBe(403)
    expect(statusOf(() => attestationAccess(people.tutor, sessionId, people.zoe.id))).toBe(403)
    expect(statusOf(() => attestationAccess(people.outsider, sessionId, people.outsider.id))).toBe(404)
    withdrawResults(sessionId)
    const before = thrown(() => attestationAccess(people.zoe, sessionId, people.zoe.id))
    expect(before.status).toBe(404)
    expect(await before.text).toBe('Les résultats ne sont pas encore publiés.')
    expect(attestationAccess(people.president, sessionId, people.zoe.id).as).toBe('president')
    publishResults(sessionId)
  })
})

describe('the downloads', () => {
  it('the jury lists the president first, then the other jurors assigned in the session', () => {
    expect(sessionJury({ id: sessionId, presidentId: people.president.id })).toEqual([
      { id: people.president.id, name: 'Benoît Lemaître', president: true },
      { id: people.juror.id, name: 'Chloé Aubertin', president: false },
    ])
    expect(sessionJury({ id: otherSessionId, presidentId: null })).toEqual([])
  })

  it('writes the minutes, the grid and an attestation; no attestation without a validated bloc or a deliberation (404, in French)', async () => {
    const minutes = await minutesDownload({ ...publicationSession(), presidentId: people.president.id })
    expect(minutes.headers.get('Content-Disposition')).toContain(encodeURIComponent('Procès-verbal de délibération — Session de printemps 2027.docx'))
    const xml = await (await JSZip.loadAsync(Buffer.from(await minutes.arrayBuffer()))).file('word/document.xml')!.async('string')
    for (const name of ['Zoé Lefèvre', 'Maël Dupré', 'Anaïs Bénard', 'Benoît Lemaître', 'Chloé Aubertin', 'Validation partielle de blocs'])
      expect(xml).toContain(name)

    const grid = await resultsGridDownload(publicationSession())
    expect(grid.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')

    const attestation = await attestationDownload(publicationSession(), people.mael.id)
    expect(attestation.headers.get('Content-Disposition')).toContain('attestation-mael-dupre.docx')
    const text = await (await JSZip.loadAsync(Buffer.from(await attestation.arrayBuffer()))).file('word/document.xml')!.async('string')
    expect(text).toContain('Bloc A — Veille')
    expect(text).not.toContain('Bloc B — Pilotage')

    const none = await attestationDownload(publicationSession(), people.anais.id).catch((e: unknown) => e as Response)
    expect(none.status).toBe(404)
    expect(await none.text()).toBe('Aucun bloc de compétences n’a été validé pour Anaïs Bénard\u00a0: il n’y a pas d’attestation.')
    const late = person(['learner'], 'Gaëlle Perrot')
    enrollLearners(getDb(), sessionId, [late.id])
    const pending = await attestationDownload(publicationSession(), late.id).catch((e: unknown) => e as Response)
    expect(pending.status).toBe(404)
    expect(await pending.text()).toBe('Gaëlle Perrot n’a pas encore de délibération confirmée (non délibéré)\u00a0: il n’y a pas d’attestation.')
    const stranger = await attestationDownload(publicationSession(), people.outsider.id).catch((e: unknown) => e as Response)
    expect(stranger.status).toBe(404)
    getDb().delete(schema.enrollments).where(eq(schema.enrollments.learnerId, late.id)).run()
  }, 60_000)
})

function publicationSession() {
  const s = getDb().select().from(schema.examSessions).where(eq(schema.examSessions.id, sessionId)).get()!
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
