import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { boxed } from './labels'
import { valueSchemaFor, type ChecklistConfig, type ChecklistValue } from './schema'

const config: ChecklistConfig = {
  kind: 'checklist',
  items: [
    { id: 'droits', label: 'Droits d’auteur vérifiés' },
    { id: 'relecture', label: 'Relecture faite' },
    { id: 'charte', label: 'Charte graphique respectée' },
  ],
}
const value: ChecklistValue = { checked: { droits: true, relecture: false } }
const ctx = { title: 'Contrôles', today: '2027-01-04' }

describe('checklist value schema', () => {
  const schema = valueSchemaFor(config)
  it('accepts the template’s points and refuses others, with the point named', () => {
    expect(schema.safeParse(value).success).toBe(true)
    expect(schema.safeParse({ checked: {} }).success).toBe(true)
    expect(schema.safeParse({ checked: { droits: 'oui' } }).success).toBe(false)
    expect(schema.safeParse({ checked: {}, extra: 1 }).success).toBe(false)
    const result = schema.safeParse({ checked: { droits: true, ancien: true } })
    expect(result.success).toBe(false)
    const issue = result.error!.issues[0]!
    expect(issue.path).toEqual(['checked', 'ancien'])
    expect(issue.message).toBe('point « ancien » absent de la liste')
    expect(definition.locate(issue.path as string[], value, config)).toBe('point « ancien »')
    expect(definition.locate(['checked', 'relecture'], value, config)).toBe('« Relecture faite »')
    expect(definition.locate([], value, config)).toBeNull()
  })
})

describe('checklist definition', () => {
  it('lists the template’s points with their labels', () => {
    expect(definition.items(value, config)).toEqual([
      { id: 'droits', label: 'Droits d’auteur vérifiés' },
      { id: 'relecture', label: 'Relecture faite' },
      { id: 'charte', label: 'Charte graphique respectée' },
    ])
  })

  it('says which points were ticked or unticked', () => {
    expect(definition.diff(value, { checked: { relecture: true, charte: true } }, config)).toEqual([
      'Décoché : « Droits d’auteur vérifiés ».',
      'Coché : « Relecture faite ».',
      'Coché : « Charte graphique respectée ».',
    ])
    // false and missing are the same; points the template no longer lists are not reported.
    expect(definition.diff(value, { checked: { droits: true, ancien: true } }, config)).toEqual([])
  })

  it('gives the ticked points as plain text', () => {
    expect(definition.plainText({ checked: { charte: true, droits: true, ancien: true } }, config)).toBe('Droits d’auteur vérifiés\nCharte graphique respectée')
    expect(definition.plainText({ checked: { relecture: false } }, config)).toBe('')
  })

  it('counts unticked points for allChecked and ticked ones for emptiness', () => {
    const allChecked = definition.rules.allChecked!
    expect(allChecked({ rule: 'allChecked' }, { checked: {} }, config, ctx)).toBe('3\u00a0points restent à vérifier dans « Contrôles ».')
    expect(allChecked({ rule: 'allChecked' }, { checked: { droits: true, relecture: true, ancien: true } }, config, ctx)).toBe(
      '1\u00a0point reste à vérifier dans « Contrôles ».',
    )
    expect(allChecked({ rule: 'allChecked' }, { checked: { droits: true, relecture: true, charte: true } }, config, ctx)).toBeNull()
    expect(definition.isEmpty({ checked: { relecture: false, ancien: true } }, config)).toBe(true)
    expect(definition.isEmpty(value, config)).toBe(false)
  })

  it('writes a point with its box, as the view and Word show it', () => {
    expect(boxed('Relecture faite', true)).toBe('☑ Relecture faite')
    expect(boxed('Relecture faite', false)).toBe('☐ Relecture faite')
  })
})
