import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  InternalHyperlink,
  LevelFormat,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  type FileChild,
} from 'docx'
import { todayInFrance } from '~/domain/calendar'
import { formatDate, frenchTypography as ft } from '~/domain/format'
import { formatInstant } from '~/domain/hand-in'
import { entryOf, isEmpty, itemsOf } from '~/kinds/registry'
import { docxBlocks } from '~/kinds/registry.server'
import type { DocxPassageComments } from '~/kinds/types.server'
import { noteFor, WordComments, type ExportThread } from './docx-comments.server'
import { headingWithBookmark, isWide, labelled, LEVEL_FILLS, para, PRIMARY, run, TABLE_STYLES, table } from './docx-parts.server'
import type { DossierExport } from './model.server'

/**
 * Word export: walks a dossier's template and content, so every template
 * exports with no code of its own. Cover page, table of contents (internal
 * links to bookmarked headings, which Word and LibreOffice both follow
 * without a field update), the sections (each field kind writes its own
 * blocks: app/kinds/<kind>/docx.server.ts), and the self-assessment grid as an appendix.
 * A model with `comments` (export with comments) gets them as Word comments:
 * on their passages, on their criterion's row of the appendix, or on their
 * section heading (see docx-comments.server.ts).
 */
export type DocxOptions = {
  /** Only this section (a per-section export: no table of contents, no appendix). */
  sectionId?: string
  /** Called after each section, for progress. */
  onProgress?: (done: number, total: number) => void
}

/** Lets other requests run between two sections of a long export. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Where the page turns landscape (a wide table) and back. */
class Turn {
  constructor(readonly landscape: boolean) {}
}
const LANDSCAPE = new Turn(true)
const PORTRAIT = new Turn(false)
type Block = FileChild | Turn

/** The document's blocks cut into Word sections at each change of orientation. */
function pages(blocks: Block[]): { landscape: boolean; children: FileChild[] }[] {
  const out = [{ landscape: false, children: [] as FileChild[] }]
  for (const b of blocks) {
    if (b instanceof Turn) out.push({ landscape: b.landscape, children: [] })
    else out[out.length - 1]!.children.push(b)
  }
  return out.filter((p, i) => i === 0 || p.children.length > 0)
}

type Ctx = {
  /** Level of the section headings (1 for one dossier, 2 inside a rapport). */
  base: number
  /** Ordered lists each restart their numbering: one instance per list. */
  listInstance: number
  bookmarks: number
  /** The Word comments written so far (every export has the list; only models with `comments` fill it). */
  comments: WordComments
}

/* ---------------- Document ---------------- */

function cover(title: string, subtitle: string, model: DossierExport, competencies: { id: string; text: string }[]): FileChild[] {
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { before: 2400, after: 240, line: 240, lineRule: LineRuleType.AUTO }, children: [run(ft(title))] }),
    para(ft(subtitle), { color: '4A5162' }),
    new Paragraph({ spacing: { before: 480 }, children: [run('Candidat·e : ', { bold: true }), run(model.candidate)] }),
    ...(model.members.length > 1 ? [labelled('Groupe', model.members.join(', '))] : []),
    labelled('Session', model.sessionName),
    labelled('Date', formatDate(model.generatedAt)),
    ...handInLines(model),
    new Paragraph({ spacing: { before: 360 }, children: [run('Compétences couvertes', { bold: true })] }),
    ...competencies.map((c) => new Paragraph({ bullet: { level: 0 }, children: [run(`${c.id} — `, { bold: true }), run(c.text)] })),
    new Paragraph({ children: [new PageBreak()] }),
  ]
}

/** « Déposé le … à … (heure de Paris) » of an export of a hand-in. */
function handInText(model: DossierExport): string | null {
  if (!model.submittedAt) return null
  return `${model.late ? 'Déposé en retard' : 'Déposé'} le ${formatInstant(model.submittedAt)} (heure de Paris)`
}

/** The hand-in lines of the cover: when, and the fingerprint that identifies what was handed in. */
function handInLines(model: DossierExport): FileChild[] {
  if (!model.fingerprint) return []
  return [
    ...(model.submittedAt ? [labelled('Dépôt', `le ${formatInstant(model.submittedAt)} (heure de Paris)${model.late ? ', en retard' : ''}`)] : []),
    new Paragraph({
      children: [run('Empreinte SHA-256 du dépôt\u00a0: ', { bold: true }), new TextRun({ text: model.fingerprint, font: 'Consolas', size: 18 })],
    }),
  ]
}

/** The page header of an export of a hand-in: every page says which hand-in it belongs to. */
function handInHeader(model: DossierExport): Header | undefined {
  if (!model.fingerprint) return undefined
  const when = handInText(model)
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: `${when ? `${when} — ` : ''}Empreinte SHA-256 du dépôt\u00a0: ${model.fingerprint}`, size: 14, color: '4A5162' })],
      }),
    ],
  })
}

/**
 * The appendix. A criterion's comments sit on its row; those on a criterion
 * the grid does not list (no longer evaluated here) on the appendix heading.
 */
function selfAssessmentAppendix(models: DossierExport[], ctx: Ctx): { blocks: FileChild[]; anchor: string; title: string } {
  const title = 'Annexe — Grille d’auto-évaluation'
  const onRows = new Map<string, number[]>()
  const onHeading: number[] = []
  for (const model of models) {
    const listed = new Set(model.selfAssessment.flatMap((c) => c.criteria.map((k) => `${model.dossierId}:${k.id}`)))
    for (const t of model.comments ?? []) {
      if (t.target !== 'criterion' || !t.criterionId) continue
      const key = `${model.dossierId}:${t.criterionId}`
      if (listed.has(key)) onRows.set(key, [...(onRows.get(key) ?? []), ctx.comments.add(t)])
      else onHeading.push(ctx.comments.add(t, noteFor(t, new Set())))
    }
  }
  const { paragraph, anchor } = headingWithBookmark(ctx, 1, title, onHeading)
  const blocks: FileChild[] = [new Paragraph({ children: [new PageBreak()] }), paragraph]
  for (const model of models) {
    if (models.length > 1) blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(ft(model.title))] }))
    for (const c of model.selfAssessment) {
      blocks.push(
        new Paragraph({ heading: models.length > 1 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_2, children: [run(`${c.competencyId} — ${c.heading}`)] }),
      )
      blocks.push(
        table(
          ['Critère', 'Intitulé', 'Statut', 'Justification'],
          c.criteria.map((k) => [
            { text: k.id, comments: onRows.get(`${model.dossierId}:${k.id}`) },
            k.text,
            { text: k.statusLabel, fill: k.status === 'achieved' ? LEVEL_FILLS.vert : k.status === 'in_progress' ? LEVEL_FILLS.orange : undefined },
            k.justification || '—',
          ]),
        ),
      )
    }
  }
  return { blocks, anchor, title }
}

/**
 * The threads of a model written in a section: those on the section (its
 * passages, items, itself) and, in a one-section export that has no appendix,
 * those on the criteria the section serves.
 */
function sectionThreads(model: DossierExport, section: DossierExport['sections'][number]['section'], alone: boolean): ExportThread[] {
  return (model.comments ?? []).filter((t) =>
    t.target === 'criterion' ? alone && t.criterionId !== null && section.criteria.includes(t.criterionId) : t.sectionId === section.id,
  )
}

/**
 * One or several dossiers as one Word document. With several (the rapport de
 * compétences), each dossier is a chapter and the table of contents covers them all.
 */
export async function dossiersToDocx(models: DossierExport[], title: string, subtitle: string, options: DocxOptions = {}): Promise<Buffer> {
  if (models.length === 0) throw new Error('Nothing to export')
  const ctx: Ctx = { base: models.length > 1 ? 2 : 1, listInstance: 0, bookmarks: 0, comments: new WordComments() }
  const today = todayInFrance()
  const toc: { level: number; text: string; anchor: string }[] = []
  const body: Block[] = []
  const total = models.reduce((n, m) => n + m.sections.filter((s) => !options.sectionId || s.section.id === options.sectionId).length, 0)
  let done = 0

  for (const model of models) {
    if (models.length > 1) {
      const h = headingWithBookmark(ctx, 1, ft(model.title))
      body.push(...(body.length ? [new Paragraph({ children: [new PageBreak()] })] : []), h.paragraph)
      toc.push({ level: 1, text: ft(model.title), anchor: h.anchor })
    }
    for (const { section, value } of model.sections) {
      if (options.sectionId && section.id !== options.sectionId) continue
      const entry = entryOf(section.field, value)
      const threads = sectionThreads(model, section, Boolean(options.sectionId))
      const passages = threads.flatMap((t) =>
        t.target === 'passage' && t.selectors ? [{ thread: t, id: ctx.comments.reserve(), selectors: t.selectors }] : [],
      )
      const forWriter: DocxPassageComments = { comments: passages.map(({ id, selectors }) => ({ id, selectors })), placed: new Set() }
      const blocks = isEmpty(entry)
        ? [para('(Section non remplie)', { italics: true, color: '4A5162' })]
        : docxBlocks(entry, {
            level: ctx.base + 1,
            model,
            today,
            nextListInstance: () => ++ctx.listInstance,
            ...(passages.length ? { passages: forWriter } : {}),
          })
      // Passages not found in the current text, items, criteria and the section itself: on the heading.
      const items = new Set(threads.some((t) => t.target === 'item') ? itemsOf(entry).map((i) => i.id) : [])
      const onHeading: number[] = []
      for (const t of threads) {
        const passage = passages.find((p) => p.thread === t)
        if (passage && forWriter.placed.has(passage.id)) ctx.comments.write(passage.id, t)
        else if (passage) onHeading.push(ctx.comments.write(passage.id, t, noteFor(t, items)))
        else onHeading.push(ctx.comments.add(t, noteFor(t, items)))
      }
      const h = headingWithBookmark(ctx, ctx.base, ft(section.title), onHeading)
      // A section with a table too wide for a portrait page gets a landscape page of its own.
      if (blocks.some(isWide)) body.push(LANDSCAPE, h.paragraph, ...blocks, PORTRAIT)
      else body.push(h.paragraph, ...blocks)
      toc.push({ level: ctx.base, text: ft(section.title), anchor: h.anchor })
      options.onProgress?.(++done, total)
      await yieldToEventLoop()
    }
  }

  const competencies = [...new Map(models.flatMap((m) => m.competencies).map((c) => [c.id, c])).values()]
  const children: Block[] = [...cover(title, subtitle, models[0]!, competencies)]
  if (!options.sectionId) {
    // An export of a hand-in has no self-assessment (not part of what is handed in): no appendix then.
    const appendix = models.some((m) => m.selfAssessment.length > 0) ? selfAssessmentAppendix(models, ctx) : { blocks: [], anchor: '', title: '' }
    if (appendix.anchor) toc.push({ level: 1, text: appendix.title, anchor: appendix.anchor })
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run('Sommaire')] }),
      ...toc.map(
        (t) =>
          new Paragraph({
            indent: { left: (t.level - 1) * 360 },
            children: [new InternalHyperlink({ anchor: t.anchor, children: [run(t.text, { color: PRIMARY })] })],
          }),
      ),
      new Paragraph({ children: [new PageBreak()] }),
      ...body,
      ...appendix.blocks,
    )
  } else {
    children.push(...body)
  }

  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [`${ft(title)} — page `, PageNumber.CURRENT, ' sur ', PageNumber.TOTAL_PAGES], size: 18, color: '4A5162' })],
      }),
      ...(models[0]!.fingerprint
        ? [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ text: `Empreinte SHA-256 du dépôt\u00a0: ${models[0]!.fingerprint.slice(0, 16)}…`, size: 14, color: '4A5162' })],
            }),
          ]
        : []),
    ],
  })
  const header = handInHeader(models[0]!)
  const comments = ctx.comments.list
  const doc = new Document({
    creator: 'Atelier',
    title,
    description: subtitle,
    ...(comments.length ? { comments: { children: comments } } : {}),
    styles: {
      default: {
        document: {
          run: { font: 'Calibri', size: 22, language: { value: 'fr-FR' } },
          paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: { run: { size: 52, bold: true, color: PRIMARY } },
        heading1: { run: { size: 36, bold: true, color: PRIMARY }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true } },
        heading2: { run: { size: 28, bold: true, color: PRIMARY }, paragraph: { spacing: { before: 280, after: 120 }, keepNext: true } },
        heading3: { run: { size: 24, bold: true }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true } },
        heading4: { run: { size: 22, bold: true, italics: true }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
      },
      paragraphStyles: [
        ...TABLE_STYLES,
        { id: 'Citation', name: 'Citation', basedOn: 'Normal', run: { italics: true, color: '4A5162' }, paragraph: { indent: { left: 567 } } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: [0, 1, 2, 3, 4].map((level) => ({
            level,
            format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN, LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER][level]!,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: pages(children).map(({ landscape, children }, i) => ({
      properties: {
        page: {
          margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 },
          size: landscape ? { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 } : undefined,
        },
      },
      // Later sections (landscape pages and back) keep the first one's footer.
      footers: i === 0 ? { default: footer } : undefined,
      ...(header && i === 0 ? { headers: { default: header } } : {}),
      children,
    })),
  })
  return Packer.toBuffer(doc)
}
