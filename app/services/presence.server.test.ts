import { beforeAll, describe, expect, it } from 'vitest'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('presence')
const schema = await import('#db/schema')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { learnerDossiers } = await import('./dossiers.server')
const { PRESENCE_TTL_MS, touchPresence } = await import('./presence.server')

let dossierId = ''
const people = { anna: '', mael: '', zoe: '' }

beforeAll(async () => {
  const db = getDb()
  const session = (await db.insert(schema.examSessions).values({ name: 'S', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  for (const key of Object.keys(people) as (keyof typeof people)[]) {
    people[key] = (
      await db
        .insert(schema.users)
        .values({ email: `${key}@test.fr`, name: key === 'mael' ? 'Maël' : key === 'zoe' ? 'Zoé' : 'Anna', passwordHash: 'x' })
        .returning()
    )[0]!.id
  }
  await enrollLearners(db, session, Object.values(people))
  const group = (await db.insert(schema.groups).values({ examSessionId: session, evaluationId: 'msp-a2', name: 'G' }).returning())[0]!.id
  await addGroupMembers(db, group, Object.values(people))
  dossierId = (await learnerDossiers(people.anna, session)).find((d) => d.templateId === 'msp-a2')!.id
})

describe('presence in a dossier', () => {
  it('names the others there in the last seconds with their section, never oneself, and forgets those who left or went quiet', async () => {
    const t0 = new Date('2027-03-01T10:00:00Z')
    const at = (ms: number) => new Date(t0.getTime() + ms)
    expect(await touchPresence(dossierId, people.anna, 'pestel', { now: t0 })).toEqual([])
    await touchPresence(dossierId, people.zoe, null, { now: at(1_000) })
    expect(await touchPresence(dossierId, people.mael, 'pestel', { now: at(2_000) })).toEqual([
      { name: 'Anna', sectionId: 'pestel' },
      { name: 'Zoé', sectionId: null },
    ])
    // Anna moves; Zoé closes her page.
    await touchPresence(dossierId, people.anna, 'modalites-enquete', { now: at(3_000) })
    await touchPresence(dossierId, people.zoe, null, { leaving: true, now: at(3_500) })
    expect(await touchPresence(dossierId, people.mael, 'pestel', { now: at(4_000) })).toEqual([{ name: 'Anna', sectionId: 'modalites-enquete' }])
    // Anna's page stops saying it is there.
    expect(await touchPresence(dossierId, people.mael, 'pestel', { now: at(3_000 + PRESENCE_TTL_MS + 1) })).toEqual([])
  })
})
