import { describe, expect, it } from 'vitest'
import { linkParts } from './message-body'

describe('links in comments', () => {
  it('makes web and e-mail addresses links, keeps the rest as text', () => {
    expect(linkParts('Voir https://exemple.fr/a?b=1, www.cnil.fr et a@b.fr.')).toEqual([
      { text: 'Voir ' },
      { text: 'https://exemple.fr/a?b=1', href: 'https://exemple.fr/a?b=1' },
      { text: ', ' },
      { text: 'www.cnil.fr', href: 'https://www.cnil.fr' },
      { text: ' et ' },
      { text: 'a@b.fr', href: 'mailto:a@b.fr' },
      { text: '.' },
    ])
  })

  it('links nothing but http, https and mailto, and never reads HTML', () => {
    const text = 'javascript:alert(1) ftp://exemple.fr <a href="https://x.fr">ici</a>'
    const parts = linkParts(text)
    expect(parts.map((p) => p.text).join('')).toBe(text)
    // The markup stays text; only the web address in it becomes a link.
    const hrefs = parts.filter((p) => 'href' in p).map((p) => (p as { href: string }).href)
    expect(hrefs).toHaveLength(1)
    expect(hrefs[0]).toMatch(/^https:\/\/x\.fr/)
  })

  it('keeps a text without links whole', () => {
    expect(linkParts('Pas de lien ici.\nDeuxième ligne.')).toEqual([{ text: 'Pas de lien ici.\nDeuxième ligne.' }])
    expect(linkParts('')).toEqual([])
  })
})
