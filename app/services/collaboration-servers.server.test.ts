import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEditor, groupDossier, paragraph, people, until } from '../../tests/unit/collaboration-fixture'
import { setupTempDb } from '../../tests/unit/temp-db'
import { startRedis } from '../../tests/unit/temp-redis'

// Two app servers sharing the database and Redis, as behind a load balancer (issue 18): members of a group reach different ones.
await setupTempDb('collaboration-servers')
const { listRevisions, restoreRevision, saveSection, sectionStates } = await import('./dossier-sections.server')
const { COLLABORATION_PATH, mountCollaboration, replaceOpenDocument } = await import('./collaboration-socket.server')
const { docJson, documentName } = await import('./collaboration.server')

let dossierId = ''
let redis: Awaited<ReturnType<typeof startRedis>>
const servers: { http: http.Server; url: string; close: () => Promise<void>; open: () => number; closed?: boolean }[] = []

beforeAll(async () => {
  dossierId = await groupDossier()
  redis = await startRedis()
  for (let i = 0; i < 2; i++) {
    const server = http.createServer((_req, res) => res.end())
    const mounted = mountCollaboration(server, { sameOrigin: (request) => request.headers.origin === 'http://app.test', redisUrl: redis.url })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}${COLLABORATION_PATH}`
    servers.push({ http: server, url, close: mounted.close, open: () => mounted.hocuspocus.getDocumentsCount() })
  }
})

afterAll(async () => {
  try {
    for (const server of servers) {
      if (server.closed) continue
      await server.close()
      await new Promise<void>((resolve) => server.http.close(() => resolve()))
    }
  } finally {
    redis.stop()
  }
})

const on = (server: number, who: keyof typeof people, section = 'contexte') => connectEditor(servers[server]!.url, who, documentName(dossierId, section))
const text = (doc: Parameters<typeof docJson>[0]) => JSON.stringify(docJson(doc))
const stored = async (section = 'contexte') => JSON.stringify((await sectionStates(dossierId))[section]?.content ?? null)
const everyoneLeft = () => until(() => servers.every((s) => s.open() === 0), 10_000)

describe('co-editing through two app servers sharing Redis', { timeout: 30_000 }, () => {
  it('members on different servers see each other’s edits as they type; the section stores both, once', async () => {
    const [anna, bruno] = [on(0, 'anna'), on(1, 'bruno')]
    expect(await anna.outcome).toBe('synced')
    expect(await bruno.outcome).toBe('synced')
    paragraph(anna.doc, 'Anna sur le serveur A.')
    paragraph(bruno.doc, 'Bruno sur le serveur B.')
    await until(() => text(anna.doc).includes('serveur B') && text(bruno.doc).includes('serveur A'))
    expect(docJson(anna.doc)).toEqual(docJson(bruno.doc))
    anna.close()
    bruno.close()
    await everyoneLeft()
    const saved = await stored()
    expect(saved).toContain('Anna sur le serveur A.')
    expect(saved).toContain('Bruno sur le serveur B.')
    expect(saved.split('serveur A').length - 1).toBe(1)
    // One revision naming both, whichever server stored it.
    const last = (await listRevisions(dossierId)).find((r) => r.sectionId === 'contexte')!
    expect([last.author, ...last.coauthors].sort()).toEqual(['anna', 'bruno'])
  })

  it('a section opened for the first time on both servers at once starts from one document, not two merged (the text is not doubled)', async () => {
    const written = {
      type: 'doc' as const,
      content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Rédigé avant le travail à plusieurs.' }] }],
    }
    expect((await saveSection({ dossierId, sectionId: 'conclusion-analyse', baseVersion: 0, content: written, authorId: people.anna })).ok).toBe(true)
    const [anna, bruno] = [on(0, 'anna', 'conclusion-analyse'), on(1, 'bruno', 'conclusion-analyse')]
    expect(await anna.outcome).toBe('synced')
    expect(await bruno.outcome).toBe('synced')
    await new Promise((r) => setTimeout(r, 500))
    expect(docJson(anna.doc)).toEqual(written)
    expect(docJson(bruno.doc)).toEqual(written)
    anna.close()
    bruno.close()
    await everyoneLeft()
  })

  it('a restore from the history reaches the members on both servers, and the stored section keeps it', async () => {
    const [anna, bruno] = [on(0, 'anna'), on(1, 'bruno')]
    expect(await anna.outcome).toBe('synced')
    expect(await bruno.outcome).toBe('synced')
    // The saves of a section written together share a revision for a while: a restore of the current one marks where we are.
    const current = (await listRevisions(dossierId)).find((r) => r.sectionId === 'contexte')!
    await replaceOpenDocument(people.anna, dossierId, 'contexte', (await restoreRevision(dossierId, current.id, people.anna))!.sharedUpdate!)
    const before = (await listRevisions(dossierId)).find((r) => r.sectionId === 'contexte' && r.kind === 'restore')!
    paragraph(anna.doc, 'Une phrase à retirer.')
    await until(async () => (await stored()).includes('à retirer'))
    await until(() => text(bruno.doc).includes('à retirer'))
    // Restored by a request to server B's process, say: published to both.
    const restore = (await restoreRevision(dossierId, before.id, people.bruno))!
    await replaceOpenDocument(people.bruno, dossierId, 'contexte', restore.sharedUpdate!)
    await until(() => !text(anna.doc).includes('à retirer') && !text(bruno.doc).includes('à retirer'))
    expect(text(anna.doc)).toContain('Anna sur le serveur A.')
    paragraph(bruno.doc, 'Écrit après la restauration.')
    await until(() => text(anna.doc).includes('après la restauration'))
    anna.close()
    bruno.close()
    await everyoneLeft()
    const saved = await stored()
    expect(saved).toContain('après la restauration')
    expect(saved).not.toContain('à retirer')
  })
  it('a server shutting down stores what its members wrote last, though another server holds the document too', async () => {
    const [anna, bruno] = [on(0, 'anna'), on(1, 'bruno')]
    expect(await anna.outcome).toBe('synced')
    expect(await bruno.outcome).toBe('synced')
    paragraph(bruno.doc, 'Écrit juste avant l’arrêt du serveur B.')
    // Server B has it (it reached Anna through server A), not stored yet: B stops.
    await until(() => text(anna.doc).includes('juste avant l’arrêt'))
    expect(await stored()).not.toContain('juste avant l’arrêt')
    servers[1]!.closed = true
    await servers[1]!.close()
    expect(await stored()).toContain('juste avant l’arrêt')
    bruno.close()
    anna.close()
  })
})
