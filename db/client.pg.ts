import { AsyncLocalStorage } from 'node:async_hooks'
import fs from 'node:fs'
import path from 'node:path'
import { sql, type SQL } from 'drizzle-orm'
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
type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0]

export const PG_MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'db/migrations-pg')

export { isPostgresUrl } from './dialect'

// bigint (count(*), sums) as numbers, as SQLite gives them: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value))

export function openPostgres(url: string, max = 10) {
  const pool = new pg.Pool({ connectionString: url, max })
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

/**
 * The key of the advisory lock every write transaction takes first: they run
 * one after the other, across every app server, as SQLite's BEGIN IMMEDIATE
 * makes them run on one — a read-then-write (the autosave's version check)
 * sees no other transaction's write between its read and its write.
 */
const WRITE_LOCK = 18_0001

/**
 * The app's handle on PostgreSQL: the pool, or — inside `transaction()` — the
 * transaction's own connection, told by AsyncLocalStorage. So a service that
 * reaches for the database inside a transaction (getDb(), or a handle it was
 * given) always runs in it, as it does on SQLite's one connection.
 */
export class PgHandle {
  private readonly context = new AsyncLocalStorage<PgTx>()
  readonly db: PgDb

  constructor(
    readonly root: PgDb,
    readonly pool: pg.Pool,
  ) {
    const context = this.context
    this.db = new Proxy(root, {
      get(target, property) {
        const current = context.getStore() ?? target
        const value: unknown = Reflect.get(current, property)
        return typeof value === 'function' ? value.bind(current) : value
      },
    })
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    const current = this.context.getStore()
    if (current) return current.transaction((savepoint) => this.context.run(savepoint, fn))
    return this.root.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK})`)
      return this.context.run(tx, fn)
    })
  }

  async rows<T>(query: SQL): Promise<T[]> {
    const current = this.context.getStore() ?? this.root
    return (await current.execute(query)).rows as T[]
  }
}
