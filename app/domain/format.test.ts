import { describe, expect, it } from 'vitest'
import { formatDate, formatMoney, formatNumber, formatTime, frenchTypography, plural } from './format'

describe('French formatting', () => {
  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('2026-11-28')).toBe('28 novembre 2026')
    expect(formatDate('2027-01-01')).toBe('1 janvier 2027')
  })
  it('formats a time as « 14 h 32 » in Paris time', () => {
    expect(formatTime(new Date('2026-11-28T13:32:00Z'))).toBe('14\u00a0h\u00a032')
  })
  it('formats numbers and euros the French way', () => {
    expect(formatNumber(1234.5)).toBe('1\u202f234,5')
    expect(formatMoney(1234.5)).toBe('1\u202f234,50\u00a0€')
  })
  it('pluralises with a no-break space', () => {
    expect(plural(1, 'groupe', 'groupes')).toBe('1\u00a0groupe')
    expect(plural(3, 'groupe', 'groupes')).toBe('3\u00a0groupes')
  })
})

describe('frenchTypography', () => {
  it('puts no-break spaces inside guillemets and before colons', () => {
    expect(frenchTypography('Fiche de compétences « Veille »')).toBe('Fiche de compétences «\u00a0Veille\u00a0»')
    expect(frenchTypography('Livrables attendus à l’écrit : la présentation')).toBe('Livrables attendus à l’écrit\u00a0: la présentation')
  })
  it('uses a narrow no-break space before ; ! ?', () => {
    expect(frenchTypography('(quoi ? quand ? pourquoi ?)')).toBe('(quoi\u202f? quand\u202f? pourquoi\u202f?)')
  })
  it('leaves times and URLs alone', () => {
    expect(frenchTypography('https://exemple.fr:8080')).toBe('https://exemple.fr:8080')
  })
})
