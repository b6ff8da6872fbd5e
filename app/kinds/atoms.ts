import { z } from 'zod'

/** zod pieces shared by the kinds' schemas and the template schema (server and template loading only). */

/** An identifier a template gives (section, column, option…). */
export const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'identifiant attendu en minuscules-avec-tirets')
/** A label a template gives. */
export const text = z.string().trim().min(1)
/** A choice a template offers: an id and its label. */
export const option = z.object({ id: slug, label: text })

/** The stable id of a row, persona, task… made by the editor (see app/components/ids.ts). */
export const rowId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'identifiant de ligne invalide')
/** Most rows a list may hold. */
export const MAX_ROWS = 500
/** A date typed by the learner. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
