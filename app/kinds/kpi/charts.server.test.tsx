import { Resvg } from '@resvg/resvg-js'
import { describe, expect, it } from 'vitest'
import { textWidth, wrapLabel } from '~/services/exports/charts.server'
import { achievementSvg, kpiChartImages, trendSvg } from './charts.server'
import { emptyKpi } from './kpi'
import type { KpiRow, KpiValue } from './schema'

const thresholds = { green: 1, orange: 0.8 }
const row = (name: string, period: string, inputs: KpiRow['inputs'], target: number, formula: KpiRow['formula'] = 'roi'): KpiRow => ({
  ...emptyKpi(`kpi-${name.length}-${period.length}-${target}`.replace(/[^A-Za-z0-9_-]/g, '-'), formula),
  name,
  period,
  inputs,
  target,
})

/** The box of what an SVG draws, in its own units, measured by resvg with the fonts it rasterises with (not clipped to the canvas). */
function drawnBox(svg: string) {
  const markup = svg.includes('xmlns=') ? svg : svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"')
  const box = new Resvg(markup, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' } }).getBBox()
  if (!box) throw new Error('nothing drawn')
  return { left: box.x, right: box.x + box.width }
}

/** Where each <text> element of a chart is drawn, measured alone. */
function textBoxes(svg: string): { text: string; left: number; right: number }[] {
  const open = svg.match(/<svg[^>]*>/)![0]
  return [...svg.matchAll(/<text[^>]*>.*?<\/text>/g)].map((m) => ({ text: m[0].replace(/<[^>]+>/g, ''), ...drawnBox(`${open}${m[0]}</svg>`) }))
}

describe('KPI chart images', () => {
  it('measures text like DejaVu Sans, never short', () => {
    for (const label of ['Taux de conversion du site e-commerce (T1 2027)', 'ROI', 'Coût d’acquisition client', 'Décembre 2027', '12 000 €']) {
      const svg = `<svg width="600" height="40"><text x="0" y="20" font-family="DejaVu Sans" font-size="12">${label}</text></svg>`
      const box = drawnBox(svg)
      const real = box.right - box.left
      expect(textWidth(label)).toBeGreaterThanOrEqual(real)
      expect(textWidth(label)).toBeLessThan(real * 1.2 + 4)
    }
  })

  it('wraps a long label on two lines and cuts what is left with « … »', () => {
    expect(wrapLabel('ROI', 200)).toEqual(['ROI'])
    const lines = wrapLabel('Taux de conversion des visiteurs venus des campagnes Social Ads du premier trimestre (T1 2027)', 200)
    expect(lines).toHaveLength(2)
    expect(lines[1]!.endsWith('…')).toBe(true)
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(200)
  })

  it('keeps every bar label inside the image, the axis widening with the longest label', () => {
    const short: KpiValue = { rows: [row('ROI', 'T1', { gain: 12_000, cost: 8_000 }, 40)] }
    const long: KpiValue = {
      rows: [
        row('Taux de conversion du site e-commerce', 'T1 2027', { conversions: 30, visitors: 1_000 }, 3.5, 'conversion'),
        row('Retour sur investissement de la campagne Social Ads du premier trimestre', 'T1 2027', { gain: 12_000, cost: 8_000 }, 40),
      ],
    }
    const a = achievementSvg(short, thresholds)!
    const b = achievementSvg(long, thresholds)!
    const axis = (svg: string) =>
      Number(
        svg.match(/class="recharts-cartesian-grid".*?<line[^>]*x1="([\d.]+)"/)?.[1] ??
          svg.match(/<rect[^>]*class="recharts-rectangle[^"]*"[^>]*x="([\d.]+)"/)?.[1],
      )
    for (const chart of [a, b]) {
      for (const t of textBoxes(chart.svg)) {
        expect(t.left, `« ${t.text} » starts at ${t.left}`).toBeGreaterThanOrEqual(0)
        expect(t.right, `« ${t.text} » ends at ${t.right}`).toBeLessThanOrEqual(chart.width)
      }
    }
    expect(axis(b.svg)).toBeGreaterThan(axis(a.svg) + 100)
    expect(b.svg).toContain('Taux de conversion du site')
    expect(b.alt).toBe(
      'Taux d’atteinte des cibles : Taux de conversion du site e-commerce (T1 2027) 85,7 % ; Retour sur investissement de la campagne Social Ads du premier trimestre (T1 2027) 125 %.',
    )
  })

  it('keeps the last period of a trend, and large values, inside the image', () => {
    const trend = {
      name: 'Chiffre d’affaires',
      unit: '€' as const,
      points: [
        { period: 'Septembre 2027', target: 120_000, actual: 98_500 },
        { period: 'Octobre 2027', target: 120_000, actual: 131_250.5 },
        { period: 'Novembre et décembre 2027', target: 150_000, actual: null },
      ],
    }
    const chart = trendSvg(trend)
    const texts = textBoxes(chart.svg)
    expect(texts.map((t) => t.text)).toContain('Novembre et décembre 2027')
    for (const t of texts) {
      expect(t.left, `« ${t.text} » starts at ${t.left}`).toBeGreaterThanOrEqual(0)
      expect(t.right, `« ${t.text} » ends at ${t.right}`).toBeLessThanOrEqual(chart.width)
    }
    expect(chart.alt).toBe(
      'Évolution de « Chiffre d’affaires » : Septembre 2027 : réel 98\u202f500 €, cible 120\u202f000 € ; Octobre 2027 : réel 131\u202f250,5 €, cible 120\u202f000 € ; Novembre et décembre 2027 : réel —, cible 150\u202f000 €.',
    )
  })

  it('rasterises the bar chart and one trend per indicator measured twice', () => {
    const value: KpiValue = { rows: [row('ROI Search', 'T1', { gain: 12_000, cost: 8_000 }, 40), row('ROI Search', 'T2', { gain: 15_000, cost: 8_000 }, 40)] }
    const images = kpiChartImages(value, thresholds)
    expect(images.map((i) => i.alt)).toEqual([
      'Taux d’atteinte des cibles : ROI Search (T1) 125 % ; ROI Search (T2) 218,8 %.',
      'Évolution de « ROI Search » : T1 : réel 50 %, cible 40 % ; T2 : réel 87,5 %, cible 40 %.',
    ])
    expect(images[0]!.png.subarray(1, 4).toString()).toBe('PNG')
    expect(kpiChartImages({ rows: [] }, thresholds)).toEqual([])
  })
})
