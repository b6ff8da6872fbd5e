import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { xlsx } from './xlsx.server'
import { configSchema, valueSchemaFor, type MixValue } from './schema'

const config = configSchema.parse({ kind: 'mix' })
const e = { proposal: 'Atelier bougie', illustration: 'Vidéo', personalisation: 'Prénom gravé', links: ['produit', 'processus'] }
const value: MixValue = {
  p: { produit: { gamme: 'Trois bougies' }, prix: { niveau: '39 €' } },
  extensions: [
    { id: 'processus', content: 'Recharge en boutique', context: 'Deux boutiques à Lyon' },
    { id: 'personnel', content: 'Conseillers formés', context: '' },
  ],
  e: { emotion: e },
}
const ctx = { title: 'Mix', today: '2027-01-04' }

describe('mix config and value schemas', () => {
  it('gives the default 4P and extensions', () => {
    expect(config.fourP.map((p) => p.label)).toEqual(['Produit', 'Prix', 'Distribution', 'Communication'])
    expect(config.fourP[0]!.parts[0]).toEqual({ id: 'gamme', label: 'Gamme' })
    expect(config.extensions).toHaveLength(6)
    expect(config.maxExtensions).toBe(6)
    expect(configSchema.safeParse({ kind: 'mix', fourP: config.fourP.slice(0, 3) }).success).toBe(false)
    expect(configSchema.safeParse({ kind: 'mix', maxExtensions: 7 }).success).toBe(false)
  })

  const schema = valueSchemaFor(config)
  it('accepts known P, sub-parts and extensions, 10P at most, links to known items', () => {
    const ok = { p: { produit: { gamme: 'Bougies' } }, extensions: [{ id: 'processus', content: 'x', context: '' }], e: { emotion: e } }
    expect(schema.safeParse(ok).success).toBe(true)
    expect(schema.safeParse(value).success).toBe(true)
    expect(schema.safeParse({ ...ok, p: { produit: { inconnue: 'x' } } }).success).toBe(false)
    expect(schema.safeParse({ ...ok, p: { place: { canaux: 'x' } } }).success).toBe(false)
    expect(schema.safeParse({ ...ok, extensions: [{ id: 'pourpre', content: '', context: '' }] }).success).toBe(false)
    const twice = { id: 'processus', content: '', context: '' }
    expect(schema.safeParse({ ...ok, extensions: [twice, twice] }).success).toBe(false)
    const seven = ['personnel', 'processus', 'preuve-physique', 'partenariat', 'permission', 'personnalisation', 'personnel'].map((id) => ({
      id,
      content: '',
      context: '',
    }))
    expect(schema.safeParse({ ...ok, extensions: seven }).success).toBe(false)
    expect(schema.safeParse({ ...ok, e: { emotion: { ...e, links: ['ailleurs'] } } }).success).toBe(false)
    expect(schema.safeParse({ ...ok, e: { amour: e } }).success).toBe(false)
    expect(schema.safeParse({ ...ok, p: { produit: { gamme: 'x'.repeat(5_001) } } }).success).toBe(false)
  })

  it('says why in French, and where', () => {
    const tooMany = schema.safeParse({
      ...value,
      extensions: [...value.extensions, ...config.extensions.slice(2).map((x) => ({ id: x.id, content: '', context: '' })), value.extensions[0]],
    })
    expect(tooMany.error!.issues.map((i) => i.message)).toContain('6 extensions au plus (10P)')
    const unknownPart = schema.safeParse({ ...value, p: { produit: { inconnue: 'x' } } })
    expect(unknownPart.error!.issues[0]!.message).toBe(
      'sous-partie inconnue du P « Produit » : Gamme, Qualité et caractéristiques, Packaging, Marque, Services associés sont attendues',
    )
    const unknownP = schema.safeParse({ ...value, p: { place: {} } })
    expect(unknownP.error!.issues[0]!.message).toBe('P inconnu : Produit, Prix, Distribution, Communication sont attendus')
    const long = schema.safeParse({ ...value, extensions: [value.extensions[0], { ...value.extensions[1]!, context: 'x'.repeat(5_001) }] })
    const issue = long.error!.issues[0]!
    expect(issue.message).toBe('le texte dépasse 5\u202f000 caractères')
    expect(definition.locate(issue.path as (string | number)[], value, config)).toBe('Extension — Personnel, Lien avec le contexte du cas')
    const link = schema.safeParse({ ...value, e: { emotion: { ...e, links: ['ailleurs'] } } })
    expect(link.error!.issues[0]!.message).toBe('lien vers un P qui n’est pas dans le mix')
    expect(definition.locate(link.error!.issues[0]!.path as (string | number)[], value, config)).toBe('E — Émotion, P transformés')
  })
})

describe('mix definition', () => {
  it('lists every sub-part of the 4P, the extensions picked and the 4E, with stable ids', () => {
    const items = definition.items(value, config)
    expect(items[0]).toEqual({ id: 'p:produit:gamme', label: 'Produit — Gamme' })
    expect(items).toContainEqual({ id: 'p:prix:politique', label: 'Prix — Politique tarifaire (remises, promotions)' })
    const partCount = config.fourP.reduce((n, p) => n + p.parts.length, 0)
    expect(items).toHaveLength(partCount + 2 + 4)
    expect(items.slice(partCount)).toEqual([
      { id: 'x:processus', label: 'Extension — Processus' },
      { id: 'x:personnel', label: 'Extension — Personnel' },
      { id: 'e:emotion', label: 'E — Émotion' },
      { id: 'e:experience', label: 'E — Expérience' },
      { id: 'e:exclusivite', label: 'E — Exclusivité' },
      { id: 'e:engagement', label: 'E — Engagement' },
    ])
  })

  it('describes changed parts, extensions added, removed and moved, and changed E', () => {
    const after: MixValue = {
      p: { produit: { gamme: 'Quatre bougies', packaging: 'Verre recyclé' }, prix: { niveau: '' } },
      extensions: [
        { id: 'personnel', content: 'Conseillers formés', context: 'Boutique de Lyon' },
        { id: 'processus', content: 'Recharge en boutique', context: 'Deux boutiques à Lyon' },
        { id: 'permission', content: 'Newsletter opt-in', context: '' },
      ],
      e: {
        emotion: { ...e, proposal: 'Atelier de création', links: ['produit'] },
        engagement: { proposal: 'Club', illustration: '', personalisation: '', links: [] },
      },
    }
    expect(definition.diff(value, after, config)).toEqual([
      'Produit — Gamme : modifié.',
      'Produit — Packaging : rempli.',
      'Prix — Niveau de prix et positionnement : effacé.',
      'Extension — Personnel : contexte rempli.',
      'Extension ajoutée : Permission.',
      'Extensions réordonnées.',
      'E — Émotion : proposition modifiée ; P transformés : Produit, Processus → Produit.',
      'E — Engagement : proposition remplie.',
    ])
    expect(definition.diff(value, { ...value, extensions: value.extensions.slice(0, 1) }, config)).toEqual(['Extension retirée : Personnel.'])
    expect(definition.diff(value, value, config)).toEqual([])
    // Spaces added around a text are not a change.
    expect(definition.diff(value, { ...value, p: { ...value.p, produit: { gamme: ' Trois bougies ' } } }, config)).toEqual([])
  })

  it('gives all the words as plain text', () => {
    const text = definition.plainText(value, config)
    for (const word of [
      'Trois bougies',
      '39 €',
      'Processus',
      'Recharge en boutique',
      'Deux boutiques à Lyon',
      'Personnel',
      'Conseillers formés',
      'Atelier bougie',
      'Vidéo',
      'Prénom gravé',
    ]) {
      expect(text).toContain(word)
    }
    expect(definition.plainText(definition.empty(config), config)).toBe('')
  })

  it('locates refused parts in words', () => {
    expect(definition.locate(['p', 'prix', 'niveau'], value, config)).toBe('Prix — Niveau de prix et positionnement')
    expect(definition.locate(['extensions', 0, 'content'], value, config)).toBe('Extension — Processus, Contenu')
    expect(definition.locate(['extensions'], value, config)).toBe('Extensions retenues')
    expect(definition.locate(['e', 'experience', 'proposal'], value, config)).toBe('E — Expérience, Proposition')
    expect(definition.locate([], value, config)).toBeNull()
  })

  it('answers kindChecks with one sentence per problem, and knows an empty mix', () => {
    const problems = definition.rules.kindChecks!({ rule: 'kindChecks' }, value, config, ctx)
    expect(problems).toEqual([
      'Les P « Distribution », « Communication » sont vides.',
      ...['Expérience', 'Exclusivité', 'Engagement'].flatMap((e) => [`L’E « ${e} » n’a pas encore de proposition.`, `L’E « ${e} » n’est relié à aucun P.`]),
    ])
    expect(definition.rules.minRows).toBeUndefined()
    expect(definition.isEmpty(definition.empty(config), config)).toBe(true)
    expect(definition.isEmpty(value, config)).toBe(false)
  })
})

describe('mix Excel sheet', () => {
  it('writes the P sub-parts, the extensions with their context, then the 4E table', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Mix')
    xlsx!.write(ws, config, value, { model: {} as never, today: '2027-01-04', holidaysRef: '' })
    expect((ws.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(['P', 'Sous-partie', 'Contenu'])
    expect([ws.getCell('A2').value, ws.getCell('B2').value, ws.getCell('C2').value]).toEqual(['Produit', 'Gamme', 'Trois bougies'])
    const partCount = config.fourP.reduce((n, p) => n + p.parts.length, 0)
    const extension = ws.getRow(partCount + 2)
    expect([extension.getCell(1).value, extension.getCell(2).value, extension.getCell(3).value]).toEqual([
      'Processus',
      'Extension',
      'Recharge en boutique — Contexte : Deux boutiques à Lyon',
    ])
    const eHeader = ws.getRow(partCount + 5)
    expect((eHeader.values as ExcelJS.CellValue[]).slice(1)).toEqual(['E', 'Proposition', 'Illustration', 'Sur-mesure', 'P transformés'])
    const emotion = ws.getRow(partCount + 6)
    expect([emotion.getCell(1).value, emotion.getCell(2).value, emotion.getCell(5).value]).toEqual(['Émotion', 'Atelier bougie', 'Produit, Processus'])
  })
})
