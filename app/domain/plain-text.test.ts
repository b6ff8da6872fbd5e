import { describe, expect, it } from 'vitest'
import { plainTextBlocks } from './plain-text'

describe('plainTextBlocks', () => {
  it('splits headings, paragraphs and lists', () => {
    expect(plainTextBlocks('# Maison Lumen\n\nUne PME\nfamiliale.\n\n- Bougies\n- Diffuseurs\n\n<script>x</script>')).toEqual([
      { kind: 'heading', text: 'Maison Lumen' },
      { kind: 'paragraph', text: 'Une PME familiale.' },
      { kind: 'list', items: ['Bougies', 'Diffuseurs'] },
      { kind: 'paragraph', text: '<script>x</script>' },
    ])
  })
})
