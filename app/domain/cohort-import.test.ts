import { describe, expect, it } from 'vitest'
import { collapseSpaces, columnLetter, formatImportError, headerField, readColumns } from './cohort-import'

describe('cohort import headers', () => {
  it('reads header variants whatever their case, accents, spaces, hyphens and underscores', () => {
    const cases: [string, ReturnType<typeof headerField>][] = [
      ['Prénom', 'firstName'],
      ['prenom', 'firstName'],
      ['First name', 'firstName'],
      ['first_name', 'firstName'],
      ['Nom', 'lastName'],
      ['NOM DE FAMILLE', 'lastName'],
      ['Last name', 'lastName'],
      ['Nom complet', 'name'],
      ['Nom et prénom', 'name'],
      ['Candidat', 'name'],
      ['Candidat·e', 'name'],
      ['E-mail', 'email'],
      ['Email', 'email'],
      ['e_mail', 'email'],
      ['Courriel', 'email'],
      ['Adresse e-mail', 'email'],
      ['Mail', 'email'],
      ['Adresse électronique', 'email'],
      [' Groupe ', 'group'],
      ['Group', 'group'],
      ['Téléphone', null],
      ['', null],
    ]
    for (const [header, field] of cases) expect([header, headerField(header)]).toEqual([header, field])
  })

  it('names columns as a spreadsheet does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA'])
  })

  it('accepts first and last names or a full name, and refuses a file without e-mail or with a field twice', () => {
    expect(readColumns(['Prénom', 'Nom', 'E-mail']).errors).toEqual([])
    expect(readColumns(['Nom complet', 'Courriel', 'Divers']).columns[2]).toEqual({ column: 'C', header: 'Divers', field: null })
    expect(readColumns(['Prénom', 'E-mail']).errors).toEqual([{ line: 1, column: null, message: expect.stringContaining('aucune colonne de nom') }])
    expect(readColumns(['Nom complet']).errors).toEqual([{ line: 1, column: null, message: expect.stringContaining('aucune colonne d’adresse e-mail') }])
    expect(readColumns(['Nom complet', 'Email', 'Candidat']).errors).toEqual([
      { line: 1, column: 'C', message: expect.stringContaining('la colonne C («\u00a0Candidat\u00a0») et la colonne A («\u00a0Nom complet\u00a0»)') },
    ])
  })

  it('collapses whitespace and keeps apostrophes; formats an error as a sentence', () => {
    expect(collapseSpaces('  Jean-Luc\u00a0 d’Artagnan \t')).toBe('Jean-Luc d’Artagnan')
    expect(formatImportError({ line: 4, column: 'C', message: 'adresse e-mail manquante.' })).toBe('Ligne 4, colonne C\u00a0: adresse e-mail manquante.')
    expect(formatImportError({ line: 1, column: null, message: 'x.' })).toBe('Ligne 1\u00a0: x.')
  })
})
