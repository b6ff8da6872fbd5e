import { beforeAll, describe, expect, it } from 'vitest'
import { mainTemplateId, rexTemplateId } from '~/domain/dossier-plan'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('provisioning')
const schema = await import('#db/schema')
const { referentiel } = await import('#templates/referentiel')
const { dossierTemplates, templatesById } = await import('#templates/dossiers')
const { learnerDossiers } = await import('./dossiers.server')
const { addGroupMembers, enrollLearners, provisionDossiers } = await import('./dossier-provisioning.server')

let sessionId = ''
const user = async (email: string) => (await getDb().insert(schema.users).values({ email, name: email, passwordHash: 'x' }).returning())[0]!.id
const INDIVIDUAL = referentiel.evaluations.filter((e) => e.mode === 'individual').length

beforeAll(async () => {
  sessionId = (await getDb().insert(schema.examSessions).values({ name: 'S', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
})

describe('dossier provisioning', () => {
  it('names the templates the templates folder holds: one main per evaluation, one REX per épreuve with a REX part', () => {
    const planned = referentiel.evaluations.flatMap((e) => [mainTemplateId(e.id), ...(e.parts.rex ? [rexTemplateId(e.id)] : [])])
    expect(planned.sort()).toEqual(dossierTemplates.map((t) => t.id).sort())
    for (const e of referentiel.evaluations) {
      expect(templatesById.get(mainTemplateId(e.id))).toMatchObject({ evaluationId: e.id, kind: 'main' })
      if (e.parts.rex) expect(templatesById.get(rexTemplateId(e.id))).toMatchObject({ evaluationId: e.id, kind: 'rex' })
    }
  })

  it('creates a learner’s individual dossiers when they are enrolled, once', async () => {
    const db = getDb()
    const a = await user('a@test.fr')
    expect(await enrollLearners(db, sessionId, [a])).toBe(INDIVIDUAL)
    expect(await enrollLearners(db, sessionId, [a])).toBe(0)
    expect((await learnerDossiers(a, sessionId)).map((d) => d.templateId).sort()).toEqual(
      referentiel.evaluations
        .filter((e) => e.mode === 'individual')
        .map((e) => e.id)
        .sort(),
    )
  })

  it('creates the group’s shared dossier and each member’s REX when learners are grouped', async () => {
    const db = getDb()
    const [b, c] = [await user('b@test.fr'), await user('c@test.fr')]
    await enrollLearners(db, sessionId, [b, c])
    const group = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name: 'G' }).returning())[0]!.id
    expect(await addGroupMembers(db, group, [b])).toBe(2)
    expect(await addGroupMembers(db, group, [c])).toBe(1)
    expect(await addGroupMembers(db, group, [b, c])).toBe(0)
    const shared = (await learnerDossiers(b, sessionId)).filter((d) => d.templateId === 'msp-a2')
    expect(shared).toHaveLength(1)
    expect((await learnerDossiers(c, sessionId)).filter((d) => d.templateId === 'msp-a2').map((d) => d.id)).toEqual(shared.map((d) => d.id))
    expect((await learnerDossiers(c, sessionId)).filter((d) => d.templateId === 'msp-a2-rex' && d.learnerId === c)).toHaveLength(1)
    expect(await learnerDossiers(b, sessionId)).toHaveLength(INDIVIDUAL + 2)
    // A serious game has no REX: the group's dossier only.
    const game = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'serious-game-a11', name: 'G' }).returning())[0]!.id
    expect(await addGroupMembers(db, game, [b, c])).toBe(1)
  })

  it('rolls the enrolment back when provisioning fails', async () => {
    const db = getDb()
    await expect(enrollLearners(db, sessionId, ['no-such-user'])).rejects.toThrow()
    expect((await db.select().from(schema.enrollments)).some((e) => e.learnerId === 'no-such-user')).toBe(false)
  })

  it('provisions every enrolment of an existing database, idempotently (server start)', async () => {
    const db = getDb()
    const [d, e] = [await user('d@test.fr'), await user('e@test.fr')]
    // Rows written the old way: enrolments and a group, no dossiers.
    await db.insert(schema.enrollments).values([
      { examSessionId: sessionId, learnerId: d },
      { examSessionId: sessionId, learnerId: e },
    ])
    const group = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a4', name: 'H' }).returning())[0]!.id
    await db.insert(schema.groupMembers).values([
      { groupId: group, learnerId: d },
      { groupId: group, learnerId: e },
    ])
    expect(await learnerDossiers(d, sessionId)).toHaveLength(0)
    expect(await provisionDossiers(db)).toBe(2 * INDIVIDUAL + 1 + 2)
    expect(await provisionDossiers(db)).toBe(0)
    expect((await learnerDossiers(e, sessionId)).map((x) => x.templateId)).toEqual(expect.arrayContaining(['msp-a4', 'msp-a4-rex', 'fiche-veille']))
  })
})
