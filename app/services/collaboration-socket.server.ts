import type { Server as HttpServer, IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { Redis as RedisExtension } from '@hocuspocus/extension-redis'
import { Hocuspocus } from '@hocuspocus/server'
import { Redlock } from '@sesamecare-oss/redlock'
import type { Redis } from 'ioredis'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { getUser, type SessionUser } from './auth.server'
import { loggable } from './loggable.server'
import { connectRedis } from './redis.server'
import { collaborationAccess, documentName, loadSharedState, storeSharedState, type CollabAccess } from './collaboration.server'

/** Where browsers open the shared documents (a WebSocket on the app's own server). */
export const COLLABORATION_PATH = '/collaboration'

type Context = { user: Pick<SessionUser, 'id'>; access: CollabAccess }

/** Where a restore's change is published to every app server sharing Redis. */
const RESTORES = 'atelier:collaboration:restores'

/** The collaboration servers mounted in this process (one in production), and Redis when they share it. */
const mounted = new Set<{ applyRestore: (name: string, userId: string, update: Uint8Array) => Promise<void>; publisher: Redis | null }>()

/**
 * After a restore from the history (restoreRevision's `sharedUpdate`): the
 * shared document, if open (members are writing in it), takes the restored
 * content as an edit of `userId` that reaches every member at once — on every
 * app server when several share Redis. Otherwise the open document, stored a
 * moment later, would bring the old text back. A document open nowhere
 * starts from the stored state, which is restored already.
 */
export async function replaceOpenDocument(userId: string, dossierId: string, sectionId: string, update: Uint8Array) {
  const name = documentName(dossierId, sectionId)
  const publisher = [...mounted].find((m) => m.publisher)?.publisher
  if (publisher) await publisher.publish(RESTORES, JSON.stringify({ name, userId, update: Buffer.from(update).toString('base64') }))
  else for (const server of mounted) await server.applyRestore(name, userId, update)
}

/**
 * The collaboration server of group dossiers (issue 17 §1): Hocuspocus on our
 * own HTTP server. A connection is authenticated by the login session's
 * cookie and the dossier's access rule (members write, readers read, others
 * are refused); documents are loaded from and stored to the database
 * (app/services/collaboration.server.ts), at most a couple of seconds after
 * the last keystroke and before the last member leaves.
 *
 * With `redisUrl` (several app servers, issue 18), Hocuspocus's Redis
 * extension relays every change between the servers holding a document, and
 * a server storing it waits for another one storing it at the same moment
 * (the stored state merges both: storeSharedState).
 *
 * server.ts reaches it through the server build (entry.server.tsx exports
 * it): it runs in the same module graph as the routes (one database handle,
 * the templates as Vite bundles them).
 */
export function mountCollaboration(
  server: HttpServer,
  { sameOrigin, redisUrl = null }: { sameOrigin: (request: IncomingMessage) => boolean; redisUrl?: string | null },
) {
  // Who wrote in each document since it was last stored: its saves are theirs in the history (on every server, with Redis).
  const publisher = redisUrl ? connectRedis(redisUrl) : null
  const writers = publisher ? redisWriters(publisher) : memoryWriters()
  const shared = redisUrl ? new SharedDocuments({ createClient: () => connectRedis(redisUrl), prefix: 'atelier:collaboration' }) : null
  const hocuspocus = new Hocuspocus({
    quiet: true,
    debounce: 1_000,
    maxDebounce: 5_000,
    extensions: shared ? [shared] : [],
    async onAuthenticate({ requestHeaders, documentName, connectionConfig }) {
      const user = await getUser(new Request('http://localhost/', { headers: { cookie: requestHeaders.cookie ?? '' } }))
      const access = user ? await collaborationAccess(user, documentName) : null
      if (!user || !access) throw new Error('Accès refusé à ce document.')
      connectionConfig.readOnly = access.readOnly
      return { user, access } satisfies Context
    },
    async onLoadDocument({ document, context }) {
      const { access } = context as Context
      Y.applyUpdate(document, await loadSharedState(access.dossierId, access.sectionId))
      return document
    },
    async onChange({ documentName, context }) {
      const user = (context as Context | undefined)?.user
      if (!user) return
      // Not awaited by Hocuspocus: an error must not escape.
      await writers.wrote(documentName, user.id).catch((error: Error) => console.error('Auteurs non notés :', loggable(error)))
    },
    async onStoreDocument({ documentName, document, context }) {
      const { access, user } = context as Context
      // The writers of what is stored now, taken before it is: who changes the document while it is stored writes in the next store.
      const { last, all } = await writers.take(documentName)
      const author = last ?? user.id
      try {
        await storeSharedState(
          access.dossierId,
          access.sectionId,
          document,
          author,
          all.filter((id) => id !== author),
        )
      } catch (error) {
        // Not stored: they are still writers of the next store (Hocuspocus logs the error: without the query's parameters).
        await writers.keep(documentName, all)
        throw loggable(error)
      }
    },
    async afterUnloadDocument({ documentName }) {
      writers.forget(documentName)
    },
  })

  // Applied where the document is open: an edit through a connection of the server itself, stored as any other.
  const applyRestore = async (name: string, userId: string, update: Uint8Array) => {
    const [dossierId, sectionId] = name.split('/')
    if (!hocuspocus.documents.has(name) || !dossierId || !sectionId) return
    const context: Context = { user: { id: userId }, access: { dossierId, sectionId, readOnly: false } }
    const connection = await hocuspocus.openDirectConnection(name, context)
    await writers.wrote(name, userId)
    await connection.transact((doc) => Y.applyUpdate(doc, update))
    await connection.disconnect()
  }
  const subscriber = redisUrl ? connectRedis(redisUrl) : null
  if (subscriber) {
    void subscriber.subscribe(RESTORES).catch((error: Error) => console.error('Restaurations non relayées :', loggable(error)))
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== RESTORES) return
      const { name, userId, update } = JSON.parse(message) as { name: string; userId: string; update: string }
      applyRestore(name, userId, Buffer.from(update, 'base64')).catch((error: Error) => console.error('Restauration non appliquée :', loggable(error)))
    })
  }
  const self = { applyRestore, publisher }
  mounted.add(self)

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 2 * 1024 * 1024 })
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (path !== COLLABORATION_PATH || !sameOrigin(request)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => hocuspocus.handleConnection(ws, request))
  })
  return {
    hocuspocus,
    /** Stores every open document, then closes the connections (shutdown). */
    close: async () => {
      mounted.delete(self)
      hocuspocus.closeConnections()
      sockets.close()
      // The documents are stored as their last connection closes (through Redis's lock): Redis is let go once they are.
      const end = Date.now() + 5_000
      while (hocuspocus.getDocumentsCount() > 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50))
      subscriber?.disconnect()
      publisher?.disconnect()
      await shared?.onDestroy()
    },
  }
}

/** Who wrote in each open document since it was last stored, and who wrote last. */
type Writers = {
  wrote(name: string, userId: string): Promise<void>
  /** The last writer, and everyone who wrote since the last store (forgotten now: `keep` gives them back if the store fails). */
  take(name: string): Promise<{ last: string | null; all: string[] }>
  keep(name: string, ids: string[]): Promise<void>
  forget(name: string): void
}

/** One app server: in its memory. */
function memoryWriters(): Writers {
  const last = new Map<string, string>()
  const all = new Map<string, Set<string>>()
  return {
    wrote: async (name, id) => void (last.set(name, id), all.set(name, (all.get(name) ?? new Set()).add(id))),
    take: async (name) => {
      const ids = [...(all.get(name) ?? [])]
      all.delete(name)
      return { last: last.get(name) ?? null, all: ids }
    },
    keep: async (name, ids) => void all.set(name, new Set([...ids, ...(all.get(name) ?? [])])),
    forget: (name) => void (last.delete(name), all.delete(name)),
  }
}

/**
 * Several app servers: in Redis, so that the server storing a document names
 * the members who wrote in it through the others too. Kept a day at most
 * (another server may still hold the document when this one unloads it).
 */
function redisWriters(redis: Redis): Writers {
  const DAY = 86_400
  const lastKey = (name: string) => `atelier:writers:${name}:last`
  const allKey = (name: string) => `atelier:writers:${name}:all`
  return {
    wrote: async (name, id) => {
      await redis.multi().set(lastKey(name), id, 'EX', DAY).sadd(allKey(name), id).expire(allKey(name), DAY).exec()
    },
    take: async (name) => {
      const replies = await redis.multi().get(lastKey(name)).smembers(allKey(name)).del(allKey(name)).exec()
      return { last: (replies?.[0]?.[1] as string | null) ?? null, all: (replies?.[1]?.[1] as string[] | undefined) ?? [] }
    },
    keep: async (name, ids) => {
      if (ids.length)
        await redis
          .multi()
          .sadd(allKey(name), ...ids)
          .expire(allKey(name), DAY)
          .exec()
    },
    forget: () => {},
  }
}

/**
 * Hocuspocus's Redis extension, except that a server storing a document while
 * another one stores it waits for its turn instead of skipping its store: the
 * extension skips it, and the edits this server received last would be stored
 * by nobody if the other server's members stopped writing.
 */
class SharedDocuments extends RedisExtension {
  constructor(configuration: ConstructorParameters<typeof RedisExtension>[0]) {
    super(configuration)
    this.redlock = new Redlock([this.pub], { retryCount: 50, retryDelay: 100, retryJitter: 50 })
  }
}
