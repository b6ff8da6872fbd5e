import fs from 'node:fs'
import path from 'node:path'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import * as schema from './schema.pg'

/**
 * PostgreSQL (issue 18), chosen by a DATABASE_URL `postgres://…`: a
 * node-postgres pool, drizzle over db/schema.pg.ts, migrations from
 * db/migrations-pg.
 */
export type PgDb = NodePgDatabase<typeof schema>

export const PG_MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'db/migrations-pg')

export const isPostgresUrl = (url: string | undefined) => /^postgres(ql)?:\/\//.test(url ?? '')

export function openPostgres(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  return { pool, db: drizzle(pool, { schema }) }
}

export async function runPgMigrations(db: PgDb) {
  await migrate(db, { migrationsFolder: PG_MIGRATIONS_FOLDER })
}

/** A PostgreSQL program (pg_dump, initdb…) from Debian's packages, newest version first; null when none is installed. */
export function postgresProgram(name: string): string | null {
  const root = '/usr/lib/postgresql'
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
  return versions.map((v) => `${root}/${v}/bin/${name}`).find((p) => fs.existsSync(p)) ?? null
}
