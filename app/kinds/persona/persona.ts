import { frenchTypography } from '~/domain/format'
import { ageText, FIELD_LABELS, inSentence, INTENSITY_LABELS, PROBLEMS, TEXT_KEYS, type FieldKey } from './labels'
import type { Persona, PersonaValue } from './schema'

/** Personae « portrait-robot » (C3.2). Pure. */

/** The longest texts a persona keeps (the schema refuses longer ones; the editor stops typing at them). */
export const LIMITS = { firstName: 100, text: 2_000, quote: 500, channel: 200, alt: 300, media: 30, personas: 20 } as const

/** A persona's media consumption in one line: « Instagram (Forte), Radio (Faible) ». */
export function mediaSummary(p: Persona): string {
  return p.media
    .filter((m) => m.channel.trim())
    .map((m) => (m.intensity ? `${m.channel.trim()} (${INTENSITY_LABELS[m.intensity]})` : m.channel.trim()))
    .join(', ')
}

/** A field of a persona as text, the same on screen and in exports ('' when empty). */
export function fieldText(p: Persona, key: Exclude<FieldKey, 'avatar'>): string {
  if (key === 'age') return ageText(p.age)
  if (key === 'media') return mediaSummary(p)
  return p[key].trim()
}

/** The profiling fields the référentiel lists (C3.2-1); their labels are in labels.ts. */
export const PROFILING_FIELDS = ['age', 'location', 'csp', 'tastes', 'habits', 'brands', 'media'] as const

export function emptyPersona(id: string): Persona {
  return {
    id,
    firstName: '',
    age: null,
    location: '',
    csp: '',
    family: '',
    tastes: '',
    habits: '',
    brands: '',
    media: [],
    needs: '',
    frustrations: '',
    quote: '',
    inclusion: '',
    avatar: null,
  }
}

/** True when nothing has been written in a persona. */
export function isBlankPersona(p: Persona): boolean {
  return p.age === null && p.avatar === null && !p.firstName.trim() && !p.media.some((m) => m.channel.trim()) && TEXT_KEYS.every((key) => !p[key].trim())
}

/** The profiling fields still empty in a persona, as they read inside a sentence (« localisation géographique »). */
export function missingProfile(p: Persona): string[] {
  return PROFILING_FIELDS.filter((key) => {
    if (key === 'age') return p.age === null
    if (key === 'media') return !p.media.some((m) => m.channel.trim())
    return !p[key].trim()
  }).map((key) => inSentence(FIELD_LABELS[key]))
}

/** Structural checks: empty profiling fields, missing inclusion notes, avatar without text alternative. */
export function personaProblems(value: PersonaValue): string[] {
  if (value.personas.length === 0) return [PROBLEMS.none]
  const problems: string[] = []
  value.personas.forEach((p, i) => {
    const name = p.firstName.trim() ? `« ${p.firstName.trim()} »` : `Persona ${i + 1}`
    const missing = missingProfile(p)
    if (missing.length) problems.push(PROBLEMS.toComplete(name, missing))
    if (!p.inclusion.trim()) problems.push(PROBLEMS.noInclusion(name))
    if (p.avatar && !p.avatar.alt.trim()) problems.push(PROBLEMS.noAlt(name))
  })
  return problems
}

const OPENING = '«“"'
const CLOSING = '»”"'

/** A quote without the guillemets or quotation marks the learner may have put around it. */
export function unquote(quote: string): string {
  let text = quote.trim()
  while (text.length >= 2 && OPENING.includes(text.charAt(0)) && CLOSING.includes(text.charAt(text.length - 1))) text = text.slice(1, -1).trim()
  return text
}

/** The persona's quote between French guillemets, once (« Je veux savoir d’où ça vient. »), or '' when there is none. */
export function quoted(quote: string): string {
  const text = unquote(quote)
  return text ? frenchTypography(`« ${text} »`) : ''
}
