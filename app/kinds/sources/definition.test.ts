import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { valueSchemaFor, type SourceRow, type SourcesConfig, type SourcesValue } from './schema'

const config: SourcesConfig = { kind: 'sources' }
const row = (id: string, patch: Partial<SourceRow> = {}): SourceRow => ({ id: `src-${id}00000`, title: '', url: '', origin: '', type: '', note: '', ...patch })
const xerfi = row('xerfi', { title: 'Xerfi', url: 'https://www.xerfi.com', origin: 'externe', type: 'Étude', note: 'Taille du marché' })
const crm = row('crm', { title: 'Base clients', origin: 'interne', type: 'Fichier' })
const value: SourcesValue = { rows: [xerfi, crm] }
const ctx = { title: 'Sources', today: '2027-01-04' }

describe('sources value schema', () => {
  const schema = valueSchemaFor(config)
  const refusal = (v: unknown) => {
    const result = schema.safeParse(v)
    expect(result.success).toBe(false)
    const issue = result.error!.issues[0]!
    return { where: definition.locate(issue.path as (string | number)[], value, config), message: issue.message }
  }

  it('accepts sources as the editor makes them, with or without a web address', () => {
    expect(schema.safeParse(value).success).toBe(true)
    expect(schema.safeParse({ rows: [row('vide')] }).success).toBe(true)
    expect(schema.safeParse({ rows: [{ ...xerfi, url: 'http://insee.fr/fr/statistiques?x=1' }] }).success).toBe(true)
  })

  it('refuses unknown origins, other schemes, long texts, unknown keys and bad ids', () => {
    expect(schema.safeParse({ rows: [{ ...xerfi, origin: 'ailleurs' }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...xerfi, url: 'ftp://x' }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...xerfi, url: 'https://' }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...xerfi, url: 'https://www.xerfi .com' }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...xerfi, type: 'x'.repeat(201) }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...xerfi, title: 'x'.repeat(501) }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...xerfi, note: 'x'.repeat(2_001) }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...xerfi, auteur: 'Moi' }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...xerfi, id: 'x' }] }).success).toBe(false)
    expect(schema.safeParse({ rows: Array.from({ length: 501 }, (_, i) => row(String(i).padStart(3, '0'))) }).success).toBe(false)
  })

  it('says in French which row and column is refused, and why', () => {
    const www = { rows: [xerfi, crm, { ...xerfi, id: 'src-third0', url: 'www.exemple.fr' }] }
    expect(refusal(www)).toEqual({ where: 'ligne 3, Adresse web', message: 'l’adresse doit commencer par https:// ou http://' })
    expect(refusal({ rows: [{ ...xerfi, url: 'https://exemple .fr' }] })).toEqual({
      where: 'ligne 1, Adresse web',
      message: 'l’adresse ne doit pas contenir d’espace',
    })
    expect(refusal({ rows: [crm, { ...xerfi, origin: 'ailleurs' }] })).toEqual({ where: 'ligne 2, Origine', message: 'choisissez « Interne » ou « Externe »' })
    expect(refusal({ rows: [{ ...xerfi, type: 'x'.repeat(201) }] })).toEqual({ where: 'ligne 1, Type', message: 'le texte dépasse 200 caractères' })
    expect(refusal({ rows: [{ ...xerfi, note: 'x'.repeat(2_001) }] })).toEqual({
      where: 'ligne 1, Ce qu’elle apporte',
      message: 'le texte dépasse 2\u202f000 caractères',
    })
    expect(refusal({ rows: [{ ...xerfi, title: 42 }] })).toEqual({ where: 'ligne 1, Source', message: 'un texte est attendu' })
  })
})

describe('sources definition', () => {
  it('names each source by its number and title (or address)', () => {
    expect(definition.items(value, config)).toEqual([
      { id: xerfi.id, label: 'Source 1 — Xerfi' },
      { id: crm.id, label: 'Source 2 — Base clients' },
    ])
    expect(definition.items({ rows: [row('a'), row('b', { url: 'https://insee.fr' }), row('c', { title: '  Xerfi ' })] }, config).map((i) => i.label)).toEqual([
      'Source 1',
      'Source 2 — https://insee.fr',
      'Source 3 — Xerfi',
    ])
  })

  it('describes changed parts, added, deleted and moved sources', () => {
    const after: SourcesValue = {
      rows: [{ ...crm, origin: 'externe', url: 'https://crm.exemple.fr' }, xerfi, row('ifop', { title: 'Ifop', origin: 'externe' }), row('blank')],
    }
    expect(definition.diff(value, after, config)).toEqual([
      'Source 1 — Base clients : Origine : Interne → Externe ; Adresse web : — → https://crm.exemple.fr.',
      'Ajoutée : « Source 3 — Ifop ».',
      'Sources réordonnées.',
    ])
    expect(definition.diff(value, { rows: [xerfi] }, config)).toEqual(['Supprimée : « Source 2 — Base clients ».'])
    expect(definition.diff(value, { rows: [{ ...xerfi, title: 'Xerfi 2026' }, crm] }, config)).toEqual(['Source 1 — Xerfi 2026 : Source : Xerfi → Xerfi 2026.'])
    expect(definition.diff(value, value, config)).toEqual([])
  })

  it('gives every written word as plain text, one line per source', () => {
    expect(definition.plainText({ rows: [...value.rows, row('blank')] }, config)).toBe(
      'Xerfi | Externe | Étude | https://www.xerfi.com | Taille du marché\nBase clients | Interne | Fichier',
    )
    expect(definition.plainText({ rows: [row('blank')] }, config)).toBe('')
  })

  it('locates rows and columns, and nothing outside the rows', () => {
    expect(definition.locate(['rows', 2, 'url'], value, config)).toBe('ligne 3, Adresse web')
    expect(definition.locate(['rows', 0, 'note'], value, config)).toBe('ligne 1, Ce qu’elle apporte')
    expect(definition.locate(['rows', 4], value, config)).toBe('ligne 5')
    expect(definition.locate(['rows'], value, config)).toBeNull()
    expect(definition.locate([], value, config)).toBeNull()
  })

  it('counts sources with a title or an address, for emptiness and minRows', () => {
    expect(definition.isEmpty({ rows: [row('a', { type: 'Revue', origin: 'externe' })] }, config)).toBe(true)
    expect(definition.isEmpty({ rows: [row('a', { url: 'https://insee.fr' })] }, config)).toBe(false)
    const minRows = definition.rules.minRows!
    expect(minRows({ rule: 'minRows', min: 8 }, { rows: [xerfi, crm, row('c', { title: '' }), row('d', { url: 'https://insee.fr' })] }, config, ctx)).toBe(
      '8 sources au moins sont attendues dans « Sources » ; vous en listez 3.',
    )
    expect(minRows({ rule: 'minRows', min: 2 }, { rows: [] }, config, ctx)).toBe('« Sources » n’a encore aucune ligne.')
    expect(minRows({ rule: 'minRows', min: 2 }, value, config, ctx)).toBeNull()
  })

  it('looks for a source of the given origin among the sources that count', () => {
    const hasOrigin = definition.rules.hasOrigin!
    expect(hasOrigin({ rule: 'hasOrigin', origin: 'interne' }, value, config, ctx)).toBeNull()
    expect(hasOrigin({ rule: 'hasOrigin', origin: 'interne' }, { rows: [xerfi] }, config, ctx)).toBe('Aucune source interne n’est listée dans « Sources ».')
    expect(hasOrigin({ rule: 'hasOrigin', origin: 'interne' }, { rows: [xerfi, { ...crm, title: '' }] }, config, ctx)).toBe(
      'Aucune source interne n’est listée dans « Sources ».',
    )
    expect(hasOrigin({ rule: 'hasOrigin', origin: 'externe' }, { rows: [crm] }, config, ctx)).toBe('Aucune source externe n’est listée dans « Sources ».')
  })
})
