import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import * as Y from 'yjs'

/**
 * What the collaboration server's tests share: a group dossier (MSP A2) of
 * Anna and Bruno, Carla in another group, a tutor following Anna, each with a
 * login session's cookie; and a member's editor in Node. Import it after
 * setupTempDb (it reaches the database through the services).
 */
export const people = { anna: '', bruno: '', carla: '', tutor: '' }
export const cookies: Record<string, string> = {}

export async function groupDossier(): Promise<string> {
  const { getDb } = await import('#db/client')
  const schema = await import('#db/schema')
  const { sessionCookie, SESSION_TTL_MS } = await import('~/services/session.server')
  const { addGroupMembers, enrollLearners } = await import('~/services/dossier-provisioning.server')
  const { learnerDossiers } = await import('~/services/dossiers.server')
  const db = getDb()
  const session = (await db.insert(schema.examSessions).values({ name: 'S', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  for (const key of Object.keys(people) as (keyof typeof people)[]) {
    people[key] = (
      await db
        .insert(schema.users)
        .values({ email: `${key}@test.fr`, name: key, passwordHash: 'x' })
        .returning()
    )[0]!.id
    await db.insert(schema.userRoles).values({ userId: people[key], role: key === 'tutor' ? 'tutor' : 'learner' })
    const login = (
      await db
        .insert(schema.loginSessions)
        .values({ userId: people[key], expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
        .returning()
    )[0]!
    cookies[key] = (await sessionCookie.serialize(login.id)).split(';')[0]!
  }
  await enrollLearners(db, session, [people.anna, people.bruno, people.carla])
  const group = (await db.insert(schema.groups).values({ examSessionId: session, evaluationId: 'msp-a2', name: 'G1' }).returning())[0]!.id
  await addGroupMembers(db, group, [people.anna, people.bruno])
  const other = (await db.insert(schema.groups).values({ examSessionId: session, evaluationId: 'msp-a2', name: 'G2' }).returning())[0]!.id
  await addGroupMembers(db, other, [people.carla])
  await db.insert(schema.tutorAssignments).values({ examSessionId: session, tutorId: people.tutor, learnerId: people.anna })
  return (await learnerDossiers(people.anna, session)).find((d) => d.templateId === 'msp-a2')!.id
}

/** A member's editor in Node: a Yjs document synced through the collaboration server at `url` with their cookie. */
export function connectEditor(url: string, who: keyof typeof people, name: string) {
  const doc = new Y.Doc()
  const socket = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: class extends WebSocket {
      constructor(address: string | URL) {
        super(address, { headers: { cookie: cookies[who]!, origin: 'http://app.test' } })
      }
    } as unknown as typeof WebSocket,
  })
  let settle: (outcome: string) => void = () => {}
  const outcome = new Promise<string>((resolve) => (settle = resolve))
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token: 'session',
    onSynced: () => settle('synced'),
    onAuthenticationFailed: ({ reason }) => settle(`refused: ${reason}`),
  })
  // A socket passed in is shared: each document attaches to it.
  provider.attach()
  return { doc, provider, outcome, close: () => (provider.destroy(), socket.destroy()) }
}

export const paragraph = (doc: Y.Doc, text: string) => {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  doc.getXmlFragment('default').push([p])
}

export const until = async (check: () => boolean | Promise<boolean>, ms = 5_000) => {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}
