import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { emptyPersona } from './persona'
import { valueSchemaFor, type Persona, type PersonaConfig, type PersonaValue } from './schema'

const config: PersonaConfig = { kind: 'persona' }
const lea: Persona = {
  ...emptyPersona('persona-lea'),
  firstName: 'Léa',
  age: 34,
  location: 'Lyon',
  csp: 'Cadre',
  family: 'En couple, deux enfants',
  tastes: 'Randonnée',
  habits: 'Achète en ligne le soir',
  brands: 'Fidèle aux marques engagées',
  media: [{ id: 'media-insta', channel: 'Instagram', intensity: 3 }],
  needs: 'Gagner du temps',
  frustrations: 'Délais de livraison',
  quote: '« Je veux savoir d’où ça vient. »',
  inclusion: 'Daltonienne',
  avatar: { src: '/fichiers/00000000-0000-0000-0000-000000000000', alt: 'Portrait de Léa' },
}
const marc: Persona = { ...emptyPersona('persona-marc'), firstName: 'Marc', age: 58, csp: 'Artisan' }
const value: PersonaValue = { personas: [lea, marc] }
const ctx = { title: 'Personae', today: '2027-01-04' }

describe('persona value schema', () => {
  const schema = valueSchemaFor(config)
  it('accepts complete personae and refuses bad ages, unknown intensities, foreign images and unknown fields', () => {
    expect(schema.safeParse(value).success).toBe(true)
    expect(schema.safeParse({ personas: [{ ...lea, age: 34.5 }] }).success).toBe(false)
    expect(schema.safeParse({ personas: [{ ...lea, age: 121 }] }).success).toBe(false)
    expect(schema.safeParse({ personas: [{ ...lea, age: '34' }] }).success).toBe(false)
    expect(schema.safeParse({ personas: [{ ...lea, media: [{ id: 'media-insta', channel: 'Instagram', intensity: 4 }] }] }).success).toBe(false)
    expect(schema.safeParse({ personas: [{ ...lea, avatar: { src: 'https://ailleurs.example/photo.png', alt: 'x' } }] }).success).toBe(false)
    expect(schema.safeParse({ personas: [{ ...lea, quote: 'x'.repeat(501) }] }).success).toBe(false)
    expect(schema.safeParse({ personas: [{ ...lea, hobby: 'x' }] }).success).toBe(false)
    expect(schema.safeParse({ personas: Array.from({ length: 21 }, (_, i) => emptyPersona(`persona-${i}xx`)) }).success).toBe(false)
  })
  it('says what is wrong and where, in French', () => {
    const result = schema.safeParse({ personas: [lea, { ...marc, age: 130 }] })
    expect(result.success).toBe(false)
    const issue = result.error!.issues[0]!
    expect(issue.message).toBe('l’âge dépasse 120 ans')
    expect(definition.locate(issue.path as (string | number)[], value, config)).toBe('persona 2, Âge')
    const long = schema.safeParse({ personas: [{ ...lea, location: 'x'.repeat(2_001) }] })
    expect(long.error!.issues[0]!.message).toBe('le texte dépasse 2\u202f000 caractères')
  })
})

describe('persona definition', () => {
  it('locates refused parts with the labels of the screen', () => {
    expect(definition.locate(['personas', 0, 'age'], value, config)).toBe('persona 1, Âge')
    expect(definition.locate(['personas', 1, 'location'], value, config)).toBe('persona 2, Localisation géographique')
    expect(definition.locate(['personas', 0, 'media', 1, 'channel'], value, config)).toBe('persona 1, Consommation médiatique, canal 2')
    expect(definition.locate(['personas', 0, 'avatar', 'alt'], value, config)).toBe('persona 1, Texte alternatif du visuel')
    expect(definition.locate(['personas', 2], value, config)).toBe('persona 3')
    expect(definition.locate(['personas'], value, config)).toBeNull()
  })

  it('lists each persona by number and first name', () => {
    expect(definition.items({ personas: [lea, { ...marc, firstName: ' ' }] }, config)).toEqual([
      { id: 'persona-lea', label: 'Persona 1 — Léa' },
      { id: 'persona-marc', label: 'Persona 2' },
    ])
  })

  it('describes changed fields with their labels, added, deleted and moved personae', () => {
    const older = { ...lea, age: 35, csp: 'Cadre supérieure', tastes: 'Randonnée, yoga', needs: '', family: '' }
    expect(definition.diff(value, { personas: [{ ...older, family: 'Mariée' }, marc] }, config)).toEqual([
      'Persona “Léa” : Âge 34 → 35 ; CSP modifiée ; Situation familiale modifiée ; Goûts modifiés ; Besoins et motivations effacés.',
    ])
    expect(definition.diff({ personas: [{ ...lea, quote: '', avatar: null }] }, { personas: [lea] }, config)).toEqual([
      'Persona “Léa” : Citation renseignée ; Visuel ajouté.',
    ])
    const renamed = { ...marc, firstName: 'Marcel', media: [{ id: 'media-radio', channel: 'Radio', intensity: 2 as const }] }
    expect(
      definition.diff(value, { personas: [renamed, lea, { ...emptyPersona('persona-new'), firstName: 'Inès' }, emptyPersona('persona-blank')] }, config),
    ).toEqual(['Persona “Marcel” : Prénom Marc → Marcel ; Consommation médiatique renseignée.', 'Persona “Inès” ajouté.', 'Personae réordonnés.'])
    expect(definition.diff(value, { personas: [marc] }, config)).toEqual(['Persona “Léa” supprimé.'])
    expect(definition.diff(value, value, config)).toEqual([])
  })

  it('gives every text as plain text', () => {
    expect(definition.plainText(value, config)).toBe(
      [
        'Léa | 34\u00a0ans | Lyon | Cadre | En couple, deux enfants | Randonnée | Achète en ligne le soir | Fidèle aux marques engagées | Gagner du temps | Délais de livraison | « Je veux savoir d’où ça vient. » | Daltonienne | Instagram | Portrait de Léa',
        'Marc | 58\u00a0ans | Artisan',
      ].join('\n'),
    )
    expect(definition.plainText({ personas: [emptyPersona('persona-blank')] }, config)).toBe('')
  })

  it('answers minRows and kindChecks with the old wording', () => {
    expect(definition.rules.minRows!({ rule: 'minRows', min: 3 }, { personas: [lea] }, config, ctx)).toBe('3 personae au moins sont attendus ; vous en avez 1.')
    expect(definition.rules.minRows!({ rule: 'minRows', min: 3 }, { personas: [] }, config, ctx)).toBe('« Personae » n’a encore aucun persona.')
    expect(definition.rules.minRows!({ rule: 'minRows', min: 2 }, value, config, ctx)).toBeNull()
    expect(definition.rules.kindChecks!({ rule: 'kindChecks' }, { personas: [marc] }, config, ctx)).toEqual([
      '« Marc » : profil à compléter — localisation géographique, goûts, habitudes, comportement vis-à-vis des marques, consommation médiatique.',
      '« Marc » : aucune note sur l’inclusion, la diversité ou l’accessibilité.',
    ])
    expect(definition.rules.kindChecks!({ rule: 'kindChecks' }, { personas: [lea] }, config, ctx)).toBeNull()
    expect(definition.isEmpty({ personas: [] }, config)).toBe(true)
    expect(definition.isEmpty(value, config)).toBe(false)
    expect(definition.printable).toBe(true)
  })
})
