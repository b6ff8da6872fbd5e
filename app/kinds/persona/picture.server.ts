import { tableImage } from '~/services/exports/table-image.server'
import type { ChartImage } from '~/services/exports/charts.server'
import { FIELD_LABELS, PERSONA_LABELS } from './labels'
import { fieldText, isBlankPersona } from './persona'
import { cardQuote } from './quote'
import type { PersonaValue } from './schema'

/** The blocks of a persona card under its facts, in the screen's order. */
const CARD_ROWS = ['tastes', 'habits', 'brands', 'media', 'needs', 'frustrations', 'inclusion'] as const

/** One card per persona, for a slide: first name, facts, quote, then the profile the learner wrote (empty blocks left out). */
export function personaImages(value: PersonaValue): ChartImage[] {
  return value.personas.flatMap((p, i) => {
    if (isBlankPersona(p)) return []
    const name = p.firstName.trim() || PERSONA_LABELS.persona(i)
    const facts = [fieldText(p, 'age'), p.csp.trim(), p.location.trim(), p.family.trim()].filter(Boolean).join(' · ')
    const rows = CARD_ROWS.map((key) => [FIELD_LABELS[key], fieldText(p, key)]).filter(([, text]) => text)
    return [
      tableImage({
        heading: { title: name, facts, quote: cardQuote(p.quote) },
        headers: null,
        rows,
        weights: [1, 3],
        alt: PERSONA_LABELS.cardAlt(name, facts),
      }),
    ]
  })
}
