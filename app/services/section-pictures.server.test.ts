import { beforeAll, describe, expect, it } from 'vitest'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('section-pictures')
const schema = await import('#db/schema')
const { learnerDossiers } = await import('./dossiers.server')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { saveSection } = await import('./dossier-sections.server')
const { pictureDossiers, shownPictures } = await import('./section-pictures.server')

const PERSONAE = {
  personas: [
    {
      id: 'persona-lea',
      firstName: 'Léa',
      age: 34,
      location: '',
      csp: 'Cadre',
      family: '',
      tastes: '',
      habits: '',
      brands: '',
      media: [],
      needs: '',
      frustrations: '',
      quote: '',
      inclusion: '',
      avatar: null,
    },
  ],
}
const user = async (email: string) => (await getDb().insert(schema.users).values({ email, name: email, passwordHash: 'x' }).returning())[0]!.id
let sessionId = ''
let [anna, bruno] = ['', '']
const dossierOf = async (learner: string, templateId: string) => (await learnerDossiers(learner, sessionId)).find((d) => d.templateId === templateId)!

beforeAll(async () => {
  const db = getDb()
  sessionId = (await db.insert(schema.examSessions).values({ name: 'S', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  ;[anna, bruno] = [await user('anna@test.fr'), await user('bruno@test.fr')]
  await enrollLearners(db, sessionId, [anna, bruno])
  const group = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name: 'G' }).returning())[0]!.id
  await addGroupMembers(db, group, [anna, bruno])
  for (const learner of [anna, bruno]) {
    const cas = await dossierOf(learner, 'cas-pratique-a3')
    expect((await saveSection({ dossierId: cas.id, sectionId: 'personae', baseVersion: 0, content: PERSONAE, authorId: learner })).ok).toBe(true)
  }
})

describe('the sections an oral may show', () => {
  it('an individual oral shows its learner’s own dossiers (their group’s included), never another learner’s', async () => {
    const veille = await dossierOf(anna, 'fiche-veille')
    const offered = (await pictureDossiers(veille)).map((d) => d.id)
    expect(offered[0]).toBe(veille.id)
    expect(offered).toContain((await dossierOf(anna, 'cas-pratique-a3')).id)
    expect(offered).toContain((await dossierOf(anna, 'msp-a2')).id)
    expect(offered).not.toContain((await dossierOf(bruno, 'cas-pratique-a3')).id)
    expect((await shownPictures(veille, { sectionId: 'personae', dossierId: (await dossierOf(anna, 'cas-pratique-a3')).id })).map((p) => p.alt)).toEqual([
      'Fiche persona de Léa\u00a0: 34\u00a0ans · Cadre.',
    ])
    expect(await shownPictures(veille, { sectionId: 'personae', dossierId: (await dossierOf(bruno, 'cas-pratique-a3')).id })).toEqual([])
  })

  it('a group oral shows its own dossier only: a member’s own work is not shown to the others', async () => {
    const shared = await dossierOf(anna, 'msp-a2')
    expect((await pictureDossiers(shared)).map((d) => d.id)).toEqual([shared.id])
    expect(await shownPictures(shared, { sectionId: 'personae', dossierId: (await dossierOf(anna, 'cas-pratique-a3')).id })).toEqual([])
  })
})
