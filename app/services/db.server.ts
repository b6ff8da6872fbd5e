export { execute, filesDir, getDb, queryRows, transaction, type Db } from '#db/client'
export * as schema from '#db/schema'

/** A connection or a transaction: for functions a caller may run inside its own transaction, or on its own connection. */
export type { Db as DbHandle } from '#db/client'
export { epochMs, groupConcat, inList, insertionOrder, jsonEach, likeInsensitive, notInList, timeParam } from '#db/portable'
