import { describe, expect, it } from 'vitest'
import { formatInstant as fullFormat, parisInstant } from './hand-in'
import { closedMessage, formatInstant, handInStateText, shortFingerprint, type HandInSummary } from './hand-in-status'

const due = parisInstant('2027-03-28T03:30')!.getTime()
const cutoff = parisInstant('2027-03-29T12:00')!.getTime()
const base: HandInSummary = { state: 'draft', window: { dueAt: due, cutoffAt: cutoff, extension: null }, latest: null, count: 0 }
const latest = (timing: 'on-time' | 'late') => ({
  id: 's',
  submittedAt: parisInstant('2027-03-28T14:05')!.getTime(),
  timing,
  fingerprint: 'ab'.repeat(32),
  submitterName: 'Inès',
})

describe('hand-in states in words', () => {
  it('says what the learner should do before, between and after the limits', () => {
    expect(handInStateText(base, due - 1)).toBe('Brouillon — à déposer avant le 28 mars 2027 à 3\u00a0h\u00a030')
    expect(handInStateText(base, due + 1)).toBe('Brouillon — date limite dépassée, dépôt en retard possible jusqu’au 29 mars 2027 à 12\u00a0h\u00a000')
    expect(handInStateText({ ...base, window: null })).toBe('Brouillon — date de dépôt pas encore fixée')
    expect(handInStateText({ ...base, state: 'refused' })).toBe('Refusé\u00a0: date limite dépassée')
    expect(handInStateText({ ...base, state: 'submitted', latest: latest('on-time'), count: 1 })).toBe('Déposé le 28 mars 2027 à 14\u00a0h\u00a005')
    expect(handInStateText({ ...base, state: 'late', latest: latest('late'), count: 1 })).toBe('Déposé en retard le 28 mars 2027 à 14\u00a0h\u00a005')
    expect(handInStateText({ ...base, state: 'graded', latest: latest('late'), count: 1 })).toBe('Évalué — déposé le 28 mars 2027 à 14\u00a0h\u00a005')
  })

  it('formats like hand-in.ts, and shortens a fingerprint by its ends', () => {
    for (const local of ['2027-03-28T03:30', '2027-10-31T01:15', '2026-12-03T14:05']) {
      const d = parisInstant(local)!
      expect(formatInstant(d)).toBe(fullFormat(d))
    }
    expect(closedMessage({ cutoffAt: new Date(cutoff) })).toBe(
      'La date limite est dépassée\u00a0: le dépôt était possible jusqu’au 29 mars 2027 à 12\u00a0h\u00a000 (heure de Paris).',
    )
    expect(shortFingerprint('0123456789abcdef'.repeat(4))).toBe('01234567…cdef')
  })
})
