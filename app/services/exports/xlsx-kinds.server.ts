import type ExcelJS from 'exceljs'
import type { ColumnType, FieldConfig } from '#templates/template.schema'
import type { ChecklistValue, SourcesValue, TableValue } from '~/domain/fields'
import { FOUR_E, mixItems, type MixValue } from '~/domain/mix'
import { mediaSummary, type Persona, type PersonaValue } from '~/domain/persona'
import { checkObjective, QUALITY_LABELS, type SmartValue } from '~/domain/smart'
import type { DossierExport } from './model.server'
import {
  addConditionalFills,
  columnLetter,
  COLOURS,
  fitColumns,
  formula,
  isoToDate,
  NUM_FMT,
  setCell,
  solidFill,
  styleHeaderRow,
  text,
  writeHeader,
} from './xlsx-sheet.server'

/**
 * Sheets of the simple field kinds: typed tables, checklists, sources,
 * personae, SMART objectives, marketing mix; and the self-assessment sheet.
 */

type Field<K extends FieldConfig['kind']> = Extract<FieldConfig, { kind: K }>

/* ---------- table ---------- */

const SUMMED: ColumnType[] = ['number', 'money']

function tableCell(type: ColumnType, raw: string | number | null | undefined): { value: ExcelJS.CellValue; numFmt?: string } {
  if (raw === null || raw === undefined || raw === '') return { value: null }
  const n = typeof raw === 'number' ? raw : Number(raw)
  if ((type === 'number' || type === 'money' || type === 'percent') && !Number.isFinite(n)) return { value: String(raw) }
  switch (type) {
    case 'number':
      return { value: n }
    case 'money':
      return { value: n, numFmt: NUM_FMT.money }
    case 'percent':
      // Stored as typed by the user (12 means 12 %).
      return { value: n / 100, numFmt: NUM_FMT.percent }
    case 'date': {
      const date = isoToDate(String(raw))
      return date ? { value: date, numFmt: NUM_FMT.date } : { value: String(raw) }
    }
    case 'choice':
    case 'text':
      return { value: String(raw) }
  }
}

const FORMATS: Partial<Record<ColumnType, string>> = { money: NUM_FMT.money, percent: NUM_FMT.percent, date: NUM_FMT.date }

export function writeTable(ws: ExcelJS.Worksheet, field: Field<'table'>, value: TableValue): void {
  const { columns } = field
  writeHeader(
    ws,
    columns.map((c) => c.label),
  )
  const rows = value.rows.filter((r) => Object.values(r.cells).some((v) => v !== null && v !== ''))
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2)
    columns.forEach((c, j) => {
      const { value: v, numFmt } = tableCell(c.type, r.cells[c.id])
      setCell(row, j + 1, v, numFmt ?? FORMATS[c.type])
    })
  })
  const summed = columns.flatMap((c, j) => (SUMMED.includes(c.type) ? [j + 1] : []))
  if (summed.length > 0 && rows.length > 0) writeTotals(ws, rows.length + 2, columns.length, summed, columns.map((c) => FORMATS[c.type]))
  fitColumns(ws)
}

/** The « Total » row: a live SUM under each summed column, the label in the first other column. */
function writeTotals(ws: ExcelJS.Worksheet, rowNumber: number, count: number, summed: number[], formats: (string | undefined)[]): void {
  const row = ws.getRow(rowNumber)
  const labelCol = Array.from({ length: count }, (_, i) => i + 1).find((c) => !summed.includes(c))
  if (labelCol) setCell(row, labelCol, 'Total')
  for (const c of summed) {
    const letter = columnLetter(c)
    setCell(row, c, formula(`SUM(${letter}2:${letter}${rowNumber - 1})`), formats[c - 1])
  }
  for (let c = 1; c <= count; c++) {
    const cell = row.getCell(c)
    cell.font = { bold: true }
    cell.fill = solidFill(COLOURS.total)
    cell.border = { top: { style: 'thin' } }
  }
}

/* ---------- checklist ---------- */

export function writeChecklist(ws: ExcelJS.Worksheet, field: Field<'checklist'>, value: ChecklistValue): void {
  writeHeader(ws, ['Point', 'Fait'])
  field.items.forEach((item, i) => {
    const row = ws.getRow(i + 2)
    setCell(row, 1, item.label)
    setCell(row, 2, value.checked[item.id] ? 'Oui' : 'Non')
  })
  const last = field.items.length + 1
  addConditionalFills(ws, `B2:B${last}`, [
    { formula: 'B2="Oui"', argb: COLOURS.green },
    { formula: 'B2="Non"', argb: COLOURS.neutral },
  ])
  fitColumns(ws)
}

/* ---------- sources ---------- */

const ORIGIN_LABELS: Record<string, string> = { interne: 'Interne', externe: 'Externe' }

export function writeSources(ws: ExcelJS.Worksheet, value: SourcesValue): void {
  writeHeader(ws, ['Titre', 'Origine', 'Type', 'Adresse', 'Note'])
  value.rows
    .filter((r) => r.title.trim() || r.url.trim())
    .forEach((r, i) => {
      const row = ws.getRow(i + 2)
      setCell(row, 1, text(r.title))
      setCell(row, 2, ORIGIN_LABELS[r.origin] ?? null)
      setCell(row, 3, text(r.type))
      const url = r.url.trim()
      if (url) {
        const cell = setCell(row, 4, { text: url, hyperlink: url })
        cell.font = { color: { argb: 'FF0563C1' }, underline: true }
      }
      setCell(row, 5, text(r.note))
    })
  fitColumns(ws)
}

/* ---------- persona ---------- */

const PERSONA_COLUMNS: { header: string; value: (p: Persona) => ExcelJS.CellValue }[] = [
  { header: 'Prénom', value: (p) => text(p.firstName) },
  { header: 'Âge', value: (p) => p.age },
  { header: 'Localisation', value: (p) => text(p.location) },
  { header: 'CSP', value: (p) => text(p.csp) },
  { header: 'Situation familiale', value: (p) => text(p.family) },
  { header: 'Goûts', value: (p) => text(p.tastes) },
  { header: 'Habitudes', value: (p) => text(p.habits) },
  { header: 'Marques', value: (p) => text(p.brands) },
  { header: 'Médias', value: (p) => text(mediaSummary(p)) },
  { header: 'Besoins', value: (p) => text(p.needs) },
  { header: 'Frustrations', value: (p) => text(p.frustrations) },
  { header: 'Citation', value: (p) => text(p.quote) },
  { header: 'Inclusion', value: (p) => text(p.inclusion) },
  { header: 'Texte alternatif du visuel', value: (p) => text(p.avatar?.alt) },
]

export function writePersonae(ws: ExcelJS.Worksheet, value: PersonaValue): void {
  writeHeader(
    ws,
    PERSONA_COLUMNS.map((c) => c.header),
  )
  value.personas.forEach((p, i) => {
    const row = ws.getRow(i + 2)
    PERSONA_COLUMNS.forEach((c, j) => setCell(row, j + 1, c.value(p)))
  })
  fitColumns(ws)
}

/* ---------- SMART objectives ---------- */

const SMART_HEADERS = [
  'Intitulé',
  'Type',
  'Objectif global servi',
  'Indicateur',
  'Départ',
  'Cible',
  'Unité',
  'Échéance',
  'Responsable',
  'Ressources',
  'Négocié avec',
  'Écart à faire',
  'Qualités à revoir',
]

export function writeSmart(ws: ExcelJS.Worksheet, value: SmartValue): void {
  writeHeader(ws, SMART_HEADERS)
  const all = value.objectives
  all.forEach((o, i) => {
    const n = i + 2
    const row = ws.getRow(n)
    const parent = o.kind === 'intermediate' ? all.find((p) => p.id === o.parentId) : undefined
    const failing = checkObjective(o, all).filter((c) => !c.ok)
    setCell(row, 1, text(o.label))
    setCell(row, 2, o.kind === 'global' ? 'Global' : 'Intermédiaire')
    setCell(row, 3, text(parent?.label))
    setCell(row, 4, text(o.indicator))
    setCell(row, 5, o.baseline ?? null)
    setCell(row, 6, o.target ?? null)
    setCell(row, 7, text(o.unit))
    setCell(row, 8, isoToDate(o.deadline), NUM_FMT.date)
    setCell(row, 9, text(o.owner))
    setCell(row, 10, text(o.resources))
    setCell(row, 11, text(o.agreedWith))
    setCell(row, 12, formula(`IF(OR(E${n}="",F${n}=""),"",F${n}-E${n})`))
    setCell(row, 13, text(failing.map((c) => `${QUALITY_LABELS[c.quality]} : ${c.problems.join(', ')}`).join('\n')))
  })
  fitColumns(ws)
}

/* ---------- marketing mix ---------- */

export function writeMix(ws: ExcelJS.Worksheet, field: Field<'mix'>, value: MixValue): void {
  writeHeader(ws, ['P', 'Sous-partie', 'Contenu'])
  let n = 2
  for (const p of field.fourP) {
    for (const part of p.parts) {
      const row = ws.getRow(n++)
      setCell(row, 1, p.label)
      setCell(row, 2, part.label)
      setCell(row, 3, text(value.p[p.id]?.[part.id]))
    }
  }
  const labels = new Map(field.extensions.map((x) => [x.id, x.label]))
  for (const x of value.extensions) {
    const row = ws.getRow(n++)
    const context = x.context.trim()
    setCell(row, 1, labels.get(x.id) ?? x.id)
    setCell(row, 2, 'Extension')
    setCell(row, 3, text(x.content.trim() + (context ? ` — Contexte : ${context}` : '')))
  }
  n++ // a blank row between the P and the 4E
  const headerRow = ws.getRow(n++)
  const eHeaders = ['E', 'Proposition', 'Illustration', 'Sur-mesure', 'P transformés']
  eHeaders.forEach((h, i) => (headerRow.getCell(i + 1).value = h))
  styleHeaderRow(headerRow, eHeaders.length)
  const items = new Map(mixItems(field, value).map((i) => [i.id, i.label]))
  for (const { id, label } of FOUR_E) {
    const e = value.e[id]
    const row = ws.getRow(n++)
    setCell(row, 1, label)
    setCell(row, 2, text(e?.proposal))
    setCell(row, 3, text(e?.illustration))
    setCell(row, 4, text(e?.personalisation))
    setCell(row, 5, text((e?.links ?? []).flatMap((l) => (items.has(l) ? [items.get(l)!] : [])).join(', ')))
  }
  fitColumns(ws)
}

/* ---------- self-assessment ---------- */

export function writeSelfAssessment(ws: ExcelJS.Worksheet, model: DossierExport): void {
  writeHeader(ws, ['Compétence', 'Critère', 'Intitulé du critère', 'Statut', 'Justification'])
  const competencies = new Map(model.competencies.map((c) => [c.id, c.text]))
  let n = 2
  for (const group of model.selfAssessment) {
    const competency = competencies.get(group.competencyId)
    for (const c of group.criteria) {
      const row = ws.getRow(n++)
      setCell(row, 1, competency ? `${group.competencyId} — ${competency}` : group.competencyId)
      setCell(row, 2, c.id)
      setCell(row, 3, c.text)
      setCell(row, 4, c.statusLabel)
      setCell(row, 5, text(c.justification))
    }
  }
  if (n > 2) {
    addConditionalFills(ws, `A2:E${n - 1}`, [
      { formula: '$D2="Atteint"', argb: COLOURS.green },
      { formula: '$D2="En cours"', argb: COLOURS.orange },
      { formula: '$D2="À faire"', argb: COLOURS.neutral },
    ])
  }
  fitColumns(ws)
}

/* ---------- nothing structured ---------- */

export function writeNothingStructured(ws: ExcelJS.Worksheet, message: string): void {
  writeHeader(ws, ['Contenu'])
  setCell(ws.getRow(2), 1, message)
  ws.getColumn(1).width = 80
  ws.getCell('A2').alignment = { wrapText: true, vertical: 'top' }
}
