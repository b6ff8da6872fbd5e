import JSZip from 'jszip'
import PptxGenJS from 'pptxgenjs'
import { frenchTypography as ft } from '~/domain/format'

/**
 * PowerPoint export of a talk (an oral's support): a title slide, then one
 * slide per part with its key message, its visuals (PNG images drawn from the
 * same data as the screen), who speaks and for how long, and the speaker
 * notes in the notes pane. 16:9, French, the app's sober colours.
 *
 * Generic: the caller turns its own data into a `TalkDeck`; nothing here
 * knows the schema of the field kind that holds the talk.
 */
export type TalkImage = {
  /** PNG bytes (a Buffer is one; across the worker boundary it arrives as a plain Uint8Array), or JPEG/GIF bytes with their `mime`. */
  png: Uint8Array
  mime?: 'image/png' | 'image/jpeg' | 'image/gif'
  alt: string
  /** Natural size, in points: its proportions are kept, and it is never drawn much larger. */
  width: number
  height: number
}
export type TalkSlide = {
  title: string
  message: string
  minutes: number | null
  speakers: string[]
  notes: string
  images: TalkImage[]
}
export type TalkDeck = {
  title: string
  evaluationTitle: string
  /** The candidate, or a group's members joined. */
  candidate: string
  slides: TalkSlide[]
}

// The app's palette (app/styles/app.css) and a font every PowerPoint, Keynote and LibreOffice has or maps.
const PRIMARY = '1F3A8A'
const PRIMARY_SOFT = 'E6EBF7'
const INK = '1B1F2A'
const SOFT = '4A5162'
const LINE = 'D9D6CC'
const FONT = 'Arial'
const LANG = 'fr-FR'

// LAYOUT_WIDE: 13.333 × 7.5 inches.
const W = 13.333
const H = 7.5
const MARGIN = 0.7
const FOOTER_Y = 6.85
const BODY_BOTTOM = 6.45

/** « 12 min », « 1 h 05 », « 2,5 min »: a duration in minutes. */
export function formatMinutes(minutes: number): string {
  if (minutes >= 60) {
    const h = Math.floor(minutes / 60)
    const m = Math.round(minutes - h * 60)
    return m ? `${h}\u00a0h\u00a0${String(m).padStart(2, '0')}` : `${h}\u00a0h`
  }
  return `${minutes.toLocaleString('fr-FR', { maximumFractionDigits: 1 })}\u00a0min`
}

const timed = (minutes: number | null): minutes is number => minutes !== null && Number.isFinite(minutes) && minutes >= 0

/** The talk's total time, or null when no part has one. */
export function totalMinutes(slides: TalkSlide[]): number | null {
  const times = slides.map((s) => s.minutes).filter(timed)
  return times.length ? times.reduce((sum, m) => sum + m, 0) : null
}

/** « Camille », « Camille et Léo », « Camille, Léo et Inès ». */
export function joinNames(names: string[]): string {
  const list = names.map((n) => n.trim()).filter(Boolean)
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} et ${list[list.length - 1]}`
}

/** Text as the file may hold it: no control characters (invalid in XML), French typography, trimmed. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return ft(text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')).trim()
}

/**
 * Width of a character in ems, as DejaVu Sans draws it (the widest of the
 * usual sans fonts: what fits with it fits with Arial, Calibri or Helvetica).
 */
function em(c: string): number {
  if (" .,;:!’'|".includes(c) || c === '\u00a0' || c === '\u202f') return 0.32
  if ('iljtfr()[]-'.includes(c)) return 0.38
  if ('mwMW—…%'.includes(c)) return 0.98
  if (c >= 'A' && c <= 'Z') return 0.72
  if (/\p{Lu}/u.test(c)) return 0.72
  return 0.62
}

/** How many lines `text` takes in a box `w` inches wide at `size` points (greedy word wrap). */
export function lineCount(text: string, w: number, size: number, bold = false): number {
  const room = (w * 72) / (size * (bold ? 1.08 : 1))
  let lines = 0
  for (const paragraph of text.split('\n')) {
    lines++
    let line = 0
    for (const word of paragraph.split(' ')) {
      const width = [...word].reduce((sum, c) => sum + em(c), 0)
      const next = line === 0 ? width : line + em(' ') + width
      if (next <= room) {
        line = next
        continue
      }
      if (line > 0) lines++
      // A word longer than the line is broken anywhere.
      const extra = Math.max(0, Math.ceil(width / room) - 1)
      lines += extra
      line = width - extra * room
    }
  }
  return lines
}

/**
 * The largest size of `sizes` at which `text` fits a box of w × h inches,
 * the smallest otherwise (with PowerPoint's shrink-on-overflow as a last resort).
 */
function fitSize(text: string, w: number, h: number, sizes: number[], lineHeight = 1.2, bold = false): number {
  for (const size of sizes) if (lineCount(text, w, size, bold) * size * lineHeight <= h * 72) return size
  return sizes[sizes.length - 1]!
}

/** Width / height of a PNG from its header, or of the declared size when the bytes are not a PNG. */
function proportions(image: TalkImage): number {
  const b = image.png
  const isPng = b.length > 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47
  if (isPng) {
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
    const w = view.getUint32(16)
    const h = view.getUint32(20)
    if (w > 0 && h > 0) return w / h
  }
  return image.width > 0 && image.height > 0 ? image.width / image.height : 4 / 3
}

type Box = { x: number; y: number; w: number; h: number }

/**
 * The images laid out in a box: the grid (columns × rows) that shows them
 * largest, each fitted to its cell without distortion and centred in it.
 * An image is never drawn much larger than its natural size (in points).
 */
function layoutImages(images: TalkImage[], box: Box, gap = 0.25): Box[] {
  const n = images.length
  let best: { area: number; boxes: Box[] } = { area: -1, boxes: [] }
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols)
    const cw = (box.w - gap * (cols - 1)) / cols
    const ch = (box.h - gap * (rows - 1)) / rows
    const boxes = images.map((image, i) => {
      const ratio = proportions(image)
      // Up to 1.4 × its natural size: larger, a chart's text would look coarse.
      const maxW = image.width > 0 ? (image.width / 72) * 1.4 : cw
      let w = Math.min(cw, ch * ratio, maxW)
      let h = w / ratio
      if (h > ch) [h, w] = [ch, ch * ratio]
      const row = Math.floor(i / cols)
      // The last row, if shorter, is centred.
      const inRow = row === rows - 1 ? n - cols * (rows - 1) : cols
      const col = i % cols
      const rowWidth = inRow * cw + (inRow - 1) * gap
      const x0 = box.x + (box.w - rowWidth) / 2
      const gridH = rows * ch + (rows - 1) * gap
      const y0 = box.y + (box.h - gridH) / 2
      return { x: x0 + col * (cw + gap) + (cw - w) / 2, y: y0 + row * (ch + gap) + (ch - h) / 2, w, h }
    })
    const area = boxes.reduce((a, b) => a + b.w * b.h, 0)
    if (area > best.area + 1e-9) best = { area, boxes }
  }
  return best.boxes
}

const text = (size: number, color: string, extra: PptxGenJS.TextPropsOptions = {}): PptxGenJS.TextPropsOptions => ({
  fontFace: FONT,
  fontSize: size,
  color,
  lang: LANG,
  margin: 0,
  valign: 'top',
  ...extra,
})

function titleSlide(pres: PptxGenJS, deck: TalkDeck) {
  const slide = pres.addSlide()
  slide.background = { color: 'FFFFFF' }
  slide.addShape(pres.ShapeType.rect, { x: 0, y: 0, w: 0.32, h: H, fill: { color: PRIMARY }, line: { type: 'none' } })
  const x = 1.2
  const w = W - x - 1.2
  // Each line as tall as its text; the whole block centred a little above the middle.
  const blocks: { text: string; size: number; color: string; bold?: boolean; gapAfter: number; maxH: number; rule?: boolean }[] = []
  const evaluation = clean(deck.evaluationTitle)
  if (evaluation) blocks.push({ text: evaluation, size: fitSize(evaluation, w, 0.8, [20, 18, 16, 14]), color: SOFT, gapAfter: 0.2, maxH: 0.8 })
  const title = clean(deck.title) || 'Présentation orale'
  blocks.push({
    text: title,
    size: fitSize(title, w, 2.4, [44, 40, 36, 32, 28, 24], 1.15, true),
    color: PRIMARY,
    bold: true,
    gapAfter: 0.35,
    maxH: 2.4,
    rule: true,
  })
  const candidate = clean(deck.candidate)
  if (candidate) blocks.push({ text: candidate, size: fitSize(candidate, w, 0.9, [24, 22, 20, 18, 16]), color: INK, gapAfter: 0.25, maxH: 0.9 })
  const total = totalMinutes(deck.slides)
  const parts = deck.slides.length
  const facts = [total !== null ? `Durée\u00a0: ${formatMinutes(total)}` : '', parts ? `${parts}\u00a0partie${parts > 1 ? 's' : ''}` : '']
    .filter(Boolean)
    .join('   ·   ')
  if (facts) blocks.push({ text: facts, size: 16, color: SOFT, gapAfter: 0, maxH: 0.5 })
  const RULE = 0.07 + 0.35
  const heights = blocks.map((b) => Math.min(b.maxH, (lineCount(b.text, w, b.size, b.bold) * b.size * 1.15) / 72))
  const height = heights.reduce((sum, h, i) => sum + h + blocks[i]!.gapAfter + (blocks[i]!.rule ? RULE : 0), 0)
  let y = Math.max(0.5, (H - height) / 2 - 0.25)
  blocks.forEach((b, i) => {
    slide.addText(b.text, {
      x,
      y,
      w,
      h: heights[i]!,
      ...text(b.size, b.color, { bold: b.bold ?? false, lineSpacingMultiple: b.bold ? 0.95 : 1 }),
    })
    y += heights[i]! + b.gapAfter
    if (b.rule) {
      slide.addShape(pres.ShapeType.rect, { x, y, w: 1.4, h: 0.07, fill: { color: PRIMARY }, line: { type: 'none' } })
      y += RULE
    }
  })
  // The plan, for the speaker.
  const plan = deck.slides.map((s, i) => `${i + 1}. ${clean(s.title) || `Partie ${i + 1}`}${timed(s.minutes) ? ` (${formatMinutes(s.minutes)})` : ''}`)
  if (plan.length) slide.addNotes(`Plan\u00a0:\n${plan.join('\n')}`)
}

function partSlide(pres: PptxGenJS, deck: TalkDeck, part: TalkSlide, index: number) {
  const slide = pres.addSlide()
  slide.background = { color: 'FFFFFF' }
  slide.addShape(pres.ShapeType.rect, { x: 0, y: 0, w: 0.16, h: H, fill: { color: PRIMARY }, line: { type: 'none' } })
  const width = W - 2 * MARGIN
  slide.addText(`Partie ${index + 1} sur ${deck.slides.length}`.toUpperCase(), {
    x: MARGIN,
    y: 0.45,
    w: width,
    h: 0.3,
    ...text(12, SOFT, { bold: true, charSpacing: 1 }),
  })
  const title = clean(part.title) || `Partie ${index + 1}`
  const titleSize = fitSize(title, width, 1.05, [30, 26, 22, 20], 1.2, true)
  const titleH = Math.min(1.05, (lineCount(title, width, titleSize, true) * titleSize * 1.2) / 72)
  slide.addText(title, { x: MARGIN, y: 0.8, w: width, h: titleH, ...text(titleSize, PRIMARY, { bold: true }) })
  const ruleY = 0.8 + titleH + 0.2
  slide.addShape(pres.ShapeType.rect, { x: MARGIN, y: ruleY, w: 0.9, h: 0.05, fill: { color: PRIMARY }, line: { type: 'none' } })

  const message = clean(part.message)
  const images = part.images.filter((i) => i.png.length > 0)
  const bodyTop = ruleY + 0.35
  const bodyH = BODY_BOTTOM - bodyTop
  let imageBox: Box | null = images.length ? { x: MARGIN, y: bodyTop, w: width, h: bodyH } : null
  if (message) {
    // Beside the images, the message takes a column; alone, the whole width, large. The box is as tall as its text.
    const w = imageBox ? 4.4 : width
    const padX = 0.4
    const padY = 0.35
    const sizes = imageBox ? [24, 22, 20, 18, 16, 14, 12] : [36, 32, 28, 26, 24, 22, 20, 18, 16, 14, 12]
    const size = fitSize(message, w - padX * 2 - 0.1, bodyH - padY * 2, sizes, 1.3)
    const textH = Math.min(bodyH - padY * 2, (lineCount(message, w - padX * 2 - 0.1, size) * size * 1.3) / 72)
    const h = Math.max(imageBox ? 1.4 : 1.6, textH + padY * 2)
    const box = { x: MARGIN, y: bodyTop + (bodyH - h) / 2, w, h }
    if (imageBox) imageBox = { x: MARGIN + w + 0.45, y: bodyTop, w: width - w - 0.45, h: bodyH }
    slide.addShape(pres.ShapeType.rect, { ...box, fill: { color: PRIMARY_SOFT }, line: { type: 'none' } })
    slide.addShape(pres.ShapeType.rect, { x: box.x, y: box.y, w: 0.08, h: box.h, fill: { color: PRIMARY }, line: { type: 'none' } })
    slide.addText(message, {
      x: box.x + padX,
      y: box.y + padY / 2,
      w: box.w - padX * 2 + 0.1,
      h: box.h - padY,
      ...text(size, INK, { valign: 'middle', lineSpacingMultiple: 1.1, fit: 'shrink' }),
    })
  }
  if (imageBox)
    layoutImages(images, imageBox).forEach((b, i) => {
      const image = images[i]!
      const png = Buffer.from(image.png.buffer, image.png.byteOffset, image.png.byteLength)
      slide.addImage({ data: `${image.mime ?? 'image/png'};base64,${png.toString('base64')}`, ...b, altText: clean(image.alt) || `Visuel ${i + 1}` })
    })

  // Footer: who speaks, for how long, and where we are.
  slide.addShape(pres.ShapeType.line, { x: MARGIN, y: FOOTER_Y - 0.12, w: width, h: 0, line: { color: LINE, width: 0.75 } })
  const speakers = joinNames(part.speakers.map(clean))
  // Who speaks (or, when the part names no one, the candidate), on one line.
  const left = speakers ? `Prise de parole\u00a0: ${speakers}` : clean(deck.candidate)
  if (left)
    slide.addText(left, {
      x: MARGIN,
      y: FOOTER_Y,
      w: width - 3,
      h: 0.35,
      ...text(fitSize(left, width - 3, 0.3, [12, 11, 10, 9, 8]), SOFT, { valign: 'middle' }),
    })
  const right = [timed(part.minutes) ? formatMinutes(part.minutes) : '', `${index + 2}\u00a0/\u00a0${deck.slides.length + 1}`].filter(Boolean).join('   ·   ')
  slide.addText(right, { x: W - MARGIN - 3, y: FOOTER_Y, w: 3, h: 0.35, ...text(12, SOFT, { align: 'right', valign: 'middle' }) })

  const notes = clean(part.notes)
  if (notes) slide.addNotes(notes)
}

/**
 * French throughout (pptxgenjs writes en-US where it takes no option, e.g.
 * in the notes), and notes as real paragraphs (pptxgenjs keeps their line
 * breaks inside one run). Compressed: with an `outputType`, pptxgenjs 4.0.1
 * ignores its own `compression` option and stores every file as it is.
 */
async function finish(bytes: Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes)
  const parts = Object.values(zip.files).filter((f) => !f.dir && f.name.endsWith('.xml'))
  const texts = await Promise.all(parts.map((f) => f.async('string')))
  parts.forEach((file, i) => {
    let xml = texts[i]!.replace(/ altLang="en-US"/g, '').replace(/lang="en-US"/g, `lang="${LANG}"`)
    if (file.name.startsWith('ppt/notesSlides/'))
      xml = xml.replace(
        /<a:p><a:r><a:rPr lang="fr-FR" dirty="0"\/><a:t>([\s\S]*?)<\/a:t><\/a:r><a:endParaRPr lang="fr-FR" dirty="0"\/><\/a:p>/,
        (_, body: string) =>
          body
            .split(/\r?\n/)
            .map((p) => (p ? `<a:p><a:r><a:rPr lang="${LANG}" dirty="0"/><a:t>${p}</a:t></a:r></a:p>` : `<a:p><a:endParaRPr lang="${LANG}" dirty="0"/></a:p>`))
            .join(''),
      )
    if (xml !== texts[i]) zip.file(file.name, xml)
  })
  // Charts' PNGs (resvg encodes them fast, not small) lose a fifth more.
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } })
}

/** The talk as a .pptx file. */
export async function talkToPptx(deck: TalkDeck): Promise<Buffer> {
  const pres = new PptxGenJS()
  pres.layout = 'LAYOUT_WIDE'
  pres.title = clean(deck.title)
  pres.subject = clean(deck.evaluationTitle)
  pres.author = clean(deck.candidate)
  pres.company = 'Atelier'
  pres.theme = { headFontFace: FONT, bodyFontFace: FONT }
  titleSlide(pres, deck)
  deck.slides.forEach((part, i) => partSlide(pres, deck, part, i))
  const bytes = (await pres.write({ outputType: 'uint8array', compression: false })) as Uint8Array
  return finish(bytes)
}
