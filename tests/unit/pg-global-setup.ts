import type { TestProject } from 'vitest/node'
import { openPostgres, runPgMigrations } from '../../db/client.pg'
import { startPostgres } from './temp-postgres'

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
  const admin = openPostgres(server.url, 1)
  await admin.pool.query('create database atelier_template')
  await admin.pool.end()
  const template = openPostgres(server.url.replace(/\/postgres$/, '/atelier_template'), 1)
  await runPgMigrations(template.db)
  await template.pool.end()
  project.provide('postgresUrl', server.url)
  return () => server.stop()
}
