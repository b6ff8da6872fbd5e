/**
 * Export speed: a complete rapport de compétences as Word (every section of
 * the eight dossiers filled), a 1,000-row KPI workbook as Excel, and a
 * 10-part talk as PowerPoint (a chart per part), each
 * next to the time the bare library (docx, exceljs, pptxgenjs) takes to write the same
 * content without our walk over templates. Median of several runs (after a
 * warm-up), and the longest pause the export causes to other work on the
 * event loop — the server runs exports in a worker thread, which is measured too.
 *
 *   npm run bench:export
 *
 * Runs under vite-node (templates are loaded with import.meta.glob).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx'
import ExcelJS from 'exceljs'
import PptxGenJS from 'pptxgenjs'
import type { FieldKind, Section } from '#templates/template.schema'
import type { ConfigOf, ValueOf } from '~/kinds/values'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-export-'))
process.env.DATABASE_URL = path.join(dir, 'bench.db')
const { getDb, closeDb } = await import('#db/client')
const schema = await import('#db/schema')
const { emptyValue } = await import('~/kinds/registry')
const { templateOfDossier } = await import('~/services/dossiers.server')
const { enrollLearners } = await import('~/services/dossier-provisioning.server')
const { saveSection } = await import('~/services/dossier-sections.server')
const { dossierExport, rapportDossiers } = await import('~/services/exports/model.server')
const { dossiersToDocx } = await import('~/services/exports/docx.server')
const { dossierToXlsx } = await import('~/services/exports/xlsx.server')
const { renderExport, closeExportPool } = await import('~/services/exports/pool.server')
const { talkToPptx } = await import('~/services/exports/pptx.server')
const { kpiChartImages } = await import('~/kinds/kpi/charts.server')
const { templatesById } = await import('#templates/dossiers')

const RUNS = 5
const WARM_UP = 1
const words = (n: number, seed: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      ['marché', 'cible', 'stratégie', 'omnicanal', 'fidélisation', 'notoriété', 'persona', 'éco-conception', 'budget', 'indicateur'][(i * 7 + seed) % 10],
  ).join(' ')

/** Realistic content for the kinds the rapport uses most; other kinds stay empty. */
const samples: { [K in FieldKind]?: (field: ConfigOf<K>, seed: number) => ValueOf<K> } = {
  richText: (_field, seed) => ({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: `Analyse ${seed}` }] },
      ...Array.from({ length: 4 }, (_, i) => ({
        type: 'paragraph' as const,
        content: [
          { type: 'text' as const, text: `${words(80, seed + i)}.` },
          { type: 'text' as const, text: ' Point clé.', marks: [{ type: 'bold' as const }] },
        ],
      })),
      {
        type: 'bulletList',
        content: Array.from({ length: 4 }, (_, i) => ({
          type: 'listItem' as const,
          content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: words(12, i) }] }],
        })),
      },
    ],
  }),
  table: (field, seed) => ({
    rows: Array.from({ length: 10 }, (_, r) => ({
      id: `row-${seed}-${r}-bench`,
      cells: Object.fromEntries(
        field.columns.map((c) => [
          c.id,
          c.type === 'text'
            ? words(6, r)
            : c.type === 'date'
              ? `2027-0${1 + (r % 9)}-1${r % 9}`
              : c.type === 'choice'
                ? c.options![r % c.options!.length]!
                : 100 * (r + 1),
        ]),
      ),
    })),
  }),
  checklist: (field) => ({ checked: Object.fromEntries(field.items.map((i) => [i.id, true])) }),
  sources: (_field, seed) => ({
    rows: Array.from({ length: 6 }, (_, r) => ({
      id: `src-${seed}-${r}-bench`,
      title: `Étude ${r}`,
      url: 'https://www.insee.fr',
      origin: r % 2 ? 'interne' : 'externe',
      type: 'Étude',
      note: words(10, r),
    })),
  }),
  kpi: () => kpiValue(8),
}

function fill(section: Section, seed: number): unknown {
  const sample = samples[section.field.kind] as ((field: Section['field'], seed: number) => unknown) | undefined
  return sample ? sample(section.field, seed) : emptyValue(section.field)
}

function kpiValue(rows: number) {
  const formulas = ['roi', 'roas', 'conversion', 'cac', 'basket'] as const
  return {
    rows: Array.from({ length: rows }, (_, r) => ({
      id: `kpi-${r}-bench`,
      name: `Indicateur ${r % 50}`,
      category: 'Rentabilité',
      formula: formulas[r % formulas.length]!,
      period: `Semaine ${Math.floor(r / 50) + 1}`,
      target: 40,
      inputs: {
        gain: 12_000 + r,
        cost: 8_000,
        revenue: 9_000 + r,
        adSpend: 3_000,
        conversions: 30 + (r % 20),
        visitors: 1_000,
        spend: 5_000,
        newCustomers: 125,
        orders: 400,
      },
      source: 'CRM',
      objectiveId: null,
    })),
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Median time of `fn`, and the longest the event loop waited meanwhile (how long other requests would be held up). */
async function time(fn: () => Promise<unknown>): Promise<{ ms: number; maxPause: number }> {
  const times: number[] = []
  let maxPause = 0
  for (let i = 0; i < WARM_UP; i++) await fn()
  for (let i = 0; i < RUNS; i++) {
    let last = performance.now()
    const timer = setInterval(() => {
      const now = performance.now()
      maxPause = Math.max(maxPause, now - last)
      last = now
    }, 1)
    const start = performance.now()
    await fn()
    const end = performance.now()
    // The stretch after the last tick counts too: a fully synchronous export is one long pause.
    maxPause = Math.max(maxPause, end - last)
    times.push(end - start)
    clearInterval(timer)
  }
  return { ms: median(times), maxPause }
}

// A learner with the eight dossiers of the rapport, every section filled.
const db = getDb()
const learner = (await db.insert(schema.users).values({ email: 'bench@test.fr', name: 'Benoît Bénard', passwordHash: 'x' }).returning())[0]!.id
const session = (await db.insert(schema.examSessions).values({ name: 'Bench', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
await enrollLearners(db, session, [learner])
const dossiers = await rapportDossiers(learner, session)
let seed = 0
for (const d of dossiers)
  for (const s of templateOfDossier(d).sections)
    await saveSection({ dossierId: d.id, sectionId: s.id, baseVersion: 0, content: fill(s, seed++) as never, authorId: learner })
const models: Awaited<ReturnType<typeof dossierExport>>[] = []
for (const d of dossiers) models.push(await dossierExport(d, learner))
const sectionCount = models.reduce((n, m) => n + m.sections.length, 0)

// The same content written with the bare docx library, without our layout: the cover's lines, one
// line per heading for the table of contents, each section's title and texts, one table per list of
// rows (table rows, sources, indicators…: one cell per value), and the self-assessment grid.
const cellsOf = (row: Record<string, unknown>): string[] =>
  Object.values(row).flatMap((v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? cellsOf(v as Record<string, unknown>) : Array.isArray(v) ? [] : [String(v ?? '')],
  )
const bareTable = (rows: string[][]) =>
  new Table({ rows: rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) })) })
function bareDocx() {
  const children: (Paragraph | Table)[] = []
  const first = models[0]!
  for (const line of [first.candidate, first.sessionName, ...first.competencies.map((c) => `${c.id} — ${c.text}`)]) children.push(new Paragraph(line))
  for (const m of models) for (const { section } of m.sections) children.push(new Paragraph(section.title))
  for (const m of models) {
    children.push(new Paragraph({ children: [new TextRun({ text: m.title, bold: true })] }))
    for (const { section, value } of m.sections) {
      children.push(new Paragraph(section.title))
      const json = JSON.stringify(value)
      for (const t of [...json.matchAll(/"text":"([^"]*)"/g)].map((x) => x[1]!)) children.push(new Paragraph(t))
      const lists = Object.values(value as object).filter((v): v is Record<string, unknown>[] => Array.isArray(v) && v.length > 0 && typeof v[0] === 'object')
      for (const list of lists) children.push(bareTable(list.map(cellsOf)))
    }
  }
  for (const m of models) for (const c of m.selfAssessment) children.push(bareTable(c.criteria.map((k) => [k.id, k.text, k.statusLabel, k.justification])))
  return Packer.toBuffer(new Document({ sections: [{ children }] }))
}

// A 1,000-row KPI workbook.
const kpiTemplate = templatesById.get('cas-pratique-a15')!
const kpiSection = kpiTemplate.sections.find((s) => s.field.kind === 'kpi')!
const kpiModel = { ...models[0]!, title: kpiTemplate.title, sections: [{ section: kpiSection, value: kpiValue(1_000) as never }] }
async function bareXlsx() {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('KPI')
  ws.addRow(['Indicateur', 'Période', 'Gain', 'Coût', 'Cible', 'Réel', 'Atteinte'])
  kpiValue(1_000).rows.forEach((r, i) => {
    const n = i + 2
    ws.addRow([
      r.name,
      r.period,
      r.inputs.gain,
      r.inputs.cost,
      r.target / 100,
      { formula: `IFERROR((C${n}-D${n})/D${n},"")` },
      { formula: `IFERROR(F${n}/E${n},"")` },
    ])
  })
  return wb.xlsx.writeBuffer()
}

// A 10-part talk, a chart in each part (the KPI charts: achievement bars and trends).
const charts = kpiChartImages(kpiValue(8) as never, { green: 1, orange: 0.8 })
const deck = {
  title: 'Lancer la gamme éco-conçue auprès des 18-30 ans',
  evaluationTitle: 'Grand oral — Rapport de compétences',
  candidate: 'Benoît Bénard',
  slides: Array.from({ length: 10 }, (_, i) => ({
    title: `Partie ${i + 1} : ${words(6, i)}`,
    message: `${words(30, i)}.`,
    minutes: 1 + (i % 3),
    speakers: ['Benoît Bénard'],
    notes: `${words(60, i)}.\n${words(40, i + 1)}.`,
    images: [charts[i % charts.length]!],
  })),
}
// The same content with bare pptxgenjs: a title slide, then each part's texts, its image at its size, its notes.
async function barePptx() {
  const pres = new PptxGenJS()
  pres.layout = 'LAYOUT_WIDE'
  const cover = pres.addSlide()
  for (const [i, line] of [deck.evaluationTitle, deck.title, deck.candidate].entries()) cover.addText(line, { x: 1, y: 1.5 + i, w: 11, h: 0.8 })
  for (const part of deck.slides) {
    const slide = pres.addSlide()
    slide.addText(part.title, { x: 0.7, y: 0.6, w: 12, h: 0.8 })
    slide.addText(part.message, { x: 0.7, y: 2, w: 4.4, h: 4 })
    for (const image of part.images)
      slide.addImage({ data: `image/png;base64,${image.png.toString('base64')}`, x: 5.5, y: 2, w: image.width / 96, h: image.height / 96, altText: image.alt })
    slide.addText(`${part.speakers.join(', ')} — ${part.minutes} min`, { x: 0.7, y: 6.9, w: 12, h: 0.35 })
    slide.addNotes(part.notes)
  }
  // Compressed like ours (write() with an outputType ignores `compression` in pptxgenjs 4.0.1; stream() honours it).
  return (await pres.stream({ compression: true })) as Buffer
}

const rows: [string, { ms: number; maxPause: number }][] = [
  [
    `Rapport de compétences .docx (${models.length} dossiers, ${sectionCount} sections) — Atelier`,
    await time(() => dossiersToDocx(models, 'Rapport de compétences', 'Bench')),
  ],
  [
    '  même export dans un thread de travail (comme le serveur)',
    await time(() => renderExport({ format: 'docx', models, title: 'Rapport de compétences', subtitle: 'Bench' })),
  ],
  ['  même contenu, bibliothèque docx seule', await time(bareDocx)],
  ['Classeur KPI .xlsx (1 000 lignes) — Atelier', await time(() => dossierToXlsx(kpiModel, {}))],
  [
    '  même export dans un thread de travail (comme le serveur)',
    await time(() => renderExport({ format: 'xlsx', models: [kpiModel], title: kpiModel.title, subtitle: '' })),
  ],
  ['  même contenu, bibliothèque exceljs seule', await time(bareXlsx)],
  [`Présentation .pptx (${deck.slides.length} parties, un graphique chacune) — Atelier`, await time(() => talkToPptx(deck))],
  ['  même export dans un thread de travail (comme le serveur)', await time(() => renderExport({ format: 'pptx', deck }))],
  ['  même contenu, bibliothèque pptxgenjs seule', await time(barePptx)],
]
const ours = await dossiersToDocx(models, 'Rapport de compétences', 'Bench')
const size = ours.byteLength
const ratio = rows[0]![1].ms / rows[2]![1].ms
const width = Math.max(...rows.map(([label]) => label.length))
console.log(`${'Export'.padEnd(width)}  médiane (${RUNS} essais)  plus longue pause de la boucle d’événements`)
for (const [label, r] of rows) console.log(`${label.padEnd(width)}  ${r.ms.toFixed(0).padStart(7)} ms          ${r.maxPause.toFixed(0).padStart(5)} ms`)
console.log(`Taille du rapport .docx : ${(size / 1024).toFixed(0)} Ko`)
console.log(`Rapport .docx : ${ratio.toFixed(1).replace('.', ',')} × la bibliothèque docx seule (objectif : 3 × au plus)`)
const pptxSize = (await talkToPptx(deck)).byteLength
const bareSize = (await barePptx()).byteLength
console.log(`Taille de la présentation .pptx : ${(pptxSize / 1024).toFixed(0)} Ko (pptxgenjs seule : ${(bareSize / 1024).toFixed(0)} Ko)`)
console.log(`Présentation .pptx : ${(rows[6]![1].ms / rows[8]![1].ms).toFixed(1).replace('.', ',')} × la bibliothèque pptxgenjs seule`)
await closeExportPool()
await closeDb()
fs.rmSync(dir, { recursive: true, force: true })
