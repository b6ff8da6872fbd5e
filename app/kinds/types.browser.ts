import type { FieldKind } from '#templates/template.schema'
import type { FieldIssue } from './types'
import type { ConfigOf, ValueOf } from './values'

export type { FieldIssue }

/** A SMART objective of the same candidate, which a KPI may say it measures (a lead funnel starts from its target). */
export type LinkableObjective = { id: string; label: string; where: string; target?: number | null; unit?: string }

/** A persona of the same candidate, which an experience map recalls (its profile in one text). */
export type LinkablePersona = { id: string; name: string; summary: string; where: string }

/** A member of the dossier's group (an oral's speaker). */
export type OralMember = { id: string; name: string }
/** A section an oral may show: of this dossier, or of another of the learner's (`where` names it). */
export type OralPicture = { id: string; title: string; dossierId: string; where: string | null }
/** A criterion the section serves, with the learner's self-assessment status (todo, inProgress, acquired…). */
export type SectionCriterion = { id: string; text: string; status?: string }

/** What every editor receives besides its field and value. */
export type EditorContext = {
  /** Ids of the section's title and guidance, for aria-labelledby / aria-describedby. */
  titleId: string
  guidanceId: string
  /** The section title, for table captions and region labels. */
  caption: string
  /** Where images of this dossier are uploaded. */
  uploadUrl: string
  /** Where evidence files (a table's `file` column) are joined; absent where nothing may be joined. */
  attachmentUrl?: string
  /** Shown images are served under this prefix (a juror's copy: its frozen files); their stored address is unchanged. */
  imageBase?: string
  /** Changes when the value is replaced from outside (conflict resolved, restore): editors holding state reset. */
  resetKey: number
  /** SMART objectives of the same candidate (the KPI dashboard links to them). */
  objectives: LinkableObjective[]
  /** Personae of the same candidate (the experience map recalls one). */
  personas?: LinkablePersona[]
  /** The members of the dossier's group (an oral's speakers); absent or empty for an individual dossier. */
  members?: OralMember[]
  /** Sections of the same dossier that show a picture (an oral's visuals). */
  pictures?: OralPicture[]
  /** The criteria the section serves, with the learner's self-assessment (an oral's questions address them). */
  criteria?: SectionCriterion[]
  /** Parts of the value the server refused at the last save: the editor marks them (aria-invalid) and says why. */
  issues: FieldIssue[]
  /**
   * Read-only (a tutor reading): the reader can select and navigate, never
   * change the value. Only rich text is shown read-only in its editor; other
   * kinds show their view.
   */
  readOnly?: boolean
  /** Comments anchored in passages of this section (rich text only). */
  annotations?: PassageAnnotations
  /** Edited together live (rich text of a group dossier, issue 17 §1): the shared document and how my caret is shown. */
  collab?: {
    document: string
    user: { name: string; color: string }
    /** My changes: `pending` until the collaboration server has them, then `saved` (it stores them within seconds). */
    onSaveState?: (state: 'pending' | 'saved' | 'offline') => void
  }
}

/**
 * Passages of a rich text that comments address, as ranges of the document's
 * anchoring text (app/kinds/rich-text/anchoring.ts). The editor highlights
 * them (decorations: nothing is written into the document), reports the
 * reader's selection, and moves between a passage and its comment.
 */
export type PassageAnnotations = {
  passages: { id: string; start: number; end: number }[]
  /** The passage whose comment is open in the margin: highlighted more strongly. */
  activeId: string | null
  /** Asks the editor to select and show a passage (changes `nonce` to ask again). */
  reveal: { id: string; nonce: number } | null
  /** The reader's selection in anchoring-text offsets, null when empty; called when it changes. */
  onSelect: (range: { start: number; end: number } | null) => void
  /** The reader asked, from inside a highlighted passage (keyboard: Alt+Entrée), for its comment. */
  onOpen: (id: string) => void
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
  /** The group's members, where known (an oral names its speakers). */
  members?: OralMember[]
}
