import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectEditor, groupDossier, paragraph, people, until } from '../../tests/unit/collaboration-fixture'
import { setupTempDb } from '../../tests/unit/temp-db'

await setupTempDb('collaboration')
const { getRevision, sectionStates, listRevisions, restoreRevision } = await import('./dossier-sections.server')
const { COLLABORATION_PATH, mountCollaboration, replaceOpenDocument } = await import('./collaboration-socket.server')
const { docJson, documentName } = await import('./collaboration.server')

let dossierId = ''
let server: http.Server
let url = ''
let close: () => Promise<void>
let openDocuments: () => number

beforeAll(async () => {
  dossierId = await groupDossier()
  server = http.createServer((_req, res) => res.end())
  const mounted = mountCollaboration(server, { sameOrigin: (request) => request.headers.origin === 'http://app.test' })
  close = mounted.close
  openDocuments = () => mounted.hocuspocus.getDocumentsCount()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}${COLLABORATION_PATH}`
})

afterAll(async () => {
  await close()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const connect = (who: keyof typeof people, section = 'contexte') => connectEditor(url, who, documentName(dossierId, section))

describe('the collaboration server', () => {
  it('syncs two members of the group, stores the document as the section’s JSON, attributed', async () => {
    const [anna, bruno] = [connect('anna'), connect('bruno')]
    expect(await anna.outcome).toBe('synced')
    expect(await bruno.outcome).toBe('synced')
    paragraph(anna.doc, 'Écrit par Anna.')
    paragraph(bruno.doc, 'Écrit par Bruno.')
    await until(() => JSON.stringify(docJson(anna.doc)).includes('Bruno') && JSON.stringify(docJson(bruno.doc)).includes('Anna'))
    // Stored within the debounce: the editor JSON exports, hints and history read.
    await until(async () => JSON.stringify((await sectionStates(dossierId)).contexte?.content ?? '').includes('Bruno'))
    expect(JSON.stringify((await sectionStates(dossierId)).contexte!.content)).toContain('Écrit par Anna.')
    // One revision for both, naming both (the last saver and the other who wrote in it).
    await until(async () => {
      const last = (await listRevisions(dossierId)).find((r) => r.sectionId === 'contexte')
      return !!last && [last.author, ...last.coauthors].sort().join() === 'anna,bruno'
    })
    anna.close()
    bruno.close()
  })

  it('refuses a learner of another group and a section that is not rich text; a tutor reads without writing', async () => {
    const carla = connect('carla')
    expect(await carla.outcome).toMatch(/^refused/)
    carla.close()
    const table = connect('anna', 'modalites-enquete')
    expect(await table.outcome).toMatch(/^refused/)
    table.close()

    const tutor = connect('tutor')
    expect(await tutor.outcome).toBe('synced')
    expect(JSON.stringify(docJson(tutor.doc))).toContain('Écrit par Anna.')
    const before = (await sectionStates(dossierId)).contexte!.version
    paragraph(tutor.doc, 'Écrit par le tuteur.')
    const anna = connect('anna')
    expect(await anna.outcome).toBe('synced')
    await new Promise((r) => setTimeout(r, 1_500))
    expect(JSON.stringify(docJson(anna.doc))).not.toContain('tuteur')
    expect((await sectionStates(dossierId)).contexte!.version).toBe(before)
    tutor.close()
    anna.close()
  })

  it('saves only what an autosave would accept: a link to a script is repaired away', async () => {
    const anna = connect('anna')
    expect(await anna.outcome).toBe('synced')
    const p = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    text.insert(0, 'Cliquez ici', { link: { href: 'javascript:alert(1)' } })
    p.insert(0, [text])
    anna.doc.getXmlFragment('default').push([p])
    await until(async () => JSON.stringify((await sectionStates(dossierId)).contexte!.content).includes('Cliquez ici'))
    expect(JSON.stringify((await sectionStates(dossierId)).contexte!.content)).not.toContain('javascript:')
    anna.close()
    await until(() => openDocuments() === 0)
  })

  it('opens a restored version: restoring from the history rebuilds the shared document from it', async () => {
    // The saves of a section written together share a revision for a while: a restore of the current one marks where we are.
    const current = (await listRevisions(dossierId)).find((r) => r.sectionId === 'contexte')!
    const first = (await restoreRevision(dossierId, current.id, people.anna))!
    const anna = connect('anna')
    expect(await anna.outcome).toBe('synced')
    paragraph(anna.doc, 'Une phrase de trop.')
    await until(async () => JSON.stringify((await sectionStates(dossierId)).contexte!.content).includes('de trop'))
    anna.close()
    // Stored and unloaded once its last member left.
    await until(() => openDocuments() === 0)
    const mark = (await listRevisions(dossierId)).find((r) => r.kind === 'restore')!
    expect(first.ok && mark.version === first.version).toBe(true)
    expect((await restoreRevision(dossierId, mark.id, people.anna))!.ok).toBe(true)
    const again = connect('bruno')
    expect(await again.outcome).toBe('synced')
    expect(JSON.stringify(docJson(again.doc))).not.toContain('de trop')
    expect(JSON.stringify(docJson(again.doc))).toContain('Écrit par Anna.')
    again.close()
  })

  it('restores a version while members write: the open document becomes the restored text for everyone, and stays so', async () => {
    const [anna, bruno] = [connect('anna'), connect('bruno')]
    expect(await anna.outcome).toBe('synced')
    expect(await bruno.outcome).toBe('synced')
    paragraph(anna.doc, 'Écrit pendant la restauration.')
    await until(async () => JSON.stringify((await sectionStates(dossierId)).contexte!.content).includes('pendant la restauration'))
    const before = (await listRevisions(dossierId)).find((r) => r.sectionId === 'contexte' && r.kind === 'restore')!
    const restored = (await getRevision(dossierId, before.id))!
    const restore = (await restoreRevision(dossierId, before.id, people.bruno))!
    expect(restore.ok && restore.sharedUpdate).toBeTruthy()
    await replaceOpenDocument(people.bruno, dossierId, 'contexte', restore.sharedUpdate!)
    // Both editors show the restored text, and the next store does not bring the old one back.
    await until(() => !JSON.stringify(docJson(anna.doc)).includes('pendant la restauration'))
    expect(JSON.stringify(docJson(bruno.doc))).not.toContain('pendant la restauration')
    expect(docJson(anna.doc)).toEqual(restored.content)
    paragraph(anna.doc, 'Écrit après la restauration.')
    await until(async () => JSON.stringify((await sectionStates(dossierId)).contexte!.content).includes('après la restauration'))
    expect(JSON.stringify((await sectionStates(dossierId)).contexte!.content)).not.toContain('pendant la restauration')
    anna.close()
    bruno.close()
    await until(() => openDocuments() === 0)
    // Not open any more: nothing to replace (the next opening starts from the stored state, restored already).
    const again = (await restoreRevision(dossierId, before.id, people.bruno))!
    await replaceOpenDocument(people.bruno, dossierId, 'contexte', again.sharedUpdate!)
    expect(openDocuments()).toBe(0)
    const reader = connect('bruno')
    expect(await reader.outcome).toBe('synced')
    expect(docJson(reader.doc)).toEqual(restored.content)
    reader.close()
  })
})
