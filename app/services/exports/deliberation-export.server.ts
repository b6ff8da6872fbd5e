import ExcelJS from 'exceljs'
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx'
import { BLOC_RESULT_LABELS, OVERALL_DECISION_LABELS, proposeOverall, type BlocResult, type OverallDecision } from '~/domain/deliberation'
import { formatDate, frenchTypography as ft, plural } from '~/domain/format'
import type { CompetencyResult } from '~/domain/grading'
import { formatInstant, parisLocal } from '~/domain/hand-in'
import { COMPETENCY_RESULT_LABELS } from '~/domain/results-labels'
import type { CandidateResults } from '~/domain/results-view'
import { referentiel, referentielIndex } from '../referentiel.server'
import { cell, labelled, LEVEL_FILLS, para, PRIMARY, run, table, TABLE_STYLES, TEXT_WIDTH } from './docx-parts.server'
import { addConditionalFills, COLOURS, columnLetter, fitColumns, setCell, writeHeader } from './xlsx-sheet.server'

/**
 * The documents of a deliberation, written from the candidates' results
 * (app/domain/results-view.ts): the minutes (« procès-verbal de délibération »)
 * and each candidate's attestation of the blocs validated as Word, the results
 * grid as Excel. Pure writers: everything comes in the model (they run in a
 * worker thread, see deliberation-documents.server.ts). Same visual
 * conventions as the dossier export (docx.server.ts): Calibri 11, headings in
 * the primary blue, shaded table headers, fr-FR.
 */

export type DeliberationBloc = { id: string; title: string; example: boolean; competencyIds: string[] }

export type DeliberationDocsModel = {
  session: { name: string; startsOn: string; endsOn: string }
  /** The jurors assigned in the session, the president first. */
  jury: { name: string; president: boolean }[]
  blocs: DeliberationBloc[]
  /** Every enrolled candidate, by name. */
  candidates: CandidateResults[]
  generatedAt: Date
}

/** What the worker thread writes (deliberation-render.worker.ts). */
export type DeliberationTask =
  { kind: 'minutes' | 'grid'; model: DeliberationDocsModel } | { kind: 'attestation'; model: DeliberationDocsModel; learnerId: string }

export const MINUTES_TITLE = 'Procès-verbal de délibération'
export const ATTESTATION_TITLE = 'Attestation de validation de blocs de compétences'
export const NOT_DELIBERATED = 'Non délibéré'
export const RESULTS_SHEET = 'Résultats'
export const COMPETENCIES_SHEET = 'Compétences'

export const competencyResultLabel = (result: CompetencyResult | null) => (result ? COMPETENCY_RESULT_LABELS[result] : '—')

const SOFT_INK = '4A5162'
const sessionDates = (s: DeliberationDocsModel['session']) => `du ${formatDate(s.startsOn)} au ${formatDate(s.endsOn)}`
const confirmedText = (d: NonNullable<CandidateResults['deliberation']>) =>
  `le ${formatInstant(new Date(d.confirmedAt))} (heure de Paris) par ${d.confirmedByName}`

/** The blocs a candidate's confirmed deliberation validated, in the session's order (none without a deliberation). */
export function validatedBlocs(model: Pick<DeliberationDocsModel, 'blocs'>, candidate: CandidateResults): DeliberationBloc[] {
  const acquired = new Set((candidate.deliberation?.blocs ?? []).filter((b) => b.decision === 'acquired').map((b) => b.blocId))
  return model.blocs.filter((b) => acquired.has(b.id))
}

/** A bloc decision of a candidate, as recorded (null: not deliberated, or the bloc was added after the deliberation). */
function blocDecisionOf(candidate: CandidateResults, blocId: string) {
  return candidate.deliberation?.blocs.find((b) => b.blocId === blocId) ?? null
}

/* ---------------- Word ---------------- */

const BLOC_FILLS: Record<BlocResult, string> = { acquired: LEVEL_FILLS.vert, 'not-acquired': LEVEL_FILLS.rouge }
const DECISION_FILLS: Record<OverallDecision, string> = { complete: LEVEL_FILLS.vert, partial: LEVEL_FILLS.orange, deferred: LEVEL_FILLS.rouge }

function wordDocument(title: string, description: string, footerText: string, children: FileChild[]): Promise<Buffer> {
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [`${footerText} — page `, PageNumber.CURRENT, ' sur ', PageNumber.TOTAL_PAGES], size: 18, color: SOFT_INK })],
      }),
    ],
  })
  const doc = new Document({
    creator: 'Atelier',
    title,
    description,
    styles: {
      default: {
        document: {
          run: { font: 'Calibri', size: 22, language: { value: 'fr-FR' } },
          paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: { run: { size: 44, bold: true, color: PRIMARY } },
        heading1: { run: { size: 32, bold: true, color: PRIMARY }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true } },
        heading2: { run: { size: 26, bold: true, color: PRIMARY }, paragraph: { spacing: { before: 280, after: 120 }, keepNext: true } },
      },
      paragraphStyles: [...TABLE_STYLES],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 } } },
        footers: { default: footer },
        children,
      },
    ],
  })
  return Packer.toBuffer(doc)
}

const heading = (level: 1 | 2, text: string) => new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [run(text)] })

const titleBlock = (title: string, model: DeliberationDocsModel): FileChild[] => [
  new Paragraph({ heading: HeadingLevel.TITLE, spacing: { after: 120 }, children: [run(title)] }),
  para(ft(`Titre « ${referentiel.title} » — RNCP niveau ${referentiel.level} — ${referentiel.certifier}`), { color: SOFT_INK }),
  labelled('Session', ft(model.session.name)),
  labelled('Dates', sessionDates(model.session)),
]

/**
 * The signatures block: one row per signatory (name, capacity) and a blank
 * cell, tall enough to sign in. Rows never split across pages.
 */
function signatureTable(rows: { name: string; capacity: string }[]): Table {
  const widths = [3400, 2600, TEXT_WIDTH - 3400 - 2600]
  const border = { style: BorderStyle.SINGLE, size: 4, color: '9A968A' }
  const borders = { top: border, bottom: border, left: border, right: border }
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: ['Nom', 'Qualité', 'Signature'].map((h) => cell(h, { header: true })),
  })
  const body = rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        height: { value: 1100, rule: HeightRule.ATLEAST },
        children: [cell(r.name), cell(r.capacity), new TableCell({ borders, children: [new Paragraph({ style: 'TableText' })] })],
      }),
  )
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    rows: [header, ...body],
  })
}

const PRESIDENT = 'Président·e du jury'
const MEMBER = 'Membre du jury'

/** « 3 certifications complètes, 1 validation partielle de blocs… » */
function decisionCounts(candidates: CandidateResults[]): string {
  const count = (d: OverallDecision) => candidates.filter((c) => c.deliberation?.decision === d).length
  const parts = [
    plural(count('complete'), 'certification complète', 'certifications complètes'),
    plural(count('partial'), 'validation partielle de blocs', 'validations partielles de blocs'),
    plural(count('deferred'), 'ajournement', 'ajournements'),
  ]
  const pending = candidates.filter((c) => !c.deliberation).length
  if (pending) parts.push(plural(pending, 'candidat·e non délibéré·e', 'candidat·es non délibéré·es'))
  return `${plural(candidates.length, 'candidat·e', 'candidat·es')}\u00a0: ${parts.join(', ')}.`
}

/** One candidate's section of the minutes: the decision per bloc (proposal, decision, reason) and overall, and when it was confirmed. */
function candidateMinutes(model: DeliberationDocsModel, candidate: CandidateResults): FileChild[] {
  const out: FileChild[] = [heading(2, candidate.name)]
  const d = candidate.deliberation
  if (!d) {
    out.push(
      new Paragraph({ children: [run(`${NOT_DELIBERATED}\u00a0: `, { bold: true }), run('la décision du jury n’a pas été confirmée.', { italics: true })] }),
    )
    return out
  }
  if (model.blocs.length) {
    out.push(
      table(
        ['Bloc de compétences', 'Proposition', 'Décision', 'Motif'],
        model.blocs.map((b) => {
          const decision = blocDecisionOf(candidate, b.id)
          return [
            ft(b.title),
            decision ? BLOC_RESULT_LABELS[decision.proposed] : '—',
            decision
              ? { text: BLOC_RESULT_LABELS[decision.decision], fill: BLOC_FILLS[decision.decision] }
              : 'Non délibéré (bloc ajouté après la délibération)',
            decision?.reason.trim() || '—',
          ]
        }),
      ),
    )
  }
  out.push(
    new Paragraph({
      spacing: { before: 120 },
      children: [
        run('Décision globale\u00a0: ', { bold: true }),
        run(OVERALL_DECISION_LABELS[d.decision], { bold: true }),
        ...(d.decision !== proposedAtConfirmation(candidate)
          ? [run(` (proposition\u00a0: ${OVERALL_DECISION_LABELS[proposedAtConfirmation(candidate)]})`, { color: SOFT_INK })]
          : []),
      ],
    }),
  )
  if (d.reason.trim()) out.push(labelled('Motif', d.reason.trim()))
  out.push(para(`Délibération confirmée ${confirmedText(d)}.`, { color: SOFT_INK }))
  return out
}

/**
 * The overall proposal when the president confirmed: it follows from the bloc
 * proposals recorded then (the results may have changed since, and with them `candidate.proposed`).
 */
function proposedAtConfirmation(candidate: CandidateResults): OverallDecision {
  const blocs = candidate.deliberation?.blocs
  return blocs?.length ? proposeOverall(blocs.map((b) => b.proposed)) : candidate.proposed
}

/** The minutes of a session's deliberation as Word. */
export function minutesToDocx(model: DeliberationDocsModel): Promise<Buffer> {
  const children: FileChild[] = [...titleBlock(MINUTES_TITLE, model), labelled('Édité le', `${formatInstant(model.generatedAt)} (heure de Paris)`)]

  children.push(heading(1, 'Jury'))
  if (model.jury.length === 0) children.push(para('Aucun·e juré·e n’est affecté·e à cette session.', { italics: true }))
  else {
    children.push(
      table(
        ['Membre du jury', 'Qualité'],
        model.jury.map((j) => [j.name, j.president ? PRESIDENT : MEMBER]),
      ),
    )
    if (!model.jury.some((j) => j.president)) children.push(para('Aucun·e président·e du jury n’est désigné·e pour cette session.', { italics: true }))
  }

  children.push(heading(1, 'Blocs de compétences'))
  if (model.blocs.length === 0) children.push(para('Aucun bloc de compétences n’est défini pour cette session.', { italics: true }))
  else {
    if (model.blocs.some((b) => b.example))
      children.push(
        para('Regroupement donné à titre d’exemple\u00a0: le référentiel ne liste pas les blocs, l’établissement les a définis.', { italics: true }),
      )
    children.push(
      table(
        ['Bloc', 'Compétences'],
        model.blocs.map((b) => [ft(b.title), b.competencyIds.join(', ') || '—']),
      ),
    )
  }

  children.push(heading(1, 'Synthèse des décisions'))
  children.push(para(decisionCounts(model.candidates)))
  if (model.candidates.length) {
    children.push(
      table(
        ['Candidat·e', 'Décision', 'Confirmée le'],
        model.candidates.map((c) => [
          c.name,
          c.deliberation ? { text: OVERALL_DECISION_LABELS[c.deliberation.decision], fill: DECISION_FILLS[c.deliberation.decision] } : NOT_DELIBERATED,
          c.deliberation ? formatInstant(new Date(c.deliberation.confirmedAt)) : '—',
        ]),
      ),
    )
  }

  if (model.candidates.length) {
    children.push(heading(1, 'Décisions par candidat·e'))
    for (const c of model.candidates) children.push(...candidateMinutes(model, c))
  }

  children.push(heading(1, 'Signatures'))
  children.push(para('Fait à …………………………………………, le …………………………………………'))
  const signatories = model.jury.length
    ? model.jury.map((j) => ({ name: j.name, capacity: j.president ? PRESIDENT : MEMBER }))
    : [
        { name: '', capacity: PRESIDENT },
        { name: '', capacity: MEMBER },
      ]
  children.push(signatureTable(signatories))

  return wordDocument(MINUTES_TITLE, ft(model.session.name), `${MINUTES_TITLE} — ${ft(model.session.name)}`, children)
}

export class NoAttestation extends Error {}

/**
 * A candidate's attestation of the blocs validated as Word: each bloc with
 * its competencies' verbatim titles, the decision, the date of the
 * deliberation and the president's signature. Refused (NoAttestation) for a
 * candidate without a confirmed deliberation or without a validated bloc.
 */
export async function attestationToDocx(model: DeliberationDocsModel, candidate: CandidateResults): Promise<Buffer> {
  const d = candidate.deliberation
  if (!d) throw new NoAttestation(`${candidate.name} n’a pas encore de délibération confirmée\u00a0: pas d’attestation.`)
  const blocs = validatedBlocs(model, candidate)
  if (blocs.length === 0) throw new NoAttestation(`Aucun bloc de compétences n’a été validé pour ${candidate.name}\u00a0: pas d’attestation.`)
  const confirmedOn = formatDate(new Date(d.confirmedAt))
  const children: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { after: 120 }, children: [run(ATTESTATION_TITLE)] }),
    para(ft(`Titre « ${referentiel.title} » — RNCP niveau ${referentiel.level} — ${referentiel.certifier}`), { color: SOFT_INK }),
    new Paragraph({
      spacing: { before: 360 },
      children: [
        run(ft(`Le jury de la session « ${model.session.name} » (${sessionDates(model.session)}), réuni en délibération le ${confirmedOn}, atteste que `)),
        run(candidate.name, { bold: true }),
        run(blocs.length > 1 ? ' a validé les blocs de compétences suivants\u00a0:' : ' a validé le bloc de compétences suivant\u00a0:'),
      ],
    }),
  ]
  for (const b of blocs) {
    children.push(heading(2, ft(b.title)))
    for (const id of b.competencyIds) {
      const text = referentielIndex.competencies.get(id)?.text ?? ''
      children.push(new Paragraph({ bullet: { level: 0 }, children: [run(`${id} — `, { bold: true }), run(ft(text))] }))
    }
  }
  if (blocs.some((b) => b.example))
    children.push(para('Blocs de compétences définis par l’établissement à titre d’exemple.', { italics: true, color: SOFT_INK }))
  children.push(
    new Paragraph({ spacing: { before: 240 }, children: [run('Décision du jury\u00a0: ', { bold: true }), run(OVERALL_DECISION_LABELS[d.decision])] }),
    labelled('Délibération confirmée', `le ${formatInstant(new Date(d.confirmedAt))} (heure de Paris)`),
    para(`Fait le ${confirmedOn}.`),
    signatureTable([{ name: d.confirmedByName, capacity: PRESIDENT }]),
    new Paragraph({
      spacing: { before: 360 },
      children: [run(`Document édité par Atelier le ${formatInstant(model.generatedAt)} (heure de Paris).`, { size: 18, color: SOFT_INK })],
    }),
  )
  return wordDocument(ATTESTATION_TITLE, candidate.name, `${ATTESTATION_TITLE} — ${candidate.name}`, children)
}

/* ---------------- Excel ---------------- */

/** The Paris wall-clock time of an instant as a date Excel shows as is (exceljs writes dates in UTC). */
const parisWallClock = (instant: Date) => new Date(`${parisLocal(instant)}:00Z`)

/**
 * The results grid as Excel: one row per candidate; one column per competency
 * (« Acquise », « Non acquise », « — » when not graded) and per bloc (the
 * jury's decision, « — » when not deliberated); the overall decision (« Non
 * délibéré » without a confirmed deliberation), when it was confirmed and why
 * it departs from the proposal. Conditional formatting colours the results
 * (green acquired, red not acquired) and the decisions; header and first
 * column are frozen, the header has filters. A second sheet gives each
 * competency's verbatim title and bloc.
 */
export async function resultsToXlsx(model: DeliberationDocsModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Atelier'
  workbook.lastModifiedBy = 'Atelier'
  workbook.title = `Résultats — ${model.session.name}`
  workbook.created = model.generatedAt
  workbook.modified = model.generatedAt

  const competencyIds = referentiel.activities.flatMap((a) => a.competencies.map((c) => c.id))
  const ws = workbook.addWorksheet(RESULTS_SHEET)
  const headers = ['Candidat·e', ...competencyIds, ...model.blocs.map((b) => b.title), 'Décision', 'Confirmée le (heure de Paris)', 'Motif de la décision']
  writeHeader(ws, headers)
  const firstCompetency = 2
  const firstBloc = firstCompetency + competencyIds.length
  const decisionCol = firstBloc + model.blocs.length

  model.candidates.forEach((c, i) => {
    const row = ws.getRow(i + 2)
    setCell(row, 1, c.name)
    const results = new Map(c.competencies.map((o) => [o.competencyId, o.result]))
    competencyIds.forEach((id, k) => setCell(row, firstCompetency + k, competencyResultLabel(results.get(id) ?? null)))
    model.blocs.forEach((b, k) => {
      const decision = blocDecisionOf(c, b.id)
      setCell(row, firstBloc + k, decision ? BLOC_RESULT_LABELS[decision.decision] : '—')
    })
    const d = c.deliberation
    setCell(row, decisionCol, d ? OVERALL_DECISION_LABELS[d.decision] : NOT_DELIBERATED)
    if (d) {
      setCell(row, decisionCol + 1, parisWallClock(new Date(d.confirmedAt)), 'dd/mm/yyyy hh:mm')
      if (d.reason.trim()) setCell(row, decisionCol + 2, d.reason.trim())
    }
    for (let col = firstCompetency; col < decisionCol; col++) row.getCell(col).alignment = { horizontal: 'center' }
  })

  const last = model.candidates.length + 1
  if (model.candidates.length) {
    // Results and bloc decisions: the label decides the colour (Excel compares text without case).
    addConditionalFills(ws, `${columnLetter(firstCompetency)}2:${columnLetter(decisionCol - 1)}${last}`, [
      { formula: `OR(${columnLetter(firstCompetency)}2="Acquise",${columnLetter(firstCompetency)}2="Acquis")`, argb: COLOURS.green },
      { formula: `OR(${columnLetter(firstCompetency)}2="Non acquise",${columnLetter(firstCompetency)}2="Non acquis")`, argb: COLOURS.red },
    ])
    const dc = columnLetter(decisionCol)
    addConditionalFills(ws, `${dc}2:${dc}${last}`, [
      { formula: `${dc}2="${OVERALL_DECISION_LABELS.complete}"`, argb: COLOURS.green },
      { formula: `${dc}2="${OVERALL_DECISION_LABELS.partial}"`, argb: COLOURS.orange },
      { formula: `${dc}2="${OVERALL_DECISION_LABELS.deferred}"`, argb: COLOURS.red },
      { formula: `${dc}2="${NOT_DELIBERATED}"`, argb: COLOURS.neutral },
    ])
  }
  fitColumns(ws)
  // Frozen header row and candidate column; filters on every column.
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2' }]
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } }

  const sheet = workbook.addWorksheet(COMPETENCIES_SHEET)
  writeHeader(sheet, ['Compétence', 'Intitulé', 'Bloc'])
  const blocOf = new Map(model.blocs.flatMap((b) => b.competencyIds.map((id) => [id, b.title] as const)))
  competencyIds.forEach((id, i) => {
    const row = sheet.getRow(i + 2)
    setCell(row, 1, id)
    setCell(row, 2, referentielIndex.competencies.get(id)?.text ?? '')
    setCell(row, 3, blocOf.get(id) ?? '—')
  })
  fitColumns(sheet)

  return Buffer.from(await workbook.xlsx.writeBuffer())
}
