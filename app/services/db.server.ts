import type { RunResult } from 'better-sqlite3'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type * as schemaTypes from '#db/schema'

export { filesDir, getDb } from '#db/client'
export * as schema from '#db/schema'

/** A connection or a transaction: for functions a caller may run inside its own transaction, or on its own connection. */
export type DbHandle = BaseSQLiteDatabase<'sync', RunResult, typeof schemaTypes>

/**
 * For transactions that read then write: they take the write lock when they
 * begin. A deferred one fails at once (SQLITE_BUSY_SNAPSHOT, with no busy
 * wait) if another connection writes between its read and its write.
 */
export const IMMEDIATE = { behavior: 'immediate' } as const
