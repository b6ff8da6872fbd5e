import type { FileChild } from 'docx'
import type ExcelJS from 'exceljs'
import type { FieldKind } from '#templates/template.schema'
import type { PassageSelectors } from '~/domain/annotation'
import type { DossierExport } from '~/services/exports/model.server'
import type { ConfigOf, ValueOf } from './values'

/** What a kind's Word writer receives besides its field and value. */
export type DocxContext = {
  /** Level of the headings inside the section (the section title is one level above). */
  level: number
  /** The dossier being exported (uploaded images, objectives, candidate…). */
  model: DossierExport
  /** Today in France (AAAA-MM-JJ). */
  today: string
  /** A new numbering instance, for an ordered list that restarts at 1. */
  nextListInstance: () => number
  /** Comments on passages of this section, in an export with comments (only rich text has passages; other kinds ignore them). */
  passages?: DocxPassageComments
}

/**
 * Comments on passages, for the Word export with comments: the writer anchors
 * each on the current text, writes its Word comment range around the words,
 * and adds its id to `placed`. The export lists the others on the section
 * heading, as passages modified or deleted.
 */
export type DocxPassageComments = {
  comments: { id: number; selectors: PassageSelectors }[]
  placed: Set<number>
}

/** The Word blocks of a non-empty value (an empty section is written « (Section non remplie) » by the caller). */
export type DocxWriter<K extends FieldKind> = (field: ConfigOf<K>, value: ValueOf<K>, ctx: DocxContext) => FileChild[]

export type XlsxContext = {
  model: DossierExport
  today: string
  /** The absolute range of the French public holidays sheet (`'Jours fériés'!$A$2:$A$40`), when a kind asked for it. */
  holidaysRef: string
}

/**
 * The Excel sheet of a kind, or null for a kind that belongs to the Word
 * export only (rich text). Must agree with the definition's `excel` flag.
 */
export type XlsxWriter<K extends FieldKind> = {
  write: (ws: ExcelJS.Worksheet, field: ConfigOf<K>, value: ValueOf<K>, ctx: XlsxContext) => void
  /** Years of French public holidays the sheet's formulas need (working-day arithmetic). */
  holidayYears?: (field: ConfigOf<K>, value: ValueOf<K>, today: string) => number[]
} | null
