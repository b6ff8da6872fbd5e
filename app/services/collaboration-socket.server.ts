import type { Server as HttpServer, IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { Hocuspocus } from '@hocuspocus/server'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { getUser, type SessionUser } from './auth.server'
import { collaborationAccess, loadSharedState, storeSharedState, type CollabAccess } from './collaboration.server'

/** Where browsers open the shared documents (a WebSocket on the app's own server). */
export const COLLABORATION_PATH = '/collaboration'

type Context = { user: SessionUser; access: CollabAccess }

/**
 * The collaboration server of group dossiers (issue 17 §1): Hocuspocus on our
 * own HTTP server. A connection is authenticated by the login session's
 * cookie and the dossier's access rule (members write, readers read, others
 * are refused); documents are loaded from and stored to the database
 * (app/services/collaboration.server.ts), at most a couple of seconds after
 * the last keystroke and before the last member leaves.
 *
 * server.ts reaches it through the server build (entry.server.tsx exports
 * it): it runs in the same module graph as the routes (one database handle,
 * the templates as Vite bundles them).
 */
export function mountCollaboration(server: HttpServer, { sameOrigin }: { sameOrigin: (request: IncomingMessage) => boolean }) {
  // The member who changed a document last: its saves are theirs in the history.
  const lastAuthor = new Map<string, string>()
  const hocuspocus = new Hocuspocus({
    quiet: true,
    debounce: 1_000,
    maxDebounce: 5_000,
    async onAuthenticate({ requestHeaders, documentName, connectionConfig }) {
      const user = await getUser(new Request('http://localhost/', { headers: { cookie: requestHeaders.cookie ?? '' } }))
      const access = user ? collaborationAccess(user, documentName) : null
      if (!user || !access) throw new Error('Accès refusé à ce document.')
      connectionConfig.readOnly = access.readOnly
      return { user, access } satisfies Context
    },
    async onLoadDocument({ document, context }) {
      const { access } = context as Context
      Y.applyUpdate(document, loadSharedState(access.dossierId, access.sectionId))
      return document
    },
    async onChange({ documentName, context }) {
      const user = (context as Context | undefined)?.user
      if (user) lastAuthor.set(documentName, user.id)
    },
    async onStoreDocument({ documentName, document, context }) {
      const { access, user } = context as Context
      storeSharedState(access.dossierId, access.sectionId, document, lastAuthor.get(documentName) ?? user.id)
    },
    async afterUnloadDocument({ documentName }) {
      lastAuthor.delete(documentName)
    },
  })

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
      hocuspocus.closeConnections()
      sockets.close()
    },
  }
}
