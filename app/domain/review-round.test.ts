import { describe, expect, it } from 'vitest'
import { CloseRoundSchema, RequestReviewSchema } from '../services/review-round-input.server'
import { threadCountsByRound, threadCountsText } from './review-round'

describe('review round forms', () => {
  it('trims the message, makes it optional and limits it to 2 000 characters', () => {
    expect(RequestReviewSchema.parse({})).toEqual({ message: '' })
    expect(RequestReviewSchema.parse({ message: '  Merci !  ' })).toEqual({ message: 'Merci !' })
    expect(RequestReviewSchema.safeParse({ message: 'x'.repeat(2_001) }).error?.issues[0]?.message).toBe('Le message est limité à 2\u00a0000 caractères.')
  })

  it('requires a summary of 1 to 5 000 characters', () => {
    expect(CloseRoundSchema.safeParse({ summary: '  ' }).error?.issues[0]?.message).toBe('Écrivez la synthèse de la relecture avant de la clore.')
    expect(CloseRoundSchema.safeParse({}).success).toBe(false)
    expect(CloseRoundSchema.safeParse({ summary: 'x'.repeat(5_001) }).success).toBe(false)
    expect(CloseRoundSchema.parse({ summary: ' Bien. ' })).toEqual({ summary: 'Bien.' })
  })
})

describe('threadCountsByRound', () => {
  it('counts each thread in the round whose window holds its date, the open round up to now', () => {
    const rounds = [{ closedAt: 100 }, { closedAt: 200 }, { closedAt: null }]
    const threads = [
      { createdAt: 10, resolvedAt: 150 },
      { createdAt: 100, resolvedAt: null },
      { createdAt: 101, resolvedAt: 250 },
      { createdAt: 260, resolvedAt: 270 },
      { createdAt: 400, resolvedAt: null },
    ]
    expect(threadCountsByRound(rounds, threads, 300)).toEqual([
      { opened: 2, resolved: 0 },
      { opened: 1, resolved: 1 },
      { opened: 1, resolved: 2 },
    ])
    expect(threadCountsByRound([], threads, 300)).toEqual([])
  })
})

describe('threadCountsText', () => {
  it('says the counts in French', () => {
    expect(threadCountsText({ opened: 3, resolved: 2 })).toBe('3\u00a0commentaires ouverts · 2\u00a0résolus')
    expect(threadCountsText({ opened: 1, resolved: 0 })).toBe('1\u00a0commentaire ouvert · 0\u00a0résolu')
    expect(threadCountsText({ opened: 0, resolved: 0 })).toBe('Aucun commentaire')
  })
})
