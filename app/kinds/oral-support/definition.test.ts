import { describe, expect, it } from 'vitest'
import type { Hint } from '#templates/template.schema'
import { definition } from './definition'
import { emptyPart } from './oral'
import type { OralPart, OralSupportConfig, OralSupportValue } from './schema'
import { valueSchema } from './schema'

const ctx = { title: 'Support de l’oral', today: '2027-03-01' }
const checks = { rule: 'kindChecks' } as Extract<Hint, { rule: 'kindChecks' }>
const p = (id: string, patch: Partial<OralPart>): OralPart => ({ ...emptyPart(`part-${id}`), ...patch })
const value = (parts: OralPart[]): OralSupportValue => ({ parts, questions: [], rehearsals: [] })
const run = (v: OralSupportValue, config: OralSupportConfig) => definition.rules.kindChecks!(checks, v, config, ctx)

describe('oral support definition', () => {
  it('is empty with no part written', () => {
    expect(definition.isEmpty(definition.empty({ kind: 'oralSupport', oral: 'grand-oral' }), { kind: 'oralSupport', oral: 'grand-oral' })).toBe(true)
    expect(definition.isEmpty(value([p('1', { title: 'Contexte' })]), { kind: 'oralSupport', oral: 'grand-oral' })).toBe(false)
  })

  it('asks the grand oral for its self-assessment part, and each part for what it shows', () => {
    const grand: OralSupportConfig = { kind: 'oralSupport', oral: 'grand-oral' }
    expect(run(value([p('1', { title: 'Contexte', minutes: 3 })]), grand)).toEqual([
      'Partie 1 «\u00a0Contexte\u00a0»\u00a0: dites ce qu’elle montre (un message clé ou un support).',
      'Le grand oral présente l’auto-évaluation des compétences acquises\u00a0: prévoyez une partie qui la présente.',
    ])
    const ok = value([
      p('1', { title: 'Contexte', message: 'Une marque locale', minutes: 3 }),
      p('2', { title: 'Mon auto-évaluation', visuals: [{ id: 'visual-1', kind: 'section', sectionId: 'kpi', label: 'Tableau de bord' }] }),
    ])
    expect(run(ok, grand)).toBeNull()
    expect(run(value([]), grand)).toBeNull()
  })

  it('compares the total with the épreuve’s time when it is set', () => {
    const timed: OralSupportConfig = { kind: 'oralSupport', oral: 'grand-oral', minutes: 20 }
    const parts = (a: number, b: number) =>
      value([p('1', { title: 'Démarche', message: 'm', minutes: a }), p('2', { title: 'Autoévaluation', message: 'm', minutes: b })])
    expect(run(parts(15, 10), timed)).toEqual(['L’oral dure 25\u00a0min pour 20\u00a0min prévues\u00a0: 5\u00a0min de trop.'])
    expect(run(parts(10, 5), timed)).toEqual(['L’oral dure 15\u00a0min pour 20\u00a0min prévues\u00a0: il reste 5\u00a0min à occuper.'])
    expect(run(parts(12, 7), timed)).toBeNull()
  })

  it('flags a part nobody speaks in a group oral', () => {
    const collective: OralSupportConfig = { kind: 'oralSupport', oral: 'collective' }
    const v = value([p('1', { title: 'Synthèse', message: 'm', speakers: ['anna'] }), p('2', { message: 'Les chiffres' })])
    expect(run(v, collective)).toEqual(['Partie 2\u00a0: personne n’y prend la parole\u00a0; dans un oral de groupe, chaque membre a sa part.'])
    expect(run(v, { kind: 'oralSupport', oral: 'per-candidate' })).toHaveLength(1)
    // With the group known, a member who speaks in no part is named.
    const members = [
      { id: 'anna', name: 'Anna Martin' },
      { id: 'mael', name: 'Maël Dupont' },
    ]
    const spoken = value([p('1', { title: 'Synthèse', message: 'm', speakers: ['anna'] })])
    expect(definition.rules.kindChecks!(checks, spoken, collective, { ...ctx, members })).toEqual([
      'Maël Dupont ne prend la parole dans aucune partie\u00a0; dans un oral de groupe, chaque membre a sa part.',
    ])
    const both = value([p('1', { title: 'Synthèse', message: 'm', speakers: ['anna', 'mael'] })])
    expect(definition.rules.kindChecks!(checks, both, collective, { ...ctx, members })).toBeNull()
    expect(run(v, { kind: 'oralSupport', oral: 'grand-oral' })).toEqual([
      'Le grand oral présente l’auto-évaluation des compétences acquises\u00a0: prévoyez une partie qui la présente.',
    ])
  })

  it('names parts and questions as items, says where a refusal sits, and tells changes', () => {
    const v: OralSupportValue = {
      ...value([p('1', { title: 'Contexte' })]),
      questions: [{ id: 'question-1', question: 'Pourquoi ?', answer: '', criteria: [] }],
    }
    expect(definition.items(v, { kind: 'oralSupport', oral: 'grand-oral' })).toEqual([
      { id: 'part-1', label: 'Partie 1 — Contexte' },
      { id: 'question-1', label: 'Question 1 — Pourquoi ?' },
    ])
    expect(definition.locate(['parts', 0, 'minutes'], v, { kind: 'oralSupport', oral: 'grand-oral' })).toBe('Partie 1, Durée (min)')
    const after = { ...v, parts: [{ ...v.parts[0]!, minutes: 4 }] }
    expect(definition.diff(v, after, { kind: 'oralSupport', oral: 'grand-oral' })).toEqual(['Partie 1 «\u00a0Contexte\u00a0»\u00a0: durée — → 4 min'])
    expect(definition.plainText(v, { kind: 'oralSupport', oral: 'grand-oral' })).toBe('Contexte\nPourquoi ?')
  })

  it('stores images from the dossier’s uploads only, with their text alternative, and keeps rehearsals', () => {
    const image = { id: 'visual-1', kind: 'image', src: '/fichiers/0f8fad5b-d9cb-469f-a165-70867728950e', alt: 'Le logo' }
    const rehearsal = { id: 'rehearsal-1', at: '2027-03-01T10:00:00.000Z', seconds: 600, parts: { 'part-1': 600 } }
    expect(valueSchema.safeParse({ ...value([p('1', { visuals: [image as never] })]), rehearsals: [rehearsal] }).success).toBe(true)
    expect(valueSchema.safeParse(value([p('1', { visuals: [{ ...image, src: 'https://ailleurs.fr/x.png' } as never] })])).success).toBe(false)
    expect(valueSchema.safeParse(value([p('1', { visuals: [{ ...image, alt: ' ' } as never] })])).success).toBe(false)
  })
})
