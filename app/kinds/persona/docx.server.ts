import { Paragraph } from 'docx'
import { heading, para, run, table, uploadedImage } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { FIELD_LABELS, PERSONA_LABELS } from './labels'
import { fieldText } from './persona'
import { cardQuote } from './quote'

/** The rows of a persona's table (the first name is in the heading, the quote above the table). */
const ROWS = ['age', 'location', 'csp', 'family', 'tastes', 'habits', 'brands', 'media', 'needs', 'frustrations', 'inclusion'] as const

/** One heading per persona, its visual, its quote, then its profile as a two-column table. */
export const docx: DocxWriter<'persona'> = (_field, value, { level, model }) =>
  value.personas.flatMap((p, i) => {
    const quote = cardQuote(p.quote)
    return [
      new Paragraph({ heading: heading(level), children: [run(PERSONA_LABELS.heading(i, p.firstName))] }),
      ...(p.avatar ? [uploadedImage(p.avatar.src, p.avatar.alt, model)] : []),
      ...(quote ? [para(quote, { italics: true })] : []),
      table(
        [PERSONA_LABELS.profile, PERSONA_LABELS.description],
        ROWS.map((key) => [FIELD_LABELS[key], fieldText(p, key) || '—']),
      ),
      new Paragraph(''),
    ]
  })
