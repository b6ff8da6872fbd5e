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
function person(roles: Role[], name: string): User {
  const email = `g${++n}@test.fr`
  const id = getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning().get().id
  for (const role of roles) getDb().insert(schema.userRoles).values({ userId: id, role }).run()
  return { id, name, email, roles }
}
function refusal(f: () => unknown) {
  try {
    f()
  } catch (error) {
    if (error instanceof GroupsError) return { status: error.status, message: error.message }
    throw error
  }
  throw new Error('not refused')
}
function newSession(name: string, learners: User[]) {
  const id = getDb().insert(schema.examSessions).values({ name, startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning().get().id
  enrollLearners(
    getDb(),
    id,
    learners.map((l) => l.id),
  )
  return id
}
const epreuve = (sessionId: string, evaluationId: string) => groupsOverview(sessionId)!.find((e) => e.evaluationId === evaluationId)!

let admin: User
let tutor: User
const learners: User[] = []
let sessionId = ''

beforeAll(() => {
  admin = person(['admin'], 'Agnès Admin')
  tutor = person(['tutor'], 'Étienne Garnier')
  for (const name of ['Zoé Lefèvre', 'Amine Benali', 'Élodie Martin', 'Bao Nguyen', 'Chloé Petit', 'Denis Roux', 'Emma Simon'])
    learners.push(person(['learner'], name))
  sessionId = newSession('Session groupes', learners)
})

describe('groupsOverview', () => {
  it('lists every group épreuve with its rule, and everyone without a group at first; null for an unknown session', () => {
    const overview = groupsOverview(sessionId)!
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
    expect(groupsOverview('nope')).toBeNull()
  })
})

describe('formRandomGroups', () => {
  it('splits the learners without a group into 3, 2, 2, reproducibly, with their dossiers, the seed in the message', () => {
    const formed = formRandomGroups(admin, sessionId, 'msp-a2', 'graine-a')
    expect(formed.seed).toBe('graine-a')
    expect(formed.groups.map((x) => [x.name, x.memberIds.length])).toEqual([
      ['Groupe 1', 3],
      ['Groupe 2', 2],
      ['Groupe 3', 2],
    ])
    expect(formed.message).toContain('(graine\u00a0: graine-a).')
    expect(formed.message).toMatch(/^3\u00a0groupes formés au hasard parmi 7\u00a0candidat·es sans groupe/)
    const view = epreuve(sessionId, 'msp-a2')
    expect(view.ungrouped).toEqual([])
    expect(view.groups.every((x) => x.sizeError === null)).toBe(true)
    for (const group of formed.groups) {
      const dossier = getDb()
        .select()
        .from(schema.dossiers)
        .where(and(eq(schema.dossiers.groupId, group.id), eq(schema.dossiers.templateId, 'msp-a2')))
        .get()
      expect(dossier).toBeDefined()
    }
    const rex = getDb()
      .select()
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.templateId, 'msp-a2-rex'), eq(schema.dossiers.examSessionId, sessionId)))
      .all()
    expect(rex).toHaveLength(7)

    // The formation is logged, replays to the same groups, and a tampered row does not.
    expect(view.formations).toHaveLength(1)
    expect(view.formations[0]).toMatchObject({ seed: 'graine-a', formedByName: admin.name, verified: true })
    expect(view.formations[0]!.groups.map((x) => [x.name, x.members.length])).toEqual([
      ['Groupe 1', 3],
      ['Groupe 2', 2],
      ['Groupe 3', 2],
    ])
    getDb().update(schema.groupFormations).set({ seed: 'graine-b' }).where(eq(schema.groupFormations.id, view.formations[0]!.id)).run()
    expect(epreuve(sessionId, 'msp-a2').formations[0]!.verified).toBe(false)
    getDb().update(schema.groupFormations).set({ seed: 'graine-a' }).where(eq(schema.groupFormations.id, view.formations[0]!.id)).run()

    // The same seed and learners in another session give the same groups.
    const other = newSession('Session groupes bis', learners)
    const again = formRandomGroups(admin, other, 'msp-a2', 'graine-a')
    expect(again.groups.map((x) => [...x.memberIds].sort())).toEqual(formed.groups.map((x) => [...x.memberIds].sort()))
  })

  it('refuses when everyone has a group, a split that does not fit, a non-admin, an individual épreuve, an unknown session', () => {
    expect(refusal(() => formRandomGroups(admin, sessionId, 'msp-a2', 's'))).toEqual({ status: 409, message: g.ALL_GROUPED })
    const two = newSession('Session deux', learners.slice(0, 2))
    expect(refusal(() => formRandomGroups(admin, two, 'serious-game-a11', 's'))).toMatchObject({
      status: 409,
      message: expect.stringContaining('il en reste 2'),
    })
    expect(refusal(() => formRandomGroups(tutor, sessionId, 'msp-a4', 's')).status).toBe(403)
    expect(refusal(() => formRandomGroups(admin, sessionId, 'cas-pratique-a3', 's')).status).toBe(400)
    expect(refusal(() => formRandomGroups(admin, 'nope', 'msp-a4', 's')).status).toBe(404)
    expect(getDb().select().from(schema.groups).where(eq(schema.groups.examSessionId, two)).all()).toEqual([])
  })

  it('continues the numbering after the existing groups', () => {
    const s = newSession('Session suite', learners)
    createGroup(s, 'msp-a4', [learners[0]!.id, learners[1]!.id])
    const formed = formRandomGroups(admin, s, 'msp-a4', 'x')
    expect(formed.groups.map((x) => x.name)).toEqual(['Groupe 2', 'Groupe 3'])
    expect(formed.groups.flatMap((x) => x.memberIds)).not.toContain(learners[0]!.id)
  })
})

describe('createGroup', () => {
  it('creates a group of the chosen learners, with a size check and no learner twice', () => {
    const [zoe, amine, elodie, bao] = learners as [User, User, User, User]
    expect(refusal(() => createGroup(sessionId, 'serious-game-a11', [zoe.id, amine.id]))).toMatchObject({
      status: 400,
      message: expect.stringContaining('exactement 3'),
    })
    expect(refusal(() => createGroup(sessionId, 'serious-game-a11', []))).toMatchObject({ status: 400, message: g.NONE_CHOSEN })
    expect(refusal(() => createGroup(sessionId, 'serious-game-a11', [zoe.id, amine.id, tutor.id])).status).toBe(400)
    const made = createGroup(sessionId, 'serious-game-a11', [zoe.id, amine.id, elodie.id])
    expect(made.name).toBe('Groupe 1')
    expect(made.message).toBe('Groupe 1 est créé avec Amine Benali, Élodie Martin, Zoé Lefèvre.')
    expect(refusal(() => createGroup(sessionId, 'serious-game-a11', [zoe.id, bao.id, learners[4]!.id]))).toMatchObject({
      status: 409,
      message: 'Déjà dans un groupe de cette épreuve\u00a0: Zoé Lefèvre.',
    })
    expect(groupOfSession(sessionId, made.id)?.evaluationId).toBe('serious-game-a11')
    expect(groupOfSession('other', made.id)).toBeUndefined()
  })
})

describe('moveLearner', () => {
  it('moves a member, keeping the dossiers where they belong, and refuses a full target', () => {
    const view = epreuve(sessionId, 'msp-a2')
    const big = view.groups.find((x) => x.members.length === 3)!
    const small = view.groups.filter((x) => x.members.length === 2)
    const mover = big.members[0]!
    const rexBefore = getDb()
      .select()
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.learnerId, mover.id), eq(schema.dossiers.templateId, 'msp-a2-rex'), eq(schema.dossiers.examSessionId, sessionId)))
      .get()!
    const { message } = moveLearner(sessionId, 'msp-a2', mover.id, small[0]!.id)
    expect(message).toContain(`${mover.name} passe de ${big.name} à ${small[0]!.name}`)
    expect(message).toContain('Son REX individuel reste le sien')
    const after = epreuve(sessionId, 'msp-a2')
    expect(after.groups.find((x) => x.id === small[0]!.id)!.members.map((m) => m.id)).toContain(mover.id)
    expect(after.groups.find((x) => x.id === big.id)!.members).toHaveLength(2)
    const rexAfter = getDb()
      .select()
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.learnerId, mover.id), eq(schema.dossiers.templateId, 'msp-a2-rex'), eq(schema.dossiers.examSessionId, sessionId)))
      .all()
    expect(rexAfter).toEqual([rexBefore])
    // The target now has 3: full.
    const other = after.groups.find((x) => x.id === big.id)!.members[0]!
    expect(refusal(() => moveLearner(sessionId, 'msp-a2', other.id, small[0]!.id))).toMatchObject({
      status: 409,
      message: expect.stringContaining('le maximum'),
    })
    // A move leaving a group below its minimum is allowed, with a warning.
    const warned = moveLearner(sessionId, 'msp-a2', other.id, small[1]!.id)
    expect(warned.message).toContain(`Attention\u00a0: ${big.name} n’a plus que 1\u00a0membre`)
    expect(epreuve(sessionId, 'msp-a2').groups.find((x) => x.id === big.id)!.sizeError).toContain('celui-ci en compte 1')
    expect(refusal(() => moveLearner(sessionId, 'msp-a2', other.id, small[1]!.id)).status).toBe(400)
    expect(refusal(() => moveLearner(sessionId, 'msp-a2', other.id, 'nope')).status).toBe(404)
  })

  it('refuses once the old or the new group’s dossier was handed in', () => {
    const s = newSession('Session déposée', learners.slice(0, 5))
    const a = createGroup(s, 'msp-a5', [learners[0]!.id, learners[1]!.id, learners[2]!.id])
    const b = createGroup(s, 'msp-a5', [learners[3]!.id, learners[4]!.id])
    const dossier = getDb()
      .select()
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.groupId, a.id), eq(schema.dossiers.templateId, 'msp-a5')))
      .get()!
    const instance = getDb()
      .insert(schema.evaluationInstances)
      .values({ examSessionId: s, evaluationId: 'msp-a5', dueAt: new Date('2027-03-01'), cutoffAt: new Date('2027-03-04') })
      .returning()
      .get()
    getDb()
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
      .run()
    const expected = {
      status: 409,
      message: `Le dossier de ${a.name} est déjà déposé\u00a0: les dépôts sont figés, la composition de ce groupe ne change plus.`,
    }
    expect(refusal(() => moveLearner(s, 'msp-a5', learners[0]!.id, b.id))).toEqual(expected)
    expect(refusal(() => moveLearner(s, 'msp-a5', learners[3]!.id, a.id)).status).toBe(409)
    expect(epreuve(s, 'msp-a5').groups.find((x) => x.id === a.id)!.handedIn).toBe(true)
  })

  it('serious game: a newcomer has no theme until a redraw; the overview shows the draws', () => {
    const s = newSession('Session serious game', learners.slice(0, 6))
    const a = createGroup(s, 'serious-game-a11', [learners[0]!.id, learners[1]!.id, learners[2]!.id])
    const b = createGroup(s, 'serious-game-a11', [learners[3]!.id, learners[4]!.id, learners[5]!.id])
    drawGroupThemes(admin, a.id, { seed: 'a', now: new Date('2027-03-01T09:00:00Z') })
    drawGroupThemes(admin, b.id, { seed: 'b', now: new Date('2027-03-01T09:00:00Z') })
    drawGroupThemes(admin, b.id, { seed: 'b2', reason: 'Un membre était absent au tirage.', now: new Date('2027-03-02T09:00:00Z') })
    const view = epreuve(s, 'serious-game-a11')
    const ga = view.groups.find((x) => x.id === a.id)!
    expect(ga.draw).toMatchObject({ seed: 'a', drawnByName: 'Agnès Admin', drawnAt: 'le 1 mars 2027 à 10\u00a0h\u00a000', verified: true })
    expect(new Set(ga.draw!.result.map((r) => r.theme))).toEqual(new Set(['Identité visuelle', 'Identité de marque', 'Éco-conception']))
    const gb = view.groups.find((x) => x.id === b.id)!
    expect(gb.history.map((h) => [h.seed, h.supersededAt !== null])).toEqual([
      ['b2', false],
      ['b', true],
    ])
    // b is full (3): a move into it is refused. To make room in a (groups by hand are exactly 3), a member is removed directly.
    expect(refusal(() => moveLearner(s, 'serious-game-a11', learners[0]!.id, b.id)).status).toBe(409)
    getDb()
      .delete(schema.groupMembers)
      .where(and(eq(schema.groupMembers.groupId, a.id), eq(schema.groupMembers.learnerId, learners[2]!.id)))
      .run()
    const { message } = moveLearner(s, 'serious-game-a11', learners[3]!.id, a.id)
    expect(message).toContain(`Aucun tirage n’est remplacé automatiquement\u00a0: ${learners[3]!.name} n’a pas de thème dans le tirage de ${a.name}`)
    expect(message).toContain(`Le tirage de ${b.name} n’est pas modifié non plus.`)
    expect(message).not.toContain('REX')
    expect(missingThemes(a.id)).toEqual([learners[3]!.name])
    expect(
      getDb()
        .select()
        .from(schema.themeDraws)
        .where(and(eq(schema.themeDraws.groupId, a.id), isNull(schema.themeDraws.supersededAt)))
        .all(),
    ).toHaveLength(1)
  })
})

describe('themeNotice', () => {
  it('tells a member their theme, the others the group’s, and nothing on other dossiers', () => {
    const s = newSession('Session thèmes', learners.slice(0, 4))
    const a = createGroup(s, 'serious-game-a11', [learners[0]!.id, learners[1]!.id, learners[2]!.id])
    const dossier = { evaluationId: 'serious-game-a11', groupId: a.id }
    expect(themeNotice(dossier, learners[0]!.id)).toBe('Le tirage des thèmes n’est pas encore fait.')
    const row = drawGroupThemes(admin, a.id, { seed: 'n', now: new Date('2026-12-04T09:00:00Z') })
    const mine = row.result.find((r) => r.learnerId === learners[0]!.id)!
    const labels: Record<string, string> = {
      'identite-visuelle': 'Identité visuelle',
      'identite-de-marque': 'Identité de marque',
      'eco-conception': 'Éco-conception',
    }
    expect(themeNotice(dossier, learners[0]!.id)).toBe(`Votre thème tiré au sort\u00a0: ${labels[mine.theme]} (tirage du 4 décembre 2026).`)
    expect(themeNotice(dossier, tutor.id)).toMatch(/^Thèmes tirés au sort \(tirage du 4 décembre 2026\)\u00a0: /)
    expect(themeNotice({ evaluationId: 'msp-a2', groupId: a.id }, learners[0]!.id)).toBeNull()
    expect(themeNotice({ evaluationId: 'serious-game-a11', groupId: null }, learners[0]!.id)).toBeNull()
  })
})
