import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { XMLParser } from 'fast-xml-parser'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RichTextDoc } from '~/kinds/rich-text/rich-text'
import { setupTempDb } from '../../../tests/unit/temp-db'
import type { DossierExport } from './model.server'

const { getDb } = await setupTempDb('docx')
const schema = await import('#db/schema')
const { learnerDossiers } = await import('../dossiers.server')
const { enrollLearners } = await import('../dossier-provisioning.server')
const { saveSection } = await import('../dossier-sections.server')
const { setSelfAssessment } = await import('../self-assessment.server')
const { saveUpload } = await import('../uploads.server')
const { dossierExport, rapportDossiers } = await import('./model.server')
const { dossiersToDocx } = await import('./docx.server')
const { createThread, reply, resolveThread } = await import('../comments.server')
const { dossierDownload } = await import('./dossier-exports.server')
const { closeExportPool } = await import('./pool.server')
const { describePassage } = await import('~/domain/anchoring')
const { anchoringText } = await import('~/kinds/rich-text/anchoring')

const run = promisify(execFile)
// A 2×1 red PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAHAQEAq0gRmwAAAABJRU5ErkJggg==', 'base64')

let learner = ''
let sessionId = ''
const dossierOf = async (evaluationId: string) =>
  (await learnerDossiers(learner, sessionId)).find((d) => d.evaluationId === evaluationId && d.templateId === evaluationId)!

beforeAll(async () => {
  const db = getDb()
  learner = (await db.insert(schema.users).values({ email: 'chloe@test.fr', name: 'Chloé Lefèvre', passwordHash: 'x' }).returning())[0]!.id
  sessionId = (await db.insert(schema.examSessions).values({ name: 'Session de printemps 2027', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!
    .id
  await enrollLearners(db, sessionId, [learner])
})
afterAll(() => closeExportPool())

/** The parts of a .docx a test reads: the body XML (parsed and as text), styles, relationships and media. */
async function open(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer)
  const xml = await zip.file('word/document.xml')!.async('string')
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml)
  expect(parsed['w:document']['w:body']).toBeTruthy()
  const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"'))
  return {
    xml,
    text: texts.join(''),
    styles: await zip.file('word/styles.xml')!.async('string'),
    rels: await zip.file('word/_rels/document.xml.rels')!.async('string'),
    media: Object.keys(zip.files).filter((f) => f.startsWith('word/media/')),
  }
}

describe('Word export', () => {
  it('converts a dossier faithfully: cover, contents, rich text, structured fields, charts, self-assessment', async () => {
    const dossier = await dossierOf('cas-pratique-a3')
    const upload = await saveUpload(dossier.id, learner, PNG, 'image/png')
    const doc: RichTextDoc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Comportements observés' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Les acheteuses ' },
            { type: 'text', text: 'fidèles', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' préfèrent ' },
            { type: 'text', text: 'l’éco-conception', marks: [{ type: 'italic' }] },
            { type: 'text', text: ' et ' },
            { type: 'text', text: 'le « fait main »', marks: [{ type: 'underline' }] },
            { type: 'text', text: ' ; source : ' },
            { type: 'text', text: 'Xerfi', marks: [{ type: 'link', attrs: { href: 'https://www.xerfi.com/étude' } }] },
          ],
        },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Point à puce' }] }] }] },
        { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Première étape' }] }] }] },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Segment' }] }] }] },
            { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Urbaines actives' }] }] }] },
          ],
        },
        { type: 'image', attrs: { src: `/fichiers/${upload.id}`, alt: 'Carte des points de vente à Lyon' } },
      ],
    }
    await saveSection({ dossierId: dossier.id, sectionId: 'attitudes-comportements', baseVersion: 0, content: doc, authorId: learner })
    await saveSection({
      dossierId: dossier.id,
      sectionId: 'mix',
      baseVersion: 0,
      content: {
        p: { produit: { gamme: 'Bougies rechargeables' } },
        extensions: [{ id: 'processus', content: 'Recharge en boutique', context: '' }],
        e: { emotion: { proposal: 'Atelier créatif', illustration: '', personalisation: '', links: ['processus'] } },
      },
      authorId: learner,
    })
    await setSelfAssessment({
      learnerId: learner,
      examSessionId: sessionId,
      criterionId: 'C3.3-1',
      status: 'achieved',
      justification: 'Quatre P détaillés en sous-parties',
    })

    const model = await dossierExport(dossier, learner, new Date('2027-03-15T10:00:00Z'))
    const file = await open(await dossiersToDocx([model], model.title, model.evaluationTitle))
    // Cover: candidate, session, date, competencies.
    expect(file.text).toContain('Candidat·e : Chloé Lefèvre')
    expect(file.text).toContain('Session de printemps 2027')
    expect(file.text).toContain('15 mars 2027')
    expect(file.text).toContain('C3.3 — ')
    // Contents: internal links to bookmarked headings.
    expect(file.text).toContain('Sommaire')
    expect(file.xml).toMatch(/<w:hyperlink[^>]*w:anchor="titre-\d+"/)
    expect(file.xml).toMatch(/<w:bookmarkStart w:name="titre-\d+"/)
    // Sections as navigable headings; rich text with its marks, lists, link, table and image.
    expect(file.xml).toContain('<w:pStyle w:val="Heading1"/>')
    expect(file.xml).toMatch(/<w:pStyle w:val="Heading2"\/>.*Comportements observés/s)
    expect(file.xml).toMatch(/<w:b\/>.*fidèles/s)
    expect(file.xml).toMatch(/<w:i\/>.*l’éco-conception/s)
    expect(file.xml).toMatch(/<w:u w:val="single"\/>.*le « fait main »/s)
    expect(file.xml).toContain('<w:numPr>')
    expect(file.rels).toMatch(/Target="https:\/\/www\.xerfi\.com\/(étude|%C3%A9tude)" TargetMode="External"/)
    expect(file.text).toContain('Urbaines actives')
    expect(file.xml).toContain('descr="Carte des points de vente à Lyon"')
    expect(file.media.length).toBeGreaterThanOrEqual(1)
    // The mix as styled tables.
    expect(file.text).toContain('Les 5P')
    expect(file.text).toContain('Bougies rechargeables')
    expect(file.text).toContain('Recharge en boutique')
    // The appendix and the French language.
    expect(file.text).toContain('Annexe — Grille d’auto-évaluation')
    expect(file.text).toContain('Quatre P détaillés en sous-parties')
    expect(file.text).toContain('Atteint')
    expect(file.styles).toContain('w:lang w:val="fr-FR"')
  })

  it('draws KPI charts and the Gantt chart as images with their alt text', async () => {
    const a15 = await dossierOf('cas-pratique-a15')
    await saveSection({
      dossierId: a15.id,
      sectionId: 'kpi',
      baseVersion: 0,
      content: {
        rows: [
          {
            id: 'kpi-aaaaaa',
            name: 'ROI Search',
            category: 'Rentabilité',
            formula: 'roi',
            period: 'T1',
            target: 40,
            inputs: { gain: 12_000, cost: 8_000 },
            source: '',
            objectiveId: null,
          },
          {
            id: 'kpi-bbbbbb',
            name: 'ROI Search',
            category: 'Rentabilité',
            formula: 'roi',
            period: 'T2',
            target: 40,
            inputs: { gain: 15_000, cost: 8_000 },
            source: '',
            objectiveId: null,
          },
        ],
      },
      authorId: learner,
    })
    const a10 = await dossierOf('cas-pratique-a10')
    await saveSection({
      dossierId: a10.id,
      sectionId: 'retroplanning',
      baseVersion: 0,
      content: {
        deadline: '2027-05-14',
        projectStart: null,
        tasks: [
          {
            id: 'tache-aaaaaa',
            group: '',
            name: 'Impression',
            owner: 'Imprimeur',
            stakeholders: '',
            constraints: '',
            duration: 2,
            dependsOn: [],
            actualStart: null,
            actualFinish: null,
          },
        ],
      },
      authorId: learner,
    })
    const kpi = await open(await dossiersToDocx([await dossierExport(a15, learner)], 'KPI', 'A15'))
    expect(kpi.text).toContain('50\u00a0%')
    expect(kpi.text).toContain('125\u00a0%')
    expect(kpi.xml).toContain('descr="Taux d’atteinte des cibles : ROI Search (T1) 125 % ; ROI Search (T2) 218,8 %.')
    expect(kpi.xml).toContain('descr="Évolution de « ROI Search » : T1 : réel 50 %')
    expect(kpi.media.length).toBe(2)
    const plan = await open(await dossiersToDocx([await dossierExport(a10, learner)], 'Plan', 'A10', { sectionId: 'retroplanning' }))
    expect(plan.xml).toContain('descr="Diagramme de Gantt jusqu’au 14/05/2027 : Impression du 13/05/2027 au 14/05/2027.')
    expect(plan.text).toContain('13 mai 2027')
    // A per-section export holds that section only.
    expect(plan.text).not.toContain('Sommaire')
    expect(plan.text).not.toContain('Plan média')
  })

  it('assembles the rapport de compétences: the fiches and the four parts of the projet de communication, one table of contents', async () => {
    const dossiers = await rapportDossiers(learner, sessionId)
    expect(dossiers.map((d) => d.evaluationId)).toEqual([
      'fiche-veille',
      'fiche-ux',
      'fiche-event',
      'projet-com-a9',
      'projet-com-a11',
      'fiche-manageriale',
      'projet-com-a13',
      'projet-com-a14',
    ])
    const models: DossierExport[] = []
    for (const d of dossiers) models.push(await dossierExport(d, learner))
    const file = await open(await dossiersToDocx(models, 'Rapport de compétences', 'Fiches de compétences et projet de communication'))
    for (const m of models) expect(file.text).toContain(m.title.replace(/«\s*/g, '«\u00a0').replace(/\s*»/g, '\u00a0»'))
    const anchors = [...file.xml.matchAll(/<w:hyperlink[^>]*w:anchor="(titre-\d+)"/g)].map((m) => m[1])
    const bookmarks = new Set([...file.xml.matchAll(/<w:bookmarkStart w:name="(titre-\d+)"/g)].map((m) => m[1]))
    expect(anchors.length).toBeGreaterThan(models.length)
    for (const a of anchors) expect(bookmarks.has(a)).toBe(true)
  })

  it('writes the comment threads as Word comments when asked, read through the comment service', async () => {
    const db = getDb()
    const tutorRow = (await db.insert(schema.users).values({ email: 'paul@test.fr', name: 'Paul Tuteur', passwordHash: 'x' }).returning())[0]!
    const tutor = { id: tutorRow.id, name: tutorRow.name, email: tutorRow.email, roles: ['tutor' as const] }
    const owner = { id: learner, name: 'Chloé Lefèvre', email: 'chloe@test.fr', roles: ['learner' as const] }
    const dossier = await dossierOf('cas-pratique-a3')
    const content: RichTextDoc = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Nos clientes urbaines achètent le soir.' }] },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Panier moyen de 42 euros' }] }] }],
        },
      ],
    }
    await saveSection({ dossierId: dossier.id, sectionId: 'inclusion', baseVersion: 0, content, authorId: learner })
    const text = anchoringText(content)
    const start = text.indexOf('42 euros')
    const asTutor = { dossier, relations: ['tutor' as const] }
    const asOwner = { dossier, relations: ['owner' as const] }
    const passage = await createThread(asTutor, tutor, {
      target: 'passage',
      sectionId: 'inclusion',
      selectors: describePassage(text, start, start + 8),
      body: 'Source ?',
    })
    const section = await createThread(asTutor, tutor, { target: 'section', sectionId: 'inclusion', body: 'Bonne section.' })
    expect(passage.ok && section.ok).toBe(true)
    if (!passage.ok || !section.ok) return
    expect((await reply(asOwner, owner, { threadId: passage.threadId, body: 'Étude Xerfi 2026.' })).ok).toBe(true)
    expect((await resolveThread(asTutor, tutor, { threadId: section.threadId })).ok).toBe(true)

    // Not asked: no comments in the model nor in the file.
    expect((await dossierExport(dossier, learner)).comments).toBeUndefined()
    const model = await dossierExport(dossier, learner, new Date(), { comments: { viewer: owner, relations: ['owner'] } })
    expect(model.comments?.map((t) => t.messages.map((m) => m.body))).toEqual([['Source ?', 'Étude Xerfi 2026.'], ['Bonne section.']])
    const zip = await JSZip.loadAsync(await dossiersToDocx([model], model.title, model.evaluationTitle, { sectionId: 'inclusion' }))
    const comments = await zip.file('word/comments.xml')!.async('string')
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(comments).toContain('Source ?')
    expect(comments).toContain('Étude Xerfi 2026.')
    expect(comments).toContain('[résolu]')
    const id = /<w:comment [^>]*w:id="(\d+)"[^>]*>(?:(?!<\/w:comment>).)*Source \?/s.exec(comments)![1]
    const range = xml.slice(xml.indexOf(`<w:commentRangeStart w:id="${id}"/>`), xml.indexOf(`<w:commentRangeEnd w:id="${id}"/>`))
    expect([...range.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toBe('42 euros')

    // The download: learners and tutors of the dossier get the comments; a juror asking for them gets 403.
    const download = await dossierDownload({ user: tutor, ...asTutor }, 'docx', 'inclusion', { comments: true })
    expect(download.headers.get('Content-Disposition')).toContain('commentaires')
    const downloaded = await JSZip.loadAsync(Buffer.from(await download.arrayBuffer()))
    expect(await downloaded.file('word/comments.xml')!.async('string')).toContain('Source ?')
    const juror = { id: 'juror', name: 'Jeanne Jurée', email: 'j@test.fr', roles: ['juror' as const] }
    const refused = await dossierDownload({ user: juror, dossier, relations: ['juror'] }, 'docx', null, { comments: true }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(Response)
    expect((refused as Response).status).toBe(403)
    const plain = await dossierDownload({ user: juror, dossier, relations: ['juror'] }, 'docx', 'inclusion')
    expect((await JSZip.loadAsync(Buffer.from(await plain.arrayBuffer()))).file('word/comments.xml')).toBeNull()
  }, 60_000)

  it('opens in LibreOffice: the demo-like dossier converts to a PDF of at least one page', async (ctx) => {
    const soffice = await run('sh', ['-c', 'command -v soffice']).catch(() => null)
    if (!soffice) {
      if (process.env.CI) throw new Error('LibreOffice manquant : .ci/run doit l’installer (scripts/ensure-libreoffice.sh).')
      ctx.skip()
    }
    const model = await dossierExport(await dossierOf('cas-pratique-a3'), learner)
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-docx-pdf-'))
    const docx = path.join(out, 'dossier.docx')
    fs.writeFileSync(docx, await dossiersToDocx([model], model.title, model.evaluationTitle))
    await run('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, docx], {
      timeout: 120_000,
    })
    const { stdout } = await run('pdfinfo', [path.join(out, 'dossier.pdf')])
    expect(Number(/Pages:\s+(\d+)/.exec(stdout)?.[1])).toBeGreaterThanOrEqual(2)
    const { stdout: text } = await run('pdftotext', [path.join(out, 'dossier.pdf'), '-'])
    expect(text).toContain('Chloé Lefèvre')
    fs.rmSync(out, { recursive: true, force: true })
  }, 180_000)
})
