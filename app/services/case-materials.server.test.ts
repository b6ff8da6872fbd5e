import fs from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('case-materials')
const schema = await import('#db/schema')
const { enrollLearners, addGroupMembers } = await import('./dossier-provisioning.server')
const { uploadsDir } = await import('./uploads.server')
const cm = await import('./case-materials.server')
const { CASE_TABLE_LIMITS, MAX_CASE_FILE_BYTES, formatFileSize } = await import('~/domain/case-material')
const { addCaseFile, CaseMaterialError, caseFiles, caseMaterialOverview, mayReadCaseMaterial, parseCaseTable, removeCaseFile } = cm
const { attachment } = await import('./exports/response.server')
const { saveCaseText, caseMaterialFor, sniffCaseFile, storedName, caseTableOf, authorizeCaseFile } = cm

type User = { id: string; name: string; email: string; roles: Role[] }
let n = 0
async function person(roles: Role[], name: string): Promise<User> {
  const email = `cm${++n}@test.fr`
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return { id, name, email, roles }
}
async function refusal(f: () => Promise<unknown>) {
  try {
    await f()
  } catch (error) {
    if (error instanceof CaseMaterialError) return { status: error.status, message: error.message }
    throw error
  }
  throw new Error('not refused')
}
const bytes = (text: string) => new TextEncoder().encode(text)
const PDF = bytes('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a0a1e0a50000000049454e44ae426082',
  'hex',
)
async function workbook(rows: ExcelJS.CellValue[][], second?: ExcelJS.CellValue[][]) {
  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet('Budget')
  for (const r of rows) sheet.addRow(r)
  if (second) for (const r of second) wb.addWorksheet('Autre').addRow(r)
  return new Uint8Array(await wb.xlsx.writeBuffer())
}
const filesOnDisk = () => (fs.existsSync(path.join(uploadsDir(), 'case-materials')) ? fs.readdirSync(path.join(uploadsDir(), 'case-materials')) : [])

let admin: User
let owner: User
let mate: User
let stranger: User
let tutor: User
let otherTutor: User
let juror: User
let otherJuror: User
let sessionId = ''
let otherSessionId = ''

beforeAll(async () => {
  admin = await person(['admin'], 'Agnès Admin')
  owner = await person(['learner'], 'Zoé Lefèvre')
  mate = await person(['learner'], 'Amine Benali')
  stranger = await person(['learner'], 'Bao Nguyen')
  tutor = await person(['tutor'], 'Étienne Garnier')
  otherTutor = await person(['tutor'], 'Inès Ferrand')
  juror = await person(['juror'], 'Benoît Lemaître')
  otherJuror = await person(['juror'], 'Chloé Aubertin')
  const db = getDb()
  sessionId = (await db.insert(schema.examSessions).values({ name: 'Session cas', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  otherSessionId = (await db.insert(schema.examSessions).values({ name: 'Autre session', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  await enrollLearners(db, sessionId, [owner.id, mate.id])
  await enrollLearners(db, otherSessionId, [stranger.id])
  const group = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name: 'Groupe 1' }).returning())[0]!
  await addGroupMembers(db, group.id, [owner.id, mate.id])
  await db.insert(schema.tutorAssignments).values({ examSessionId: sessionId, learnerId: owner.id, tutorId: tutor.id })
  await db.insert(schema.tutorAssignments).values({ examSessionId: otherSessionId, learnerId: stranger.id, tutorId: otherTutor.id })
  await db.insert(schema.jurorAssignments).values({ examSessionId: sessionId, jurorId: juror.id, evaluationId: 'cas-pratique-a3', learnerId: owner.id })
  await db.insert(schema.jurorAssignments).values({ examSessionId: sessionId, jurorId: otherJuror.id, evaluationId: 'fiche-veille', learnerId: owner.id })
})

describe('reading a file’s type from its content', () => {
  it('accepts a PDF, an Excel workbook, a CSV and a text by their bytes', async () => {
    expect(await sniffCaseFile('Dossier Lumen.pdf', PDF)).toEqual({ kind: 'pdf', mime: 'application/pdf', name: 'Dossier Lumen.pdf' })
    const xlsx = await workbook([['a', 'b']])
    expect((await sniffCaseFile('budget.xlsx', xlsx)).kind).toBe('xlsx')
    expect(await sniffCaseFile('ventes.csv', bytes('Mois;Ventes\njanvier;12\n'))).toEqual({ kind: 'csv', mime: 'text/csv; charset=utf-8', name: 'ventes.csv' })
    expect(await sniffCaseFile('notes.txt', bytes('Des notes accentuées : é à ç.'))).toMatchObject({ kind: 'text', name: 'notes.txt' })
    expect((await sniffCaseFile('lisez-moi.md', bytes('# Titre'))).name).toBe('lisez-moi.md')
  })

  it('refuses a « .pdf » that is really a PNG, and says what it is', async () => {
    const r = await refusal(() => sniffCaseFile('rapport.pdf', PNG))
    expect(r.status).toBe(400)
    expect(r.message).toBe('Ce fichier n’est pas accepté. C’est une image PNG\u00a0: insérez-la dans un PDF.')
  })

  it('reads an Excel workbook renamed « .csv » as a workbook, and names it so', async () => {
    const xlsx = await workbook([['Poste', 'Montant']])
    expect(await sniffCaseFile('budget.csv', xlsx)).toMatchObject({ kind: 'xlsx', name: 'budget.xlsx' })
  })

  it('decides CSV or text by the extension only once the content is text', async () => {
    expect((await sniffCaseFile('ventes.txt', bytes('a;b\n1;2'))).kind).toBe('text')
    // A « PDF » made of text is a text: it is stored as one.
    expect(await sniffCaseFile('faux.pdf', bytes('pas un PDF'))).toMatchObject({ kind: 'text', name: 'faux.txt' })
    expect(await sniffCaseFile('SANS-EXTENSION', bytes('texte'))).toMatchObject({ kind: 'text', name: 'SANS-EXTENSION.txt' })
  })

  it('refuses text that is not UTF-8 or holds NUL bytes, empty files and other formats', async () => {
    const latin1 = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x3b, 0x31]) // « Café;1 » in Latin-1
    expect((await refusal(() => sniffCaseFile('ventes.csv', latin1))).message).toMatch(/UTF-8/)
    const utf16 = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x3b, 0x00, 0x62, 0x00])
    expect((await refusal(() => sniffCaseFile('ventes.csv', utf16))).status).toBe(400)
    expect((await refusal(() => sniffCaseFile('vide.csv', new Uint8Array()))).message).toBe('Ce fichier est vide.')
    const zip = new JSZip()
    zip.file('a.txt', 'a')
    const archive = await zip.generateAsync({ type: 'uint8array' })
    expect((await refusal(() => sniffCaseFile('docs.xlsx', archive))).message).toMatch(/archive ZIP/)
  })

  it('refuses more than 20 Mo with a French message, accepts 20 Mo exactly', async () => {
    const big = new Uint8Array(MAX_CASE_FILE_BYTES + 1).fill(0x61)
    expect(await refusal(() => sniffCaseFile('gros.txt', big))).toEqual({ status: 413, message: cm.TOO_LARGE })
    expect(cm.TOO_LARGE).toMatch(/^Ce fichier dépasse 20\u00a0Mo\u00a0: /)
    expect((await sniffCaseFile('juste.txt', big.subarray(1))).kind).toBe('text')
  })

  it('cleans the stored name: no path, no control characters, the extension of the real type', () => {
    expect(storedName('..\\..\\etc/passwd.csv', 'csv')).toBe('.._.._etc_passwd.csv')
    expect(storedName('Budget\u0000 2027 .XLSX', 'xlsx')).toBe('Budget 2027.XLSX')
    expect(storedName('.pdf', 'pdf')).toBe('document.pdf')
    expect(storedName(`${'a'.repeat(300)}.pdf`, 'pdf')).toHaveLength(184)
  })
})

describe('attaching and removing files', () => {
  it('stores the row with its SHA-256 and the bytes, and lists the file', async () => {
    const csv = bytes('\uFEFFPoste;Montant\nSalon;1 200\n')
    const { file, message } = await addCaseFile(admin, sessionId, 'cas-pratique-a3', { name: 'budget.csv', bytes: csv })
    expect(file).toMatchObject({ name: 'budget.csv', mime: 'text/csv; charset=utf-8', size: csv.byteLength, uploadedBy: admin.id })
    expect(file.sha256).toBe(createHash('sha256').update(csv).digest('hex'))
    expect(message).toBe(`«\u00a0budget.csv\u00a0» est joint (Tableau CSV, ${formatFileSize(csv.byteLength)}).`)
    expect(fs.readFileSync(path.join(uploadsDir(), 'case-materials', file.id))).toEqual(Buffer.from(csv))
    expect((await caseFiles(sessionId, 'cas-pratique-a3')).map((f) => [f.name, f.uploadedByName])).toEqual([['budget.csv', 'Agnès Admin']])
    // The same bytes again are refused, whatever their name.
    expect(await refusal(() => addCaseFile(admin, sessionId, 'cas-pratique-a3', { name: 'copie.csv', bytes: csv }))).toEqual({
      status: 409,
      message: 'Ce fichier est déjà joint à cette épreuve, sous le nom «\u00a0budget.csv\u00a0».',
    })
  })

  it('says when a file was renamed after its real type', async () => {
    const { message } = await addCaseFile(admin, sessionId, 'cas-pratique-a3', { name: 'ventes.csv', bytes: await workbook([['Mois', 'Ventes']]) })
    expect(message).toBe(
      '«\u00a0ventes.csv\u00a0» est en réalité un classeur Excel (d’après son contenu)\u00a0: il est joint sous le nom «\u00a0ventes.xlsx\u00a0».',
    )
  })

  it('writes nothing for a refused file, an épreuve without a case or an unknown session', async () => {
    const rows = async () => (await getDb().select().from(schema.caseMaterialFiles)).length
    const before = { rows: await rows(), files: filesOnDisk().length }
    expect((await refusal(() => addCaseFile(admin, sessionId, 'cas-pratique-a3', { name: 'faux.pdf', bytes: PNG }))).status).toBe(400)
    expect(await refusal(() => addCaseFile(admin, sessionId, 'fiche-veille', { name: 'a.pdf', bytes: PDF }))).toEqual({
      status: 400,
      message: cm.NOT_A_CASE,
    })
    expect((await refusal(() => addCaseFile(admin, 'inconnue', 'cas-pratique-a3', { name: 'a.pdf', bytes: PDF }))).status).toBe(404)
    expect({ rows: await rows(), files: filesOnDisk().length }).toEqual(before)
  })

  it('removes a file of the session only, row and bytes', async () => {
    const { file } = await addCaseFile(admin, sessionId, 'msp-a4', { name: 'plan.pdf', bytes: PDF })
    expect((await refusal(() => removeCaseFile(otherSessionId, file.id))).status).toBe(404)
    expect(await removeCaseFile(sessionId, file.id)).toBe('«\u00a0plan.pdf\u00a0» est supprimé\u00a0: les candidat·es ne le voient plus dans leur dossier.')
    expect(filesOnDisk()).not.toContain(file.id)
    expect(await caseFiles(sessionId, 'msp-a4')).toEqual([])
    expect((await refusal(() => removeCaseFile(sessionId, file.id))).status).toBe(404)
  })

  it('lists every cas pratique and MSP of the session, and only those', async () => {
    const overview = (await caseMaterialOverview(sessionId))!.epreuves
    expect(overview.map((e) => e.evaluationId)).toEqual([
      'msp-a2',
      'cas-pratique-a3',
      'msp-a4',
      'msp-a5',
      'msp-a6',
      'cas-pratique-a10',
      'cas-pratique-a12',
      'cas-pratique-a15',
    ])
    const a3 = overview.find((e) => e.evaluationId === 'cas-pratique-a3')!
    expect(a3.title).toBe('A3 — Cas pratique professionnel')
    expect(a3.files.map((f) => [f.name, f.typeLabel, f.tableHref !== null])).toEqual([
      ['budget.csv', 'Tableau CSV', true],
      ['ventes.xlsx', 'Classeur Excel', true],
    ])
    expect(await caseMaterialOverview('inconnue')).toBeNull()
  })
})

describe('the text of a case', () => {
  it('is written, replaced, refused without a title, and removed when emptied', async () => {
    expect(await saveCaseText(sessionId, 'msp-a5', { title: '  Maison   Lumen ', body: 'Une PME.\r\n\r\n- Grasse' })).toBe('Le texte du cas est enregistré.')
    expect(await caseMaterialFor(sessionId, 'msp-a5')).toEqual({ title: 'Maison Lumen', body: 'Une PME.\n\n- Grasse' })
    await saveCaseText(sessionId, 'msp-a5', { title: 'Lumen', body: 'Autre.' })
    expect(await caseMaterialFor(sessionId, 'msp-a5')).toEqual({ title: 'Lumen', body: 'Autre.' })
    expect(await refusal(() => saveCaseText(sessionId, 'msp-a5', { title: '', body: 'Texte' }))).toMatchObject({ status: 400 })
    expect(await caseMaterialFor(sessionId, 'msp-a5')).toEqual({ title: 'Lumen', body: 'Autre.' })
    expect((await refusal(() => saveCaseText(sessionId, 'fiche-ux', { title: 'a', body: 'b' }))).message).toBe(cm.NOT_A_CASE)
    expect(await saveCaseText(sessionId, 'msp-a5', { title: ' ', body: '' })).toBe('Le texte du cas est supprimé.')
    expect(await caseMaterialFor(sessionId, 'msp-a5')).toBeNull()
  })
})

describe('reading a file’s table', () => {
  it('reads a CSV with a BOM, « ; », quotes, accents, blank rows and a ragged end', async () => {
    const csv = bytes(
      '\uFEFFÉvénement;"Lieu; salle";Budget\r\n"Salon « Maison & Objet »";"Paris, Villepinte";"12 500"\r\n\r\nAtelier d’été;"Grasse ""centre""\nbâtiment B";\r\n;;\r\nFête;Lyon;800;extra\r\n',
    )
    const table = await parseCaseTable('csv', csv, 'evenements.csv')
    expect(table.headers).toEqual(['Événement', 'Lieu; salle', 'Budget', 'Colonne 4'])
    expect(table.rows).toEqual([
      ['Salon « Maison & Objet »', 'Paris, Villepinte', '12 500', ''],
      ['Atelier d’été', 'Grasse "centre"\nbâtiment B', '', ''],
      ['Fête', 'Lyon', '800', 'extra'],
    ])
    expect(table).toMatchObject({ fileName: 'evenements.csv', truncatedRows: false, droppedColumns: 0 })
  })

  it('reads a CSV separated by commas', async () => {
    const table = await parseCaseTable('csv', bytes('Canal,Part\nInstagram,"52,5"\nTikTok,27\n'), 'canaux.csv')
    expect(table.headers).toEqual(['Canal', 'Part'])
    expect(table.rows).toEqual([
      ['Instagram', '52,5'],
      ['TikTok', '27'],
    ])
  })

  it('caps the rows and the columns, and says so', async () => {
    const header = Array.from({ length: CASE_TABLE_LIMITS.columns + 2 }, (_, i) => `C${i + 1}`).join(';')
    const lines = Array.from({ length: CASE_TABLE_LIMITS.rows + 5 }, (_, i) => `${i};x`)
    const table = await parseCaseTable('csv', bytes([header, ...lines].join('\n')), 'long.csv')
    expect(table.headers).toHaveLength(CASE_TABLE_LIMITS.columns)
    expect(table.droppedColumns).toBe(2)
    expect(table.rows).toHaveLength(CASE_TABLE_LIMITS.rows)
    expect(table.truncatedRows).toBe(true)
  })

  it('refuses a CSV with an unclosed quote and a file with no table', async () => {
    expect((await refusal(() => parseCaseTable('csv', bytes('a;b\n"x;y\n'), 'x.csv'))).message).toMatch(/^Ce fichier CSV est mal formé/)
    expect((await refusal(() => parseCaseTable('csv', bytes('\n ; \n'), 'x.csv'))).message).toBe('Ce fichier ne contient aucun tableau.')
  })

  it('reads the first sheet of a workbook: text, numbers, dates, rich text, formulas', async () => {
    const xlsx = await workbook(
      [
        [],
        ['Poste', 'Montant', 'Date', 'Note'],
        ['Salon', 1200.5, new Date('2027-03-15T00:00:00Z'), { richText: [{ text: 'très ' }, { text: 'important', font: { bold: true } }] }],
        ['Total', { formula: 'B3*2', result: 2401 }, null, 'é'],
      ],
      [['Autre feuille']],
    )
    const table = await parseCaseTable('xlsx', xlsx, 'budget.xlsx')
    expect(table.headers).toEqual(['Poste', 'Montant', 'Date', 'Note'])
    expect(table.rows).toEqual([
      ['Salon', '1200.5', '2027-03-15', 'très important'],
      ['Total', '2401', '', 'é'],
    ])
  })

  it('reads a stored file’s table, and refuses a PDF’s', async () => {
    const [csv, xlsx] = await caseFiles(sessionId, 'cas-pratique-a3')
    expect((await caseTableOf((await cm.findCaseFile(csv!.id))!)).rows).toEqual([['Salon', '1 200']])
    expect((await caseTableOf((await cm.findCaseFile(xlsx!.id))!)).headers).toEqual(['Mois', 'Ventes'])
    const { file } = await addCaseFile(admin, sessionId, 'cas-pratique-a10', { name: 'cas.pdf', bytes: PDF })
    expect((await refusal(() => caseTableOf(file))).message).toBe('Ce document n’est pas un tableau (CSV ou Excel).')
  })
})

describe('who may read a case’s files', () => {
  it('admins; the learners, tutors and jurors of the épreuve in that session; nobody else', async () => {
    const may = async (u: User, evaluationId: string, session = sessionId) => await mayReadCaseMaterial(u, session, evaluationId)
    expect(await may(admin, 'cas-pratique-a3')).toBe(true)
    expect(await may(admin, 'msp-a2', otherSessionId)).toBe(true)
    // Learners: their own dossier, their group's dossier; not another session's.
    expect(await may(owner, 'cas-pratique-a3')).toBe(true)
    expect(await may(mate, 'msp-a2')).toBe(true)
    expect(await may(stranger, 'cas-pratique-a3')).toBe(false)
    expect(await may(stranger, 'cas-pratique-a3', otherSessionId)).toBe(true)
    // MSP A4 has no group yet: no dossier, no material.
    expect(await may(owner, 'msp-a4')).toBe(false)
    // Tutors: through an assigned learner's dossier (own or group).
    expect(await may(tutor, 'cas-pratique-a3')).toBe(true)
    expect(await may(tutor, 'msp-a2')).toBe(true)
    expect(await may(otherTutor, 'cas-pratique-a3')).toBe(false)
    // Jurors: assigned to that épreuve in that session.
    expect(await may(juror, 'cas-pratique-a3')).toBe(true)
    expect(await may(juror, 'cas-pratique-a10')).toBe(false)
    expect(await may(otherJuror, 'cas-pratique-a3')).toBe(false)
    // A relation counts only with its role: a former learner keeps no access through an old dossier.
    expect(await may({ ...owner, roles: ['tutor'] }, 'cas-pratique-a3')).toBe(false)
    expect(await may({ ...tutor, roles: ['learner'] }, 'cas-pratique-a3')).toBe(false)
  })

  it('answers 404 for an unknown file and 403 for a file out of reach', async () => {
    const [csv] = await caseFiles(sessionId, 'cas-pratique-a3')
    const status = async (u: User, id: string) => {
      try {
        await authorizeCaseFile(u, id)
        return 200
      } catch (response) {
        return (response as Response).status
      }
    }
    expect(await status(owner, csv!.id)).toBe(200)
    expect(await status(stranger, csv!.id)).toBe(403)
    expect(await status(owner, 'inconnu')).toBe(404)
  })

  it('names the download after the file, accents kept for today’s browsers', () => {
    expect(attachment('Étude (v2) d’été.pdf')).toBe(
      'attachment; filename="etude-v2-d-ete.pdf"; filename*=UTF-8\'\'%C3%89tude%20%28v2%29%20d%E2%80%99%C3%A9t%C3%A9.pdf',
    )
    expect(attachment('a"b\\c.csv')).toBe('attachment; filename="a-b-c.csv"; filename*=UTF-8\'\'a%22b%5Cc.csv')
    expect(attachment('Données — Zoé.zip')).toBe('attachment; filename="donnees-zoe.zip"; filename*=UTF-8\'\'Donn%C3%A9es%20%E2%80%94%20Zo%C3%A9.zip')
  })
})

describe('French sizes', () => {
  it('writes octets, Ko and Mo with a comma and a no-break space', () => {
    expect(formatFileSize(1)).toBe('1\u00a0octet')
    expect(formatFileSize(512)).toBe('512\u00a0octets')
    expect(formatFileSize(1024)).toBe('1\u00a0Ko')
    expect(formatFileSize(300 * 1024)).toBe('300\u00a0Ko')
    expect(formatFileSize(1.45 * 1024 * 1024)).toBe('1,5\u00a0Mo')
    expect(formatFileSize(MAX_CASE_FILE_BYTES)).toBe('20\u00a0Mo')
  })
})

// The dossier page lists nothing for épreuves without a case.
describe('the files a dossier shows', () => {
  it('are those of its épreuve’s case, and none for other épreuves', async () => {
    const dossier = await getDb().select().from(schema.dossiers).where(eq(schema.dossiers.learnerId, owner.id))
    const a3 = dossier.find((d) => d.evaluationId === 'cas-pratique-a3')!
    const veille = dossier.find((d) => d.evaluationId === 'fiche-veille')!
    expect((await cm.caseFilesForDossier(a3)).map((f) => f.name)).toEqual(['budget.csv', 'ventes.xlsx'])
    expect(await cm.caseFilesForDossier(veille)).toEqual([])
  })
})
