import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { BlocDecision, OverallDecision } from '~/domain/deliberation'
import type { CompetencyResult } from '~/domain/grading'
import type { CandidateResults } from '~/domain/results-view'
import { referentiel, referentielIndex } from '../referentiel.server'
import {
  attestationToDocx,
  COMPETENCIES_SHEET,
  minutesToDocx,
  NoAttestation,
  RESULTS_SHEET,
  resultsToXlsx,
  validatedBlocs,
  type DeliberationDocsModel,
} from './deliberation-export.server'

const run = promisify(execFile)

/* ---------------- Fixtures, built by hand (the contract of app/domain/results-view.ts) ---------------- */

const ALL = referentiel.activities.flatMap((a) => a.competencies.map((c) => c.id))
const BLOCS = [
  { id: 'b1', title: 'Bloc 1 — Veille et stratégie', example: true, competencyIds: ['C1.1', 'C1.2', 'C1.3'] },
  { id: 'b2', title: 'Bloc 2 — Pilotage de projet', example: true, competencyIds: ['C10.1', 'C10.2'] },
]
// 3 December 2026, 14:05 in Paris (UTC+1).
const CONFIRMED = Date.UTC(2026, 11, 3, 13, 5)

function candidate(
  name: string,
  results: Partial<Record<string, CompetencyResult>>,
  deliberation: { blocs: [string, 'acquired' | 'not-acquired', 'acquired' | 'not-acquired', string?][]; decision: OverallDecision; reason?: string } | null,
): CandidateResults {
  const blocs: BlocDecision[] = deliberation?.blocs.map(([blocId, proposed, decision, reason]) => ({ blocId, proposed, decision, reason: reason ?? '' })) ?? []
  return {
    examSessionId: 's1',
    learnerId: `id-${name}`,
    name,
    competencies: ALL.map((id) => ({ competencyId: id, result: results[id] ?? null, source: null, criteria: [] })),
    blocs: BLOCS.map((b) => ({ blocId: b.id, title: b.title, example: b.example, competencyIds: b.competencyIds, proposed: 'not-acquired' })),
    proposed: 'deferred',
    deliberation: deliberation
      ? { blocs, decision: deliberation.decision, reason: deliberation.reason ?? '', confirmedByName: 'Benoît Lemaître', confirmedAt: CONFIRMED }
      : null,
  }
}

const acquired = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'acquired' as const]))

const zoe = candidate(
  'Zoé Lefèvre',
  { ...acquired([...BLOCS[0]!.competencyIds, ...BLOCS[1]!.competencyIds]) },
  {
    blocs: [
      ['b1', 'acquired', 'acquired'],
      ['b2', 'acquired', 'acquired'],
    ],
    decision: 'complete',
  },
)
const mael = candidate(
  'Maël Dupré',
  { ...acquired(BLOCS[0]!.competencyIds), 'C10.1': 'not-acquired' },
  {
    blocs: [
      ['b1', 'acquired', 'acquired'],
      ['b2', 'not-acquired', 'acquired', 'Le jury retient le rétroplanning présenté à l’oral.'],
    ],
    decision: 'complete',
    reason: 'Le jury retient le rétroplanning présenté à l’oral.',
  },
)
const anais = candidate(
  'Anaïs Bénard',
  { 'C1.1': 'not-acquired' },
  {
    blocs: [
      ['b1', 'not-acquired', 'not-acquired'],
      ['b2', 'not-acquired', 'not-acquired'],
    ],
    decision: 'deferred',
  },
)
const noe = candidate('Noé Château', { 'C1.1': 'acquired' }, null)

const model = (candidates: CandidateResults[] = [zoe, mael, anais, noe]): DeliberationDocsModel => ({
  session: { name: 'Session de printemps 2027', startsOn: '2027-01-04', endsOn: '2027-06-30' },
  jury: [
    { name: 'Benoît Lemaître', president: true },
    { name: 'Chloé Aubertin', president: false },
  ],
  blocs: BLOCS,
  candidates,
  generatedAt: new Date(CONFIRMED + 3_600_000),
})

/** The body of a .docx: its text (runs joined), and its tables as rows of cell texts. */
async function openDocx(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer)
  const xml = await zip.file('word/document.xml')!.async('string')
  const unescape = (t: string) =>
    t
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, '’')
  const textOf = (part: string) => [...part.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]!)).join('')
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>|<w:tr [^>]*>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...(r[1] ?? r[2]!).matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1]!)),
    ),
  )
  return { xml, text: textOf(xml), tables, styles: await zip.file('word/styles.xml')!.async('string') }
}

describe('the minutes (procès-verbal de délibération)', () => {
  it('names the session, the jury with its president, each candidate’s decisions per bloc and overall, departures’ reasons, confirmation time, signatures', async () => {
    const { text, tables, xml, styles } = await openDocx(await minutesToDocx(model()))
    expect(text).toContain('Procès-verbal de délibération')
    expect(text).toContain('Session de printemps 2027')
    expect(text).toContain('du 4 janvier 2027 au 30 juin 2027')
    expect(styles).toContain('w:val="fr-FR"')

    // The jury: the president marked.
    const jury = tables.find((t) => t[0]?.[0] === 'Membre du jury')!
    expect(jury.slice(1)).toEqual([
      ['Benoît Lemaître', 'Président·e du jury'],
      ['Chloé Aubertin', 'Membre du jury'],
    ])

    // Summary: one row per candidate, « Non délibéré » for the pending one.
    const summary = tables.find((t) => t[0]?.join('|') === 'Candidat·e|Décision|Confirmée le')!
    expect(summary.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['Zoé Lefèvre', 'Certification complète'],
      ['Maël Dupré', 'Certification complète'],
      ['Anaïs Bénard', 'Ajournement'],
      ['Noé Château', 'Non délibéré'],
    ])
    expect(summary[1]![2]).toBe('3 décembre 2026 à 14\u00a0h\u00a005')
    expect(text).toContain(
      '4\u00a0candidat·es\u00a0: 2\u00a0certifications complètes, 0\u00a0validations partielles de blocs, 1\u00a0ajournement, 1\u00a0candidat·e non délibéré·e.',
    )

    // Per candidate: the blocs (proposal, decision, reason), the overall decision and its proposal when departing.
    const blocTables = tables.filter((t) => t[0]?.join('|') === 'Bloc de compétences|Proposition|Décision|Motif')
    expect(blocTables).toHaveLength(3) // Noé has none: not deliberated
    expect(blocTables[1]!.slice(1)).toEqual([
      ['Bloc 1 — Veille et stratégie', 'Acquis', 'Acquis', '—'],
      ['Bloc 2 — Pilotage de projet', 'Non acquis', 'Acquis', 'Le jury retient le rétroplanning présenté à l’oral.'],
    ])
    expect(text).toContain('Décision globale\u00a0: Certification complète (proposition\u00a0: Validation partielle de blocs)')
    expect(text).toContain('Motif : Le jury retient le rétroplanning présenté à l’oral.')
    expect(text).toContain('Délibération confirmée le 3 décembre 2026 à 14\u00a0h\u00a005 (heure de Paris) par Benoît Lemaître.')
    expect(text).toContain('Noé ChâteauNon délibéré\u00a0: la décision du jury n’a pas été confirmée.')
    // Zoé’s decision follows the proposal: no « proposition » note.
    expect(text).toContain('Décision globale\u00a0: Certification complèteDélibération confirmée')

    // Signatures: president and members, blank cells to sign in, rows tall enough.
    const signatures = tables[tables.length - 1]!
    expect(signatures).toEqual([
      ['Nom', 'Qualité', 'Signature'],
      ['Benoît Lemaître', 'Président·e du jury', ''],
      ['Chloé Aubertin', 'Membre du jury', ''],
    ])
    expect(xml).toMatch(/<w:trHeight w:val="1100" w:hRule="atLeast"\/>/)
    expect(text).toContain('Regroupement donné à titre d’exemple')
  })

  it('still has a jury and signature lines with no juror, and says so', async () => {
    const { text, tables } = await openDocx(await minutesToDocx({ ...model([]), jury: [], blocs: [] }))
    expect(text).toContain('Aucun·e juré·e n’est affecté·e à cette session.')
    expect(text).toContain('Aucun bloc de compétences n’est défini pour cette session.')
    expect(text).toContain('0\u00a0candidat·es')
    expect(tables[tables.length - 1]).toEqual([
      ['Nom', 'Qualité', 'Signature'],
      ['', 'Président·e du jury', ''],
      ['', 'Membre du jury', ''],
    ])
  })
})

describe('the results grid (Excel)', () => {
  it('has one row per candidate, one column per competency and per bloc, the decisions, real conditional formatting, frozen panes and filters', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await resultsToXlsx(model())) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet(RESULTS_SHEET)!
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1)
    expect(header).toEqual([
      'Candidat·e',
      ...ALL,
      'Bloc 1 — Veille et stratégie',
      'Bloc 2 — Pilotage de projet',
      'Décision',
      'Confirmée le (heure de Paris)',
      'Motif de la décision',
    ])
    expect(ALL).toHaveLength(51)
    const col = (h: string) => header.indexOf(h) + 1
    const row = (n: number) => ws.getRow(n)
    expect(ws.rowCount).toBe(5)
    expect(row(2).getCell(1).value).toBe('Zoé Lefèvre')
    expect(row(3).getCell(col('C10.1')).value).toBe('Non acquise')
    expect(row(3).getCell(col('C1.1')).value).toBe('Acquise')
    expect(row(3).getCell(col('C15.1')).value).toBe('—')
    expect(row(3).getCell(col('Bloc 2 — Pilotage de projet')).value).toBe('Acquis')
    expect(row(4).getCell(col('Bloc 1 — Veille et stratégie')).value).toBe('Non acquis')
    expect(row(3).getCell(col('Motif de la décision')).value).toBe('Le jury retient le rétroplanning présenté à l’oral.')
    // Not deliberated: « Non délibéré », no bloc decision, no date.
    expect(row(5).getCell(1).value).toBe('Noé Château')
    expect(row(5).getCell(col('Décision')).value).toBe('Non délibéré')
    expect(row(5).getCell(col('Bloc 1 — Veille et stratégie')).value).toBe('—')
    expect(row(5).getCell(col('Confirmée le (heure de Paris)')).value).toBeNull()
    // The confirmation, Paris wall-clock time, as a date Excel can sort.
    const confirmed = row(2).getCell(col('Confirmée le (heure de Paris)'))
    expect(confirmed.value).toEqual(new Date(Date.UTC(2026, 11, 3, 14, 5)))
    expect(confirmed.numFmt).toBe('dd/mm/yyyy hh:mm')

    const rules = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[]; style?: { fill?: ExcelJS.Fill } }[] }[] }
    ).conditionalFormattings
    const results = rules.find((r) => r.ref === `B2:${ws.getColumn(col('Bloc 2 — Pilotage de projet')).letter}5`)!
    expect(results.rules.map((r) => [r.type, r.formulae?.[0]])).toEqual([
      ['expression', 'OR(B2="Acquise",B2="Acquis")'],
      ['expression', 'OR(B2="Non acquise",B2="Non acquis")'],
    ])
    expect(results.rules[0]!.style?.fill).toMatchObject({ fgColor: { argb: 'FFC6EFCE' } })
    expect(results.rules[1]!.style?.fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } })
    const decision = ws.getColumn(col('Décision')).letter
    expect(rules.find((r) => r.ref === `${decision}2:${decision}5`)!.rules.map((r) => r.formulae?.[0])).toEqual([
      `${decision}2="Certification complète"`,
      `${decision}2="Validation partielle de blocs"`,
      `${decision}2="Ajournement"`,
      `${decision}2="Non délibéré"`,
    ])
    // No static fill stands in for the rules.
    expect(row(2).getCell(col('C1.1')).fill ?? { type: 'pattern', pattern: 'none' }).toEqual({ type: 'pattern', pattern: 'none' })

    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 })
    expect(ws.autoFilter).toBeTruthy()

    const competencies = wb.getWorksheet(COMPETENCIES_SHEET)!
    expect(competencies.getRow(2).values).toEqual([undefined, 'C1.1', referentielIndex.competencies.get('C1.1')!.text, 'Bloc 1 — Veille et stratégie'])
    expect(competencies.getRow(52).getCell(3).value).toBe('—')
  })

  it('writes a header alone for a session without candidates', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await resultsToXlsx(model([]))) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet(RESULTS_SHEET)!
    expect(ws.rowCount).toBe(1)
    expect(ws.getCell('A1').value).toBe('Candidat·e')
  })
})

describe('the attestation of the blocs validated', () => {
  it('lists the validated blocs only, with their competencies’ verbatim titles, the decision, the date and the president’s signature', async () => {
    const m = model()
    const partial = candidate('Anaïs Bénard', acquired(BLOCS[0]!.competencyIds), {
      blocs: [
        ['b1', 'acquired', 'acquired'],
        ['b2', 'not-acquired', 'not-acquired'],
      ],
      decision: 'partial',
    })
    expect(validatedBlocs(m, partial).map((b) => b.id)).toEqual(['b1'])
    const { text, tables } = await openDocx(await attestationToDocx(m, partial))
    expect(text).toContain('Attestation de validation de blocs de compétences')
    expect(text).toContain('atteste que Anaïs Bénard a validé le bloc de compétences suivant\u00a0:')
    expect(text).toContain('réuni en délibération le 3 décembre 2026')
    expect(text).toContain('Bloc 1 — Veille et stratégie')
    expect(text).not.toContain('Bloc 2 — Pilotage de projet')
    for (const id of BLOCS[0]!.competencyIds) expect(text).toContain(`${id} — ${referentielIndex.competencies.get(id)!.text.slice(0, 60)}`)
    expect(text).not.toContain('C10.1 — ')
    expect(text).toContain('Décision du jury\u00a0: Validation partielle de blocs')
    expect(text).toContain('Fait le 3 décembre 2026.')
    expect(tables[tables.length - 1]).toEqual([
      ['Nom', 'Qualité', 'Signature'],
      ['Benoît Lemaître', 'Président·e du jury', ''],
    ])
  })

  it('is refused without a confirmed deliberation or without a validated bloc', async () => {
    await expect(attestationToDocx(model(), noe)).rejects.toBeInstanceOf(NoAttestation)
    await expect(attestationToDocx(model(), noe)).rejects.toThrow('Noé Château n’a pas encore de délibération confirmée')
    await expect(attestationToDocx(model(), anais)).rejects.toThrow('Aucun bloc de compétences n’a été validé pour Anaïs Bénard')
    expect(validatedBlocs(model(), noe)).toEqual([])
  })
})

describe('LibreOffice', () => {
  it('opens the minutes and the attestation (PDF with the candidates and the signatures)', async (ctx) => {
    const soffice = await run('sh', ['-c', 'command -v soffice']).catch(() => null)
    if (!soffice) {
      if (process.env.CI) throw new Error('LibreOffice manquant : .ci/run doit l’installer (scripts/ensure-libreoffice.sh).')
      ctx.skip()
    }
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-deliberation-pdf-'))
    fs.writeFileSync(path.join(out, 'pv.docx'), await minutesToDocx(model()))
    fs.writeFileSync(path.join(out, 'attestation.docx'), await attestationToDocx(model(), zoe))
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${out}/profile`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        out,
        ...['pv.docx', 'attestation.docx'].map((f) => path.join(out, f)),
      ],
      { timeout: 120_000 },
    )
    const { stdout: pv } = await run('pdftotext', [path.join(out, 'pv.pdf'), '-'])
    expect(pv).toContain('Procès-verbal de délibération')
    expect(pv).toContain('Noé Château')
    expect(pv).toContain('Signatures')
    const { stdout: attestation } = await run('pdftotext', [path.join(out, 'attestation.pdf'), '-'])
    expect(attestation).toContain('Bloc 2 — Pilotage de projet')
    fs.rmSync(out, { recursive: true, force: true })
  }, 180_000)
})
