import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('theme-draws')
const schema = await import('#db/schema')
const { THEMES } = await import('~/domain/draw')
const t = await import('./theme-draws.server')
const { currentDraw, drawGroupThemes, drawHistory, learnerTheme, missingThemes, missingThemesMessage, newSeed, replayDraw, ThemeDrawError, verifyDraw } = t

type User = { id: string; name: string; email: string; roles: Role[] }
let n = 0
async function person(roles: Role[], name: string): Promise<User> {
  const email = `t${++n}@test.fr`
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return { id, name, email, roles }
}
async function refusal(f: () => Promise<unknown>) {
  try {
    await f()
  } catch (error) {
    if (error instanceof ThemeDrawError) return { status: error.status, message: error.message }
    throw error
  }
  throw new Error('not refused')
}

let sessionId = ''
let admin: User
let tutor: User
const learners: User[] = []
let g = 0
async function group(evaluationId: string, members: User[]): Promise<string> {
  const id = (
    await getDb()
      .insert(schema.groups)
      .values({ examSessionId: sessionId, evaluationId, name: `Groupe ${++g}` })
      .returning()
  )[0]!.id
  for (const m of members) await getDb().insert(schema.groupMembers).values({ groupId: id, learnerId: m.id })
  return id
}

beforeAll(async () => {
  admin = await person(['admin'], 'Agnès Admin')
  tutor = await person(['tutor'], 'Étienne Garnier')
  for (const name of ['Zoé Lefèvre', 'Amine Benali', 'Élodie Martin', 'Bao Nguyen']) learners.push(await person(['learner'], name))
  sessionId = (await getDb().insert(schema.examSessions).values({ name: 'Session 2027', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
})
beforeEach(async () => {
  await getDb().delete(schema.themeDraws)
})

const zoe = () => learners[0]!
const amine = () => learners[1]!
const elodie = () => learners[2]!
const bao = () => learners[3]!

describe('drawGroupThemes', () => {
  it('gives each member a distinct theme and records the draw', async () => {
    const id = await group('serious-game-a11', [zoe(), amine(), elodie()])
    const now = new Date('2027-03-01T09:00:00Z')
    const row = await drawGroupThemes(admin, id, { now, seed: 'graine-1' })
    expect(row).toMatchObject({ groupId: id, seed: 'graine-1', reason: '', drawnBy: admin.id, drawnByName: 'Agnès Admin', drawnAt: now, supersededAt: null })
    expect(row.result.map((r) => r.learnerId).sort()).toEqual([zoe().id, amine().id, elodie().id].sort())
    expect(new Set(row.result.map((r) => r.theme))).toEqual(new Set(THEMES))
    expect(await currentDraw(id)).toEqual(row)
    for (const r of row.result) expect(await learnerTheme(r.learnerId, id)).toBe(r.theme)
    expect(await learnerTheme(bao().id, id)).toBeNull()
    expect(await missingThemes(id)).toEqual([])
  })

  it('replays every stored draw from its seed and members', async () => {
    const id = await group('serious-game-a11', [zoe(), amine(), elodie()])
    for (let i = 0; i < 20; i++) {
      const row = await drawGroupThemes(admin, id, { reason: i ? `nouveau tirage n° ${i}` : '' })
      expect(replayDraw(row)).toEqual(row.result)
      expect(verifyDraw(row)).toBe(true)
    }
    // Read back from the database (JSON column) too.
    for (const row of await drawHistory(id)) expect(verifyDraw(row)).toBe(true)
    const [current] = await drawHistory(id)
    const tampered = current!.result.map((r, i, all) => ({ ...r, theme: all[(i + 1) % all.length]!.theme }))
    expect(verifyDraw({ seed: current!.seed, result: tampered })).toBe(false)
  })

  it('is reproducible for a given seed', async () => {
    const a = await group('serious-game-a11', [zoe(), amine(), elodie()])
    const first = await drawGroupThemes(admin, a, { seed: 'même-graine' })
    const again = await drawGroupThemes(admin, a, { seed: 'même-graine', reason: 'vérification du rejeu' })
    expect(again.result).toEqual(first.result)
    expect(newSeed()).toMatch(/^[0-9a-f]{32}$/)
    expect(newSeed()).not.toBe(newSeed())
  })

  it('refuses a redraw without a reason, then supersedes the current draw', async () => {
    const id = await group('serious-game-a11', [zoe(), amine()])
    const first = await drawGroupThemes(admin, id, { now: new Date('2027-03-01T09:00:00Z') })
    expect(first.result).toHaveLength(2)
    expect(await refusal(() => drawGroupThemes(admin, id))).toEqual({ status: 400, message: t.REASON_NEEDED })
    expect(await refusal(() => drawGroupThemes(admin, id, { reason: '  trop   bref ' }))).toEqual({ status: 400, message: t.REASON_NEEDED })
    expect(await drawHistory(id)).toHaveLength(1)
    const later = new Date('2027-03-02T10:00:00Z')
    const second = await drawGroupThemes(admin, id, { now: later, reason: '  Candidate absente   au premier tirage ' })
    expect(second.reason).toBe('Candidate absente au premier tirage')
    const history = await drawHistory(id)
    expect(history.map((h) => h.id)).toEqual([second.id, first.id])
    expect(history[1]!.supersededAt).toEqual(later)
    expect(history[0]!.supersededAt).toBeNull()
    expect((await currentDraw(id))?.id).toBe(second.id)
  })

  it('refuses a non-admin, an unknown group, a group of another épreuve, an empty group and more than 3 members', async () => {
    const sg = await group('serious-game-a11', [zoe(), amine(), elodie()])
    expect(await refusal(() => drawGroupThemes({ ...tutor, roles: ['tutor'] }, sg))).toEqual({ status: 403, message: t.NOT_ADMIN })
    expect(await refusal(() => drawGroupThemes(admin, 'nope'))).toEqual({ status: 404, message: t.NO_GROUP })
    const msp = await group('msp-a2', [zoe(), amine()])
    expect(await refusal(() => drawGroupThemes(admin, msp))).toEqual({ status: 400, message: t.NOT_SERIOUS_GAME })
    expect(await refusal(async () => await drawGroupThemes(admin, await group('serious-game-a11', [])))).toEqual({ status: 409, message: t.NO_MEMBERS })
    const four = await group('serious-game-a11', [zoe(), amine(), elodie(), bao()])
    expect(await refusal(() => drawGroupThemes(admin, four))).toEqual({ status: 409, message: t.TOO_MANY })
    expect(await refusal(() => drawGroupThemes(admin, sg, { reason: 'x'.repeat(t.REASON_MAX + 1) }))).toMatchObject({ status: 400 })
    expect(await getDb().select().from(schema.themeDraws)).toEqual([])
  })
})

describe('missingThemes', () => {
  it('names the members without a theme, for the hand-in check', async () => {
    const id = await group('serious-game-a11', [zoe(), amine()])
    expect(await missingThemes(id)).toEqual(['Amine Benali', 'Zoé Lefèvre'])
    expect(await missingThemesMessage({ groupId: id })).toBe('Le tirage des thèmes n’est pas fait pour\u00a0: Amine Benali, Zoé Lefèvre.')
    await drawGroupThemes(admin, id)
    expect(await missingThemes({ groupId: id })).toEqual([])
    expect(await missingThemesMessage(id)).toBeNull()
    // Élodie joins after the draw: she has no theme until a redraw.
    await getDb().insert(schema.groupMembers).values({ groupId: id, learnerId: elodie().id })
    expect(await missingThemes(id)).toEqual(['Élodie Martin'])
    await drawGroupThemes(admin, id, { reason: 'Élodie rejoint le groupe' })
    expect(await missingThemes(id)).toEqual([])
  })

  it('is empty for other épreuves and individual dossiers', async () => {
    expect(await missingThemes(await group('msp-a4', [zoe(), amine()]))).toEqual([])
    expect(await missingThemes({ groupId: null })).toEqual([])
    expect(await missingThemes('nope')).toEqual([])
  })
})
