import type { FieldKind } from '#templates/template.schema'
import type { FieldIssue } from './types'
import type { ConfigOf, ValueOf } from './values'

export type { FieldIssue }

/** A SMART objective of the same candidate, which a KPI may say it measures. */
export type LinkableObjective = { id: string; label: string; where: string }

/** What every editor receives besides its field and value. */
export type EditorContext = {
  /** Ids of the section's title and guidance, for aria-labelledby / aria-describedby. */
  titleId: string
  guidanceId: string
  /** The section title, for table captions and region labels. */
  caption: string
  /** Where images of this dossier are uploaded. */
  uploadUrl: string
  /** Changes when the value is replaced from outside (conflict resolved, restore): editors holding state reset. */
  resetKey: number
  /** SMART objectives of the same candidate (the KPI dashboard links to them). */
  objectives: LinkableObjective[]
  /** Parts of the value the server refused at the last save: the editor marks them (aria-invalid) and says why. */
  issues: FieldIssue[]
}

export type EditorProps<K extends FieldKind> = {
  field: ConfigOf<K>
  value: ValueOf<K>
  onChange: (value: ValueOf<K>) => void
  ctx: EditorContext
}

export type ViewProps<K extends FieldKind> = {
  field: ConfigOf<K>
  value: ValueOf<K>
  /** The section title, for captions. */
  caption: string
  /** Level of the headings the view makes (2 when shown right under the page title). */
  headingLevel?: 2 | 3
  /** A rich text already rendered on the server (see app/kinds/rich-text/html.server.ts). */
  html?: string
}
