import { beforeAll, describe, expect, it } from 'vitest'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('inbox')
const schema = await import('#db/schema')
const { learnerDossiers } = await import('./dossiers.server')
const { enrollLearners } = await import('./dossier-provisioning.server')
const { notify, unreadCount } = await import('./notifications.server')
const { inbox, openNotification } = await import('./notification-inbox.server')

const ids = { tutor: '', learner: '', other: '', dossier: '', thread: '', round: '' }

beforeAll(async () => {
  const db = getDb()
  const user = async (name: string, email: string) => (await db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  ids.tutor = await user('Camille Martin', 'camille@test.fr')
  ids.learner = await user('Zoé Lefèvre', 'zoe@test.fr')
  ids.other = await user('Autre', 'autre@test.fr')
  const session = (await db.insert(schema.examSessions).values({ name: 'S', startsOn: '2026-09-01', endsOn: '2027-06-30' }).returning())[0]!.id
  await enrollLearners(db, session, [ids.learner])
  ids.dossier = (await learnerDossiers(ids.learner, session)).find((d) => d.templateId === 'fiche-veille')!.id
  ids.thread = (
    await db.insert(schema.commentThreads).values({ dossierId: ids.dossier, target: 'section', sectionId: 'a', authorId: ids.tutor }).returning()
  )[0]!.id
  ids.round = (await db.insert(schema.reviewRounds).values({ dossierId: ids.dossier, requestedBy: ids.learner, requestedAt: new Date() }).returning())[0]!.id
  await notify([ids.learner], { type: 'comment', dossierId: ids.dossier, actorId: ids.tutor, threadId: ids.thread })
  await notify([ids.tutor], { type: 'review-request', dossierId: ids.dossier, actorId: ids.learner, roundId: ids.round })
})

describe('inbox', () => {
  it('lists the user’s own notifications with their sentence and target', async () => {
    expect(await inbox(ids.learner)).toEqual([
      {
        id: expect.any(Number),
        text: 'Camille Martin a commenté “Fiche de compétences « Veille »”',
        href: `/dossiers/${ids.dossier}#commentaire-${ids.thread}`,
        createdAt: expect.any(Number),
        read: false,
      },
    ])
    expect((await inbox(ids.tutor)).map((n) => n.text)).toEqual(['Zoé Lefèvre demande une relecture de “Fiche de compétences « Veille »”'])
    expect(await inbox(ids.other)).toEqual([])
  })
})

describe('openNotification', () => {
  it('marks the user’s notification read and tells where it leads', async () => {
    const [n] = await inbox(ids.tutor)
    expect(await unreadCount(ids.tutor)).toBe(1)
    expect(await openNotification(ids.tutor, n!.id)).toBe(`/dossiers/${ids.dossier}/relectures/${ids.round}`)
    expect(await unreadCount(ids.tutor)).toBe(0)
    expect((await inbox(ids.tutor))[0]!.read).toBe(true)
  })
  it('refuses someone else’s notification and leaves it unread', async () => {
    const [n] = await inbox(ids.learner)
    expect(await openNotification(ids.other, n!.id)).toBeNull()
    expect(await openNotification(ids.tutor, n!.id)).toBeNull()
    expect(await unreadCount(ids.learner)).toBe(1)
  })
})
