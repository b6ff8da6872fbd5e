import { describe, expect, it } from 'vitest'
import { configSchema, valueSchemaFor, type PositioningMapConfig, type PositioningMapValue } from './schema'
import { definition } from './definition'
import { parseFrenchNumber } from '~/domain/numbers'
import { mapProblems, mapSummary, wrapText } from './map'

const config: PositioningMapConfig = configSchema.parse({ kind: 'positioningMap' })
const dupont = { id: 'brand-dupont', name: 'Maison Dupont', x: 2, y: -3, size: 8, comment: 'Épicerie fine de quartier' }
const carrefour = { id: 'brand-carref', name: 'Carrefour Bio', x: -2, y: 1, size: 30, comment: '' }
const biocoop = { id: 'brand-biocoo', name: 'Biocoop', x: 3, y: 1, size: 25, comment: 'Réseau coopératif' }
const lidl = { id: 'brand-lidl01', name: 'Lidl', x: -5, y: -1, size: null, comment: '' }
const grandFrais = { id: 'brand-grandf', name: 'Grand Frais', x: 0, y: 2.5, size: 12, comment: '' }
const value: PositioningMapValue = {
  x: { name: 'Prix', low: 'Prix bas', high: 'Prix élevé' },
  y: { name: 'Image', low: 'Tradition', high: 'Innovation' },
  brands: [dupont, carrefour, biocoop, lidl, grandFrais],
  companyId: 'brand-dupont',
}
const ctx = { title: 'Carte perceptuelle', today: '2027-01-04' }
const nb = '\u00a0'

describe('positioning map config', () => {
  it('defaults to a −5…5 scale and accepts 0…10', () => {
    expect(config.scale).toEqual({ min: -5, max: 5 })
    expect(configSchema.parse({ kind: 'positioningMap', scale: { min: 0, max: 10 } }).scale).toEqual({ min: 0, max: 10 })
  })
  it('refuses an empty or reversed scale', () => {
    expect(configSchema.safeParse({ kind: 'positioningMap', scale: { min: 5, max: 5 } }).success).toBe(false)
    expect(configSchema.safeParse({ kind: 'positioningMap', scale: { min: 5, max: -5 } }).success).toBe(false)
    expect(configSchema.safeParse({ kind: 'positioningMap', scale: { min: 0, max: 100 } }).success).toBe(false)
  })
})

describe('positioning map value schema', () => {
  const schema = valueSchemaFor(config)
  const withBrand = (patch: Partial<typeof biocoop>) => ({ ...value, brands: [dupont, { ...biocoop, ...patch }] })
  const messageOf = (v: unknown) => {
    const result = schema.safeParse(v)
    expect(result.success).toBe(false)
    return result.error!.issues[0]!
  }

  it('accepts a map and the empty map', () => {
    expect(schema.safeParse(value).success).toBe(true)
    expect(schema.safeParse(definition.empty(config)).success).toBe(true)
  })

  it('refuses scores outside the scale, shares outside 0–100 %, non-numbers, and says where', () => {
    const out = messageOf(withBrand({ x: 6 }))
    expect(out.message).toBe('la note doit être comprise entre −5 et 5')
    expect(definition.locate(out.path as (string | number)[], value, config)).toBe('ligne 2, Prix')
    expect(messageOf(withBrand({ y: -5.5 })).message).toBe('la note doit être comprise entre −5 et 5')
    expect(messageOf(withBrand({ size: 120 })).message).toBe(`la part de marché doit être comprise entre 0 et 100${nb}%`)
    expect(messageOf(withBrand({ size: -1 })).path).toEqual(['brands', 1, 'size'])
    expect(messageOf(withBrand({ x: '3' as unknown as number })).message).toBe('un nombre est attendu')
    // Another scale, other bounds.
    expect(valueSchemaFor({ kind: 'positioningMap', scale: { min: 0, max: 10 } }).safeParse(withBrand({ x: -1 })).success).toBe(false)
    const tenPoints = {
      ...value,
      brands: [
        { ...dupont, x: 0, y: 7.5 },
        { ...biocoop, x: 9, y: 10 },
      ],
    }
    expect(valueSchemaFor({ kind: 'positioningMap', scale: { min: 0, max: 10 } }).safeParse(tenPoints).success).toBe(true)
  })

  it('refuses a company that is not in the list, duplicated brands, long texts and unknown keys', () => {
    const missing = messageOf({ ...value, companyId: 'brand-nobody' })
    expect(missing.message).toBe('l’entreprise doit être l’une des marques de la liste')
    expect(definition.locate(missing.path as (string | number)[], value, config)).toBe('L’entreprise')
    expect(messageOf({ ...value, brands: [dupont, dupont] }).message).toBe('marque en double')
    const long = messageOf({ ...value, x: { ...value.x, high: 'x'.repeat(81) } })
    expect(long.message).toBe('le pôle dépasse 80 caractères')
    expect(definition.locate(long.path as (string | number)[], value, config)).toBe('Axe horizontal, pôle droit')
    expect(messageOf(withBrand({ name: 'x'.repeat(121) })).message).toBe('le nom dépasse 120 caractères')
    expect(schema.safeParse({ ...value, extra: 1 }).success).toBe(false)
    expect(schema.safeParse({ ...value, brands: [{ ...dupont, colour: 'red' }] }).success).toBe(false)
    expect(schema.safeParse({ ...value, brands: [{ ...dupont, id: 'x' }] }).success).toBe(false)
  })
})

describe('positioning map definition', () => {
  it('lists the axes, then the company and the competitors counted apart', () => {
    expect(definition.items(value, config)).toEqual([
      { id: 'axe-x', label: 'Axe horizontal — Prix : Prix bas ↔ Prix élevé' },
      { id: 'axe-y', label: 'Axe vertical — Image : Tradition ↔ Innovation' },
      { id: 'brand-dupont', label: 'Entreprise — Maison Dupont' },
      { id: 'brand-carref', label: 'Concurrent 1 — Carrefour Bio' },
      { id: 'brand-biocoo', label: 'Concurrent 2 — Biocoop' },
      { id: 'brand-lidl01', label: 'Concurrent 3 — Lidl' },
      { id: 'brand-grandf', label: 'Concurrent 4 — Grand Frais' },
    ])
    const bare = { ...definition.empty(config), brands: [{ ...biocoop, name: '' }] }
    expect(definition.items(bare, config)).toEqual([
      { id: 'axe-x', label: 'Axe horizontal' },
      { id: 'axe-y', label: 'Axe vertical' },
      { id: 'brand-biocoo', label: 'Concurrent 1' },
    ])
  })

  it('describes changed scores, added and deleted brands, renamed axes, a new company and a new order', () => {
    const naturalia = { id: 'brand-natura', name: 'Naturalia', x: 4, y: 4, size: null, comment: '' }
    const after: PositioningMapValue = {
      ...value,
      x: { ...value.x, name: 'Gamme de prix' },
      brands: [dupont, carrefour, { ...biocoop, x: 4 }, lidl, grandFrais, naturalia],
    }
    expect(definition.diff(value, after, config)).toEqual([
      `Axe horizontal${nb}: nom “Prix” → “Gamme de prix”.`,
      `“Biocoop”${nb}: gamme de prix 3 → 4.`,
      `Ajouté${nb}: “Naturalia”.`,
    ])
    const second: PositioningMapValue = {
      ...value,
      y: { ...value.y, low: '' },
      brands: [carrefour, dupont, { ...biocoop, size: null, comment: '' }, grandFrais],
      companyId: 'brand-carref',
    }
    expect(definition.diff(value, second, config)).toEqual([
      `Axe vertical${nb}: pôle bas “Tradition” → —.`,
      `“Biocoop”${nb}: part de marché 25${nb}% → — ; commentaire effacé.`,
      `Supprimé${nb}: “Lidl”.`,
      `L’entreprise${nb}: “Maison Dupont” → “Carrefour Bio”.`,
      'Marques réordonnées.',
    ])
    // A deleted company is said once; an empty brand added or removed is not a change.
    const noCompany = {
      ...value,
      brands: [carrefour, biocoop, lidl, grandFrais, { id: 'brand-empty1', name: '', x: null, y: null, size: null, comment: '' }],
      companyId: null,
    }
    expect(definition.diff(value, noCompany, config)).toEqual([`Supprimé${nb}: “Maison Dupont”.`])
    expect(definition.diff(value, value, config)).toEqual([])
  })

  it('gives every word as plain text', () => {
    expect(definition.plainText(value, config)).toBe(
      [
        'Prix : Prix bas ↔ Prix élevé',
        'Image : Tradition ↔ Innovation',
        'Maison Dupont | (l’entreprise) | 2 | -3 | 8 % | Épicerie fine de quartier',
        'Carrefour Bio | -2 | 1 | 30 %',
        'Biocoop | 3 | 1 | 25 % | Réseau coopératif',
        'Lidl | -5 | -1',
        'Grand Frais | 0 | 2.5 | 12 %',
      ].join('\n'),
    )
    expect(definition.plainText(definition.empty(config), config)).toBe('')
  })

  it('locates refused parts', () => {
    expect(definition.locate(['y', 'name'], value, config)).toBe('Axe vertical, nom de l’axe')
    expect(definition.locate(['brands', 0, 'comment'], value, config)).toBe('ligne 1, Commentaire')
    expect(definition.locate(['brands', 4, 'y'], value, config)).toBe('ligne 5, Image')
    expect(definition.locate(['brands', 2], value, config)).toBe('ligne 3')
    expect(definition.locate([], value, config)).toBeNull()
  })

  it('is empty until an axis or a brand is written', () => {
    expect(definition.isEmpty(definition.empty(config), config)).toBe(true)
    expect(definition.isEmpty({ ...definition.empty(config), brands: [{ ...lidl, name: '', x: null, y: null }] }, config)).toBe(true)
    expect(definition.isEmpty({ ...definition.empty(config), y: { name: '', low: 'Tradition', high: '' } }, config)).toBe(false)
    expect(definition.isEmpty(value, config)).toBe(false)
  })

  it('counts competitors only for minRows', () => {
    const minRows = definition.rules.minRows!
    expect(minRows({ rule: 'minRows', min: 4 }, value, config, ctx)).toBeNull()
    const three = { ...value, brands: [dupont, carrefour, biocoop, lidl] }
    expect(minRows({ rule: 'minRows', min: 4 }, three, config, ctx)).toBe(`« Carte perceptuelle » a 3${nb}concurrents ; 4 au moins sont attendus.`)
    expect(minRows({ rule: 'minRows', min: 4 }, { ...value, brands: [dupont] }, config, ctx)).toBe(
      `« Carte perceptuelle » ne place encore aucun concurrent ; 4${nb}concurrents au moins sont attendus.`,
    )
  })

  it('checks the axes, the company and the placement of every brand', () => {
    const kindChecks = (v: PositioningMapValue) => definition.rules.kindChecks!({ rule: 'kindChecks' }, v, config, ctx)
    expect(kindChecks(value)).toBeNull()
    expect(kindChecks(definition.empty(config))).toEqual([
      'Carte à construire : nommez les deux axes et leurs pôles, puis placez l’entreprise et ses concurrents.',
    ])
    const gaps: PositioningMapValue = {
      x: { name: 'Prix', low: 'Prix bas', high: '' },
      y: { name: '', low: '', high: 'Innovation' },
      brands: [
        { ...dupont, y: null },
        { ...biocoop, x: null },
        { ...lidl, name: '' },
      ],
      companyId: 'brand-dupont',
    }
    expect(kindChecks(gaps)).toEqual([
      `Axe horizontal «${nb}Prix${nb}» à compléter${nb}: pôle droit.`,
      `Axe vertical à compléter${nb}: nom de l’axe et pôle bas.`,
      `L’entreprise “Maison Dupont” n’est pas placée sur la carte${nb}: donnez-lui une note sur chaque axe.`,
      `Concurrents non placés sur la carte (une note manque)${nb}: “Biocoop”.`,
      `Marques sans nom${nb}: Concurrent 2.`,
    ])
    expect(kindChecks({ ...value, companyId: null })).toEqual([
      `Aucune marque n’est désignée comme l’entreprise${nb}: cochez «${nb}C’est l’entreprise${nb}» sur sa ligne.`,
    ])
    expect(mapProblems(value)).toEqual([])
  })

  it('summarises the chart in words (the image’s text alternative)', () => {
    const summary = mapSummary({ ...value, brands: [dupont, lidl] }, config.scale)
    expect(summary).toBe(
      `Carte perceptuelle. Axe horizontal${nb}: Prix, de «${nb}Prix bas${nb}» (−5) à «${nb}Prix élevé${nb}» (5). ` +
        `Axe vertical${nb}: Image, de «${nb}Tradition${nb}» (−5) à «${nb}Innovation${nb}» (5). ` +
        `Maison Dupont (l’entreprise)${nb}: prix 2, image −3, part de marché 8${nb}% ; Lidl${nb}: prix −5, image −1.`,
    )
  })
})

describe('positioning map helpers', () => {
  it('reads numbers typed the French way', () => {
    expect(parseFrenchNumber('2,5')).toBe(2.5)
    expect(parseFrenchNumber(' −3 ')).toBe(-3)
    expect(parseFrenchNumber('-4.')).toBe(-4)
    expect(parseFrenchNumber('')).toBeNull()
    expect(parseFrenchNumber('trois')).toBeUndefined()
    expect(parseFrenchNumber('3,5,1')).toBeUndefined()
  })

  it('wraps pole labels on word boundaries and cuts what does not fit', () => {
    expect(wrapText('Tradition et savoir-faire artisanal', 15)).toEqual(['Tradition et', 'savoir-faire', 'artisanal'])
    expect(wrapText('Anticonstitutionnellement', 10, 2)).toEqual(['Anticonst-', 'itutionne…'])
    expect(wrapText('un deux trois quatre cinq six', 5, 2)).toEqual(['un', 'deux…'])
  })
})
