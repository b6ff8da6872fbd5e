import type { FileChild } from 'docx'
import type ExcelJS from 'exceljs'
import type { FieldKind } from '#templates/template.schema'
import type { ChartImage } from '~/services/exports/charts.server'
import { budgetLines, categoryTotals } from './budget/budget'
import { budgetChartImages } from './budget/charts.server'
import { curveImage } from './experience-map/chart.server'
import { kpiChartImages } from './kpi/charts.server'
import { funnelImage } from './lead-funnel/docx.server'
import { computeFunnel } from './lead-funnel/funnel'
import { calendarImage } from './media-plan/calendar.server'
import { positioningMapImage } from './positioning-map/image.server'
import { mapPoints } from './positioning-map/map'
import { mixImages } from './mix/picture.server'
import { personaImages } from './persona/picture.server'
import { smartImages } from './smart/picture.server'
import { tableImages } from './table/picture.server'
import { ganttImage } from './retroplanning/gantt.server'
import { planRows } from './retroplanning/retroplanning'
import { docx as budgetDocx } from './budget/docx.server'
import { xlsx as budgetXlsx } from './budget/xlsx.server'
import { docx as checklistDocx } from './checklist/docx.server'
import { xlsx as checklistXlsx } from './checklist/xlsx.server'
import { docx as experienceMapDocx } from './experience-map/docx.server'
import { xlsx as experienceMapXlsx } from './experience-map/xlsx.server'
import { docx as oralSupportDocx } from './oral-support/docx.server'
import { xlsx as oralSupportXlsx } from './oral-support/xlsx.server'
import { docx as kpiDocx } from './kpi/docx.server'
import { xlsx as kpiXlsx } from './kpi/xlsx.server'
import { docx as meetingMinutesDocx } from './meeting-minutes/docx.server'
import { xlsx as meetingMinutesXlsx } from './meeting-minutes/xlsx.server'
import { docx as leadFunnelDocx } from './lead-funnel/docx.server'
import { xlsx as leadFunnelXlsx } from './lead-funnel/xlsx.server'
import { docx as mediaPlanDocx } from './media-plan/docx.server'
import { xlsx as mediaPlanXlsx } from './media-plan/xlsx.server'
import { docx as mixDocx } from './mix/docx.server'
import { xlsx as mixXlsx } from './mix/xlsx.server'
import { docx as personaDocx } from './persona/docx.server'
import { xlsx as personaXlsx } from './persona/xlsx.server'
import { docx as positioningMapDocx } from './positioning-map/docx.server'
import { xlsx as positioningMapXlsx } from './positioning-map/xlsx.server'
import { docx as retroplanningDocx } from './retroplanning/docx.server'
import { xlsx as retroplanningXlsx } from './retroplanning/xlsx.server'
import { docx as richTextDocx } from './rich-text/docx.server'
import { richTextHtml } from './rich-text/html.server'
import { xlsx as richTextXlsx } from './rich-text/xlsx.server'
import { docx as smartDocx } from './smart/docx.server'
import { xlsx as smartXlsx } from './smart/xlsx.server'
import { docx as sourcesDocx } from './sources/docx.server'
import { xlsx as sourcesXlsx } from './sources/xlsx.server'
import { docx as tableDocx } from './table/docx.server'
import { xlsx as tableXlsx } from './table/xlsx.server'
import type { DocxContext, DocxWriter, XlsxContext, XlsxWriter } from './types.server'
import type { ConfigOf, FieldEntry, ValueOf } from './values'

/** The server side of every kind: its Word blocks and its Excel sheet. */
type ServerKind<K extends FieldKind> = {
  docx: DocxWriter<K>
  xlsx: XlsxWriter<K>
  /** The value as static HTML, for read-only pages that should not load the kind's renderer. */
  html?: (field: ConfigOf<K>, value: ValueOf<K>) => string
  /** Its pictures as PNG (the charts of its Word export), for a slide that shows the section. */
  pictures?: (field: ConfigOf<K>, value: ValueOf<K>, today: string) => ChartImage[]
}

const some = <T>(image: T | null): T[] => (image ? [image] : [])

export const serverKinds: { [K in FieldKind]: ServerKind<K> } = {
  richText: { docx: richTextDocx, xlsx: richTextXlsx, html: (_field, value) => richTextHtml(value) },
  table: { docx: tableDocx, xlsx: tableXlsx, pictures: (field, value) => tableImages(field, value) },
  checklist: { docx: checklistDocx, xlsx: checklistXlsx },
  sources: { docx: sourcesDocx, xlsx: sourcesXlsx },
  persona: { docx: personaDocx, xlsx: personaXlsx, pictures: (_field, value) => personaImages(value) },
  smart: { docx: smartDocx, xlsx: smartXlsx, pictures: (_field, value) => smartImages(value) },
  mix: { docx: mixDocx, xlsx: mixXlsx, pictures: (field, value) => mixImages(field, value) },
  retroplanning: {
    docx: retroplanningDocx,
    xlsx: retroplanningXlsx,
    pictures: (field, value, today) => some(ganttImage(planRows(value, field.alerts, today).rows, value.deadline, today, field.tracking)),
  },
  kpi: { docx: kpiDocx, xlsx: kpiXlsx, pictures: (field, value) => kpiChartImages(value, field.thresholds) },
  positioningMap: {
    docx: positioningMapDocx,
    xlsx: positioningMapXlsx,
    pictures: (field, value) => (mapPoints(value).length ? [positioningMapImage(value, field.scale)] : []),
  },
  meetingMinutes: { docx: meetingMinutesDocx, xlsx: meetingMinutesXlsx },
  leadFunnel: { docx: leadFunnelDocx, xlsx: leadFunnelXlsx, pictures: (_field, value) => (computeFunnel(value).rows.length ? [funnelImage(value)] : []) },
  mediaPlan: { docx: mediaPlanDocx, xlsx: mediaPlanXlsx, pictures: (_field, value) => some(calendarImage(value)) },
  budget: {
    docx: budgetDocx,
    xlsx: budgetXlsx,
    pictures: (field, value) => budgetChartImages(categoryTotals(budgetLines(value, field.thresholds), field.categories, field.thresholds)),
  },
  experienceMap: { docx: experienceMapDocx, xlsx: experienceMapXlsx, pictures: (field, value) => some(curveImage(value, field.gapAlert)) },
  oralSupport: { docx: oralSupportDocx, xlsx: oralSupportXlsx },
}

type Loose = ServerKind<FieldKind>
/** The one place a field and a value of its kind meet a writer. */
const kindOf = (entry: FieldEntry) => serverKinds[entry.field.kind] as unknown as Loose

export const docxBlocks = (entry: FieldEntry, ctx: DocxContext): FileChild[] => kindOf(entry).docx(entry.field, entry.value, ctx)

/** True when the entry's kind has an Excel sheet. */
export const hasSheet = (entry: FieldEntry): boolean => kindOf(entry).xlsx !== null

export function writeSheet(ws: ExcelJS.Worksheet, entry: FieldEntry, ctx: XlsxContext): void {
  const writer = kindOf(entry).xlsx
  if (!writer) throw new Error(`No Excel sheet for a ${entry.field.kind} field`)
  writer.write(ws, entry.field, entry.value, ctx)
}

export const holidayYearsOf = (entry: FieldEntry, today: string): number[] => kindOf(entry).xlsx?.holidayYears?.(entry.field, entry.value, today) ?? []

/** Static HTML of the entry when its kind renders on the server (rich text), else undefined. */
export const staticHtml = (entry: FieldEntry): string | undefined => kindOf(entry).html?.(entry.field, entry.value)

/** True when a section of this kind can be shown on a slide as a picture (a chart, a card, a table). */
export const hasPictures = (kind: FieldKind): boolean => serverKinds[kind].pictures !== undefined

/** The pictures a slide may show of a section (none for a kind without charts). */
export const picturesOf = (entry: FieldEntry, today: string): ChartImage[] => kindOf(entry).pictures?.(entry.field, entry.value, today) ?? []
