import { describe, expect, it } from 'vitest'
import { dossierTemplates } from '#templates/dossiers'
import { fieldSchema, type FieldKind } from '#templates/template.schema'
import { definitions, emptyValue, entryOf, isEmpty, itemsOf, plainTextOf, diffOf } from './registry'
import { serverKinds } from './registry.server'
import { valueSchema } from './schemas'

const kinds = Object.keys(definitions) as FieldKind[]

describe('the kind registries', () => {
  it('agree on which kinds have an Excel sheet', () => {
    for (const kind of kinds) expect(serverKinds[kind].xlsx !== null, kind).toBe(definitions[kind].excel)
  })

  it('know every kind the template schema accepts', () => {
    const accepted = fieldSchema.options.map((o) => o.shape.kind.value)
    expect([...accepted].sort()).toEqual([...kinds].sort())
  })

  it('give every field of every template an empty value that its schema accepts and that reads as empty', () => {
    for (const template of dossierTemplates) {
      for (const section of template.sections) {
        const empty = emptyValue(section.field)
        const where = `${template.id}/${section.id}`
        expect(valueSchema(section.field).safeParse(empty).success, where).toBe(true)
        const entry = entryOf(section.field, empty)
        expect(isEmpty(entry), where).toBe(true)
        expect(itemsOf(entry), where).toEqual(expect.any(Array))
        expect(plainTextOf(entry).trim(), where).toBe('')
        expect(diffOf(section.field, empty, empty), where).toEqual([])
      }
    }
  })
})
