/** A random id for rows and other client-made addresses (works outside secure contexts too). */
export function newId(prefix = 'r'): string {
  const bytes = new Uint8Array(12)
  crypto.getRandomValues(bytes)
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}
