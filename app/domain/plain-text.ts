/**
 * Plain text as blocks, for case material written by schools: paragraphs are
 * separated by blank lines, « - » starts a list item, « # » a heading. Pure;
 * the result is rendered as React elements (never as HTML).
 */
export type TextBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] }

export function plainTextBlocks(input: string): TextBlock[] {
  const blocks: TextBlock[] = []
  for (const chunk of input.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
    if (lines.length === 0) continue
    if (lines.every((l) => l.startsWith('- '))) {
      blocks.push({ kind: 'list', items: lines.map((l) => l.slice(2).trim()) })
    } else if (lines.length === 1 && lines[0]!.startsWith('# ')) {
      blocks.push({ kind: 'heading', text: lines[0]!.slice(2).trim() })
    } else {
      blocks.push({ kind: 'paragraph', text: lines.join(' ') })
    }
  }
  return blocks
}
