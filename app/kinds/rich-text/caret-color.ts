/** A caret colour per person, dark enough for white text on it (its name label). */
const COLORS = ['#1f3a8a', '#9a3412', '#166534', '#6b21a8', '#0f766e', '#a11a1a', '#854d0e', '#1e40af']
export function caretColor(key: string): string {
  let hash = 0
  for (const ch of key) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  return COLORS[hash % COLORS.length]!
}
