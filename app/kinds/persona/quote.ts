import { quoted, unquote } from './persona'

/**
 * A persona's quote as the learner means it, ready to be put between the
 * card's own guillemets: the marks typed around it are dropped (also when a
 * full stop follows the closing one), and guillemets inside it become
 * “ ”, as French typography nests quotations. Pure.
 */
export function quoteText(raw: string): string {
  const text = raw.trim()
  // « Je veux des objets qui durent ». → Je veux des objets qui durent.
  const around = /^[«“"]\s*([\s\S]*?)\s*[»”"]\s*([.!?…]+)$/.exec(text)
  const inner = around && balanced(around[1]!) ? `${around[1]}${/^[!?]/.test(around[2]!) ? ' ' : ''}${around[2]}` : text
  return unquote(inner).replace(/«\s*/g, '“').replace(/\s*»/g, '”')
}

/** True when every « inside a text is closed by a » after it. */
function balanced(text: string): boolean {
  let open = 0
  for (const c of text) {
    if (c === '«') open++
    else if (c === '»' && --open < 0) return false
  }
  return open === 0
}

/** The quote as the card, the Word export and the printable sheet show it: « … » once, or '' when there is none. */
export const cardQuote = (raw: string): string => quoted(quoteText(raw))
