/**
 * A number written the French way or a spreadsheet's — « 1 250,5 », « 12,5 % »,
 * « 45 € », « 3 × », « 1.250,50 », « 1,250.50 », « −3 », « 1,2E+3 » — as typed
 * in a form, pasted in a grid or read from an imported file. Null when empty,
 * undefined when not a number. A lone comma is the decimal one (« 1,250 » is
 * 1,25); a lone dot too (« 1.5 »), unless it groups thousands (« 1.250.000 »).
 */
export function parseFrenchNumber(input: string): number | null | undefined {
  let text = input
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(€|%|×|eur|euros?)$/i, '')
    .replace(/^[−–]/, '-')
  if (text === '') return null
  const comma = text.lastIndexOf(',')
  const dot = text.lastIndexOf('.')
  if (comma >= 0 && dot >= 0) {
    // Both: the last one is the decimal separator.
    const [group, decimal] = comma > dot ? ['.', ','] : [',', '.']
    text = text.split(group).join('').replace(decimal, '.')
  } else if (comma >= 0) text = /^-?\d{1,3}(,\d{3}){2,}$/.test(text) ? text.replace(/,/g, '') : text.replace(',', '.')
  else if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(text)) text = text.replace(/\./g, '')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : undefined
}
