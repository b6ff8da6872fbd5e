import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { BankEntry } from '~/services/comment-bank.server'
import { BankPicker } from './bank-picker'

const entry = (id: string, body: string, criterionIds: string[], scope: BankEntry['scope'] = 'mine'): BankEntry => ({
  id,
  body,
  criterionIds,
  scope,
  canEdit: scope === 'mine',
})
const BANK = [
  entry('a', 'Citez vos sources.', ['C1.1-2'], 'school'),
  entry('b', 'Complétez le persona.', ['C3.2-1', 'C3.2-4']),
  entry('c', 'Datez vos objectifs.', ['C6.2-2']),
]
const render = (entries: BankEntry[], criteria: string[]) => renderToStaticMarkup(<BankPicker entries={entries} criteria={criteria} onInsert={() => {}} />)

describe('BankPicker', () => {
  it('lists the entries of the section’s criteria, under the criterion they share, with an « Insérer » button each', () => {
    const html = render(BANK, ['C3.2-4', 'C1.1-2'])
    expect(html).toContain('Insérer un commentaire de la banque')
    expect(html).toContain('(2 pour ces critères)')
    expect(html).toContain('Citez vos sources.')
    expect(html).toContain('Complétez le persona.')
    expect(html).not.toContain('Datez vos objectifs.')
    // Grouped by the criterion of the section, in référentiel order; the entry's other criteria named.
    expect(html.indexOf('Critère C1.1-2')).toBeLessThan(html.indexOf('Critère C3.2-4'))
    expect(html).toContain('aussi C3.2-1')
    expect(html).toContain('École')
    expect(html).toContain('Ma banque')
    // Plain buttons (the picker sits inside the composer's form), described by the text they insert.
    const buttons = html.match(/<button[^>]*>Insérer<\/button>/g) ?? []
    expect(buttons).toHaveLength(2)
    for (const b of buttons) {
      expect(b).toContain('type="button"')
      const described = /aria-describedby="([^"]+)"/.exec(b)?.[1]
      expect(html).toContain(`id="${described}"`)
    }
    expect(html).toContain('Afficher toute la banque (3)')
  })

  it('says so when nothing concerns the section, and when the bank is empty', () => {
    expect(render(BANK, ['C10.1-1'])).toContain('Aucun commentaire de la banque ne concerne les critères de cette section.')
    expect(render([], ['C10.1-1'])).toContain('Votre banque de commentaires est vide.')
    expect(render([], ['C10.1-1'])).not.toContain('Afficher toute la banque')
  })
})
