import { beforeAll, describe, expect, it } from 'vitest'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('sections')
const schema = await import('#db/schema')
const { learnerDossiers } = await import('./dossiers.server')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { listRevisions, saveSection, sectionStates } = await import('./dossier-sections.server')

const doc = (text: string) => ({ type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }] })
let learner = ''
let other = ''
let sessionId = ''

beforeAll(async () => {
  const db = getDb()
  const user = async (email: string) => (await db.insert(schema.users).values({ email, name: email, passwordHash: 'x' }).returning())[0]!.id
  learner = await user('a@test.fr')
  other = await user('b@test.fr')
  sessionId = (await db.insert(schema.examSessions).values({ name: 'S', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  await enrollLearners(db, sessionId, [learner, other])
  const group = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name: 'G' }).returning())[0]!.id
  await addGroupMembers(db, group, [learner, other])
})

describe('section saves', () => {
  it('refuses a stale version and returns the current content', async () => {
    const dossierId = (await learnerDossiers(learner, sessionId)).find((d) => d.templateId === 'fiche-veille')!.id
    const first = await saveSection({ dossierId, sectionId: 'contexte', baseVersion: 0, content: doc('Un'), authorId: learner })
    expect(first).toMatchObject({ ok: true, version: 1 })
    const stale = await saveSection({ dossierId, sectionId: 'contexte', baseVersion: 0, content: doc('Deux'), authorId: other })
    expect(stale).toMatchObject({ ok: false, conflict: { version: 1, content: doc('Un'), updatedBy: 'a@test.fr' } })
    expect((await sectionStates(dossierId)).contexte).toMatchObject({ version: 1, content: doc('Un') })
  })

  it('keeps one revision per author burst, a new one per other author, and conflict copies aside', async () => {
    const dossierId = (await learnerDossiers(learner, sessionId)).find((d) => d.templateId === 'fiche-ux')!.id
    await saveSection({ dossierId, sectionId: 'contexte-persona', baseVersion: 0, content: doc('a'), authorId: learner })
    await saveSection({ dossierId, sectionId: 'contexte-persona', baseVersion: 1, content: doc('ab'), authorId: learner })
    expect(await listRevisions(dossierId)).toHaveLength(1)
    await saveSection({ dossierId, sectionId: 'contexte-persona', baseVersion: 2, content: doc('abc'), authorId: other })
    await saveSection({ dossierId, sectionId: 'contexte-persona', baseVersion: 3, content: doc('mine'), authorId: learner, kind: 'conflict-copy' })
    const revisions = await listRevisions(dossierId)
    expect(revisions.map((r) => r.kind).sort()).toEqual(['conflict-copy', 'save', 'save'])
    // A conflict copy leaves the current content alone.
    expect((await sectionStates(dossierId))['contexte-persona']).toMatchObject({ version: 3, content: doc('abc') })
  })

  it('keeps one revision for a section written together, naming everyone who wrote in it, whoever saved last', async () => {
    const dossierId = (await learnerDossiers(learner, sessionId)).find((d) => d.templateId === 'msp-a2')!.id
    await saveSection({ dossierId, sectionId: 'contexte', baseVersion: 0, content: doc('a'), authorId: learner, coauthorIds: [] })
    await saveSection({ dossierId, sectionId: 'contexte', baseVersion: 1, content: doc('ab'), authorId: other, coauthorIds: [learner] })
    await saveSection({ dossierId, sectionId: 'contexte', baseVersion: 2, content: doc('abc'), authorId: learner, coauthorIds: [] })
    const [revision, ...rest] = await listRevisions(dossierId)
    expect(rest).toHaveLength(0)
    expect(revision).toMatchObject({ version: 3, author: 'a@test.fr', coauthors: ['b@test.fr'] })
    // A save of one author alone (no coauthorIds: not written together) starts its own revision.
    await saveSection({ dossierId, sectionId: 'contexte', baseVersion: 3, content: doc('abcd'), authorId: other })
    expect((await listRevisions(dossierId))[0]).toMatchObject({ version: 4, author: 'b@test.fr', coauthors: [] })
  })

  it('starts a new revision when most of the content is deleted', async () => {
    const dossierId = (await learnerDossiers(learner, sessionId)).find((d) => d.templateId === 'fiche-event')!.id
    await saveSection({ dossierId, sectionId: 'contexte', baseVersion: 0, content: doc('x'.repeat(500)), authorId: learner })
    await saveSection({ dossierId, sectionId: 'contexte', baseVersion: 1, content: doc('x'), authorId: learner })
    expect(await listRevisions(dossierId)).toHaveLength(2)
  })

  it('answers a save based on a version of a never-saved section with a conflict: the empty field, version 0', async () => {
    const dossierId = (await learnerDossiers(learner, sessionId)).find((d) => d.templateId === 'fiche-manageriale')!.id
    const tableId = (await learnerDossiers(learner, sessionId)).find((d) => d.templateId === 'fiche-veille')!.id
    expect(await saveSection({ dossierId, sectionId: 'contexte', baseVersion: 3, content: doc('Perdu ?'), authorId: learner })).toEqual({
      ok: false,
      conflict: { content: { type: 'doc', content: [{ type: 'paragraph' }] }, version: 0, updatedAt: 0, updatedBy: null },
    })
    expect(await saveSection({ dossierId: tableId, sectionId: 'besoins', baseVersion: 1, content: { rows: [] }, authorId: learner })).toMatchObject({
      ok: false,
      conflict: { content: { rows: [] }, version: 0 },
    })
    // Nothing was written; keeping one's version then saves on version 0.
    expect((await sectionStates(dossierId)).contexte).toBeUndefined()
    expect(await listRevisions(dossierId)).toEqual([])
    expect(await saveSection({ dossierId, sectionId: 'contexte', baseVersion: 0, content: doc('Gardé'), authorId: learner })).toMatchObject({
      ok: true,
      version: 1,
    })
  })
})
