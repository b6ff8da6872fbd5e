import { describe, expect, it } from 'vitest'
import { dossierTemplates } from './dossiers'
import { referentiel } from './referentiel'
import { dossierTemplateSchema } from './template.schema'

const criteria = new Map(referentiel.activities.flatMap((a) => a.competencies.flatMap((c) => c.criteria.map((k) => [k.id, c.id] as const))))

describe('dossier templates', () => {
  it('validate and cite only criteria of their own evaluation', () => {
    expect(dossierTemplates.length).toBeGreaterThan(0)
    for (const t of dossierTemplates) {
      const evaluation = referentiel.evaluations.find((e) => e.id === t.evaluationId)
      expect(evaluation, `${t.id}: evaluation ${t.evaluationId}`).toBeDefined()
      for (const s of t.sections) {
        for (const id of s.criteria) {
          expect(criteria.has(id), `${t.id}/${s.id}: unknown criterion ${id}`).toBe(true)
          expect(evaluation!.competencyIds, `${t.id}/${s.id}: ${id} is not evaluated by ${t.evaluationId}`).toContain(criteria.get(id))
        }
        if (s.part === 'rex') expect(evaluation!.parts.rex, `${t.id}/${s.id}`).toBe(true)
        if (s.part === 'oral') expect(evaluation!.parts.oral, `${t.id}/${s.id}`).toBe(true)
      }
    }
  })

  it('give every evaluation one main dossier, and an individual REX where the épreuve has one', () => {
    for (const e of referentiel.evaluations) {
      const mine = dossierTemplates.filter((t) => t.evaluationId === e.id)
      expect(
        mine.filter((t) => t.kind === 'main').map((t) => t.id),
        e.id,
      ).toEqual([e.id])
      expect(mine.filter((t) => t.kind === 'rex').length, e.id).toBe(e.parts.rex ? 1 : 0)
      // Each part of the épreuve is prepared by at least one section.
      const parts = new Set(mine.flatMap((t) => t.sections.map((s) => s.part)))
      for (const part of ['written', 'oral', 'rex'] as const) expect(parts.has(part), `${e.id} ${part}`).toBe(e.parts[part])
    }
  })

  it('serve every criterion of the référentiel with at least one section', () => {
    const served = new Set(dossierTemplates.flatMap((t) => t.sections.flatMap((s) => s.criteria)))
    const missing = [...criteria.keys()].filter((id) => !served.has(id))
    expect(missing).toEqual([])
  })
})

describe('template schema', () => {
  const withPestelHint = (hint: Record<string, unknown>) => {
    const t = structuredClone(dossierTemplates.find((d) => d.id === 'msp-a2')!)
    t.sections.find((s) => s.id === 'pestel')!.hints.push(hint as never)
    return dossierTemplateSchema.safeParse(t)
  }

  it('takes an eachValue hint on a choice column, with values among its options', () => {
    expect(withPestelHint({ rule: 'eachValue', column: 'facteur', values: ['Légal'] }).success).toBe(true)
  })

  it('refuses an eachValue hint on an unknown or free column, or with a value that is not an option', () => {
    const messages = (hint: Record<string, unknown>) => withPestelHint(hint).error?.issues.map((i) => i.message) ?? []
    expect(messages({ rule: 'eachValue', column: 'inconnue' })).toContain('colonne à choix inconnue : pestel.inconnue')
    expect(messages({ rule: 'eachValue', column: 'element' })).toContain('colonne à choix inconnue : pestel.element')
    expect(messages({ rule: 'eachValue', column: 'facteur', values: ['Climatique'] })).toContain('« Climatique » n’est pas une option de pestel.facteur')
  })
})
