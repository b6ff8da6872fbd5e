import { HocuspocusProvider } from '@hocuspocus/provider'
import type { Extensions } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import * as Y from 'yjs'

/** Where the collaboration server listens (server/collaboration.ts). */
const PATH = '/collaboration'

export type CollabStatus = 'connecting' | 'connected' | 'disconnected'
export type Collab = { extensions: Extensions; destroy: () => void }

/**
 * A rich-text section edited together (issue 17 §1), loaded only by the
 * editors of group dossiers: a Yjs document synced with the collaboration
 * server, the editor bound to it, the others' carets with their names.
 * Edits made offline stay in the document and are sent when the connection returns.
 */
export function createCollab({
  document,
  user,
  onStatus,
  onUnsynced,
}: {
  document: string
  user: { name: string; color: string }
  onStatus: (status: CollabStatus) => void
  /** How many of my changes the server has not acknowledged yet (0: everything is with the server). */
  onUnsynced: (count: number) => void
}): Collab {
  const ydoc = new Y.Doc()
  const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws'
  const provider = new HocuspocusProvider({
    url: `${protocol}://${window.location.host}${PATH}`,
    name: document,
    document: ydoc,
    // The session cookie authenticates; the server still expects a token message.
    token: 'session',
    onStatus: ({ status }) => onStatus(status as CollabStatus),
    onUnsyncedChanges: ({ number }) => onUnsynced(number),
  })
  // The browser says the network is gone: stop using the socket (it may look open for a while) and keep typing into
  // the document; back online, reconnect and send what was typed meanwhile.
  const offline = () => provider.disconnect()
  const online = () => void provider.connect()
  window.addEventListener('offline', offline)
  window.addEventListener('online', online)
  return {
    extensions: [Collaboration.configure({ document: ydoc }), CollaborationCaret.configure({ provider, user })],
    destroy: () => {
      window.removeEventListener('offline', offline)
      window.removeEventListener('online', online)
      provider.destroy()
      ydoc.destroy()
    },
  }
}
