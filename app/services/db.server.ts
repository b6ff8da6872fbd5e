export { getDb } from '#db/client'
export * as schema from '#db/schema'
