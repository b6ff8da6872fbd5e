/**
 * Web addresses of sources: what the value schema accepts, and what the
 * editor makes of what a learner types (`www.exemple.fr` → `https://www.exemple.fr`)
 * so that the server seldom has to refuse one. Pure: runs in the browser and on the server.
 */

const SCHEME = /^https?:\/\//i
/** A host name with at least one dot (`exemple.fr`, `www.insee.fr`), an optional port and path; never another scheme (`ftp:`, `mailto:`). */
const BARE_HOST = /^[a-z0-9\u00c0-\u024f-]+(\.[a-z0-9\u00c0-\u024f-]+)+(:\d+)?([/?#]\S*)?$/i

/** Why a stored web address cannot be one, in French, or null when it is fine (an empty address is fine). */
export function urlProblem(url: string): string | null {
  if (url === '') return null
  if (/\s/.test(url)) return 'l’adresse ne doit pas contenir d’espace'
  if (!SCHEME.test(url)) return 'l’adresse doit commencer par https:// ou http://'
  if (url.replace(SCHEME, '') === '') return 'l’adresse est incomplète après https://'
  return null
}

/** True when the address can be stored and linked to. */
export const isWebAddress = (url: string) => url !== '' && urlProblem(url) === null

/**
 * What the editor stores for what was typed: trimmed, and with `https://`
 * before a bare host name (`www.exemple.fr`, `exemple.fr/page`, `//exemple.fr`).
 * Anything else is returned trimmed, for `urlProblem` to explain.
 */
export function normaliseUrl(typed: string): string {
  const url = typed.trim()
  if (url === '' || SCHEME.test(url)) return url
  if (url.startsWith('//') && BARE_HOST.test(url.slice(2))) return `https:${url}`
  if (BARE_HOST.test(url)) return `https://${url}`
  return url
}
