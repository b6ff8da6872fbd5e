import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { PLAN } from './fixtures.test-data'
import { EMPTY_MEDIA_PLAN } from './media-plan'
import { configSchema, valueSchemaFor } from './schema'

const field = configSchema.parse({ kind: 'mediaPlan' })
const ctx = { title: 'Plan média', today: '2027-06-01' }

describe('media plan definition', () => {
  it('accepts the plan and refuses an unknown media type, a negative budget and an unknown marronnier, in French', () => {
    const schema = valueSchemaFor(field)
    expect(schema.safeParse(PLAN).success).toBe(true)
    expect(schema.safeParse(EMPTY_MEDIA_PLAN).success).toBe(true)
    const bad = schema.safeParse({
      ...PLAN,
      media: [{ ...PLAN.media[0]!, type: 'Pigeon voyageur' }],
      waves: [{ ...PLAN.waves[0]!, budget: -5 }],
      marronniers: ['fete-du-slip'],
    })
    expect(bad.success).toBe(false)
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    expect(messages).toContain('waves.0.budget: le budget ne peut pas être négatif')
    expect(messages.some((m) => m.startsWith('media.0.type: type de média inconnu'))).toBe(true)
    expect(messages).toContain('marronniers.0: marronnier inconnu')
  })

  it('is empty until a medium, a wave or a phase is written', () => {
    expect(definition.isEmpty(EMPTY_MEDIA_PLAN, field)).toBe(true)
    expect(definition.isEmpty({ ...EMPTY_MEDIA_PLAN, year: 2027 }, field)).toBe(true)
    expect(definition.isEmpty(PLAN, field)).toBe(false)
  })

  it('counts the waves for minRows and names the problems for kindChecks', () => {
    expect(definition.rules.minRows!({ rule: 'minRows', min: 6 }, PLAN, field, ctx)).toBe('« Plan média » a 4\u00a0vagues ; 6 au moins sont attendues.')
    expect(definition.rules.kindChecks!({ rule: 'kindChecks' }, PLAN, field, ctx)).toEqual([
      'Sans budget : «\u00a0Saint-Valentin\u00a0».',
      'Ce média n’a aucune vague : «\u00a0Radio locale\u00a0».',
    ])
  })

  it('lists media, waves and phases as items, locates refused parts and gives plain text', () => {
    expect(definition.items(PLAN, field).map((i) => i.label)).toEqual([
      'Média 1 — Instagram',
      'Média 2 — Marie Claire Maison',
      'Média 3 — Radio locale',
      'Vague 1 — Lancement (Instagram)',
      'Vague 2 — Lancement presse (Marie Claire Maison)',
      'Vague 3 — Fêtes (Instagram)',
      'Vague 4 — Saint-Valentin (Marie Claire Maison)',
      'Phase 1 — Lancement',
      'Phase 2 — Fêtes',
    ])
    expect(definition.locate(['waves', 2, 'budget'], PLAN, field)).toBe('vague 3, Budget (€)')
    expect(definition.locate(['media', 0, 'type'], PLAN, field)).toBe('média 1, Type de média')
    expect(definition.locate(['year'], PLAN, field)).toBe('Année du plan')
    expect(definition.plainText(PLAN, field)).toContain('Instagram | Réseaux sociaux')
  })

  it('says what changed', () => {
    const after = {
      ...PLAN,
      year: 2028,
      waves: PLAN.waves.map((w) => (w.id === 'vague-insta1' ? { ...w, budget: 20_000, end: '2027-10-24' } : w)).filter((w) => w.id !== 'vague-press2'),
      marronniers: ['noel' as const, 'saint-valentin' as const, 'halloween' as const],
    }
    expect(definition.diff(PLAN, after, field)).toEqual([
      'Année du plan : 09/2027 → 09/2028.',
      'Vague «\u00a0Lancement\u00a0» : fin : 17/10/2027 → 24/10/2027 ; budget : 18\u202f000,00\u00a0€ → 20\u202f000,00\u00a0€.',
      'Vague supprimée : «\u00a0Saint-Valentin\u00a0».',
      'Marronniers affichés : Halloween.',
      'Marronniers retirés : Black Friday.',
    ])
    expect(definition.diff(PLAN, PLAN, field)).toEqual([])
  })
})
