import ExcelJS from 'exceljs'
import { AGREEMENT_BAND_INFO, AGREEMENT_BAND_LABELS, AGREEMENT_GUIDE, LANDIS_KOCH_SOURCE, NO_KAPPA_LABEL } from '~/domain/agreement'
import { formatDate } from '~/domain/format'
import type { AgreementFigures, AgreementReport } from '../agreement.server'
import { addConditionalFills, COLOURS, fitColumns, setCell, styleHeaderRow, writeHeader } from './xlsx-sheet.server'

/**
 * The agreement between jurors as Excel: the criteria (lowest agreement
 * first), the instances, the pairs of jurors, and the reading guide. Figures
 * are typed numbers (shares as « 0 % », kappas as « 0.00 »); an uncomputable
 * kappa leaves its cell empty and says so in the « Lecture » column.
 */

export const AGREEMENT_SHEETS = { criteria: 'Critères', instances: 'Épreuves', pairs: 'Paires', guide: 'Lecture' } as const
export const SHARE_FORMAT = '0 %'
export const KAPPA_FORMAT = '0.00'
export const NOTHING_COMPARED = 'Aucune copie doublement corrigée n’a encore ses deux grilles closes\u00a0: rien à comparer.'

const FIGURE_HEADERS = ['Niveaux comparés', 'Niveaux identiques', 'Accord observé', 'Accord attendu (hasard)', 'Kappa de Cohen', 'Lecture (Landis et Koch)']

export function agreementTitle(report: Pick<AgreementReport, 'session'>): string {
  return `Accord entre correcteurs — ${report.session.name}`
}

/** The six figure cells of a row, from column `col`. */
function writeFigures(row: ExcelJS.Row, col: number, f: AgreementFigures | null): void {
  if (!f) {
    setCell(row, col + 5, 'Rien à comparer')
    return
  }
  setCell(row, col, f.n)
  setCell(row, col + 1, f.agreements)
  setCell(row, col + 2, f.observed, SHARE_FORMAT)
  setCell(row, col + 3, f.expected, SHARE_FORMAT)
  setCell(row, col + 4, f.kappa, KAPPA_FORMAT)
  setCell(row, col + 5, f.band ? AGREEMENT_BAND_LABELS[f.band] : NO_KAPPA_LABEL)
}

/** Fills the rows by the reading of their kappa (the label in `labelColumn`), never colour alone: the label is the text. */
function colourBands(ws: ExcelJS.Worksheet, lastColumn: string, labelColumn: string, lastRow: number): void {
  if (lastRow < 2) return
  const cell = `$${labelColumn}2`
  addConditionalFills(ws, `A2:${lastColumn}${lastRow}`, [
    { formula: `OR(${cell}="${AGREEMENT_BAND_LABELS.poor}",${cell}="${AGREEMENT_BAND_LABELS.slight}")`, argb: COLOURS.red },
    { formula: `${cell}="${AGREEMENT_BAND_LABELS.fair}"`, argb: COLOURS.orange },
    { formula: `OR(${cell}="${AGREEMENT_BAND_LABELS.substantial}",${cell}="${AGREEMENT_BAND_LABELS['almost-perfect']}")`, argb: COLOURS.green },
  ])
}

/** Heights for rows whose wrapped text takes several lines (LibreOffice keeps the default height otherwise, and lines overlap). */
function fitRowHeights(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row, n) => {
    if (n === 1) return
    let lines = 1
    row.eachCell((cell, col) => {
      if (typeof cell.value !== 'string' || !cell.alignment?.wrapText) return
      const perLine = Math.max(1, (ws.getColumn(col).width ?? 10) - 2)
      lines = Math.max(lines, Math.ceil(cell.value.length / perLine))
    })
    if (lines === 1) return
    row.height = lines * 15
    row.eachCell((cell) => (cell.alignment = { ...cell.alignment, vertical: 'top' }))
  })
}

function writeNothing(ws: ExcelJS.Worksheet, width: number): void {
  setCell(ws.getRow(2), 1, NOTHING_COMPARED)
  ws.mergeCells(2, 1, 2, width)
}

export async function agreementXlsx(report: AgreementReport, generatedAt = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Atelier'
  workbook.lastModifiedBy = 'Atelier'
  workbook.title = agreementTitle(report)
  workbook.subject = report.session.name
  workbook.created = generatedAt
  workbook.modified = generatedAt

  // Critères: lowest agreement first, as on the page.
  const criteria = workbook.addWorksheet(AGREEMENT_SHEETS.criteria)
  writeHeader(criteria, ['Critère', 'Intitulé du critère (référentiel)', 'Compétence', 'Épreuve', ...FIGURE_HEADERS])
  report.criteria.forEach((c, i) => {
    const row = criteria.getRow(i + 2)
    setCell(row, 1, c.criterionId)
    setCell(row, 2, c.text)
    setCell(row, 3, c.competencyId)
    setCell(row, 4, c.evaluationTitle)
    writeFigures(row, 5, c.figures)
  })
  if (report.criteria.length === 0) writeNothing(criteria, 10)
  colourBands(criteria, 'J', 'J', report.criteria.length + 1)
  fitColumns(criteria)
  if (report.criteria.length > 0) fitRowHeights(criteria)

  // Épreuves, then all of them together.
  const instances = workbook.addWorksheet(AGREEMENT_SHEETS.instances)
  writeHeader(instances, ['Épreuve', 'Compétences', 'Copies', 'Copies comparées', ...FIGURE_HEADERS])
  report.instances.forEach((e, i) => {
    const row = instances.getRow(i + 2)
    setCell(row, 1, e.title)
    setCell(row, 2, e.range)
    setCell(row, 3, e.copies)
    setCell(row, 4, e.compared)
    writeFigures(row, 5, e.figures)
  })
  if (report.instances.length === 0) setCell(instances.getRow(2), 1, 'Aucune épreuve de la session n’est en double correction.')
  else {
    const total = instances.getRow(report.instances.length + 2)
    setCell(total, 1, 'Ensemble des épreuves')
    setCell(
      total,
      3,
      report.instances.reduce((s, e) => s + e.copies, 0),
    )
    setCell(
      total,
      4,
      report.instances.reduce((s, e) => s + e.compared, 0),
    )
    writeFigures(total, 5, report.overall)
    styleHeaderRow(total, 10)
    colourBands(instances, 'J', 'J', report.instances.length + 1)
  }
  fitColumns(instances)

  // Paires de correcteurs.
  const pairs = workbook.addWorksheet(AGREEMENT_SHEETS.pairs)
  writeHeader(pairs, ['Correcteur·rice 1', 'Correcteur·rice 2', 'Copies comparées', ...FIGURE_HEADERS])
  report.pairs.forEach((p, i) => {
    const row = pairs.getRow(i + 2)
    setCell(row, 1, p.jurors[0].name)
    setCell(row, 2, p.jurors[1].name)
    setCell(row, 3, p.compared)
    writeFigures(row, 4, p.figures)
  })
  if (report.pairs.length === 0) writeNothing(pairs, 9)
  colourBands(pairs, 'I', 'I', report.pairs.length + 1)
  fitColumns(pairs)

  // The reading guide and the bands.
  const guide = workbook.addWorksheet(AGREEMENT_SHEETS.guide)
  writeHeader(guide, ['Kappa de Cohen', 'Lecture', 'Landis et Koch'])
  AGREEMENT_BAND_INFO.forEach((b, i) => {
    const row = guide.getRow(i + 2)
    setCell(row, 1, b.range)
    setCell(row, 2, b.label)
    setCell(row, 3, b.english)
  })
  let n = AGREEMENT_BAND_INFO.length + 3
  for (const paragraph of [
    ...AGREEMENT_GUIDE,
    'Par épreuve et par critère, le premier correcteur de chaque copie est son correcteur principal.',
    LANDIS_KOCH_SOURCE,
    `${report.session.name}, du ${formatDate(report.session.startsOn)} au ${formatDate(report.session.endsOn)}. Classeur produit par Atelier le ${formatDate(generatedAt)}.`,
  ]) {
    setCell(guide.getRow(n), 1, paragraph)
    guide.mergeCells(n, 1, n, 3)
    guide.getRow(n).getCell(1).alignment = { wrapText: true, vertical: 'top' }
    guide.getRow(n).height = Math.max(15, Math.ceil(paragraph.length / 95) * 15)
    n++
  }
  guide.getColumn(1).width = 22
  guide.getColumn(2).width = 30
  guide.getColumn(3).width = 20

  return Buffer.from(await workbook.xlsx.writeBuffer())
}
