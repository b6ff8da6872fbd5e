export { getDb } from '#db/client'
export * as schema from '#db/schema'

/**
 * For transactions that read then write: they take the write lock when they
 * begin. A deferred one fails at once (SQLITE_BUSY_SNAPSHOT, with no busy
 * wait) if another connection writes between its read and its write.
 */
export const IMMEDIATE = { behavior: 'immediate' } as const
