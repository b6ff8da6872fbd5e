import { and, eq } from 'drizzle-orm'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('jury-access')
const schema = await import('#db/schema')
const { learnerDossiers } = await import('./dossiers.server')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { saveSection } = await import('./dossier-sections.server')
const { saveUpload } = await import('./uploads.server')
const { handIn, candidateCode } = await import('./submissions.server')
const { authorizeAssignment, copyFile, copyLabel, latestSnapshots } = await import('./jury-access.server')
const { copyDownload } = await import('./exports/copy-export.server')
const { closeExportPool } = await import('./exports/pool.server')

type User = { id: string; name: string; email: string; roles: Role[] }
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAHAQEAq0gRmwAAAABJRU5ErkJggg==', 'base64')
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64')

let n = 0
async function person(roles: Role[], name: string): Promise<User> {
  const email = `${name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '')}${++n}@test.fr`
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return { id, name, email, roles }
}
const doc = (...blocks: object[]) => ({ type: 'doc', content: blocks })
const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })
async function write(dossierId: string, author: User, sectionId: string, content: unknown) {
  const [current] = await getDb()
    .select({ v: schema.dossierSections.version })
    .from(schema.dossierSections)
    .where(and(eq(schema.dossierSections.dossierId, dossierId), eq(schema.dossierSections.sectionId, sectionId)))
  expect((await saveSection({ dossierId, sectionId, baseVersion: current?.v ?? 0, content: content as never, authorId: author.id })).ok).toBe(true)
}
async function refusal(f: () => Promise<unknown>): Promise<number> {
  try {
    await f()
  } catch (error) {
    if (error instanceof Response) return error.status
    throw error
  }
  return 200
}
const assign = async (jurorId: string, evaluationId: string, target: { learnerId?: string; groupId?: string }) =>
  (
    await getDb()
      .insert(schema.jurorAssignments)
      .values({ examSessionId: sessionId, jurorId, evaluationId, ...target })
      .returning()
  )[0]!.id

let sessionId = ''
const DUE = new Date('2027-03-01T17:00:00Z')
const BEFORE = new Date('2027-02-20T10:00:00Z')
const people = {} as Record<'zoe' | 'mael' | 'anais' | 'juror' | 'otherJuror' | 'tutor' | 'admin', User>
const ids = { anonymous: '', group: '', unsubmitted: '', otherJurors: '' }
const uploads = { first: '', second: '', elsewhere: '' }
let code = ''

beforeAll(async () => {
  const db = getDb()
  people.zoe = await person(['learner'], 'Zoé Lefèvre')
  people.mael = await person(['learner'], 'Maël Dupré')
  people.anais = await person(['learner'], 'Anaïs Bénard')
  people.juror = await person(['juror'], 'Benoît Lemaître')
  people.otherJuror = await person(['juror'], 'Chloé Aubertin')
  people.tutor = await person(['tutor', 'learner'], 'Étienne Garnier')
  people.admin = await person(['admin'], 'Hélène Dubreuil')
  sessionId = (await db.insert(schema.examSessions).values({ name: 'Session 2027', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  const { zoe, mael, anais, juror, otherJuror } = people
  await enrollLearners(db, sessionId, [zoe.id, mael.id, anais.id])
  for (const evaluationId of ['cas-pratique-a3', 'msp-a2'])
    // The group's instance is flagged anonymous too: group épreuves are never marked anonymously all the same.
    await db
      .insert(schema.evaluationInstances)
      .values({ examSessionId: sessionId, evaluationId, dueAt: DUE, cutoffAt: new Date(DUE.getTime() + 86_400_000), anonymous: true })
  const groupId = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name: 'Groupe 1' }).returning())[0]!.id
  await addGroupMembers(db, groupId, [zoe.id, mael.id])

  ids.anonymous = await assign(juror.id, 'cas-pratique-a3', { learnerId: zoe.id })
  ids.unsubmitted = await assign(juror.id, 'cas-pratique-a3', { learnerId: anais.id })
  ids.group = await assign(juror.id, 'msp-a2', { groupId })
  ids.otherJurors = await assign(otherJuror.id, 'cas-pratique-a3', { learnerId: mael.id })

  // Zoé hands in her cas pratique twice: the second time with another image.
  const cas = (await learnerDossiers(zoe.id, sessionId)).find((d) => d.templateId === 'cas-pratique-a3')!
  uploads.first = (await saveUpload(cas.id, zoe.id, PNG, 'image/png')).id
  uploads.second = (await saveUpload(cas.id, zoe.id, GIF, 'image/gif')).id
  const image = (id: string) => ({ type: 'image', attrs: { src: `/fichiers/${id}`, alt: 'Affiche de la campagne' } })
  await write(cas.id, zoe, 'inclusion', doc(para('Étiquettes en corps 14 et recharge sans parfum.'), image(uploads.first)))
  await handIn(zoe, cas.id, { confirmed: true, now: BEFORE })
  await write(cas.id, zoe, 'inclusion', doc(para('Étiquettes en corps 14, contraste renforcé et recharge sans parfum.'), image(uploads.second)))
  await handIn(zoe, cas.id, { confirmed: true, now: new Date(BEFORE.getTime() + 3_600_000) })
  // An image of Maël's own cas pratique (another juror's copy).
  const maelCas = (await learnerDossiers(mael.id, sessionId)).find((d) => d.templateId === 'cas-pratique-a3')!
  uploads.elsewhere = (await saveUpload(maelCas.id, mael.id, PNG, 'image/png')).id
  await write(maelCas.id, mael, 'inclusion', doc(image(uploads.elsewhere)))
  await handIn(mael, maelCas.id, { confirmed: true, now: BEFORE })

  // The group's dossier and both members' REX.
  const msp = (await learnerDossiers(zoe.id, sessionId)).find((d) => d.templateId === 'msp-a2')!
  await write(msp.id, mael, 'contexte', doc(para('Une brasserie artisanale lance une bière sans alcool.')))
  await handIn(mael, msp.id, { confirmed: true, now: BEFORE })
  for (const member of [zoe, mael]) {
    const rex = (await learnerDossiers(member.id, sessionId)).find((d) => d.templateId === 'msp-a2-rex')!
    await write(rex.id, member, 'retour-jury', doc(para('Le jury a relevé des sources non datées.')))
    await handIn(member, rex.id, { confirmed: true, now: BEFORE })
  }
  const instance = (await db.select().from(schema.evaluationInstances).where(eq(schema.evaluationInstances.evaluationId, 'cas-pratique-a3')))[0]!
  code = await candidateCode(instance.id, zoe.id)
})
afterAll(() => closeExportPool())

describe('a juror’s own assignments', () => {
  it('refuses every user without the juror role (403, even for an unknown id), another juror’s copy (403), and an unknown id (404)', async () => {
    for (const who of [people.zoe, people.tutor, people.admin]) {
      expect(await refusal(async () => await authorizeAssignment(who, ids.anonymous))).toBe(403)
      expect(await refusal(async () => await authorizeAssignment(who, 'nope'))).toBe(403)
    }
    expect(await refusal(async () => await authorizeAssignment(people.otherJuror, ids.anonymous))).toBe(403)
    expect(await refusal(async () => await authorizeAssignment(people.juror, ids.otherJurors))).toBe(403)
    expect(await refusal(async () => await authorizeAssignment(people.juror, 'nope'))).toBe(404)
    expect(await refusal(async () => await authorizeAssignment(people.otherJuror, ids.otherJurors))).toBe(200)
  })

  it('is anonymous for an individual épreuve of an anonymous instance, never for a group épreuve', async () => {
    expect((await authorizeAssignment(people.juror, ids.anonymous)).anonymous).toBe(true)
    expect((await authorizeAssignment(people.juror, ids.group)).anonymous).toBe(false)
  })

  it('is no longer anonymous once the admin lifted anonymity (after deliberation): the copy is named', async () => {
    const instanceOf = async () => (await authorizeAssignment(people.juror, ids.anonymous)).instance!
    const lift = async (at: Date | null) =>
      await getDb()
        .update(schema.evaluationInstances)
        .set({ anonymityLiftedAt: at })
        .where(eq(schema.evaluationInstances.id, (await instanceOf()).id))
    try {
      expect(await copyLabel(await authorizeAssignment(people.juror, ids.anonymous))).not.toBe(people.zoe.name)
      await lift(new Date())
      const access = await authorizeAssignment(people.juror, ids.anonymous)
      expect(access.anonymous).toBe(false)
      expect(await copyLabel(access)).toBe(people.zoe.name)
    } finally {
      await lift(null)
    }
    expect((await authorizeAssignment(people.juror, ids.anonymous)).anonymous).toBe(true)
  })

  it('grades the latest hand-in of each dossier: the group’s first, then its members’ REX', async () => {
    const own = await latestSnapshots((await authorizeAssignment(people.juror, ids.anonymous)).assignment)
    expect(own).toHaveLength(1)
    expect(own[0]!.submission.submittedAt.getTime()).toBe(BEFORE.getTime() + 3_600_000)
    const group = await latestSnapshots((await authorizeAssignment(people.juror, ids.group)).assignment)
    expect(group.map((s) => s.submission.templateId)).toEqual(['msp-a2', 'msp-a2-rex', 'msp-a2-rex'])
    expect(await latestSnapshots((await authorizeAssignment(people.juror, ids.unsubmitted)).assignment)).toEqual([])
  })

  it('serves the images of the latest hand-in only, from the snapshot', async () => {
    const { assignment } = await authorizeAssignment(people.juror, ids.anonymous)
    const file = await copyFile(assignment, uploads.second)
    expect(file?.mime).toBe('image/gif')
    expect(Buffer.from(file!.bytes).equals(GIF)).toBe(true)
    // The first hand-in's image is no longer in the copy; another candidate's image never was.
    expect(await copyFile(assignment, uploads.first)).toBeNull()
    expect(await copyFile(assignment, uploads.elsewhere)).toBeNull()
    expect(await copyFile(assignment, 'nope')).toBeNull()
  })
})

const xmlParts = async (response: Response) => {
  const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()))
  const parts = await Promise.all(
    Object.values(zip.files)
      .filter((f) => !f.dir && /\.(xml|rels)$/.test(f.name))
      .map(async (f) => [f.name, await f.async('string')] as const),
  )
  return { names: Object.keys(zip.files), parts }
}
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')

describe('the copy as Word', () => {
  it('anonymous: the candidate code on the cover and in the file name, the fingerprint, no name, no e-mail, no appendix', async () => {
    const response = await copyDownload(await authorizeAssignment(people.juror, ids.anonymous))
    const disposition = response.headers.get('Content-Disposition')!
    expect(decodeURIComponent(disposition)).toContain(`Cas pratique professionnel — ${code}.docx`)
    const { names, parts } = await xmlParts(response)
    const document = parts.find(([name]) => name === 'word/document.xml')![1]
    expect(textOf(document)).toContain(code)
    expect(textOf(document)).toContain('contraste renforcé')
    expect(textOf(document)).not.toContain('Annexe')
    const [latest] = await latestSnapshots((await authorizeAssignment(people.juror, ids.anonymous)).assignment)
    expect(parts.map(([, xml]) => xml).join('')).toContain(latest!.submission.fingerprint)
    expect(names.some((name) => name.startsWith('word/media/'))).toBe(true)
    for (const [name, xml] of [...parts, ['Content-Disposition', disposition] as const]) {
      for (const secret of ['Zoé', 'Lefèvre', 'Lefevre', 'zoe', people.zoe.email, uploads.second]) expect(xml, `${name}: ${secret}`).not.toContain(secret)
    }
  }, 60_000)

  it('a group: the group and its members named, each REX a chapter named after its author', async () => {
    const response = await copyDownload(await authorizeAssignment(people.juror, ids.group))
    expect(decodeURIComponent(response.headers.get('Content-Disposition')!)).toContain('Mise en situation professionnelle reconstituée — Groupe 1.docx')
    const { parts } = await xmlParts(response)
    const text = textOf(parts.find(([name]) => name === 'word/document.xml')![1])
    expect(text).toContain('Groupe 1')
    expect(text).toContain('Maël Dupré, Zoé Lefèvre')
    expect(text).toMatch(/REX.*— Maël Dupré/)
    expect(text).toMatch(/REX.*— Zoé Lefèvre/)
  }, 60_000)

  it('404 while nothing is handed in', async () => {
    const refused = await copyDownload(await authorizeAssignment(people.juror, ids.unsubmitted)).catch((e: unknown) => e)
    expect(refused instanceof Response && refused.status).toBe(404)
  })
})
