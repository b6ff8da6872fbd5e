import type { Server as HttpServer, IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { Hocuspocus } from '@hocuspocus/server'
import { WebSocketServer } from 'ws'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { editorSchema } from '~/kinds/rich-text/pm-schema'
import type { RichTextDoc } from '~/kinds/rich-text/rich-text'
import { sanitize } from '~/kinds/rich-text/sanitize'
import { getUser, type SessionUser } from './auth.server'
import { collaborationAccess, documentName, FRAGMENT, loadSharedState, storeSharedState, type CollabAccess } from './collaboration.server'

/** Where browsers open the shared documents (a WebSocket on the app's own server). */
export const COLLABORATION_PATH = '/collaboration'

type Context = { user: SessionUser; access: CollabAccess }

/** The documents open on this server, once it is mounted (see replaceOpenDocument). */
let replaceOpen: ((user: SessionUser, name: string, content: RichTextDoc) => Promise<boolean>) | null = null

/**
 * After a restore from the history: if the section's shared document is open
 * (members are writing in it), its content becomes the restored one, as an
 * edit of `user` that reaches every member at once — otherwise the open
 * document, stored a moment later, would write the old text over the
 * restored one. A document that is not open starts from the restored JSON
 * anyway (restoreRevision drops its stored Yjs state). False: not open here.
 */
export async function replaceOpenDocument(user: SessionUser, dossierId: string, sectionId: string, content: RichTextDoc) {
  return (await replaceOpen?.(user, documentName(dossierId, sectionId), content)) ?? false
}

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
  // The member who changed a document last, and everyone who changed it since it was stored: its saves are theirs in the history.
  const lastAuthor = new Map<string, string>()
  const writers = new Map<string, Set<string>>()
  const hocuspocus = new Hocuspocus({
    quiet: true,
    debounce: 1_000,
    maxDebounce: 5_000,
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
      lastAuthor.set(documentName, user.id)
      writers.set(documentName, (writers.get(documentName) ?? new Set()).add(user.id))
    },
    async onStoreDocument({ documentName, document, context }) {
      const { access, user } = context as Context
      const author = lastAuthor.get(documentName) ?? user.id
      // The writers of what is stored now, taken before it is: who changes the document while it is stored writes in the next store.
      const stored = writers.get(documentName) ?? new Set<string>()
      writers.delete(documentName)
      const others = [...stored].filter((id) => id !== author)
      try {
        await storeSharedState(access.dossierId, access.sectionId, document, author, others)
      } catch (error) {
        // Not stored: they are still writers of the next store.
        writers.set(documentName, new Set([...stored, ...(writers.get(documentName) ?? [])]))
        throw error
      }
    },
    async afterUnloadDocument({ documentName }) {
      lastAuthor.delete(documentName)
      writers.delete(documentName)
    },
  })

  replaceOpen = async (user, name, content) => {
    const access = await collaborationAccess(user, name)
    if (!hocuspocus.documents.has(name) || !access || access.readOnly) return false
    const connection = await hocuspocus.openDirectConnection(name, { user, access } satisfies Context)
    lastAuthor.set(name, user.id)
    // Changed to match the restored content (Yjs keeps what the members type meanwhile, after it).
    await connection.transact((doc) => prosemirrorJSONToYXmlFragment(editorSchema, sanitize(content), doc.getXmlFragment(FRAGMENT)))
    await connection.disconnect()
    return true
  }

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
      replaceOpen = null
      hocuspocus.closeConnections()
      sockets.close()
    },
  }
}
