import { beforeAll, describe, expect, it } from 'vitest'
import type { DossierAction, DossierRelation, Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('access')
const schema = await import('#db/schema')
const { learnerDossiers } = await import('./dossiers.server')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { authorizeDossier, dossierRelations } = await import('./dossier-access.server')

type Who =
  | 'owner'
  | 'partner'
  | 'otherLearner'
  | 'tutor'
  | 'tutorOfPartner'
  | 'tutorOtherSession'
  | 'otherTutor'
  | 'formerTutor'
  | 'juror'
  | 'groupJuror'
  | 'jurorOtherEvaluation'
  | 'otherJuror'
  | 'admin'
const ROLES: Record<Who, Role[]> = {
  owner: ['learner'],
  partner: ['learner'],
  otherLearner: ['learner'],
  tutor: ['tutor'],
  tutorOfPartner: ['tutor'],
  tutorOtherSession: ['tutor'],
  otherTutor: ['tutor'],
  // Assigned to the owner, but no longer holds the tutor role.
  formerTutor: ['learner'],
  juror: ['juror'],
  groupJuror: ['juror'],
  jurorOtherEvaluation: ['juror'],
  otherJuror: ['juror'],
  admin: ['admin'],
}
const users = {} as Record<Who, { id: string; name: string; email: string; roles: Role[] }>
const dossiers = { individual: '', group: '', rex: '' }

beforeAll(async () => {
  const db = getDb()
  for (const who of Object.keys(ROLES) as Who[]) {
    const email = `${who}@test.fr`
    users[who] = { id: (await db.insert(schema.users).values({ email, name: who, passwordHash: 'x' }).returning())[0]!.id, name: who, email, roles: ROLES[who] }
  }
  const session = async (name: string) =>
    (await db.insert(schema.examSessions).values({ name, startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  const [s, s2] = [await session('S'), await session('S2')]
  const { owner, partner, otherLearner } = users
  await enrollLearners(db, s, [owner.id, partner.id, otherLearner.id])
  await enrollLearners(db, s2, [owner.id])
  const group = (await db.insert(schema.groups).values({ examSessionId: s, evaluationId: 'msp-a2', name: 'G' }).returning())[0]!.id
  const otherGroup = (await db.insert(schema.groups).values({ examSessionId: s, evaluationId: 'msp-a2', name: 'H' }).returning())[0]!.id
  await addGroupMembers(db, group, [owner.id, partner.id])
  await addGroupMembers(db, otherGroup, [otherLearner.id])
  const tutor = (who: Who, learner: Who, examSessionId = s) => ({ examSessionId, tutorId: users[who].id, learnerId: users[learner].id })
  await db
    .insert(schema.tutorAssignments)
    .values([
      tutor('tutor', 'owner'),
      tutor('tutorOfPartner', 'partner'),
      tutor('tutorOtherSession', 'owner', s2),
      tutor('otherTutor', 'otherLearner'),
      tutor('formerTutor', 'owner'),
    ])
  const juror = (who: Who, evaluationId: string, target: { learnerId: string } | { groupId: string }) => ({
    examSessionId: s,
    jurorId: users[who].id,
    evaluationId,
    ...target,
  })
  await db
    .insert(schema.jurorAssignments)
    .values([
      juror('juror', 'fiche-veille', { learnerId: owner.id }),
      juror('groupJuror', 'msp-a2', { groupId: group }),
      juror('jurorOtherEvaluation', 'fiche-ux', { learnerId: owner.id }),
      juror('otherJuror', 'fiche-veille', { learnerId: otherLearner.id }),
      juror('otherJuror', 'msp-a2', { groupId: otherGroup }),
    ])
  const mine = await learnerDossiers(owner.id, s)
  dossiers.individual = mine.find((d) => d.templateId === 'fiche-veille')!.id
  dossiers.group = mine.find((d) => d.templateId === 'msp-a2')!.id
  dossiers.rex = mine.find((d) => d.templateId === 'msp-a2-rex')!.id
})

// Who each user is to each dossier, written out by hand.
const RELATIONS: Record<keyof typeof dossiers, Partial<Record<Who, DossierRelation[]>>> = {
  individual: { owner: ['owner'], tutor: ['tutor'], juror: ['juror'], admin: ['admin'] },
  group: { owner: ['member'], partner: ['member'], tutor: ['tutor'], tutorOfPartner: ['tutor'], groupJuror: ['juror'], admin: ['admin'] },
  rex: { owner: ['owner'], tutor: ['tutor'], groupJuror: ['juror'], admin: ['admin'] },
}
// What each relation may do, written out by hand (the grant table must say the same).
const ALLOWED: Record<DossierRelation, DossierAction[]> = {
  owner: ['read', 'update', 'reply', 'export'],
  member: ['read', 'update', 'reply', 'export'],
  tutor: ['read', 'comment', 'reply', 'export'],
  juror: ['grade'],
  admin: ['read', 'export'],
}
const ACTIONS: DossierAction[] = ['read', 'comment', 'reply', 'update', 'export', 'grade']

async function statusOf(fn: () => Promise<unknown>): Promise<number> {
  try {
    await fn()
    return 200
  } catch (e) {
    if (e instanceof Response) return e.status
    throw e
  }
}

describe('dossier access', () => {
  for (const target of Object.keys(RELATIONS) as (keyof typeof dossiers)[]) {
    it(`computes who each user is to the ${target} dossier, and grants each action accordingly`, async () => {
      for (const who of Object.keys(ROLES) as Who[]) {
        const expected = RELATIONS[target][who] ?? []
        expect((await dossierRelations(users[who], dossiers[target]))?.relations, `${who} → ${target}`).toEqual(expected)
        for (const action of ACTIONS) {
          const allowed = expected.some((r) => ALLOWED[r].includes(action))
          expect(await statusOf(async () => await authorizeDossier(users[who], dossiers[target], action)), `${who} ${action} ${target}`).toBe(
            allowed ? 200 : 403,
          )
        }
      }
    })
  }

  it('returns the dossier it authorizes', async () => {
    expect((await authorizeDossier(users.tutor, dossiers.group, 'comment')).dossier).toMatchObject({ id: dossiers.group, evaluationId: 'msp-a2' })
  })

  it('answers 404 for a dossier that does not exist, whoever asks', async () => {
    for (const who of Object.keys(ROLES) as Who[]) expect(await statusOf(async () => await authorizeDossier(users[who], 'inconnu', 'read')), who).toBe(404)
  })

  it('explains a refusal in French', () => {
    const message = async (fn: () => Promise<unknown>): Promise<string | null> => {
      try {
        await fn()
      } catch (e) {
        if (e instanceof Response) return await e.text()
      }
      return null
    }
    return Promise.all([
      expect(message(async () => await authorizeDossier(users.otherLearner, dossiers.individual, 'read'))).resolves.toBe('Vous n’avez pas accès à ce dossier.'),
      expect(message(async () => await authorizeDossier(users.tutor, dossiers.individual, 'update'))).resolves.toMatch(/peuvent modifier ce dossier/),
      expect(message(async () => await authorizeDossier(users.owner, dossiers.individual, 'grade'))).resolves.toMatch(/juré·e affecté·e/),
    ])
  })
})
