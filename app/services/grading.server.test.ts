import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { GradePart } from '~/domain/grading'
import type { GridView } from '~/domain/grading-view'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb, execute } = await setupTempDb('grading')
const schema = await import('#db/schema')
const { learnerDossiers } = await import('./dossiers.server')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { saveSection } = await import('./dossier-sections.server')
const { handIn, candidateCode } = await import('./submissions.server')
const { GridOpSchema } = await import('./grading-input.server')
const { closeGrading, GradingError, gridOf, jurorCopies, reopenGrading, saveCell, saveOverride, CLOSED, NOTHING_HANDED_IN } = await import('./grading.server')
const { sessionCookie, SESSION_TTL_MS } = await import('./session.server')
const route = await import('~/routes/api.jury.$assignmentId')

type User = { id: string; name: string; email: string; roles: Role[] }

let n = 0
async function person(roles: Role[], name: string): Promise<User> {
  const email = `${name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '')}${++n}@test.fr`
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return { id, name, email, roles }
}
const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) })
async function write(dossierId: string, author: User, sectionId: string, content: unknown) {
  const [current] = await getDb()
    .select({ v: schema.dossierSections.version })
    .from(schema.dossierSections)
    .where(and(eq(schema.dossierSections.dossierId, dossierId), eq(schema.dossierSections.sectionId, sectionId)))
  expect((await saveSection({ dossierId, sectionId, baseVersion: current?.v ?? 0, content: content as never, authorId: author.id })).ok).toBe(true)
}
/** The status a call ends with: a thrown Response's or GradingError's, else 200. */
async function statusOf(f: () => Promise<unknown>): Promise<number> {
  try {
    await f()
  } catch (error) {
    if (error instanceof Response) return error.status
    if (error instanceof GradingError) return error.status
    throw error
  }
  return 200
}
async function refusal(f: () => Promise<unknown>): Promise<InstanceType<typeof GradingError>> {
  try {
    await f()
  } catch (error) {
    if (error instanceof GradingError) return error
    throw error
  }
  throw new Error('not refused')
}

let sessionId = ''
const DUE = new Date('2027-03-01T17:00:00Z')
const BEFORE = new Date('2027-02-20T10:00:00Z')
const LATE = new Date(DUE.getTime() + 3_600_000)
const people = {} as Record<'zoe' | 'mael' | 'anais' | 'juror' | 'otherJuror' | 'tutor' | 'admin', User>
const ids = { anonymous: '', unsubmitted: '', group: '', veille: '', otherJurors: '' }
const submissionIds = { zoeCas: '', maelCas: '' }
let code = ''

const assign = async (jurorId: string, evaluationId: string, target: { learnerId?: string; groupId?: string }) =>
  (
    await getDb()
      .insert(schema.jurorAssignments)
      .values({ examSessionId: sessionId, jurorId, evaluationId, ...target })
      .returning()
  )[0]!.id

beforeAll(async () => {
  const db = getDb()
  people.zoe = await person(['learner'], 'Zoé Lefèvre')
  people.mael = await person(['learner'], 'Maël Dupré')
  people.anais = await person(['learner'], 'Anaïs Bénard')
  people.juror = await person(['juror'], 'Benoît Lemaître')
  people.otherJuror = await person(['juror'], 'Chloé Aubertin')
  people.tutor = await person(['tutor'], 'Étienne Garnier')
  people.admin = await person(['admin'], 'Hélène Dubreuil')
  sessionId = (await db.insert(schema.examSessions).values({ name: 'Session 2027', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  const { zoe, mael, anais, juror, otherJuror } = people
  await enrollLearners(db, sessionId, [zoe.id, mael.id, anais.id])
  for (const [evaluationId, anonymous] of [
    ['cas-pratique-a3', true],
    // Flagged anonymous too: a group épreuve is never marked anonymously all the same.
    ['msp-a2', true],
    ['fiche-veille', false],
  ] as const)
    await db
      .insert(schema.evaluationInstances)
      .values({ examSessionId: sessionId, evaluationId, dueAt: DUE, cutoffAt: new Date(DUE.getTime() + 86_400_000), anonymous })
  const groupId = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name: 'Groupe 1' }).returning())[0]!.id
  await addGroupMembers(db, groupId, [zoe.id, mael.id])

  ids.anonymous = await assign(juror.id, 'cas-pratique-a3', { learnerId: zoe.id })
  ids.unsubmitted = await assign(juror.id, 'cas-pratique-a3', { learnerId: anais.id })
  ids.group = await assign(juror.id, 'msp-a2', { groupId })
  ids.veille = await assign(juror.id, 'fiche-veille', { learnerId: zoe.id })
  ids.otherJurors = await assign(otherJuror.id, 'cas-pratique-a3', { learnerId: mael.id })

  const dossierOf = async (who: User, templateId: string) => (await learnerDossiers(who.id, sessionId)).find((d) => d.templateId === templateId)!
  // Zoé hands in her cas pratique on time, then again late: the copy is the late one.
  const cas = await dossierOf(zoe, 'cas-pratique-a3')
  await write(cas.id, zoe, 'inclusion', doc('Étiquettes en corps 14 et recharge sans parfum.'))
  await handIn(zoe, cas.id, { confirmed: true, now: BEFORE })
  await write(cas.id, zoe, 'inclusion', doc('Étiquettes en corps 14, contraste renforcé et recharge sans parfum.'))
  submissionIds.zoeCas = (await handIn(zoe, cas.id, { confirmed: true, now: LATE })).submission.id
  const maelCas = await dossierOf(mael, 'cas-pratique-a3')
  await write(maelCas.id, mael, 'inclusion', doc('Une gamme pensée pour les malvoyants.'))
  submissionIds.maelCas = (await handIn(mael, maelCas.id, { confirmed: true, now: BEFORE })).submission.id
  // The group's dossier and both members' REX.
  const msp = await dossierOf(zoe, 'msp-a2')
  await write(msp.id, mael, 'contexte', doc('Une brasserie artisanale lance une bière sans alcool.'))
  await handIn(mael, msp.id, { confirmed: true, now: BEFORE })
  for (const member of [zoe, mael]) {
    const rex = await dossierOf(member, 'msp-a2-rex')
    await write(rex.id, member, 'retour-jury', doc('Le jury a relevé des sources non datées.'))
    await handIn(member, rex.id, { confirmed: true, now: BEFORE })
  }
  const veille = await dossierOf(zoe, 'fiche-veille')
  await write(veille.id, zoe, 'contexte', doc('Veille sur le marché des boissons sans alcool.'))
  await handIn(zoe, veille.id, { confirmed: true, now: BEFORE })

  const instance = (await db.select().from(schema.evaluationInstances).where(eq(schema.evaluationInstances.evaluationId, 'cas-pratique-a3')))[0]!
  code = await candidateCode(instance.id, zoe.id)
})

const setSession = async (values: Partial<typeof schema.examSessions.$inferInsert>) =>
  await getDb().update(schema.examSessions).set(values).where(eq(schema.examSessions.id, sessionId))
beforeEach(async () => await setSession({ gradingScale: 'binary', competencyRule: 'all', competencyRuleMin: null }))

/** Writes a cell from its current version (as the grid does). */
async function grade(assignmentId: string, criterionId: string, part: GradePart, learnerId: string, change: { level?: string | null; comment?: string }) {
  const current = (await gridOf(people.juror, assignmentId)).cells.find((c) => c.criterionId === criterionId && c.part === part && c.learnerId === learnerId)
  return await saveCell(people.juror, assignmentId, { criterionId, part, learnerId, baseVersion: current?.version ?? 0, ...change })
}
const rowsOf = (view: GridView, competencyId: string) => view.rows.filter((r) => r.competencyId === competencyId)
const competency = (view: Pick<GridView, 'competencies'>, competencyId: string, learnerId = '') =>
  view.competencies.find((c) => c.competencyId === competencyId && c.learnerId === learnerId)!

describe('who may grade', () => {
  it('gives the grid to its juror only: 403 for another juror, a learner, a tutor, an admin; 404 for an unknown copy', async () => {
    expect(await statusOf(async () => await gridOf(people.juror, ids.anonymous))).toBe(200)
    expect(await statusOf(async () => await gridOf(people.otherJuror, ids.anonymous))).toBe(403)
    expect(await statusOf(async () => await gridOf(people.juror, ids.otherJurors))).toBe(403)
    for (const who of [people.zoe, people.tutor, people.admin]) expect(await statusOf(async () => await gridOf(who, ids.anonymous))).toBe(403)
    expect(await statusOf(async () => await gridOf(people.juror, 'inconnue'))).toBe(404)
  })

  it('refuses writes to another juror’s copy (403) and to a learner (403), before writing anything', async () => {
    const op = { criterionId: 'C3.1-1', part: 'written' as const, learnerId: '', baseVersion: 0, level: 'acquis' }
    expect(await statusOf(async () => await saveCell(people.juror, ids.otherJurors, op))).toBe(403)
    expect(await statusOf(async () => await saveCell(people.zoe, ids.anonymous, op))).toBe(403)
    expect(await statusOf(async () => await closeGrading(people.mael, ids.otherJurors))).toBe(403)
    expect(await statusOf(async () => await saveCell(people.juror, 'inconnue', op))).toBe(404)
    expect(await getDb().select().from(schema.gradings).where(eq(schema.gradings.assignmentId, ids.otherJurors))).toEqual([])
  })

  it('refuses to grade a copy that is not handed in', async () => {
    const refused = await refusal(
      async () => await saveCell(people.juror, ids.unsubmitted, { criterionId: 'C3.1-1', part: 'written', learnerId: '', baseVersion: 0, level: 'acquis' }),
    )
    expect([refused.status, refused.message]).toEqual([400, NOTHING_HANDED_IN])
  })
})

describe('the juror’s list', () => {
  it('groups the juror’s own copies by instance in référentiel order, counts those not handed in, and says when one was late', async () => {
    const list = await jurorCopies(people.juror.id)
    expect(list.map((i) => i.evaluationId)).toEqual(['fiche-veille', 'msp-a2', 'cas-pratique-a3'])
    const cas = list.find((i) => i.evaluationId === 'cas-pratique-a3')!
    expect(cas).toMatchObject({ anonymous: true, mode: 'individual', range: 'C3.1 à C3.3', sessionName: 'Session 2027', dueAt: DUE.getTime(), waiting: 1 })
    // Maël's copy is another juror’s; Anaïs has handed nothing in.
    expect(cas.copies).toEqual([{ assignmentId: ids.anonymous, label: code, members: [], state: expect.any(String), submittedAt: LATE.getTime(), late: true }])
    const group = list.find((i) => i.evaluationId === 'msp-a2')!
    expect(group.anonymous).toBe(false)
    expect(group.copies).toEqual([
      {
        assignmentId: ids.group,
        label: 'Groupe 1',
        members: ['Maël Dupré', 'Zoé Lefèvre'],
        state: expect.any(String),
        submittedAt: BEFORE.getTime(),
        late: false,
      },
    ])
    expect(list.find((i) => i.evaluationId === 'fiche-veille')!.copies[0]).toMatchObject({ label: 'Zoé Lefèvre', late: false })
    expect((await jurorCopies(people.otherJuror.id)).flatMap((i) => i.copies.map((c) => c.assignmentId))).toEqual([ids.otherJurors])
    expect(await jurorCopies(people.zoe.id)).toEqual([])
  })

  it('says where each copy stands: à évaluer, en cours once a level or a comment is saved, évaluée once closed', async () => {
    const stateOf = async () => (await jurorCopies(people.otherJuror.id))[0]!.copies[0]!.state
    expect(await stateOf()).toBe('todo')
    await saveCell(people.otherJuror, ids.otherJurors, {
      criterionId: 'C3.1-1',
      part: 'written',
      learnerId: '',
      baseVersion: 0,
      comment: 'Sources non datées.',
    })
    expect(await stateOf()).toBe('in-progress')
    await closeGrading(people.otherJuror, ids.otherJurors)
    expect(await stateOf()).toBe('done')
    await reopenGrading(people.otherJuror, ids.otherJurors)
    expect(await stateOf()).toBe('in-progress')
  })
})

describe('the grid', () => {
  it('lists the criteria of the épreuve on their parts, with their texts, and the latest snapshot of each dossier', async () => {
    const view = await gridOf(people.juror, ids.veille)
    expect(view.rows.find((r) => r.criterionId === 'C1.3-6')).toMatchObject({ part: 'oral', scope: 'target', competencyId: 'C1.3' })
    expect(view.rows.filter((r) => r.criterionId === 'C1.3-5').map((r) => r.part)).toEqual(['written', 'oral'])
    expect(view.rows.every((r) => r.criterionText.length > 10)).toBe(true)
    expect(view.members).toEqual([])
    expect(view.snapshots).toHaveLength(1)

    const group = await gridOf(people.juror, ids.group)
    expect(group.members.map((m) => m.label)).toEqual(['Maël Dupré', 'Zoé Lefèvre'])
    expect(group.rows.filter((r) => r.criterionId === 'C2.1-4')).toMatchObject([
      { part: 'written', scope: 'target' },
      { part: 'oral', scope: 'member' },
    ])
    // The REX discusses criteria without evidencing them: no criterion is graded on it.
    expect(group.rows.filter((r) => r.part === 'rex')).toEqual([])
    // The group's dossier first, then each member's REX named after its author.
    expect(group.snapshots.map((s) => [s.kind, s.owner])).toEqual([
      ['main', null],
      ['rex', expect.any(String)],
      ['rex', expect.any(String)],
    ])
    expect(
      group.snapshots
        .slice(1)
        .map((s) => s.owner)
        .sort(),
    ).toEqual(['Maël Dupré', 'Zoé Lefèvre'])

    const cas = await gridOf(people.juror, ids.anonymous)
    expect(cas.snapshots).toHaveLength(1)
    expect(cas.snapshots[0]).toMatchObject({ submissionId: submissionIds.zoeCas, late: true, owner: null })
    expect(JSON.stringify(cas.snapshots[0]!.sections)).toContain('contraste renforcé')
  })

  it('refuses a row that is not in the grid, a member on a shared row, a non-member on a member row, and a level off the session’s scale', async () => {
    const base = { part: 'written' as const, learnerId: '', baseVersion: 0 }
    expect((await refusal(async () => await saveCell(people.juror, ids.anonymous, { ...base, criterionId: 'C9.9-9', level: 'acquis' }))).status).toBe(400)
    expect(
      (await refusal(async () => await saveCell(people.juror, ids.anonymous, { ...base, part: 'oral', criterionId: 'C3.1-1', level: 'acquis' }))).message,
    ).toContain('l’oral')
    expect(
      (await refusal(async () => await saveCell(people.juror, ids.group, { ...base, criterionId: 'C2.1-1', learnerId: people.zoe.id, level: 'acquis' })))
        .status,
    ).toBe(400)
    expect((await refusal(async () => await saveCell(people.juror, ids.group, { ...base, criterionId: 'C2.1-4', part: 'oral', level: 'acquis' }))).status).toBe(
      400,
    )
    expect(
      (
        await refusal(
          async () => await saveCell(people.juror, ids.group, { ...base, criterionId: 'C2.1-4', part: 'oral', learnerId: people.anais.id, level: 'acquis' }),
        )
      ).status,
    ).toBe(400)
    const offScale = await refusal(async () => await saveCell(people.juror, ids.anonymous, { ...base, criterionId: 'C3.1-1', level: 'maitrise' }))
    expect(offScale.message).toBe('Ce niveau n’existe pas sur l’échelle de la session (Acquis, Non acquis).')
  })

  it('cites evidence from the copy’s own snapshots only', async () => {
    const selectors = [
      { type: 'TextQuoteSelector', exact: 'contraste renforcé', prefix: 'corps 14, ', suffix: ' et recharge' },
      { type: 'TextPositionSelector', start: 20, end: 38 },
    ] as const
    const evidence = [{ kind: 'passage' as const, submissionId: submissionIds.zoeCas, sectionId: 'inclusion', selectors: [...selectors] as never }]
    const answer = await saveCell(people.juror, ids.anonymous, { criterionId: 'C3.2-2', part: 'written', learnerId: '', baseVersion: 0, evidence })
    expect(answer.cell?.evidence).toEqual(evidence)
    expect(answer.audit[0]!.text).toBe('Preuves de C3.2-2 (écrit)\u00a0: ajout de «\u00a0contraste renforcé\u00a0»')
    const foreign = [{ ...evidence[0]!, submissionId: submissionIds.maelCas }]
    expect(
      (
        await refusal(
          async () => await saveCell(people.juror, ids.anonymous, { criterionId: 'C3.2-2', part: 'written', learnerId: '', baseVersion: 1, evidence: foreign }),
        )
      ).status,
    ).toBe(400)
  })
})

describe('from criteria to competency', () => {
  it('rule « all »: acquired when every criterion is, not acquired as soon as one is not, pending otherwise', async () => {
    const view = await gridOf(people.juror, ids.veille)
    const rows = rowsOf(view, 'C1.1')
    expect(rows.length).toBeGreaterThan(2)
    for (const r of rows.slice(0, -1)) await grade(ids.veille, r.criterionId, r.part, '', { level: 'acquis' })
    expect(competency(await gridOf(people.juror, ids.veille), 'C1.1').derived).toBeNull()
    const last = rows.at(-1)!
    expect(competency(await grade(ids.veille, last.criterionId, last.part, '', { level: 'acquis' }), 'C1.1').derived).toBe('acquired')
    expect(competency(await grade(ids.veille, last.criterionId, last.part, '', { level: 'non-acquis' }), 'C1.1').derived).toBe('not-acquired')
  })

  it('a criterion judged on the written work and the oral counts as acquired only when both are', async () => {
    const rows = rowsOf(await gridOf(people.juror, ids.veille), 'C1.3')
    for (const r of rows) await grade(ids.veille, r.criterionId, r.part, '', { level: 'acquis' })
    expect(competency(await gridOf(people.juror, ids.veille), 'C1.3').derived).toBe('acquired')
    expect(competency(await grade(ids.veille, 'C1.3-5', 'oral', '', { level: 'non-acquis' }), 'C1.3').derived).toBe('not-acquired')
  })

  it('rule « at least N »: acquired with N criteria acquired, whatever the others', async () => {
    const rows = rowsOf(await gridOf(people.juror, ids.veille), 'C1.2')
    const criteria = [...new Set(rows.map((r) => r.criterionId))]
    expect(criteria.length).toBeGreaterThanOrEqual(3)
    await setSession({ competencyRule: 'at-least', competencyRuleMin: 2 })
    await grade(ids.veille, criteria[0]!, 'written', '', { level: 'acquis' })
    await grade(ids.veille, criteria[1]!, 'written', '', { level: 'non-acquis' })
    expect(competency(await gridOf(people.juror, ids.veille), 'C1.2').derived).toBeNull()
    const answer = await grade(ids.veille, criteria[2]!, 'written', '', { level: 'acquis' })
    expect(competency(answer, 'C1.2').derived).toBe('acquired')
    expect((await gridOf(people.juror, ids.veille)).ruleLabel).toBe('Acquise quand au moins 2 de ses critères sont acquis')
    await setSession({ competencyRule: 'all' })
    expect(competency(await gridOf(people.juror, ids.veille), 'C1.2').derived).toBe('not-acquired')
  })

  it('four-level scale: Maîtrisé and Acquis count as acquired, En cours d’acquisition does not', async () => {
    await setSession({ gradingScale: 'four' })
    expect((await gridOf(people.juror, ids.anonymous)).levels.map((l) => l.id)).toEqual(['maitrise', 'acquis', 'en-cours', 'non-acquis'])
    const rows = rowsOf(await gridOf(people.juror, ids.anonymous), 'C3.1')
    for (const [i, r] of rows.entries()) await grade(ids.anonymous, r.criterionId, r.part, '', { level: i % 2 ? 'maitrise' : 'acquis' })
    expect(competency(await gridOf(people.juror, ids.anonymous), 'C3.1').derived).toBe('acquired')
    const answer = await grade(ids.anonymous, rows[0]!.criterionId, 'written', '', { level: 'en-cours' })
    expect(competency(answer, 'C3.1').derived).toBe('not-acquired')
    expect(answer.audit[0]!.text).toBe(`Niveau de ${rows[0]!.criterionId} (écrit)\u00a0: Acquis → En cours d’acquisition`)
  })

  it('a group: the written grade is shared, oral and REX grades are each member’s own', async () => {
    const { zoe, mael } = people
    const view = await gridOf(people.juror, ids.group)
    // One result per competency and member.
    expect(view.competencies).toHaveLength(4 * 2)
    for (const r of rowsOf(view, 'C2.1')) {
      if (r.scope === 'target') await grade(ids.group, r.criterionId, r.part, '', { level: 'acquis' })
      else {
        await grade(ids.group, r.criterionId, r.part, zoe.id, { level: 'acquis' })
        await grade(ids.group, r.criterionId, r.part, mael.id, { level: r.part === 'oral' ? 'non-acquis' : 'acquis' })
      }
    }
    const after = await gridOf(people.juror, ids.group)
    expect(competency(after, 'C2.1', zoe.id).derived).toBe('acquired')
    expect(competency(after, 'C2.1', mael.id).derived).toBe('not-acquired')
    // A shared written grade moves both members.
    const shared = rowsOf(after, 'C2.1').find((r) => r.scope === 'target')!
    const answer = await grade(ids.group, shared.criterionId, shared.part, '', { level: 'non-acquis' })
    expect(competency(answer, 'C2.1', zoe.id).derived).toBe('not-acquired')
    expect(answer.audit[0]!.text).toBe(`Niveau de ${shared.criterionId} (écrit)\u00a0: Acquis → Non acquis`)
    const oral = await grade(ids.group, 'C2.1-4', 'oral', mael.id, { level: 'acquis' })
    expect(oral.audit[0]!.text).toBe('Niveau de C2.1-4 (oral, Maël Dupré)\u00a0: Non acquis → Acquis')
  })
})

describe('saving as the juror goes', () => {
  it('increments the version on each write and refuses a stale one (409) with the value stored now', async () => {
    const first = await saveCell(people.juror, ids.anonymous, { criterionId: 'C3.3-1', part: 'written', learnerId: '', baseVersion: 0, level: 'acquis' })
    expect(first.cell).toMatchObject({ level: 'acquis', comment: '', version: 1 })
    const second = await saveCell(people.juror, ids.anonymous, {
      criterionId: 'C3.3-1',
      part: 'written',
      learnerId: '',
      baseVersion: 1,
      comment: 'Mix cohérent.',
    })
    expect(second.cell).toMatchObject({ level: 'acquis', comment: 'Mix cohérent.', version: 2 })
    // Another tab, still at version 1 (or thinking the cell new), is refused and told what is stored.
    for (const baseVersion of [1, 0]) {
      const stale = await refusal(
        async () => await saveCell(people.juror, ids.anonymous, { criterionId: 'C3.3-1', part: 'written', learnerId: '', baseVersion, level: 'non-acquis' }),
      )
      expect(stale.status).toBe(409)
      expect(stale.current.cell).toMatchObject({ level: 'acquis', comment: 'Mix cohérent.', version: 2 })
    }
    expect((await gridOf(people.juror, ids.anonymous)).cells.find((c) => c.criterionId === 'C3.3-1')).toMatchObject({ level: 'acquis', version: 2 })
  })

  it('writes one audit entry per changed field, and none for a write that changes nothing', async () => {
    const before = (await gridOf(people.juror, ids.anonymous)).audit.length
    const answer = await saveCell(people.juror, ids.anonymous, {
      criterionId: 'C3.3-2',
      part: 'written',
      learnerId: '',
      baseVersion: 0,
      level: 'non-acquis',
      comment: 'Le prix n’est pas justifié.',
    })
    expect(answer.audit).toHaveLength(before + 2)
    expect(answer.audit.slice(0, 2).map((a) => [a.action, a.actorName])).toEqual(
      expect.arrayContaining([
        ['level', 'Benoît Lemaître'],
        ['comment', 'Benoît Lemaître'],
      ]),
    )
    expect(answer.audit.map((a) => a.text)).toContain('Commentaire de C3.3-2 (écrit) ajouté\u00a0: «\u00a0Le prix n’est pas justifié.\u00a0»')
    expect(answer.audit.map((a) => a.text)).toContain('Niveau de C3.3-2 (écrit)\u00a0: aucun niveau → Non acquis')
    const same = await saveCell(people.juror, ids.anonymous, { criterionId: 'C3.3-2', part: 'written', learnerId: '', baseVersion: 1, level: 'non-acquis' })
    expect([same.audit.length, same.cell?.version]).toEqual([before + 2, 1])
    // Newest first.
    expect(answer.audit.map((a) => a.id)).toEqual([...answer.audit.map((a) => a.id)].sort((a, b) => b - a))
  })
})

describe('the jury’s decision on a competency', () => {
  it('needs a justification of 10 characters, except to withdraw it', () => {
    const parsed = GridOpSchema.safeParse({
      op: 'override',
      competencyId: 'C3.2',
      learnerId: '',
      baseVersion: 0,
      result: 'acquired',
      justification: ' trop court ',
    })
    expect(parsed.success).toBe(true)
    const short = GridOpSchema.safeParse({
      op: 'override',
      competencyId: 'C3.2',
      learnerId: '',
      baseVersion: 0,
      result: 'acquired',
      justification: '  court   ',
    })
    expect(short.success).toBe(false)
    expect(short.error!.issues[0]!.message).toBe('Justifiez la décision du jury (10 caractères au moins).')
    expect(GridOpSchema.safeParse({ op: 'override', competencyId: 'C3.2', learnerId: '', baseVersion: 0, result: null, justification: '' }).success).toBe(true)
  })

  it('replaces the derived result, is locked on its version, and can be withdrawn', async () => {
    const op = { competencyId: 'C3.2', learnerId: '', result: 'acquired' as const, justification: 'Personae solides malgré un critère manqué.' }
    const set = await saveOverride(people.juror, ids.anonymous, { ...op, baseVersion: 0 })
    expect(competency(set, 'C3.2').override).toEqual({ result: 'acquired', justification: op.justification, version: 1 })
    expect(set.audit[0]).toMatchObject({
      action: 'override',
      text: `Compétence C3.2\u00a0: décision du jury «\u00a0Acquise\u00a0» — justification\u00a0: ${op.justification}`,
    })
    const stale = await refusal(async () => await saveOverride(people.juror, ids.anonymous, { ...op, result: 'not-acquired', baseVersion: 0 }))
    expect([stale.status, stale.current.override]).toEqual([409, { result: 'acquired', justification: op.justification, version: 1 }])
    const withdrawn = await saveOverride(people.juror, ids.anonymous, { ...op, result: null, justification: '', baseVersion: 1 })
    expect(competency(withdrawn, 'C3.2').override).toBeNull()
    expect(withdrawn.audit[0]!.text).toBe('Compétence C3.2\u00a0: décision du jury retirée, le résultat calculé s’applique')
    // Withdrawn reads as no decision: the grid sends version 0 again.
    expect(competency(await saveOverride(people.juror, ids.anonymous, { ...op, result: 'not-acquired', baseVersion: 0 }), 'C3.2').override?.version).toBe(3)
  })

  it('a group: each member’s decision is their own; the target’s is refused', async () => {
    const op = { competencyId: 'C2.2', result: 'not-acquired' as const, justification: 'Absent à l’oral collectif.', baseVersion: 0 }
    const answer = await saveOverride(people.juror, ids.group, { ...op, learnerId: people.mael.id })
    expect(competency(answer, 'C2.2', people.mael.id).override?.result).toBe('not-acquired')
    expect(competency(answer, 'C2.2', people.zoe.id).override).toBeNull()
    expect(answer.audit[0]!.text).toContain('Compétence C2.2 (Maël Dupré)\u00a0: décision du jury «\u00a0Non acquise\u00a0»')
    expect((await refusal(async () => await saveOverride(people.juror, ids.group, { ...op, learnerId: '' }))).status).toBe(400)
    expect((await refusal(async () => await saveOverride(people.juror, ids.group, { ...op, competencyId: 'C3.1', learnerId: people.zoe.id }))).status).toBe(400)
  })
})

describe('closing the grid', () => {
  it('refuses every edit once closed, until reopened; both are audited', async () => {
    const closed = await closeGrading(people.juror, ids.veille)
    expect(closed.status).toBe('closed')
    expect(closed.audit[0]).toMatchObject({ action: 'close', text: 'Grille close' })
    expect(await gridOf(people.juror, ids.veille)).toMatchObject({ status: 'closed', closedAt: expect.any(Number) })
    const cell = await refusal(async () => await grade(ids.veille, 'C1.1-1', 'written', '', { level: 'non-acquis' }))
    expect([cell.status, cell.message]).toEqual([400, CLOSED])
    expect(
      (
        await refusal(
          async () => await saveOverride(people.juror, ids.veille, { competencyId: 'C1.1', learnerId: '', baseVersion: 0, result: null, justification: '' }),
        )
      ).status,
    ).toBe(400)
    // Closing twice changes nothing.
    expect((await closeGrading(people.juror, ids.veille)).audit).toHaveLength(closed.audit.length)
    const reopened = await reopenGrading(people.juror, ids.veille)
    expect([reopened.status, reopened.audit[0]!.text]).toEqual(['open', 'Grille rouverte'])
    expect((await grade(ids.veille, 'C1.1-1', 'written', '', { level: 'non-acquis' })).status).toBe('open')
  })
})

describe('the audit trail', () => {
  it('is append-only: the database refuses to update or delete an entry', async () => {
    const db = getDb()
    expect((await db.select().from(schema.gradeAudit)).length).toBeGreaterThan(0)
    const failure = async (f: () => Promise<unknown>) => {
      try {
        await f()
      } catch (error) {
        return String((error as Error).cause ?? error)
      }
      return 'accepted'
    }
    expect(await failure(async () => await execute(db, sql`update grade_audit set actor_name = 'Quelqu’un d’autre'`))).toMatch(/audit log is append-only/)
    expect(await failure(async () => await execute(db, sql`delete from grade_audit`))).toMatch(/audit log is append-only/)
    expect(await db.select().from(schema.gradeAudit).where(eq(schema.gradeAudit.actorName, 'Quelqu’un d’autre'))).toEqual([])
  })
})

describe('anonymous marking', () => {
  it('never puts a name or an e-mail of the candidate in the grid or the list of an anonymous instance', async () => {
    await saveCell(people.juror, ids.anonymous, { criterionId: 'C3.3-3', part: 'written', learnerId: '', baseVersion: 0, comment: 'Bonne analyse.' })
    const view = await gridOf(people.juror, ids.anonymous)
    expect(view).toMatchObject({ anonymous: true, label: code, members: [] })
    const list = (await jurorCopies(people.juror.id)).find((i) => i.evaluationId === 'cas-pratique-a3')!
    const json = JSON.stringify([view, list])
    expect(json).toContain(code)
    for (const who of [people.zoe, people.anais, people.mael])
      for (const secret of [who.name, ...who.name.split(' '), who.email, who.email.split('@')[0]!]) expect(json, secret).not.toContain(secret)
    expect(json).not.toContain(people.zoe.id)
  })
})

describe('POST /api/jury/:assignmentId', () => {
  const cookieFor = async (user: User) => {
    const session = (
      await getDb()
        .insert(schema.loginSessions)
        .values({ userId: user.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
        .returning()
    )[0]!
    return (await sessionCookie.serialize(session.id)).split(';')[0]!
  }
  const post = async (user: User, assignmentId: string, body: unknown) => {
    const request = new Request(`http://localhost/api/jury/${assignmentId}`, {
      method: 'POST',
      headers: { Cookie: await cookieFor(user), 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    const response = await route.action({ request, params: { assignmentId }, context: { cspNonce: '', clientIp: '' } })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  it('answers the juror with the cell, the competencies, the audit and the status', async () => {
    const res = await post(people.juror, ids.anonymous, { op: 'cell', criterionId: 'C3.3-4', part: 'written', learnerId: '', baseVersion: 0, level: 'acquis' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ cell: { criterionId: 'C3.3-4', level: 'acquis', version: 1 }, status: 'open' })
    expect(Array.isArray(res.body.competencies) && Array.isArray(res.body.audit)).toBe(true)
  })

  it('403 for another juror and for a learner, 404 for an unknown copy, 409 when stale, 400 in French otherwise', async () => {
    const op = { op: 'cell', criterionId: 'C3.3-4', part: 'written', learnerId: '', baseVersion: 0, level: 'non-acquis' }
    expect((await post(people.otherJuror, ids.anonymous, op)).status).toBe(403)
    expect((await post(people.zoe, ids.anonymous, op)).status).toBe(403)
    expect((await post(people.juror, 'inconnue', op)).status).toBe(404)
    const stale = await post(people.juror, ids.anonymous, op)
    expect(stale.status).toBe(409)
    expect(stale.body.cell).toMatchObject({ level: 'acquis', version: 1 })
    const badLevel = await post(people.juror, ids.anonymous, { ...op, baseVersion: 1, level: 'excellent' })
    expect([badLevel.status, badLevel.body.message]).toEqual([400, 'Ce niveau n’existe pas sur l’échelle de la session (Acquis, Non acquis).'])
    const unknownOp = await post(people.juror, ids.anonymous, { op: 'delete' })
    expect(unknownOp.status).toBe(400)
    expect(unknownOp.body.message).toMatch(/^Opération inconnue/)
    const short = await post(people.juror, ids.anonymous, {
      op: 'override',
      competencyId: 'C3.1',
      learnerId: '',
      baseVersion: 0,
      result: 'acquired',
      justification: 'Bien',
    })
    expect([short.status, short.body.message]).toEqual([400, 'Justifiez la décision du jury (10 caractères au moins).'])
    expect((await post(people.juror, ids.anonymous, '{pas du json')).status).toBe(400)
    const get = await route.loader({
      request: new Request('http://localhost/api/jury/x'),
      params: { assignmentId: 'x' },
      context: { cspNonce: '', clientIp: '' },
    })
    expect(get.status).toBe(405)
  })
})
