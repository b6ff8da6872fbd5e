import { para } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { boxed } from './labels'

/** One paragraph per point, with its box ticked or not. */
export const docx: DocxWriter<'checklist'> = (field, value) => field.items.map((i) => para(boxed(i.label, value.checked[i.id] === true)))
