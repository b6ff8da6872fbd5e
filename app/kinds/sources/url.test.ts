import { describe, expect, it } from 'vitest'
import { isWebAddress, normaliseUrl, urlProblem } from './url'

describe('web addresses of sources', () => {
  it('adds https:// to a bare host name, as the editor does on blur', () => {
    expect(normaliseUrl('www.exemple.fr')).toBe('https://www.exemple.fr')
    expect(normaliseUrl('  exemple.fr ')).toBe('https://exemple.fr')
    expect(normaliseUrl('exemple.fr/etudes/2026?page=2')).toBe('https://exemple.fr/etudes/2026?page=2')
    expect(normaliseUrl('//cdn.exemple.fr/a.pdf')).toBe('https://cdn.exemple.fr/a.pdf')
    expect(normaliseUrl('localhost.fr:8080')).toBe('https://localhost.fr:8080')
    expect(normaliseUrl('ftp.exemple.fr')).toBe('https://ftp.exemple.fr')
  })

  it('leaves web addresses and what cannot be one alone (trimmed)', () => {
    expect(normaliseUrl('HTTP://Insee.fr ')).toBe('HTTP://Insee.fr')
    expect(normaliseUrl('https://www.xerfi.com')).toBe('https://www.xerfi.com')
    expect(normaliseUrl('ftp://exemple.fr')).toBe('ftp://exemple.fr')
    expect(normaliseUrl('mailto:contact@exemple.fr')).toBe('mailto:contact@exemple.fr')
    expect(normaliseUrl('javascript:alert(1)')).toBe('javascript:alert(1)')
    expect(normaliseUrl('Rapport interne')).toBe('Rapport interne')
    expect(normaliseUrl('exemple')).toBe('exemple')
    expect(normaliseUrl('   ')).toBe('')
  })

  it('says why an address cannot be stored', () => {
    expect(urlProblem('')).toBeNull()
    expect(urlProblem('https://www.xerfi.com')).toBeNull()
    expect(urlProblem('www.exemple.fr')).toBe('l’adresse doit commencer par https:// ou http://')
    expect(urlProblem('javascript:alert(1)')).toBe('l’adresse doit commencer par https:// ou http://')
    expect(urlProblem('https://exemple .fr')).toBe('l’adresse ne doit pas contenir d’espace')
    expect(urlProblem('https://')).toBe('l’adresse est incomplète après https://')
    expect(isWebAddress('')).toBe(false)
    expect(isWebAddress('http://insee.fr')).toBe(true)
    expect(isWebAddress('javascript:alert(1)')).toBe(false)
  })
})
