import { describe, expect, it } from 'vitest'
import { cardQuote, quoteText } from './quote'

describe('persona quote', () => {
  it('drops the guillemets the learner typed, so the card never shows them twice', () => {
    expect(quoteText('« Je veux des objets qui durent. »')).toBe('Je veux des objets qui durent.')
    expect(quoteText('« Je veux des objets qui durent ».')).toBe('Je veux des objets qui durent.')
    expect(quoteText('"Simple et rapide" !')).toBe('Simple et rapide !')
    expect(cardQuote('"Simple et rapide" !')).toBe('«\u00a0Simple et rapide\u202f!\u00a0»')
    expect(quoteText('Je veux des objets qui durent.')).toBe('Je veux des objets qui durent.')
  })

  it('nests a quotation inside the quote with “ ”', () => {
    expect(quoteText('Ni « trop » cher, ni « cheap »')).toBe('Ni “trop” cher, ni “cheap”')
    // Two quoted parts are not one quote between guillemets.
    expect(quoteText('« Vite » et « bien ».')).toBe('“Vite” et “bien”.')
    expect(cardQuote('« Ni « trop » cher ».')).toBe('«\u00a0Ni “trop” cher.\u00a0»')
  })
})
