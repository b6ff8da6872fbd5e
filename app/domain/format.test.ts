import { describe, expect, it } from 'vitest'
import referentiel from '../../templates/referentiel.json' with { type: 'json' }
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatShortDate,
  formatShortDateTime,
  formatTime,
  frenchTypography,
  plural,
  readableAbbreviations,
} from './format'

describe('French formatting', () => {
  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('2026-11-28')).toBe('28 novembre 2026')
    expect(formatDate('2027-01-01')).toBe('1 janvier 2027')
  })
  it('formats dates short for dense tables', () => {
    expect(formatShortDate('2026-12-04')).toBe('04/12/2026')
  })
  it('formats a moment long in prose and short in tables, in Paris time', () => {
    const moment = new Date('2026-12-04T13:32:00Z')
    expect(formatDateTime(moment)).toBe('4 décembre 2026 à 14\u00a0h\u00a032')
    expect(formatShortDateTime(moment)).toBe('04/12/2026 à 14\u00a0h\u00a032')
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

describe('readableAbbreviations', () => {
  it('writes two alternative words out with « ou »', () => {
    expect(readableAbbreviations('le.la candidat.e devra produire')).toBe('le ou la candidat·e devra produire')
    expect(readableAbbreviations('l’auto-évaluation qu’il.elle fait')).toBe('l’auto-évaluation qu’il ou elle fait')
    expect(readableAbbreviations('Analyse du.des projets')).toBe('Analyse du ou des projets')
    expect(readableAbbreviations('concernés par le.un projet')).toBe('concernés par le ou un projet')
    expect(readableAbbreviations('Le.la candidat.e')).toBe('Le ou la candidat·e')
  })
  it('writes « l’ » as « le » before « ou »', () => {
    expect(readableAbbreviations('selon l’.les interlocuteur. s (collaborateur / client)')).toBe('selon le ou les interlocuteur(s) (collaborateur / client)')
  })
  it('marks feminine endings with a middle dot and plural marks with brackets', () => {
    expect(readableAbbreviations('des candidat.e.s, un.e collaborateur.rice')).toBe('des candidat·e·s, un·e collaborateur·rice')
    expect(readableAbbreviations('de la.les cible.s retenue.s, sélectionner')).toBe('de la ou les cible(s) retenue(s), sélectionner')
    expect(readableAbbreviations('inhérents au.x projet.s.')).toBe('inhérents au(x) projet(s).')
    expect(readableAbbreviations('le.s personae correspondant.s et le.les mix')).toBe('le(s) personae correspondant(s) et le ou les mix')
  })
  it('writes dotted acronyms without dots, keeping a dot that ends the sentence', () => {
    expect(readableAbbreviations('Les R.O.I (Return On Investment) et R.O.T.I attendus')).toBe('Les ROI (Return On Investment) et ROTI attendus')
    expect(readableAbbreviations('des Données (R.G.P.D.) et du R.G.A.A. sont appliqués')).toBe('des Données (RGPD) et du RGAA sont appliqués')
    expect(readableAbbreviations('dans le respect du R.G.A.A. Puis')).toBe('dans le respect du RGAA. Puis')
    expect(readableAbbreviations('les indicateurs (K.P.I)')).toBe('les indicateurs (KPI)')
  })
  it('leaves addresses, elisions and ordinary sentences alone', () => {
    for (const text of [
      'https://www.le.la.fr/projet.s/candidat.e',
      'ecrire à jean.le.la@exemple.fr ou à marie.e@exemple.fr',
      'Le musée. S’il pleut, on reste.',
      'Voir www.google.es et node.js, p. 12, etc.',
      'Le candidat doit présenter 3 actions.',
    ])
      expect(readableAbbreviations(text)).toBe(text)
  })
  it('leaves no dotted abbreviation in the référentiel', () => {
    const texts: string[] = []
    const walk = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value)
      else if (Array.isArray(value)) value.forEach(walk)
      else if (value && typeof value === 'object') Object.values(value).forEach(walk)
    }
    walk(referentiel)
    const left = texts
      .map(readableAbbreviations)
      // A dot between letters, or before a lone plural mark.
      .flatMap((t) => t.match(/[\p{L}’]+\.\p{L}+|\p{L}+\. [sx](?!\p{L})/gu) ?? [])
    expect(left).toEqual([])
  })
  it('is applied by frenchTypography', () => {
    expect(frenchTypography('Livrables attendus : le.la candidat.e présentera')).toBe('Livrables attendus\u00a0: le ou la candidat·e présentera')
  })
})
