import type { TestProject } from 'vitest/node'
import { openPostgres, runPgMigrations } from '../../db/client.pg'
import { createDatabase, startPostgres } from './temp-postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the test PostgreSQL server, whose `atelier_template` database holds the migrated schema. */
    postgresUrl: string
  }
}

/**
 * For the service tests on PostgreSQL (`npm run test:unit:pg`, TEST_DATABASE=postgres):
 * one throw-away server for the whole run, with a migrated template database;
 * each test file gets its own copy of it (tests/unit/temp-db.ts).
 */
export default async function setup(project: TestProject) {
  const server = await startPostgres()
  const template = openPostgres(await createDatabase(server.url, 'atelier_template'), 1)
  await runPgMigrations(template.db)
  await template.pool.end()
  project.provide('postgresUrl', server.url)
  return () => server.stop()
}
