import {
  AlignmentType,
  BorderStyle,
  Bookmark,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LevelFormat,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from 'docx'
import { imageSize } from 'image-size'
import type { Section } from '#templates/template.schema'
import { todayInFrance } from '~/domain/calendar'
import { cellText, measure, type ChecklistValue, type FieldValue, type SourcesValue, type TableValue } from '~/domain/fields'
import { formatDate, formatNumber, frenchTypography as ft } from '~/domain/format'
import { formatKpi, FORMULAS, kpiAchievements, kpiActual, LEVEL_LABELS, type KpiValue } from '~/domain/kpi'
import { FOUR_E, mixItems, type MixValue } from '~/domain/mix'
import { mediaSummary, type PersonaValue } from '~/domain/persona'
import { planRows, type RetroValue } from '~/domain/retroplanning'
import type { RichTextDoc, RichTextMark, RichTextNode } from '~/domain/rich-text'
import { checkObjective, QUALITY_LABELS, type SmartValue } from '~/domain/smart'
import { ganttImage, kpiChartImages, type ChartImage } from './charts.server'
import type { DossierExport } from './model.server'

/**
 * Word export: walks a dossier's template and content, so every template
 * exports with no code of its own. Cover page, table of contents (internal
 * links to bookmarked headings, which Word and LibreOffice both follow
 * without a field update), the sections (rich text converted node by node,
 * structured fields as styled tables, charts as images with alt text), and
 * the self-assessment grid as an appendix.
 */
export type DocxOptions = {
  /** Only this section (a per-section export: no table of contents, no appendix). */
  sectionId?: string
  /** Called after each section, for progress. */
  onProgress?: (done: number, total: number) => void
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5] as const
const heading = (level: number) => HEADINGS[Math.min(level, HEADINGS.length) - 1]!
const PRIMARY = '1F3A8A'
const SOFT = 'E6EBF7'
/** Text width of an A4 page with 2.5 cm margins, in twips. */
const TEXT_WIDTH = 9070
const MAX_IMAGE_WIDTH = 600 // px at 96 dpi: the text width of an A4 page with 2.5 cm margins

/** Lets other requests run between two sections of a long export. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

type Ctx = {
  /** Level of the section headings (1 for one dossier, 2 inside a rapport). */
  base: number
  /** Ordered lists each restart their numbering: one instance per list. */
  listInstance: number
  model: DossierExport
  bookmarks: number
}

/* ---------------- Text helpers ---------------- */

const run = (text: string, options: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}) => new TextRun({ text, ...options })
const para = (text: string, options: { bold?: boolean; italics?: boolean; color?: string } = {}) => new Paragraph({ children: [run(text, options)] })
const labelled = (label: string, value: string) => new Paragraph({ children: [run(`${label} : `, { bold: true }), run(value || '—')] })

function headingWithBookmark(ctx: Ctx, level: number, text: string): { paragraph: Paragraph; anchor: string } {
  const anchor = `titre-${++ctx.bookmarks}`
  return { paragraph: new Paragraph({ heading: heading(level), children: [new Bookmark({ id: anchor, children: [run(text)] })] }), anchor }
}

function cell(text: string | Paragraph[], options: { header?: boolean; fill?: string; align?: 'right' } = {}): TableCell {
  const children =
    typeof text === 'string'
      ? text.split('\n').map((line) => new Paragraph({ alignment: options.align === 'right' ? AlignmentType.RIGHT : undefined, children: [run(line, { bold: options.header })] }))
      : text
  return new TableCell({
    children: children.length ? children : [new Paragraph('')],
    shading: options.fill ?? (options.header ? SOFT : undefined) ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill ?? SOFT } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  })
}

/** A table with a repeated, shaded header row. `right` marks numeric columns. */
function table(headers: string[], rows: (string | { text: string; fill?: string })[][], right: boolean[] = []): Table {
  // Column widths follow the longest word and the length of the content, so that short columns stay narrow.
  const weights = headers.map((h, i) => {
    const texts = [h, ...rows.map((r) => (typeof r[i] === 'string' ? (r[i] as string) : (r[i] as { text: string }).text))]
    const longestWord = Math.max(...texts.flatMap((t) => t.split(/\s+/).map((w) => w.length)))
    const longest = Math.max(...texts.map((t) => t.length))
    return Math.min(Math.max(longestWord + 2, Math.sqrt(longest) * 2.5, 6), 40)
  })
  const total = weights.reduce((a, b) => a + b, 0)
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: weights.map((w) => Math.round((TEXT_WIDTH * w) / total)),
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, { header: true, align: right[i] ? 'right' : undefined })) }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: r.map((c, i) => (typeof c === 'string' ? cell(c, { align: right[i] ? 'right' : undefined }) : cell(c.text, { fill: c.fill, align: right[i] ? 'right' : undefined }))),
          }),
      ),
    ],
  })
}

const LEVEL_FILLS = { vert: 'E3F3E8', orange: 'FFF0D9', rouge: 'FBE9E9' } as const

/* ---------------- Images ---------------- */

type ImageType = 'png' | 'jpg' | 'gif'
const MIME_TO_TYPE: Record<string, ImageType> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' }

function imageParagraph(data: Buffer, type: ImageType, alt: string, size?: { width: number; height: number }): Paragraph {
  const dims = size ?? imageSize(new Uint8Array(data))
  const scale = Math.min(1, MAX_IMAGE_WIDTH / (dims.width || MAX_IMAGE_WIDTH))
  return new Paragraph({
    children: [
      new ImageRun({
        type,
        data,
        transformation: { width: Math.round((dims.width || MAX_IMAGE_WIDTH) * scale), height: Math.round((dims.height || 300) * scale) },
        altText: { name: alt.slice(0, 100), description: alt, title: alt.slice(0, 100) },
      }),
    ],
  })
}

/** An uploaded image (`/fichiers/<id>`) of this dossier, or a text stand-in (unknown file, WebP that Word cannot show). */
function uploadedImage(src: string, alt: string, model: DossierExport): Paragraph {
  const image = model.images.get(src)
  const type = image ? MIME_TO_TYPE[image.mime] : undefined
  if (!image || !type) return para(`[Image : ${alt || 'sans texte alternatif'}]`, { italics: true })
  return imageParagraph(Buffer.from(image.data), type, alt)
}

const chartParagraphs = (images: ChartImage[]): FileChild[] =>
  images.flatMap((img) => [imageParagraph(img.png, 'png', img.alt, { width: img.width, height: img.height }), para(img.alt, { italics: true, color: '4A5162' })])

/* ---------------- Rich text ---------------- */

function inlines(nodes: RichTextNode[] | undefined): ParagraphChild[] {
  const out: ParagraphChild[] = []
  for (const n of nodes ?? []) {
    if (n.type === 'hardBreak') {
      out.push(new TextRun({ text: '', break: 1 }))
      continue
    }
    if (n.type !== 'text') continue
    const marks = new Set((n.marks ?? []).map((m) => m.type))
    const link = (n.marks ?? []).find((m): m is RichTextMark => m.type === 'link')
    const textRun = new TextRun({
      text: n.text ?? '',
      bold: marks.has('bold') || undefined,
      italics: marks.has('italic') || undefined,
      underline: marks.has('underline') || link ? {} : undefined,
      strike: marks.has('strike') || undefined,
      color: link ? PRIMARY : undefined,
    })
    const href = typeof link?.attrs?.href === 'string' ? link.attrs.href : null
    out.push(href ? new ExternalHyperlink({ link: href, children: [textRun] }) : textRun)
  }
  return out
}

function richBlocks(nodes: RichTextNode[] | undefined, ctx: Ctx, list?: { ordered: boolean; level: number; instance: number }): FileChild[] {
  const out: FileChild[] = []
  for (const n of nodes ?? []) {
    switch (n.type) {
      case 'paragraph':
        out.push(
          new Paragraph({
            children: inlines(n.content),
            ...(list ? (list.ordered ? { numbering: { reference: 'ordered', level: list.level, instance: list.instance } } : { bullet: { level: list.level } }) : {}),
          }),
        )
        break
      case 'heading': {
        const level = Number(n.attrs?.level ?? 3)
        // Content headings start at h3 in the editor: they sit right under the section heading.
        out.push(new Paragraph({ heading: heading(ctx.base + Math.max(1, level - 2)), children: inlines(n.content) }))
        break
      }
      case 'bulletList':
      case 'orderedList': {
        const ordered = n.type === 'orderedList'
        const instance = ordered ? ++ctx.listInstance : 0
        const level = list ? list.level + 1 : 0
        for (const item of n.content ?? []) out.push(...richBlocks(item.content, ctx, { ordered, level: Math.min(level, 4), instance }))
        break
      }
      case 'listItem':
        out.push(...richBlocks(n.content, ctx, list))
        break
      case 'blockquote':
        for (const child of n.content ?? []) {
          out.push(new Paragraph({ style: 'Citation', children: inlines(child.content) }))
        }
        break
      case 'horizontalRule':
        out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '9A968A', space: 1 } }, children: [] }))
        break
      case 'image':
        out.push(uploadedImage(String(n.attrs?.src ?? ''), String(n.attrs?.alt ?? ''), ctx.model))
        break
      case 'table': {
        const rows = (n.content ?? []).map(
          (row) =>
            new TableRow({
              tableHeader: (row.content ?? []).every((c) => c.type === 'tableHeader') || undefined,
              children: (row.content ?? []).map((c) => {
                const blocks = richBlocks(c.content, ctx).filter((b): b is Paragraph => b instanceof Paragraph)
                return cell(blocks, { header: c.type === 'tableHeader' })
              }),
            }),
        )
        if (rows.length) out.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }), new Paragraph(''))
        break
      }
      default:
        break
    }
  }
  return out
}

/* ---------------- Field kinds ---------------- */

function fieldBlocks(section: Section, value: FieldValue, ctx: Ctx): FileChild[] {
  const field = section.field
  const level = ctx.base + 1
  if (measure(field, value).empty) return [para('(Section non remplie)', { italics: true, color: '4A5162' })]
  switch (field.kind) {
    case 'richText': {
      return richBlocks((value as RichTextDoc).content, ctx)
    }
    case 'table': {
      const rows = (value as TableValue).rows
      return [
        table(
          field.columns.map((c) => c.label),
          rows.map((r) => field.columns.map((c) => cellText(c.type, r.cells[c.id]))),
          field.columns.map((c) => c.type === 'number' || c.type === 'money' || c.type === 'percent'),
        ),
      ]
    }
    case 'checklist': {
      const checked = (value as ChecklistValue).checked
      return field.items.map((i) => para(`${checked[i.id] ? '☑' : '☐'} ${i.label}`))
    }
    case 'sources': {
      const rows = (value as SourcesValue).rows
      return [table(['Source', 'Origine', 'Type', 'Adresse', 'Apport'], rows.map((r) => [r.title || '—', r.origin || '—', r.type || '—', r.url || '—', r.note || '—']))]
    }
    case 'persona':
      return (value as PersonaValue).personas.flatMap((p, i) => {
        return [
          new Paragraph({ heading: heading(level), children: [run(`Persona ${i + 1} : ${p.firstName || 'sans prénom'}`)] }),
          ...(p.avatar ? [uploadedImage(p.avatar.src, p.avatar.alt, ctx.model)] : []),
          ...(p.quote.trim() ? [para(`« ${p.quote.trim()} »`, { italics: true })] : []),
          table(
            ['Profil', 'Description'],
            [
              ['Âge', p.age === null ? '—' : `${p.age} ans`],
              ['Localisation géographique', p.location],
              ['CSP', p.csp],
              ['Situation familiale', p.family],
              ['Goûts et centres d’intérêt', p.tastes],
              ['Habitudes de consommation', p.habits],
              ['Comportement vis-à-vis des marques', p.brands],
              ['Consommation médiatique', mediaSummary(p)],
              ['Besoins et motivations', p.needs],
              ['Freins et frustrations', p.frustrations],
              ['Inclusion, diversité, accessibilité', p.inclusion],
            ].map(([k, v]) => [k!, v || '—']),
          ),
          new Paragraph(''),
        ]
      })
    case 'smart': {
      const objectives = (value as SmartValue).objectives
      return [
        table(
          ['Objectif', 'Type', 'Indicateur', 'Départ → cible', 'Échéance', 'Responsable', 'À revoir'],
          objectives.map((o) => {
            const failing = checkObjective(o, objectives).filter((c) => !c.ok)
            const target = o.target === null || o.target === undefined ? '—' : `${formatNumber(o.target)} ${o.unit ?? ''}`.trim()
            const baseline = o.baseline === null || o.baseline === undefined ? '—' : formatNumber(o.baseline)
            return [
              o.label || '—',
              o.kind === 'global' ? 'Global' : 'Intermédiaire',
              o.indicator || '—',
              `${baseline} → ${target}`,
              o.deadline ? formatDate(o.deadline) : '—',
              o.owner || '—',
              failing.length ? failing.map((c) => `${QUALITY_LABELS[c.quality]} : ${c.problems.join(', ')}`).join('\n') : 'SMART',
            ]
          }),
        ),
      ]
    }
    case 'mix': {
      const mix = value as MixValue
      const labels = new Map(mixItems(field, mix).map((i) => [i.id, i.label]))
      const pRows = [
        ...field.fourP.flatMap((p) => p.parts.map((part) => [p.label, part.label, mix.p[p.id]?.[part.id]?.trim() || '—'])),
        ...mix.extensions.map((x) => [labels.get(x.id) ?? x.id, 'Extension', [x.content.trim() || '—', x.context.trim() ? `Contexte : ${x.context.trim()}` : ''].filter(Boolean).join('\n')]),
      ]
      const eRows = FOUR_E.map(({ id, label }) => {
        const e = mix.e[id]
        return [label, e?.proposal || '—', e?.illustration || '—', e?.personalisation || '—', e?.links.length ? e.links.map((l) => labels.get(l) ?? l).join(', ') : '—']
      })
      return [
        new Paragraph({ heading: heading(level), children: [run(`Les ${4 + mix.extensions.length}P`)] }),
        table(['P', 'Sous-partie', 'Contenu'], pRows),
        new Paragraph({ heading: heading(level), children: [run('La transformation en 4E')] }),
        table(['E', 'Proposition', 'Illustration', 'Sur-mesure', 'P transformés'], eRows),
      ]
    }
    case 'retroplanning': {
      const plan = value as RetroValue
      const today = todayInFrance()
      const { rows, problems } = planRows(plan, field.alerts, today)
      const gantt = ganttImage(rows, plan.deadline, today, field.tracking)
      const headers = ['Tâche', field.groupLabel, 'Responsable', 'Durée', 'Début au plus tard', 'Fin au plus tard', ...(field.tracking ? ['Début réel', 'Fin réelle', 'Écart', 'Alerte'] : [])]
      const date = (d: string | null | undefined) => (d ? formatDate(d) : '—')
      return [
        labelled('Date finale', date(plan.deadline)),
        ...(plan.projectStart ? [labelled('Début du projet', date(plan.projectStart))] : []),
        ...(gantt ? chartParagraphs([gantt]) : []),
        table(
              headers,
              rows.map(({ task, slot, variance, level: alert }) => [
                task.name || '—',
                task.group || '—',
                task.owner || '—',
                task.duration ? `${task.duration} j` : '—',
                date(slot?.latestStart),
                date(slot?.latestFinish),
                ...(field.tracking
                  ? [date(task.actualStart), date(task.actualFinish), variance === null ? '—' : `${variance > 0 ? '+' : ''}${variance} j`, alert ? { text: LEVEL_LABELS[alert], fill: LEVEL_FILLS[alert] } : '—']
                  : []),
              ]),
            ),
        ...problems.map((p) => para(p.message, { italics: true, color: 'A11A1A' })),
      ]
    }
    case 'kpi': {
      const kpi = value as KpiValue
      const rows = kpi.rows.filter((r) => r.name.trim())
      const achievements = kpiAchievements(kpi, field.thresholds)
      return [
        table(
          ['Indicateur', 'Période', 'Calcul', 'Objectif SMART', 'Cible', 'Réel', 'Atteinte', 'Alerte'],
          rows.map((r, i) => {
            const f = FORMULAS[r.formula]
            const a = achievements[i]!
            return [
              r.name,
              r.period || '—',
              f.label,
              (r.objectiveId && ctx.model.objectives.get(r.objectiveId)) || '—',
              formatKpi(r.target, f.unit),
              a.level ? { text: formatKpi(kpiActual(r), f.unit), fill: LEVEL_FILLS[a.level] } : formatKpi(kpiActual(r), f.unit),
              a.rate === null ? '—' : `${formatNumber(a.rate)}\u00a0%`,
              a.level ? { text: LEVEL_LABELS[a.level], fill: LEVEL_FILLS[a.level] } : '—',
            ]
          }),
          [false, false, false, false, true, true, true, false],
        ),
        ...chartParagraphs(kpiChartImages(kpi, field.thresholds)),
      ]
    }
  }
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
    new Paragraph({ spacing: { before: 360 }, children: [run('Compétences couvertes', { bold: true })] }),
    ...competencies.map((c) => new Paragraph({ bullet: { level: 0 }, children: [run(`${c.id} — `, { bold: true }), run(c.text)] })),
    new Paragraph({ children: [new PageBreak()] }),
  ]
}

function selfAssessmentAppendix(models: DossierExport[], ctx: Ctx): { blocks: FileChild[]; anchor: string; title: string } {
  const title = 'Annexe — Grille d’auto-évaluation'
  const { paragraph, anchor } = headingWithBookmark(ctx, 1, title)
  const blocks: FileChild[] = [new Paragraph({ children: [new PageBreak()] }), paragraph]
  for (const model of models) {
    if (models.length > 1) blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [run(ft(model.title))] }))
    for (const c of model.selfAssessment) {
      blocks.push(new Paragraph({ heading: models.length > 1 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_2, children: [run(`${c.competencyId} — ${c.heading}`)] }))
      blocks.push(
        table(
          ['Critère', 'Intitulé', 'Statut', 'Justification'],
          c.criteria.map((k) => [k.id, k.text, { text: k.statusLabel, fill: k.status === 'achieved' ? LEVEL_FILLS.vert : k.status === 'in_progress' ? LEVEL_FILLS.orange : undefined }, k.justification || '—']),
        ),
      )
    }
  }
  return { blocks, anchor, title }
}

/**
 * One or several dossiers as one Word document. With several (the rapport de
 * compétences), each dossier is a chapter and the table of contents covers them all.
 */
export async function dossiersToDocx(models: DossierExport[], title: string, subtitle: string, options: DocxOptions = {}): Promise<Buffer> {
  if (models.length === 0) throw new Error('Nothing to export')
  const ctx: Ctx = { base: models.length > 1 ? 2 : 1, listInstance: 0, model: models[0]!, bookmarks: 0 }
  const toc: { level: number; text: string; anchor: string }[] = []
  const body: FileChild[] = []
  const total = models.reduce((n, m) => n + m.sections.filter((s) => !options.sectionId || s.section.id === options.sectionId).length, 0)
  let done = 0

  for (const model of models) {
    ctx.model = model
    if (models.length > 1) {
      const h = headingWithBookmark(ctx, 1, ft(model.title))
      body.push(...(body.length ? [new Paragraph({ children: [new PageBreak()] })] : []), h.paragraph)
      toc.push({ level: 1, text: ft(model.title), anchor: h.anchor })
    }
    for (const { section, value } of model.sections) {
      if (options.sectionId && section.id !== options.sectionId) continue
      const h = headingWithBookmark(ctx, ctx.base, ft(section.title))
      body.push(h.paragraph, ...fieldBlocks(section, value, ctx))
      toc.push({ level: ctx.base, text: ft(section.title), anchor: h.anchor })
      options.onProgress?.(++done, total)
      await yieldToEventLoop()
    }
  }

  const competencies = [...new Map(models.flatMap((m) => m.competencies).map((c) => [c.id, c])).values()]
  const children: FileChild[] = [...cover(title, subtitle, models[0]!, competencies)]
  if (!options.sectionId) {
    const appendix = selfAssessmentAppendix(models, ctx)
    toc.push({ level: 1, text: appendix.title, anchor: appendix.anchor })
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run('Sommaire')] }),
      ...toc.map((t) => new Paragraph({ indent: { left: (t.level - 1) * 360 }, children: [new InternalHyperlink({ anchor: t.anchor, children: [run(t.text, { color: PRIMARY })] })] })),
      new Paragraph({ children: [new PageBreak()] }),
      ...body,
      ...appendix.blocks,
    )
  } else {
    children.push(...body)
  }

  const doc = new Document({
    creator: 'Atelier',
    title,
    description: subtitle,
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22, language: { value: 'fr-FR' } }, paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } } },
        title: { run: { size: 52, bold: true, color: PRIMARY } },
        heading1: { run: { size: 36, bold: true, color: PRIMARY }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true } },
        heading2: { run: { size: 28, bold: true, color: PRIMARY }, paragraph: { spacing: { before: 280, after: 120 }, keepNext: true } },
        heading3: { run: { size: 24, bold: true }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true } },
        heading4: { run: { size: 22, bold: true, italics: true }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
      },
      paragraphStyles: [{ id: 'Citation', name: 'Citation', basedOn: 'Normal', run: { italics: true, color: '4A5162' }, paragraph: { indent: { left: 567 } } }],
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
    sections: [
      {
        properties: { page: { margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [`${ft(title)} — page `, PageNumber.CURRENT, ' sur ', PageNumber.TOTAL_PAGES], size: 18, color: '4A5162' })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
  return Packer.toBuffer(doc)
}

/** The Word file name of an export, without characters file systems refuse. */
export function exportFileName(title: string, extension: 'docx' | 'xlsx'): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
  return `${base || 'dossier'}.${extension}`
}
