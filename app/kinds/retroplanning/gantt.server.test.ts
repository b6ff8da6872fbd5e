import { Resvg } from '@resvg/resvg-js'
import { describe, expect, it } from 'vitest'
import { FONT, WIDTH } from '~/services/exports/charts.server'
import { fitText, FONT_SIZE, ganttImage, ganttSvg, LABEL_COLUMN, PAD, textWidth } from './gantt.server'
import { emptyTask, planRows } from './retroplanning'
import type { RetroplanningValue, RetroTask } from './schema'

/** Where a text of the chart really lands once drawn (the same fonts as the export's rasteriser). */
function inkOf(textElement: string, height = 100): { left: number; right: number } {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="${FONT}" font-size="${FONT_SIZE}">${textElement}</svg>`
  const box = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' } }).innerBBox()
  if (!box) throw new Error(`nothing drawn for ${textElement}`)
  return { left: box.x, right: box.x + box.width }
}
const texts = (svg: string) =>
  [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ element: m[0], x: Number(m[1]), y: Number(m[2]), content: m[3]! }))

const task = (id: string, name: string, duration: number, dependsOn: string[] = []): RetroTask => ({ ...emptyTask(id), name, owner: 'X', duration, dependsOn })
const LONG = 'MAQUETTES WEB & MOBILE — VALIDATION PAR LE CLIENT'

function chart(value: RetroplanningValue, today = '2027-01-04', tracking = false) {
  const { rows } = planRows(value, { orange: 1, rouge: 3 }, today)
  return { rows, drawn: ganttSvg(rows, value.deadline, today, tracking)! }
}

describe('text widths', () => {
  it('estimates the drawn width of French labels, never less than what is drawn', () => {
    for (const sample of ['Impression', 'Brief créatif', 'WWW MMM', 'illisible', '12/03/2027', 'mai 27', LONG, 'Œuvre « été » : 100 %']) {
      const { left, right } = inkOf(`<text x="0" y="20">${sample.replace(/&/g, '&amp;')}</text>`)
      const drawn = right - left
      expect(textWidth(sample)).toBeGreaterThanOrEqual(drawn)
      expect(textWidth(sample)).toBeLessThan(drawn * 1.15 + 4)
    }
  })

  it('shortens with « … » only what does not fit', () => {
    expect(fitText('Brief', 100)).toBe('Brief')
    const cut = fitText(LONG, 150)
    expect(cut.endsWith('…')).toBe(true)
    expect(LONG.startsWith(cut.slice(0, -1))).toBe(true)
    expect(textWidth(cut)).toBeLessThanOrEqual(150)
    // As long as fits: one more letter would not.
    expect(textWidth(`${LONG.slice(0, cut.length)}…`)).toBeGreaterThan(150)
  })
})

describe('Gantt image for Word', () => {
  it('keeps long task names inside the label column, shortened with « … »', () => {
    const value: RetroplanningValue = {
      deadline: '2027-05-14',
      projectStart: null,
      tasks: [task('tache-long01', LONG, 5), task('tache-court1', 'Impression', 2, ['tache-long01']), task('tache-wwwww1', 'W'.repeat(30), 1)],
    }
    const { drawn } = chart(value)
    const labels = texts(drawn.svg).filter((t) => t.x === PAD)
    expect(labels.map((l) => l.content)).toHaveLength(3)
    expect(labels[1]!.content).toBe('Impression')
    for (const label of labels) {
      const { left, right } = inkOf(label.element, drawn.height)
      expect(left).toBeGreaterThanOrEqual(0)
      expect(right).toBeLessThanOrEqual(LABEL_COLUMN - PAD)
    }
    expect(labels[0]!.content).toMatch(/^MAQUETTES WEB .*…$/)
    expect(labels[2]!.content).toMatch(/^W+…$/)
    // The text alternative keeps the whole names.
    expect(drawn.alt).toContain(`${LONG} du `)
  })

  it('keeps the last week label inside the image when its Monday is near the right edge', () => {
    // Due on Tuesday 4 May 2027, the work ends on Monday 3 May: the « 3 mai » tick falls on the last day of the axis.
    const value: RetroplanningValue = { deadline: '2027-05-04', projectStart: null, tasks: [task('tache-long01', 'Campagne', 40)] }
    const { drawn } = chart(value)
    const ticks = [...drawn.svg.matchAll(/<line x1="([\d.]+)"[^>]*stroke="#d9d6cc"\/>/g)].map((m) => Number(m[1]))
    const last = texts(drawn.svg).find((t) => t.content === '3 mai')!
    expect(last).toBeDefined()
    const ink = inkOf(last.element, drawn.height)
    // Written right of its line, as the other ticks are, it would be cut by the image's edge.
    expect(ticks.at(-1)! + 2 + (ink.right - ink.left)).toBeGreaterThan(WIDTH - PAD)
    expect(ink.right).toBeLessThanOrEqual(WIDTH)
    expect(ink.left).toBeGreaterThan(LABEL_COLUMN)
    // Every text of the chart is drawn inside the image, « Date finale » included.
    for (const t of texts(drawn.svg)) {
      const { left, right } = inkOf(t.element, drawn.height)
      expect(left).toBeGreaterThanOrEqual(0)
      expect(right).toBeLessThanOrEqual(WIDTH)
    }
    expect(texts(drawn.svg).map((t) => t.content)).toContain('Date finale')
  })

  it('leaves out a week label that would overlap the previous one, never its line', () => {
    // Fourteen Mondays from 29 March to 28 June: « 12 avr. » is wider than a week of the axis.
    const value: RetroplanningValue = { deadline: '2027-06-30', projectStart: null, tasks: [task('tache-long01', 'Campagne', 66)] }
    const { drawn } = chart(value)
    const labels = texts(drawn.svg).filter((t) => t.y === 12)
    const lines = [...drawn.svg.matchAll(/stroke="#d9d6cc"/g)]
    expect(labels.map((l) => l.content)).toContain('29 mars')
    expect(labels.every((l) => /^\d{1,2} \p{L}+\.?$/u.test(l.content))).toBe(true)
    expect(lines.length).toBeGreaterThan(labels.length)
    for (let i = 1; i < labels.length; i++) expect(labels[i]!.x).toBeGreaterThan(labels[i - 1]!.x + textWidth(labels[i - 1]!.content))
  })

  it('rasterises to a PNG at twice the size, with the plan as its text alternative', () => {
    const value: RetroplanningValue = { deadline: '2027-05-14', projectStart: null, tasks: [task('tache-impres', 'Impression', 2)] }
    const { rows } = planRows(value, { orange: 1, rouge: 3 }, '2027-01-04')
    const image = ganttImage(rows, value.deadline, '2027-01-04', false)!
    expect(image.png.subarray(1, 4).toString()).toBe('PNG')
    expect(image.width).toBe(WIDTH)
    expect(image.alt).toBe('Diagramme de Gantt jusqu’au 14/05/2027 : Impression du 13/05/2027 au 14/05/2027.')
    expect(ganttImage(rows, null, '2027-01-04', false)).toBeNull()
  })
})
