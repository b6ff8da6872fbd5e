import { HocuspocusProvider } from '@hocuspocus/provider'
import type { Extensions } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import * as Y from 'yjs'

/** Where the collaboration server listens (app/services/collaboration-socket.server.ts). */
const PATH = '/collaboration'

const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/**
 * What I typed and the server has not acknowledged, kept in this browser as
 * the individual autosave keeps its drafts: typed offline, the tab closed,
 * it is sent the next time the section opens here. Only the changes after
 * the last state the server acknowledged are kept (a Yjs update against its
 * state vector): they join the shared document where they were typed, and
 * never bring back text the server no longer has.
 */
function unacknowledgedBackup(ydoc: Y.Doc, document: string) {
  const key = `atelier:partage:${document}`
  let acknowledged: Uint8Array | null = null
  try {
    const saved = localStorage.getItem(key)
    // Tagged: not a keystroke of mine (it is saved already).
    if (saved) Y.applyUpdate(ydoc, fromBase64(saved), key)
  } catch {
    localStorage.removeItem(key)
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const write = () => {
    clearTimeout(timer)
    timer = undefined
    if (!acknowledged) return
    try {
      localStorage.setItem(key, toBase64(Y.encodeStateAsUpdate(ydoc, acknowledged)))
    } catch {
      // Storage full or refused: the document still holds the changes while the page is open.
    }
  }
  const pagehide = () => timer !== undefined && write()
  window.addEventListener('pagehide', pagehide)
  return {
    /** A change of mine: kept within half a second, and when the page goes away. */
    changed: () => {
      timer ??= setTimeout(write, 500)
    },
    /** Everything of mine is with the server: nothing to keep. */
    synced: () => {
      clearTimeout(timer)
      timer = undefined
      acknowledged = Y.encodeStateVector(ydoc)
      localStorage.removeItem(key)
    },
    destroy: () => {
      pagehide()
      window.removeEventListener('pagehide', pagehide)
    },
  }
}

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
  const backup = unacknowledgedBackup(ydoc, document)
  const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws'
  const provider = new HocuspocusProvider({
    url: `${protocol}://${window.location.host}${PATH}`,
    name: document,
    document: ydoc,
    // The session cookie authenticates; the server still expects a token message.
    token: 'session',
    onStatus: ({ status }) => onStatus(status as CollabStatus),
    onUnsyncedChanges: ({ number }) => {
      if (number === 0 && provider.synced) backup.synced()
      onUnsynced(number)
    },
    onSynced: () => {
      if (provider.unsyncedChanges === 0) backup.synced()
    },
  })
  ydoc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) backup.changed()
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
      backup.destroy()
      provider.destroy()
      ydoc.destroy()
    },
  }
}
