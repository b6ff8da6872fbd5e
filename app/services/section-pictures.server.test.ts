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
const user = (email: string) => getDb().insert(schema.users).values({ email, name: email, passwordHash: 'x' }).returning().get().id
let sessionId = ''
let [anna, bruno] = ['', '']
const dossierOf = (learner: string, templateId: string) => learnerDossiers(learner, sessionId).find((d) => d.templateId === templateId)!

beforeAll(() => {
  const db = getDb()
  sessionId = db.insert(schema.examSessions).values({ name: 'S', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning().get().id
  ;[anna, bruno] = [user('anna@test.fr'), user('bruno@test.fr')]
  enrollLearners(db, sessionId, [anna, bruno])
  const group = db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name: 'G' }).returning().get().id
  addGroupMembers(db, group, [anna, bruno])
  for (const learner of [anna, bruno]) {
    const cas = dossierOf(learner, 'cas-pratique-a3')
    expect(saveSection({ dossierId: cas.id, sectionId: 'personae', baseVersion: 0, content: PERSONAE, authorId: learner }).ok).toBe(true)
  }
})

describe('the sections an oral may show', () => {
  it('an individual oral shows its learner’s own dossiers (their group’s included), never another learner’s', () => {
    const veille = dossierOf(anna, 'fiche-veille')
    const offered = pictureDossiers(veille).map((d) => d.id)
    expect(offered[0]).toBe(veille.id)
    expect(offered).toContain(dossierOf(anna, 'cas-pratique-a3').id)
    expect(offered).toContain(dossierOf(anna, 'msp-a2').id)
    expect(offered).not.toContain(dossierOf(bruno, 'cas-pratique-a3').id)
    expect(shownPictures(veille, { sectionId: 'personae', dossierId: dossierOf(anna, 'cas-pratique-a3').id }).map((p) => p.alt)).toEqual([
      'Fiche persona de Léa\u00a0: 34\u00a0ans · Cadre.',
    ])
    expect(shownPictures(veille, { sectionId: 'personae', dossierId: dossierOf(bruno, 'cas-pratique-a3').id })).toEqual([])
  })

  it('a group oral shows its own dossier only: a member’s own work is not shown to the others', () => {
    const shared = dossierOf(anna, 'msp-a2')
    expect(pictureDossiers(shared).map((d) => d.id)).toEqual([shared.id])
    expect(shownPictures(shared, { sectionId: 'personae', dossierId: dossierOf(anna, 'cas-pratique-a3').id })).toEqual([])
  })
})
