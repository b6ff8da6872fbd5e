import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import JSZip from 'jszip'
import { afterAll, describe, expect, it } from 'vitest'
import { rasterise } from './charts.server'
import { closeExportPool, renderExport } from './pool.server'
import { formatMinutes, joinNames, lineCount, talkToPptx, totalMinutes, type TalkDeck } from './pptx.server'

const run = promisify(execFile)
afterAll(() => closeExportPool())

/** A small bar chart, rasterised like the exports' charts. */
function chart() {
  const bars = [
    ['Notoriété', 62],
    ['Trafic', 48],
    ['Conversion', 21],
  ] as const
  const svg = `<svg width="640" height="360" viewBox="0 0 640 360">
    <text x="24" y="36" font-family="DejaVu Sans" font-size="20" fill="#1b1f2a">Atteinte des objectifs (%)</text>
    ${bars
      .map(
        ([label, v], i) =>
          `<rect x="${60 + i * 190}" y="${320 - v * 4}" width="120" height="${v * 4}" fill="#1f3a8a"/>
           <text x="${120 + i * 190}" y="345" text-anchor="middle" font-family="DejaVu Sans" font-size="14">${label}</text>`,
      )
      .join('')}
  </svg>`
  return rasterise(svg, 640, 360, 'Atteinte des objectifs : notoriété 62\u00a0%, trafic 48\u00a0%, conversion 21\u00a0%')
}

function deck(): TalkDeck {
  const image = chart()
  return {
    title: 'Lancer la gamme éco-conçue de Biocoop Lyon',
    evaluationTitle: 'Grand oral — Rapport de compétences',
    candidate: 'Camille Martin',
    slides: [
      {
        title: 'Le contexte et la demande',
        message: 'Une enseigne engagée qui veut rajeunir sa clientèle sans perdre ses fidèles.',
        minutes: 3,
        speakers: ['Camille Martin'],
        notes: 'Commencer par la visite du magasin.\nCiter le chiffre de l’étude INSEE.',
        images: [],
      },
      {
        title: 'Les résultats de la campagne',
        message: 'La notoriété a dépassé l’objectif ; la conversion reste à travailler.',
        minutes: 5,
        speakers: ['Camille Martin'],
        notes: 'Montrer la barre de conversion et expliquer l’écart.',
        images: [image],
      },
      {
        title: 'Mon auto-évaluation',
        message: 'C10.2 acquise : j’ai piloté le budget et rendu compte chaque semaine.',
        minutes: 4,
        speakers: ['Camille Martin'],
        notes: 'Insister sur la compétence C10.2.',
        images: [],
      },
    ],
  }
}

async function slidesOf(pptx: Buffer) {
  const zip = await JSZip.loadAsync(pptx)
  const names = Object.keys(zip.files)
  const read = (name: string) => zip.file(name)!.async('string')
  return { zip, names, read }
}

describe('talk timing and wording', () => {
  it('formats durations in French', () => {
    expect(formatMinutes(12)).toBe('12\u00a0min')
    expect(formatMinutes(2.5)).toBe('2,5\u00a0min')
    expect(formatMinutes(60)).toBe('1\u00a0h')
    expect(formatMinutes(65)).toBe('1\u00a0h\u00a005')
  })
  it('totals the parts that have a time, or none', () => {
    expect(totalMinutes(deck().slides)).toBe(12)
    expect(totalMinutes([{ ...deck().slides[0]!, minutes: null }])).toBeNull()
    expect(totalMinutes([{ ...deck().slides[0]!, minutes: null }, deck().slides[1]!])).toBe(5)
  })
  it('counts wrapped lines generously (DejaVu Sans widths), words kept whole', () => {
    expect(lineCount('Mon auto-évaluation', 12, 30)).toBe(1)
    expect(lineCount('Un\nDeux', 12, 30)).toBe(2)
    const sentence = 'Une enseigne engagée qui veut rajeunir sa clientèle sans perdre ses fidèles.'
    expect(lineCount(sentence, 3.7, 24)).toBeGreaterThanOrEqual(3)
    expect(lineCount(sentence, 3.7, 24, true)).toBeGreaterThanOrEqual(lineCount(sentence, 3.7, 24))
    expect(lineCount('W'.repeat(200), 2, 20)).toBeGreaterThan(5)
  })
  it('joins names', () => {
    expect(joinNames(['Camille'])).toBe('Camille')
    expect(joinNames(['Camille', ' ', 'Léo'])).toBe('Camille et Léo')
    expect(joinNames(['Camille', 'Léo', 'Inès'])).toBe('Camille, Léo et Inès')
  })
})

describe('PowerPoint export', () => {
  it('writes a title slide and one slide per part, with the notes and the chart', async () => {
    const { names, read } = await slidesOf(await talkToPptx(deck()))
    expect(names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort()).toEqual([1, 2, 3, 4].map((i) => `ppt/slides/slide${i}.xml`))
    const presentation = await read('ppt/presentation.xml')
    // LAYOUT_WIDE: 13.333 × 7.5 inches (16:9).
    expect(presentation).toMatch(/<p:sldSz cx="12192000" cy="6858000"/)

    const cover = await read('ppt/slides/slide1.xml')
    expect(cover).toContain('Lancer la gamme éco-conçue de Biocoop Lyon')
    expect(cover).toContain('Grand oral — Rapport de compétences')
    expect(cover).toContain('Camille Martin')
    expect(cover).toContain('Durée\u00a0: 12\u00a0min')

    const results = await read('ppt/slides/slide3.xml')
    expect(results).toContain('Les résultats de la campagne')
    // French typography on the learner's text, French language everywhere.
    expect(results).toContain('l’objectif\u202f; la conversion')
    expect(results).toContain('Prise de parole\u00a0: Camille Martin')
    expect(results).toContain('5\u00a0min')
    expect(results).toMatch(/<p:pic>[\s\S]*descr="Atteinte des objectifs\u00a0: notoriété 62\u00a0%/)
    expect(results).not.toContain('en-US')
    expect(names.filter((n) => /^ppt\/media\/./.test(n))).toHaveLength(1)

    // The chart keeps its proportions (640 × 360).
    const ext = results.match(/<p:pic>[\s\S]*?<a:ext\s+cx="(\d+)" cy="(\d+)"/)!
    expect(Number(ext[1]) / Number(ext[2])).toBeCloseTo(640 / 360, 2)

    const notes = await read('ppt/notesSlides/notesSlide2.xml')
    expect(notes).toContain('<a:t>Commencer par la visite du magasin.</a:t>')
    expect(notes).toContain('<a:t>Citer le chiffre de l’étude INSEE.</a:t>')
    expect(notes).not.toContain('en-US')
    expect(await read('ppt/notesSlides/notesSlide4.xml')).toContain('Insister sur la compétence C10.2.')
    // The title slide's notes hold the plan.
    expect(await read('ppt/notesSlides/notesSlide1.xml')).toContain('<a:t>2. Les résultats de la campagne (5\u00a0min)</a:t>')
  })

  it('lays out many images, a group, no time and no message', async () => {
    const image = chart()
    const pptx = await talkToPptx({
      title: 'Synthèse du travail de groupe',
      evaluationTitle: 'MSP 2',
      candidate: 'Camille Martin, Léo Dubois et Inès Haddad',
      slides: [{ title: '', message: '', minutes: null, speakers: ['Camille Martin', 'Léo Dubois', 'Inès Haddad'], notes: '', images: [image, image, image] }],
    })
    const { read, names } = await slidesOf(pptx)
    const cover = await read('ppt/slides/slide1.xml')
    expect(cover).not.toContain('Durée')
    expect(cover).toContain('1\u00a0partie')
    const part = await read('ppt/slides/slide2.xml')
    expect(part).toContain('Partie 1')
    expect(part).toContain('Prise de parole\u00a0: Camille Martin, Léo Dubois et Inès Haddad')
    const boxes = [...part.matchAll(/<p:pic>[\s\S]*?<a:off x="(\d+)" y="(\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"/g)].map((m) => m.slice(1).map(Number))
    expect(boxes).toHaveLength(3)
    for (const [x, y, w, h] of boxes) {
      expect(w! / h!).toBeCloseTo(640 / 360, 2)
      expect(x! + w!).toBeLessThanOrEqual(12192000)
      expect(y! + h!).toBeLessThanOrEqual(6858000)
    }
    // Not overlapping.
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!]
        const apart = a[0]! + a[2]! <= b[0]! || b[0]! + b[2]! <= a[0]! || a[1]! + a[3]! <= b[1]! || b[1]! + b[3]! <= a[1]!
        expect(apart).toBe(true)
      }
    expect(names.some((n) => n === 'ppt/notesSlides/notesSlide2.xml')).toBe(true)
  })

  it('keeps every text and shape on the slide, above the footer', async () => {
    const long = Array.from({ length: 12 }, () => 'Une enseigne engagée qui veut rajeunir sa clientèle sans perdre ses fidèles.').join(' ')
    const talk = deck()
    talk.slides[0] = { ...talk.slides[0]!, title: long.slice(0, 160), message: long }
    talk.slides[1] = { ...talk.slides[1]!, message: long }
    const { read } = await slidesOf(await talkToPptx(talk))
    for (const n of [2, 3]) {
      const xml = await read(`ppt/slides/slide${n}.xml`)
      const shapes = [...xml.matchAll(/<a:off x="(\d+)" y="(\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"/g)].map((m) => m.slice(1).map(Number))
      const footer = Math.max(...shapes.filter(([, , , h]) => h === 0).map(([, y]) => y!))
      for (const [x, y, w, h] of shapes) {
        expect(x! + w!).toBeLessThanOrEqual(12192000)
        // (The band down the left edge is the only shape that runs past it.)
        if (h! > 0 && y! > 0 && y! < footer) expect(y! + h!).toBeLessThanOrEqual(footer)
      }
    }
  })

  it('runs in the export worker threads (images cross as bytes)', async () => {
    const pptx = await renderExport({ format: 'pptx', deck: deck() })
    const { names, read } = await slidesOf(pptx)
    expect(names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(4)
    const media = names.find((n) => /^ppt\/media\/./.test(n))!
    expect(Buffer.from(await (await JSZip.loadAsync(pptx)).file(media)!.async('uint8array')).equals(deck().slides[1]!.images[0]!.png)).toBe(true)
    expect(await read('ppt/notesSlides/notesSlide3.xml')).toContain('Montrer la barre de conversion')
  }, 60_000)
})

describe('LibreOffice', () => {
  it('opens the .pptx: one PDF page per slide, the titles present', async (ctx) => {
    const soffice = await run('sh', ['-c', 'command -v soffice']).catch(() => null)
    if (!soffice) {
      if (process.env.CI) throw new Error('LibreOffice manquant : .ci/run doit l’installer (scripts/ensure-libreoffice.sh).')
      ctx.skip()
    }
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-pptx-pdf-'))
    fs.writeFileSync(path.join(out, 'oral.pptx'), await renderExport({ format: 'pptx', deck: deck() }))
    await run(
      'soffice',
      [`-env:UserInstallation=file://${out}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, path.join(out, 'oral.pptx')],
      { timeout: 120_000 },
    )
    // Without Impress, LibreOffice writes no PDF (scripts/ensure-libreoffice.sh installs it).
    expect(fs.existsSync(path.join(out, 'oral.pdf')), 'pas de PDF : libreoffice-impress est-il installé (scripts/ensure-libreoffice.sh) ?').toBe(true)
    const { stdout: info } = await run('pdfinfo', [path.join(out, 'oral.pdf')])
    expect(info).toMatch(/^Pages:\s+4$/m)
    const { stdout: text } = await run('pdftotext', [path.join(out, 'oral.pdf'), '-'])
    const flat = text.replace(/\s+/g, ' ')
    for (const title of ['Lancer la gamme éco-conçue de Biocoop Lyon', 'Le contexte et la demande', 'Les résultats de la campagne', 'Mon auto-évaluation'])
      expect(flat).toContain(title)
    expect(flat).toContain('Camille Martin')
    fs.rmSync(out, { recursive: true, force: true })
  }, 180_000)
})
