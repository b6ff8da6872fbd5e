import { AsyncLocalStorage } from 'node:async_hooks'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { type SQL } from 'drizzle-orm'
import { drizzle as drizzleSync } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core'
import { drizzle, type SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy'
import type { Pool } from 'pg'
import { PgHandle, openPostgres, runPgMigrations, type PgDb } from './client.pg'
import { isPostgresUrl } from './dialect'
import type * as schema from './schema'
import * as sqliteSchema from './schema.sqlite'

/**
 * The database as every service sees it: drizzle's asynchronous SQLite API.
 * Queries are awaited (`await db.select()…` gives the rows), transactions go
 * through `transaction(db, fn)`; nothing depends on the driver being synchronous.
 */
export type Db = SqliteRemoteDatabase<typeof schema>

type Method = 'run' | 'all' | 'values' | 'get'

/**
 * One better-sqlite3 connection shared by asynchronous code. A transaction's
 * queries are awaited, so other requests run meanwhile: their queries wait
 * until it ends (they would otherwise run inside it, and be rolled back with
 * it). Which code belongs to the transaction is told by AsyncLocalStorage.
 */
class SqliteConnection {
  private readonly statements = new Map<string, Database.Statement>()
  private readonly context = new AsyncLocalStorage<symbol>()
  private holder: symbol | undefined
  private waiting: Array<() => void> = []
  private savepoints = 0

  constructor(readonly sqlite: Database.Database) {}

  /** No transaction holds the connection, or the caller runs inside the one that does. */
  private free() {
    return this.holder === undefined || this.context.getStore() === this.holder
  }

  private wait() {
    return new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  private statement(text: string) {
    let statement = this.statements.get(text)
    if (!statement) {
      if (this.statements.size >= 1000) this.statements.clear()
      this.statements.set(text, (statement = this.sqlite.prepare(text)))
    }
    return statement
  }

  /** drizzle's sqlite-proxy callback: rows as arrays, in the columns' order. */
  readonly query = async (text: string, params: unknown[], method: Method): Promise<{ rows: unknown[] }> => {
    while (!this.free()) await this.wait()
    const statement = this.statement(text)
    if (method === 'run' || !statement.reader) {
      statement.run(...params)
      return { rows: [] }
    }
    statement.raw(true)
    return { rows: method === 'get' ? (statement.get(...params) as unknown[]) : statement.all(...params) }
  }

  /** Rows as objects keyed by the SQL's column names, for hand-written SQL. */
  async objects<T>(text: string, params: unknown[]): Promise<T[]> {
    while (!this.free()) await this.wait()
    const statement = this.statement(text)
    if (!statement.reader) {
      statement.run(...params)
      return []
    }
    statement.raw(false)
    return statement.all(...params) as T[]
  }

  /**
   * Runs fn in a transaction that takes the write lock when it begins
   * (BEGIN IMMEDIATE: a read-then-write never fails half-way because another
   * connection wrote in between). Inside a transaction, a savepoint.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holder !== undefined && this.context.getStore() === this.holder) return this.savepoint(fn)
    while (this.holder !== undefined) await this.wait()
    const token = Symbol('transaction')
    this.holder = token
    try {
      return await this.context.run(token, async () => {
        this.sqlite.exec('BEGIN IMMEDIATE')
        try {
          const result = await fn()
          this.sqlite.exec('COMMIT')
          return result
        } catch (error) {
          if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK')
          throw error
        }
      })
    } finally {
      this.holder = undefined
      const waiting = this.waiting
      this.waiting = []
      for (const resume of waiting) resume()
    }
  }

  private async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`
    this.sqlite.exec(`SAVEPOINT ${name}`)
    try {
      const result = await fn()
      this.sqlite.exec(`RELEASE ${name}`)
      return result
    } catch (error) {
      this.sqlite.exec(`ROLLBACK TO ${name}`)
      this.sqlite.exec(`RELEASE ${name}`)
      throw error
    }
  }
}

const connections = new WeakMap<object, SqliteConnection>()
const pgHandles = new WeakMap<object, PgHandle>()
const dialect = new SQLiteAsyncDialect()

function engineOf(db: Db): SqliteConnection | PgHandle {
  const engine = connections.get(db) ?? pgHandles.get(db)
  if (!engine) throw new Error('Not a database opened by openDatabase() or getDb()')
  return engine
}

/**
 * Runs fn in one transaction: on SQLite, BEGIN IMMEDIATE on db's connection;
 * on PostgreSQL, a transaction that first takes the app's write lock (see
 * client.pg.ts). Either way the write transactions run one after the other,
 * and everything fn writes is kept or, if it throws, nothing. Inside another
 * transaction, fn runs in a savepoint of it.
 */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return engineOf(db).transaction(() => fn(db))
}

/** The rows of hand-written SQL, as objects keyed by its column names (`select x as "name"`: quote camelCase names). */
export function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const engine = engineOf(db)
  if (engine instanceof PgHandle) return engine.rows<T>(query)
  const { sql, params } = dialect.sqlToQuery(query)
  return engine.objects<T>(sql, params)
}

/** Runs a hand-written statement. */
export async function execute(db: Db, query: SQL): Promise<void> {
  await queryRows(db, query)
}

export { usesPostgres } from './dialect'

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'db/migrations')

export function databasePath(): string {
  const url = process.env.DATABASE_URL ?? './data/atelier.db'
  return path.resolve(process.cwd(), url.replace(/^file:/, ''))
}

/** Where the data is, for the server's start message: the SQLite file, or the PostgreSQL server and database (without password). */
export function databaseLabel(): string {
  const url = process.env.DATABASE_URL
  if (!isPostgresUrl(url)) return databasePath()
  const { host, pathname, username } = new URL(url!)
  return `postgres://${username ? `${username}@` : ''}${host}${pathname}`
}

/**
 * The folder of the files the app stores (uploads, hand-in snapshots):
 * FILES_DIR, or the SQLite database's folder. With several app servers
 * (PostgreSQL), every server must see the same folder — a shared volume
 * (NFS, a mounted disk) given as FILES_DIR to each (issue 18).
 */
export function filesDir(): string {
  if (process.env.FILES_DIR) return path.resolve(process.cwd(), process.env.FILES_DIR)
  const url = process.env.DATABASE_URL ?? ''
  return isPostgresUrl(url) ? path.resolve(process.cwd(), 'data') : path.dirname(databasePath())
}

/** Opens a connection with the pragmas every connection needs. */
export function openDatabase(file = databasePath()) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  const connection = new SqliteConnection(sqlite)
  const db: Db = drizzle(connection.query, { schema: sqliteSchema })
  connections.set(db, connection)
  return { sqlite, db }
}

/**
 * Applies committed migrations. better-sqlite3's migrate() runs inside a
 * transaction where `PRAGMA foreign_keys=OFF` is ignored, so a migration that
 * rebuilds a table would cascade deletes into child rows: foreign keys are
 * switched off before, and checked after.
 */
export function runMigrations(sqlite: Database.Database) {
  sqlite.pragma('foreign_keys = OFF')
  try {
    migrate(drizzleSync(sqlite), { migrationsFolder: MIGRATIONS_FOLDER })
    const violations = sqlite.pragma('foreign_key_check') as unknown[]
    if (violations.length > 0) {
      throw new Error(`foreign_key_check failed after migration: ${JSON.stringify(violations)}`)
    }
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
}

let singleton: { db: Db; close: () => Promise<void> | void } | undefined

/** The app's handle on a PostgreSQL pool, typed as the SQLite database the services are written against (same tables, same API). */
function pgApp(db: PgDb, pool: Pool): Db {
  const handle = new PgHandle(db, pool)
  const app = handle.db as unknown as Db
  pgHandles.set(app, handle)
  return app
}

/**
 * A database the app's services can use, for a DATABASE_URL-like location: a
 * pool on a PostgreSQL server, or a connection to a SQLite file (migrated).
 * The app's own is getDb()'s; tools and tests beside a running server open another.
 */
export function openAppDatabase(url = process.env.DATABASE_URL): { db: Db; close: () => Promise<void> | void } {
  if (isPostgresUrl(url)) {
    const { pool, db } = openPostgres(url!)
    return { db: pgApp(db, pool), close: () => pool.end() }
  }
  const { sqlite, db } = openDatabase(url === undefined ? undefined : path.resolve(process.cwd(), url.replace(/^file:/, '')))
  runMigrations(sqlite)
  return { db, close: () => void sqlite.close() }
}

/**
 * The app's shared database: SQLite's one connection (migrated on first use),
 * or a pool on the PostgreSQL server of a `postgres://` DATABASE_URL (migrated
 * by prepareDatabase(), which the server runs when it starts).
 */
export function getDb(): Db {
  singleton ??= openAppDatabase()
  return singleton.db
}

/**
 * At start: applies the committed migrations of the engine DATABASE_URL names,
 * then runs `then` in one transaction, on a short-lived connection of its own
 * (closed before the app opens its own).
 */
export async function prepareDatabase<T>(then: (db: Db) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL
  if (isPostgresUrl(url)) {
    const { pool, db } = openPostgres(url!, 1)
    try {
      await runPgMigrations(db)
      return await transaction(pgApp(db, pool), then)
    } finally {
      await pool.end()
    }
  }
  const { sqlite, db } = openDatabase()
  try {
    runMigrations(sqlite)
    return await transaction(db, then)
  } finally {
    sqlite.close()
  }
}

export async function closeDb() {
  const closing = singleton
  singleton = undefined
  await closing?.close()
}
