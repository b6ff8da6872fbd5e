import { and, eq, isNull } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('groups-admin')
const schema = await import('#db/schema')
const { enrollLearners } = await import('./dossier-provisioning.server')
const { drawGroupThemes, missingThemes } = await import('./theme-draws.server')
const g = await import('./groups-admin.server')
const { createGroup, formRandomGroups, groupsOverview, groupOfSession, moveLearner, themeNotice, GroupsError } = g

type User = { id: string; name: string; email: string; roles: Role[] }
let n = 0
async function person(roles: Role[], name: string): Promise<User> {
  const email = `g${++n}@test.fr`
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return { id, name, email, roles }
}
async function refusal(f: () => Promise<unknown>) {
  try {
    await f()
  } catch (error) {
    if (error instanceof GroupsError) return { status: error.status, message: error.message }
    throw error
  }
  throw new Error('not refused')
}
async function newSession(name: string, learners: User[]) {
  const id = (await getDb().insert(schema.examSessions).values({ name, startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  await enrollLearners(
    getDb(),
    id,
    learners.map((l) => l.id),
  )
  return id
}
const epreuve = async (sessionId: string, evaluationId: string) => (await groupsOverview(sessionId))!.find((e) => e.evaluationId === evaluationId)!

let admin: User
let tutor: User
const learners: User[] = []
let sessionId = ''

beforeAll(async () => {
  admin = await person(['admin'], 'Agnès Admin')
  tutor = await person(['tutor'], 'Étienne Garnier')
  for (const name of ['Zoé Lefèvre', 'Amine Benali', 'Élodie Martin', 'Bao Nguyen', 'Chloé Petit', 'Denis Roux', 'Emma Simon'])
    learners.push(await person(['learner'], name))
  sessionId = await newSession('Session groupes', learners)
})

describe('groupsOverview', () => {
  it('lists every group épreuve with its rule, and everyone without a group at first; null for an unknown session', async () => {
    const overview = (await groupsOverview(sessionId))!
    expect(overview.map((e) => e.evaluationId)).toEqual(['msp-a2', 'msp-a4', 'msp-a5', 'msp-a6', 'serious-game-a11'])
    expect(overview[1]).toMatchObject({
      title: 'A4 — Mise en situation professionnelle reconstituée',
      sizeRule: 'Groupes de 2 à 3\u00a0candidat·es',
      groups: [],
    })
    expect(overview[4]!.sizeRule).toBe('Groupes de 3\u00a0candidat·es exactement')
    expect(overview[4]!.seriousGame).toBe(true)
    expect(overview[0]!.ungrouped.map((l) => l.name)).toEqual([
      'Amine Benali',
      'Bao Nguyen',
      'Chloé Petit',
      'Denis Roux',
      'Élodie Martin',
      'Emma Simon',
      'Zoé Lefèvre',
    ])
    expect(await groupsOverview('nope')).toBeNull()
  })
})

describe('formRandomGroups', () => {
  it('splits the learners without a group into 3, 2, 2, reproducibly, with their dossiers, the seed in the message', async () => {
    const formed = await formRandomGroups(admin, sessionId, 'msp-a2', 'graine-a')
    expect(formed.seed).toBe('graine-a')
    expect(formed.groups.map((x) => [x.name, x.memberIds.length])).toEqual([
      ['Groupe 1', 3],
      ['Groupe 2', 2],
      ['Groupe 3', 2],
    ])
    expect(formed.message).toContain('(graine\u00a0: graine-a).')
    expect(formed.message).toMatch(/^3\u00a0groupes formés au hasard parmi 7\u00a0candidat·es sans groupe/)
    const view = await epreuve(sessionId, 'msp-a2')
    expect(view.ungrouped).toEqual([])
    expect(view.groups.every((x) => x.sizeError === null)).toBe(true)
    for (const group of formed.groups) {
      const [dossier] = await getDb()
        .select()
        .from(schema.dossiers)
        .where(and(eq(schema.dossiers.groupId, group.id), eq(schema.dossiers.templateId, 'msp-a2')))
      expect(dossier).toBeDefined()
    }
    const rex = await getDb()
      .select()
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.templateId, 'msp-a2-rex'), eq(schema.dossiers.examSessionId, sessionId)))
    expect(rex).toHaveLength(7)

    // The formation is logged, replays to the same groups, and a tampered row does not.
    expect(view.formations).toHaveLength(1)
    expect(view.formations[0]).toMatchObject({ seed: 'graine-a', formedByName: admin.name, verified: true })
    expect(view.formations[0]!.groups.map((x) => [x.name, x.members.length])).toEqual([
      ['Groupe 1', 3],
      ['Groupe 2', 2],
      ['Groupe 3', 2],
    ])
    await getDb().update(schema.groupFormations).set({ seed: 'graine-b' }).where(eq(schema.groupFormations.id, view.formations[0]!.id))
    expect((await epreuve(sessionId, 'msp-a2')).formations[0]!.verified).toBe(false)
    await getDb().update(schema.groupFormations).set({ seed: 'graine-a' }).where(eq(schema.groupFormations.id, view.formations[0]!.id))

    // The same seed and learners in another session give the same groups.
    const other = await newSession('Session groupes bis', learners)
    const again = await formRandomGroups(admin, other, 'msp-a2', 'graine-a')
    expect(again.groups.map((x) => [...x.memberIds].sort())).toEqual(formed.groups.map((x) => [...x.memberIds].sort()))
  })

  it('refuses when everyone has a group, a split that does not fit, a non-admin, an individual épreuve, an unknown session', async () => {
    expect(await refusal(() => formRandomGroups(admin, sessionId, 'msp-a2', 's'))).toEqual({ status: 409, message: g.ALL_GROUPED })
    const two = await newSession('Session deux', learners.slice(0, 2))
    expect(await refusal(() => formRandomGroups(admin, two, 'serious-game-a11', 's'))).toMatchObject({
      status: 409,
      message: expect.stringContaining('il en reste 2'),
    })
    expect((await refusal(() => formRandomGroups(tutor, sessionId, 'msp-a4', 's'))).status).toBe(403)
    expect((await refusal(() => formRandomGroups(admin, sessionId, 'cas-pratique-a3', 's'))).status).toBe(400)
    expect((await refusal(() => formRandomGroups(admin, 'nope', 'msp-a4', 's'))).status).toBe(404)
    expect(await getDb().select().from(schema.groups).where(eq(schema.groups.examSessionId, two))).toEqual([])
  })

  it('continues the numbering after the existing groups', async () => {
    const s = await newSession('Session suite', learners)
    await createGroup(s, 'msp-a4', [learners[0]!.id, learners[1]!.id])
    const formed = await formRandomGroups(admin, s, 'msp-a4', 'x')
    expect(formed.groups.map((x) => x.name)).toEqual(['Groupe 2', 'Groupe 3'])
    expect(formed.groups.flatMap((x) => x.memberIds)).not.toContain(learners[0]!.id)
  })
})

describe('createGroup', () => {
  it('creates a group of the chosen learners, with a size check and no learner twice', async () => {
    const [zoe, amine, elodie, bao] = learners as [User, User, User, User]
    expect(await refusal(() => createGroup(sessionId, 'serious-game-a11', [zoe.id, amine.id]))).toMatchObject({
      status: 400,
      message: expect.stringContaining('exactement 3'),
    })
    expect(await refusal(() => createGroup(sessionId, 'serious-game-a11', []))).toMatchObject({ status: 400, message: g.NONE_CHOSEN })
    expect((await refusal(() => createGroup(sessionId, 'serious-game-a11', [zoe.id, amine.id, tutor.id]))).status).toBe(400)
    const made = await createGroup(sessionId, 'serious-game-a11', [zoe.id, amine.id, elodie.id])
    expect(made.name).toBe('Groupe 1')
    expect(made.message).toBe('Groupe 1 est créé avec Amine Benali, Élodie Martin, Zoé Lefèvre.')
    expect(await refusal(() => createGroup(sessionId, 'serious-game-a11', [zoe.id, bao.id, learners[4]!.id]))).toMatchObject({
      status: 409,
      message: 'Déjà dans un groupe de cette épreuve\u00a0: Zoé Lefèvre.',
    })
    expect((await groupOfSession(sessionId, made.id))?.evaluationId).toBe('serious-game-a11')
    expect(await groupOfSession('other', made.id)).toBeUndefined()
  })
})

describe('moveLearner', () => {
  it('moves a member, keeping the dossiers where they belong, and refuses a full target', async () => {
    const view = await epreuve(sessionId, 'msp-a2')
    const big = view.groups.find((x) => x.members.length === 3)!
    const small = view.groups.filter((x) => x.members.length === 2)
    const mover = big.members[0]!
    const rexBefore = (
      await getDb()
        .select()
        .from(schema.dossiers)
        .where(and(eq(schema.dossiers.learnerId, mover.id), eq(schema.dossiers.templateId, 'msp-a2-rex'), eq(schema.dossiers.examSessionId, sessionId)))
    )[0]!
    const { message } = await moveLearner(sessionId, 'msp-a2', mover.id, small[0]!.id)
    expect(message).toContain(`${mover.name} passe de ${big.name} à ${small[0]!.name}`)
    expect(message).toContain('Son REX individuel reste le sien')
    const after = await epreuve(sessionId, 'msp-a2')
    expect(after.groups.find((x) => x.id === small[0]!.id)!.members.map((m) => m.id)).toContain(mover.id)
    expect(after.groups.find((x) => x.id === big.id)!.members).toHaveLength(2)
    const rexAfter = await getDb()
      .select()
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.learnerId, mover.id), eq(schema.dossiers.templateId, 'msp-a2-rex'), eq(schema.dossiers.examSessionId, sessionId)))
    expect(rexAfter).toEqual([rexBefore])
    // The target now has 3: full.
    const other = after.groups.find((x) => x.id === big.id)!.members[0]!
    expect(await refusal(() => moveLearner(sessionId, 'msp-a2', other.id, small[0]!.id))).toMatchObject({
      status: 409,
      message: expect.stringContaining('le maximum'),
    })
    // A move leaving a group below its minimum is allowed, with a warning.
    const warned = await moveLearner(sessionId, 'msp-a2', other.id, small[1]!.id)
    expect(warned.message).toContain(`Attention\u00a0: ${big.name} n’a plus que 1\u00a0membre`)
    expect((await epreuve(sessionId, 'msp-a2')).groups.find((x) => x.id === big.id)!.sizeError).toContain('celui-ci en compte 1')
    expect((await refusal(() => moveLearner(sessionId, 'msp-a2', other.id, small[1]!.id))).status).toBe(400)
    expect((await refusal(() => moveLearner(sessionId, 'msp-a2', other.id, 'nope'))).status).toBe(404)
  })

  it('refuses once the old or the new group’s dossier was handed in', async () => {
    const s = await newSession('Session déposée', learners.slice(0, 5))
    const a = await createGroup(s, 'msp-a5', [learners[0]!.id, learners[1]!.id, learners[2]!.id])
    const b = await createGroup(s, 'msp-a5', [learners[3]!.id, learners[4]!.id])
    const dossier = (
      await getDb()
        .select()
        .from(schema.dossiers)
        .where(and(eq(schema.dossiers.groupId, a.id), eq(schema.dossiers.templateId, 'msp-a5')))
    )[0]!
    const instance = (
      await getDb()
        .insert(schema.evaluationInstances)
        .values({ examSessionId: s, evaluationId: 'msp-a5', dueAt: new Date('2027-03-01'), cutoffAt: new Date('2027-03-04') })
        .returning()
    )[0]!
    await getDb()
      .insert(schema.submissions)
      .values({
        dossierId: dossier.id,
        instanceId: instance.id,
        submittedBy: learners[0]!.id,
        submitterName: 'Zoé Lefèvre',
        submittedAt: new Date('2027-02-28'),
        timing: 'on-time',
        statement: 'x',
        templateId: 'msp-a5',
        templateHash: 'h',
        fingerprint: 'f',
      })
    const expected = {
      status: 409,
      message: `Le dossier de ${a.name} est déjà déposé\u00a0: les dépôts sont figés, la composition de ce groupe ne change plus.`,
    }
    expect(await refusal(() => moveLearner(s, 'msp-a5', learners[0]!.id, b.id))).toEqual(expected)
    expect((await refusal(() => moveLearner(s, 'msp-a5', learners[3]!.id, a.id))).status).toBe(409)
    expect((await epreuve(s, 'msp-a5')).groups.find((x) => x.id === a.id)!.handedIn).toBe(true)
  })

  it('serious game: a newcomer has no theme until a redraw; the overview shows the draws', async () => {
    const s = await newSession('Session serious game', learners.slice(0, 6))
    const a = await createGroup(s, 'serious-game-a11', [learners[0]!.id, learners[1]!.id, learners[2]!.id])
    const b = await createGroup(s, 'serious-game-a11', [learners[3]!.id, learners[4]!.id, learners[5]!.id])
    await drawGroupThemes(admin, a.id, { seed: 'a', now: new Date('2027-03-01T09:00:00Z') })
    await drawGroupThemes(admin, b.id, { seed: 'b', now: new Date('2027-03-01T09:00:00Z') })
    await drawGroupThemes(admin, b.id, { seed: 'b2', reason: 'Un membre était absent au tirage.', now: new Date('2027-03-02T09:00:00Z') })
    const view = await epreuve(s, 'serious-game-a11')
    const ga = view.groups.find((x) => x.id === a.id)!
    expect(ga.draw).toMatchObject({ seed: 'a', drawnByName: 'Agnès Admin', drawnAt: 'le 1 mars 2027 à 10\u00a0h\u00a000', verified: true })
    expect(new Set(ga.draw!.result.map((r) => r.theme))).toEqual(new Set(['Identité visuelle', 'Identité de marque', 'Éco-conception']))
    const gb = view.groups.find((x) => x.id === b.id)!
    expect(gb.history.map((h) => [h.seed, h.supersededAt !== null])).toEqual([
      ['b2', false],
      ['b', true],
    ])
    // b is full (3): a move into it is refused. To make room in a (groups by hand are exactly 3), a member is removed directly.
    expect((await refusal(() => moveLearner(s, 'serious-game-a11', learners[0]!.id, b.id))).status).toBe(409)
    await getDb()
      .delete(schema.groupMembers)
      .where(and(eq(schema.groupMembers.groupId, a.id), eq(schema.groupMembers.learnerId, learners[2]!.id)))
    const { message } = await moveLearner(s, 'serious-game-a11', learners[3]!.id, a.id)
    expect(message).toContain(`Aucun tirage n’est remplacé automatiquement\u00a0: ${learners[3]!.name} n’a pas de thème dans le tirage de ${a.name}`)
    expect(message).toContain(`Le tirage de ${b.name} n’est pas modifié non plus.`)
    expect(message).not.toContain('REX')
    expect(await missingThemes(a.id)).toEqual([learners[3]!.name])
    expect(
      await getDb()
        .select()
        .from(schema.themeDraws)
        .where(and(eq(schema.themeDraws.groupId, a.id), isNull(schema.themeDraws.supersededAt))),
    ).toHaveLength(1)
  })
})

describe('themeNotice', () => {
  it('tells a member their theme, the others the group’s, and nothing on other dossiers', async () => {
    const s = await newSession('Session thèmes', learners.slice(0, 4))
    const a = await createGroup(s, 'serious-game-a11', [learners[0]!.id, learners[1]!.id, learners[2]!.id])
    const dossier = { evaluationId: 'serious-game-a11', groupId: a.id }
    expect(await themeNotice(dossier, learners[0]!.id)).toBe('Le tirage des thèmes n’est pas encore fait.')
    const row = await drawGroupThemes(admin, a.id, { seed: 'n', now: new Date('2026-12-04T09:00:00Z') })
    const mine = row.result.find((r) => r.learnerId === learners[0]!.id)!
    const labels: Record<string, string> = {
      'identite-visuelle': 'Identité visuelle',
      'identite-de-marque': 'Identité de marque',
      'eco-conception': 'Éco-conception',
    }
    expect(await themeNotice(dossier, learners[0]!.id)).toBe(`Votre thème tiré au sort\u00a0: ${labels[mine.theme]} (tirage du 4 décembre 2026).`)
    expect(await themeNotice(dossier, tutor.id)).toMatch(/^Thèmes tirés au sort \(tirage du 4 décembre 2026\)\u00a0: /)
    expect(await themeNotice({ evaluationId: 'msp-a2', groupId: a.id }, learners[0]!.id)).toBeNull()
    expect(await themeNotice({ evaluationId: 'serious-game-a11', groupId: null }, learners[0]!.id)).toBeNull()
  })
})
