/**
 * French formatting of dates, numbers and money, and French typography. Pure.
 *
 * One date format per context:
 * - in prose (a sentence, a heading, an alert, a card): `formatDate` « 4 décembre 2026 », and
 *   `formatDateTime` « 4 décembre 2026 à 14 h 32 » for a moment;
 * - in dense tables, grids and chart axes, where dates line up in columns: `formatShortDate`
 *   « 04/12/2026 », and `formatShortDateTime` « 04/12/2026 à 14 h 32 ».
 */

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' })
const shortDateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'Europe/Paris' })
const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
})
const numberFormat = new Intl.NumberFormat('fr-FR')
const moneyFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })

function toDate(value: Date | string): Date {
  // ISO dates without time are calendar dates: read them at noon UTC so the
  // Paris time zone never moves them to the previous or next day.
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value)
}

/** « 28 novembre 2026 » */
export function formatDate(value: Date | string): string {
  return dateFormat.format(toDate(value))
}

/** « 28/11/2026 » */
export function formatShortDate(value: Date | string): string {
  return shortDateFormat.format(toDate(value))
}

/** « 14 h 32 » — the French way of writing a time of day. */
export function formatTime(value: Date | string): string {
  const parts = timeFormat.formatToParts(toDate(value))
  const hour = parts.find((p) => p.type === 'hour')?.value ?? ''
  const minute = parts.find((p) => p.type === 'minute')?.value ?? ''
  return `${Number(hour)}\u00a0h\u00a0${minute}`
}

/** « 4 décembre 2026 à 14 h 32 »: a moment, in prose. */
export function formatDateTime(value: Date | string): string {
  return `${formatDate(value)} à ${formatTime(value)}`
}

/** « 04/12/2026 à 14 h 32 »: a moment, in a dense table. */
export function formatShortDateTime(value: Date | string): string {
  return `${formatShortDate(value)} à ${formatTime(value)}`
}

/** « 1 234,5 » with a narrow no-break space as thousands separator. */
export function formatNumber(value: number): string {
  return numberFormat.format(value)
}

/** « 1 234,50 € » */
export function formatMoney(value: number): string {
  return moneyFormat.format(value)
}

const listFormat = new Intl.ListFormat('fr-FR', { style: 'long', type: 'conjunction' })

/** « Anna, Bruno et Carla » */
export function formatList(items: string[]): string {
  return listFormat.format(items)
}

/** « 3 candidat·es », « 1 candidat·e » */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${formatNumber(count)}\u00a0${count > 1 || count === 0 ? pluralForm : singular}`
}

// The référentiel's abbreviated inclusive forms (templates/referentiel.json keeps them verbatim). Never inside
// an address or an elision: a form starts a word that no dot, @, / or - precedes, and no letter, dot-and-letter, @, / or
// apostrophe follows it.
const START = String.raw`(?<![\p{L}\d.@/-])`
const END = String.raw`(?![\p{L}\d@/'’]|\.[\p{L}\d])`
/** Two whole words: « le.la », « du.des », « qu’il.elle », « l’.les » → « le ou la »… */
const WORDS = 'le|la|les|du|des|au|aux|un|une|il|elle|ils|elles'
const ALTERNATIVE = new RegExp(String.raw`${START}(l’|l'|${WORDS})\.(${WORDS})${END}`, 'giu')
/** A feminine ending, plural or not: « candidat.e », « candidat.e.s », « collaborateur.rice » → « candidat·e »… */
const FEMININE = new RegExp(String.raw`${START}(\p{L}{2,})\.(e|rice|trice|euse)(?:\.(s))?${END}`, 'gu')
/** A plural mark, even after a stray space: « projet.s », « au.x », « interlocuteur. s » → « projet(s) »… */
const PLURAL = new RegExp(String.raw`${START}(\p{L}{2,})\. ?(s|x)${END}`, 'gu')
/** Dotted acronyms: « R.O.I », « R.G.P.D. » → « ROI », « RGPD ». */
const ACRONYM = new RegExp(String.raw`${START}((?:\p{Lu}\.)+\p{Lu})(\.?)(?![\p{L}\d])`, 'gu')

/**
 * The référentiel's abbreviations as readable French, for display only (the data stays verbatim):
 * « le.la candidat.e » → « le ou la candidat·e », « du.des projet.s » → « du ou des projet(s) »,
 * « qu’il.elle » → « qu’il ou elle », « au.x » → « au(x) », « R.G.P.D. » → « RGPD ».
 */
export function readableAbbreviations(input: string): string {
  return input
    .replace(ALTERNATIVE, (_, first: string, second: string) => {
      // « l’ » is « le » once « ou » follows it; the first word keeps its capital.
      const word = /^l['’]$/i.test(first) ? (first[0] === 'L' ? 'Le' : 'le') : first
      return `${word} ou ${second}`
    })
    .replace(FEMININE, (_, stem: string, ending: string, plural?: string) => `${stem}·${ending}${plural ? `·${plural}` : ''}`)
    .replace(PLURAL, '$1($2)')
    .replace(ACRONYM, (match: string, letters: string, dot: string, offset: number, whole: string) => {
      // A final dot that also ends the sentence stays.
      const next = whole.slice(offset + match.length)
      const endsSentence = dot !== '' && (next === '' || /^\s+\p{Lu}/u.test(next))
      return letters.replaceAll('.', '') + (endsSentence ? '.' : '')
    })
}

/**
 * Applies French typography to a text kept verbatim: the référentiel's abbreviations in
 * readable French (`readableAbbreviations`), no-break space inside guillemets and before
 * « : », narrow no-break space before « ; ! ? ».
 */
export function frenchTypography(input: string): string {
  return readableAbbreviations(input)
    .replace(/«\s*/g, '«\u00a0')
    .replace(/\s*»/g, '\u00a0»')
    .replace(/(\S)\s+:(?=[\s).,»]|$)/g, '$1\u00a0:')
    .replace(/(\S)\s+([;!?])(?=[\s).,»]|$)/g, '$1\u202f$2')
}

const sizeDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 })

/** « 512 octets », « 12 Ko », « 1,4 Mo »: a size as a French reader expects it (1 Ko = 1 024 octets). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes}\u00a0octet${bytes > 1 ? 's' : ''}`
  if (bytes < 1024 * 1024) return `${sizeDecimal.format(Math.max(1, Math.round(bytes / 1024)))}\u00a0Ko`
  return `${sizeDecimal.format(Math.round((bytes / (1024 * 1024)) * 10) / 10)}\u00a0Mo`
}
