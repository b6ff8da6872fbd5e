/**
 * The dossier cells of the tutor dashboard (routes/tuteur.tsx): a page shows
 * 25 learners × 21 dossiers, and each cell travels twice, as HTML and as
 * loader data for hydration. Both are kept lean here:
 *
 * - on the wire, a learner's cells are one string (`encodeCells`), a line per
 *   cell and its fields separated by `|`, instead of 525 small arrays that
 *   the loader-data encoder would flatten value by value;
 * - in the page, they are written as one HTML string (`cellsHtml`), the same on
 *   the server and in the browser, instead of 2 000 React elements.
 *
 * Every value is escaped; none is typed by a user (dossier ids, template
 * labels, figures, and our own French for dates).
 */
export type DossierCell = {
  id: string
  /** The template's short label (« Fiche Veille »). */
  label: string
  achieved: number
  criteria: number
  /** When it was last changed, in words (« il y a 2 jours »); empty if never. */
  activity: string
  requested: boolean
  openComments: number
}

const FIELD = '|'
const CELL = '\n'
const clean = (s: string) => s.replace(/[|\n]/g, ' ')

export function encodeCells(cells: readonly DossierCell[]): string {
  return cells.map((c) => [clean(c.id), clean(c.label), c.achieved, c.criteria, c.requested ? 1 : 0, c.openComments, clean(c.activity)].join(FIELD)).join(CELL)
}

export function decodeCells(encoded: string): DossierCell[] {
  if (!encoded) return []
  return encoded.split(CELL).map((line) => {
    const [id = '', label = '', achieved, criteria, requested, openComments, activity = ''] = line.split(FIELD)
    return { id, label, achieved: Number(achieved), criteria: Number(criteria), requested: requested === '1', openComments: Number(openComments), activity }
  })
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)

/**
 * « 3/12 critères · 2 commentaires ouverts · modifié il y a 2 jours » (small counts: no number formatting needed);
 * a REX evidences no criterion: « sans critère à évaluer ».
 */
export function cellText(c: DossierCell): string {
  let text = c.criteria ? `${c.achieved}/${c.criteria} critères` : 'sans critère à évaluer'
  const s = c.openComments > 1 ? 's' : ''
  if (c.openComments) text += ` · ${c.openComments}\u00a0commentaire${s} ouvert${s}`
  if (c.activity) text += ` · modifié ${c.activity}`
  return text
}

/**
 * The `<li>` of each cell: a link to the dossier, its figures in text, a badge
 * when a review is requested. The class (p1 to p10, none for 0) draws the
 * share of criteria « atteints » as a bar, by tenths (app/styles/tutor.css).
 */
export function cellsHtml(encoded: string): string {
  return decodeCells(encoded)
    .map((c) => {
      const tenths = c.criteria ? Math.round((c.achieved / c.criteria) * 10) : 0
      const badge = c.requested ? ' <strong>Relecture demandée</strong>' : ''
      return `<li${tenths ? ` class="p${tenths}"` : ''}><a href="/dossiers/${escapeHtml(c.id)}">${escapeHtml(c.label)}</a> ${escapeHtml(cellText(c))}${badge}</li>`
    })
    .join('')
}
