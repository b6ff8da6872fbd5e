import { describe, expect, it } from 'vitest'
import { notificationSentence, notificationTarget, type NotificationFacts } from './notification-text'

const base: NotificationFacts = {
  type: 'comment',
  dossierId: 'd1',
  threadId: 't1',
  roundId: null,
  actorName: 'Camille Martin',
  dossierTitle: 'Fiche de compétences « Veille »',
}

describe('notificationSentence', () => {
  it('says who did what on which dossier, for each type', () => {
    expect(notificationSentence(base)).toBe('Camille Martin a commenté “Fiche de compétences « Veille »”')
    expect(notificationSentence({ ...base, type: 'reply' })).toBe('Camille Martin a répondu à un commentaire sur “Fiche de compétences « Veille »”')
    expect(notificationSentence({ ...base, type: 'review-request' })).toBe('Camille Martin demande une relecture de “Fiche de compétences « Veille »”')
    expect(notificationSentence({ ...base, type: 'round-closed' })).toBe('Camille Martin a clos la relecture de “Fiche de compétences « Veille »”')
  })
  it('names a deleted actor', () => {
    expect(notificationSentence({ ...base, actorName: null })).toMatch(/^Un compte supprimé a commenté/)
  })
})

describe('notificationTarget', () => {
  it('leads to the comment for comments and replies', () => {
    expect(notificationTarget(base)).toBe('/dossiers/d1#commentaire-t1')
    expect(notificationTarget({ ...base, type: 'reply' })).toBe('/dossiers/d1#commentaire-t1')
  })
  it('leads to the round for requests and closed rounds', () => {
    expect(notificationTarget({ ...base, type: 'review-request', threadId: null, roundId: 'r1' })).toBe('/dossiers/d1/relectures/r1')
    expect(notificationTarget({ ...base, type: 'round-closed', threadId: null, roundId: 'r1' })).toBe('/dossiers/d1/relectures/r1')
  })
  it('falls back to the dossier', () => {
    expect(notificationTarget({ ...base, threadId: null })).toBe('/dossiers/d1')
    expect(notificationTarget({ ...base, type: 'round-closed', roundId: null })).toBe('/dossiers/d1')
  })
})
