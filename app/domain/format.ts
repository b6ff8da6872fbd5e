/** French formatting of dates, numbers and money, and French typography. Pure. */

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

/** « 1 234,5 » with a narrow no-break space as thousands separator. */
export function formatNumber(value: number): string {
  return numberFormat.format(value)
}

/** « 1 234,50 € » */
export function formatMoney(value: number): string {
  return moneyFormat.format(value)
}

/** « 3 candidat·es », « 1 candidat·e » */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${formatNumber(count)}\u00a0${count > 1 || count === 0 ? pluralForm : singular}`
}

/**
 * Applies French typographic spacing to a text kept verbatim: no-break space
 * inside guillemets and before « : », narrow no-break space before « ; ! ? ».
 */
export function frenchTypography(input: string): string {
  return input
    .replace(/«\s*/g, '«\u00a0')
    .replace(/\s*»/g, '\u00a0»')
    .replace(/(\S)\s+:(?=[\s).,»]|$)/g, '$1\u00a0:')
    .replace(/(\S)\s+([;!?])(?=[\s).,»]|$)/g, '$1\u202f$2')
}
