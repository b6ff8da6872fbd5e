import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { templatesById } from '#templates/dossiers'
import type { DossierTemplate } from '#templates/template.schema'
import { dossiersToDocx } from './docx.server'
import type { DossierExport } from './model.server'

/**
 * The Word files as a reader sees them: rendered to PDF by LibreOffice, page
 * by page. Table headers must never be cut inside a word (« Rée/l »), wide
 * tables get a landscape page, and quotes are not doubled.
 */
const run = promisify(execFile)

function model(template: DossierTemplate, values: Record<string, unknown>): DossierExport {
  return {
    dossierId: 'd',
    title: template.title,
    evaluationId: template.evaluationId,
    evaluationTitle: template.title,
    candidate: 'Maëlys N’Diaye',
    members: [],
    sessionName: 'Session de printemps 2027',
    competencies: [],
    generatedAt: new Date('2027-03-01T10:00:00Z'),
    sections: template.sections.filter((s) => s.id in values).map((section) => ({ section, value: values[section.id] as never })),
    selfAssessment: [],
    objectives: new Map([['obj-notoriete', 'Augmenter la notoriété de la marque auprès des 25-34 ans']]),
    images: new Map(),
  }
}

const a15 = templatesById.get('cas-pratique-a15')!
const a12 = templatesById.get('cas-pratique-a12')!
const a3 = templatesById.get('cas-pratique-a3')!
const kpiSection = a15.sections.find((s) => s.field.kind === 'kpi')!
const planSection = a12.sections.find((s) => s.field.kind === 'retroplanning')!
const personaSection = a3.sections.find((s) => s.field.kind === 'persona')!

const kpi = {
  rows: ['Taux de conversion des visiteurs', 'Retour sur investissement', 'Coût d’acquisition client'].map((name, i) => ({
    id: `kpi-row-${i}`,
    name,
    category: '',
    formula: (['conversion', 'roi', 'cac'] as const)[i],
    period: `Premier trimestre 2027`,
    target: [2, 40, 35][i],
    inputs: { conversions: 45, visitors: 1500, gain: 18_000, cost: 8_000, spend: 5_000, newCustomers: 125 },
    source: 'Google Analytics',
    objectiveId: 'obj-notoriete',
  })),
}
const tasks = ['Brief créatif', 'Conception graphique', 'Validation par la direction', 'Impression des supports', 'Routage et expédition'].map((name, i) => ({
  id: `task-row-${i}`,
  group: 'Campagne de printemps',
  name,
  owner: ['Responsable communication', 'Agence', 'Direction générale', 'Imprimeur', 'Prestataire logistique'][i]!,
  stakeholders: '',
  constraints: '',
  duration: 3 + i,
  dependsOn: i ? [`task-row-${i - 1}`] : [],
  actualStart: i < 3 ? `2027-02-0${1 + i * 2}` : null,
  actualFinish: i < 2 ? `2027-02-0${3 + i * 2}` : null,
}))
const persona = {
  personas: [
    {
      id: 'persona-lea',
      firstName: 'Léa',
      age: 34,
      location: 'Lyon',
      csp: 'Cadre',
      family: 'En couple, deux enfants',
      tastes: 'Randonnée',
      habits: 'Achète en ligne le soir',
      brands: 'Fidèle aux marques engagées',
      media: [],
      needs: 'Gagner du temps',
      frustrations: 'Les délais de livraison',
      quote: '« Je veux des produits durables. »',
      inclusion: 'Site lisible avec un lecteur d’écran',
      avatar: null,
    },
  ],
}

async function pdfText(docx: Buffer, name: string): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-docx-layout-'))
  try {
    fs.writeFileSync(path.join(out, `${name}.docx`), docx)
    await run(
      'soffice',
      [`-env:UserInstallation=file://${out}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, path.join(out, `${name}.docx`)],
      { timeout: 120_000 },
    )
    return (await run('pdftotext', ['-layout', path.join(out, `${name}.pdf`), '-'])).stdout
  } finally {
    fs.rmSync(out, { recursive: true, force: true })
  }
}

/** The words of every table header row of a .docx. */
async function headerWords(docx: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')
  const rows = [...xml.matchAll(/<w:tr>(?:(?!<\/w:tr>).)*?<w:tblHeader\/>(?:(?!<\/w:tr>).)*<\/w:tr>/gs)].map((m) => m[0])
  const texts = rows.flatMap((r) => [...r.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!))
  return [...new Set(texts.flatMap((t) => t.split(/[\s'’()]+/)).filter((w) => /\p{L}{3,}/u.test(w)))]
}

const hasSoffice = await run('sh', ['-c', 'command -v soffice && command -v pdftotext']).then(
  () => true,
  () => false,
)
if (!hasSoffice && process.env.CI) throw new Error('LibreOffice manquant : .ci/run doit l’installer (scripts/ensure-libreoffice.sh).')

describe.skipIf(!hasSoffice)('Word layout, rendered by LibreOffice', () => {
  it('never splits a header word inside a table cell, and keeps quotes single', async () => {
    const files = {
      kpi: await dossiersToDocx([model(a15, { [kpiSection.id]: kpi })], a15.title, 'KPI'),
      plan: await dossiersToDocx([model(a12, { [planSection.id]: { deadline: '2027-03-26', projectStart: null, tasks } })], a12.title, 'Gantt'),
      persona: await dossiersToDocx([model(a3, { [personaSection.id]: persona })], a3.title, 'Personae'),
    }
    if (process.env.KEEP_DOCX) for (const [name, docx] of Object.entries(files)) fs.writeFileSync(`${process.env.KEEP_DOCX}/${name}.docx`, docx)
    for (const [name, docx] of Object.entries(files)) {
      const words = await headerWords(docx)
      expect(words.length, `${name}: header words`).toBeGreaterThan(1)
      const text = await pdfText(docx, name)
      const tokens = new Set(text.split(/[\s\u00a0\u202f'’()]+/))
      const split = words.filter((w) => !tokens.has(w))
      expect(split, `${name}: header words split across lines`).toEqual([])
      expect(text).not.toMatch(/«\s*«/)
    }
  }, 240_000)
})
