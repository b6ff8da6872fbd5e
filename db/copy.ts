import { createHash } from 'node:crypto'
import { getTableName, is, sql, Table } from 'drizzle-orm'
import { getTableConfig as pgConfig, type PgTable } from 'drizzle-orm/pg-core'
import { getTableConfig as sqliteConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import { openDatabase, runMigrations } from './client'
import { openPostgres, runPgMigrations, type PgDb } from './client.pg'
import * as pgSchema from './schema.pg'
import * as sqliteSchema from './schema.sqlite'

/**
 * Moving a school up (issue 18 §2): every row of its SQLite database copied
 * into an empty PostgreSQL database, table by table in the order of their
 * foreign keys, in one transaction (a failed copy leaves nothing behind).
 * Both schemas describe the same tables with the same property names
 * (db/schema-drift.test.ts), so a row read through one is written through
 * the other: drizzle turns SQLite's integers back into dates and booleans,
 * its JSON text into values, on the way.
 */

type Pair = { name: string; lite: SQLiteTable; post: PgTable }

/** The tables, parents before children. */
export function tablesInOrder(): Pair[] {
  const post = new Map((Object.values(pgSchema) as unknown[]).filter((v): v is PgTable => is(v, Table)).map((t) => [getTableName(t), t]))
  const lite = (Object.values(sqliteSchema) as unknown[]).filter((v): v is SQLiteTable => is(v, Table))
  const parents = new Map(lite.map((t) => [getTableName(t), sqliteConfig(t).foreignKeys.map((fk) => getTableName(fk.reference().foreignTable))]))
  const ordered: Pair[] = []
  const placed = new Set<string>()
  const place = (t: SQLiteTable) => {
    const name = getTableName(t)
    if (placed.has(name)) return
    placed.add(name)
    for (const parent of parents.get(name) ?? []) if (parent !== name) place(lite.find((l) => getTableName(l) === parent)!)
    const twin = post.get(name)
    if (!twin) throw new Error(`La table ${name} n’a pas de jumelle PostgreSQL (db/schema.pg.ts).`)
    ordered.push({ name, lite: t, post: twin })
  }
  lite.forEach(place)
  return ordered
}

/** A value as the same text on both sides: dates in ms, bytes in base64, JSON with its keys sorted. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return `date:${value.getTime()}`
  if (Buffer.isBuffer(value)) return `bytes:${value.toString('base64')}`
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    )
  }
  return value
}

/** How many rows a table has, and a SHA-256 of their content (rows in a canonical order). */
export function digest(rows: Record<string, unknown>[]): { rows: number; hash: string } {
  const lines = rows.map((r) => JSON.stringify(canonical(r))).sort()
  return { rows: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex') }
}

export type TableReport = { table: string; rows: number; sqlite: string; postgres: string }

/** Every table's row count and hash on both sides (after a copy: they must be equal). */
export async function compare(liteFile: string, db: PgDb): Promise<TableReport[]> {
  const { sqlite, db: lite } = openDatabase(liteFile)
  try {
    const reports: TableReport[] = []
    for (const { name, lite: l, post } of tablesInOrder()) {
      const a = digest((await lite.select().from(l)) as Record<string, unknown>[])
      const b = digest((await db.select().from(post)) as Record<string, unknown>[])
      if (a.rows !== b.rows) throw new Error(`${name} : ${a.rows} lignes dans SQLite, ${b.rows} dans PostgreSQL.`)
      reports.push({ table: name, rows: a.rows, sqlite: a.hash, postgres: b.hash })
    }
    return reports
  } finally {
    sqlite.close()
  }
}

const CHUNK = 500

/**
 * Copies the SQLite database `from` (brought to the current migrations
 * first, as the app would on start) into the PostgreSQL database `to`
 * (migrated here; it must hold no row yet). Returns each table's report.
 */
export async function copyDatabase(from: string, to: string): Promise<TableReport[]> {
  const { sqlite, db: lite } = openDatabase(from)
  runMigrations(sqlite)
  const { pool, db } = openPostgres(to)
  try {
    await runPgMigrations(db)
    const tables = tablesInOrder()
    for (const { name, post } of tables) {
      const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(post)
      const count = row?.count ?? 0
      if (count > 0) throw new Error(`La base PostgreSQL n’est pas vide (${name} : ${count} lignes) : la copie se fait dans une base neuve.`)
    }
    await db.transaction(async (tx) => {
      for (const { lite: l, post } of tables) {
        const rows = (await lite.select().from(l)) as Record<string, unknown>[]
        for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(post).values(rows.slice(i, i + CHUNK))
        // Identity columns continue after the copied ids.
        for (const column of pgConfig(post).columns.filter((c) => c.primary && c.columnType === 'PgInteger')) {
          await tx.execute(
            sql`select setval(pg_get_serial_sequence(${getTableName(post)}, ${column.name}), coalesce((select max(${sql.identifier(column.name)}) from ${post}), 0) + 1, false)`,
          )
        }
      }
    })
    sqlite.close()
    const reports = await compare(from, db)
    const different = reports.filter((r) => r.sqlite !== r.postgres)
    if (different.length) throw new Error(`Contenu différent après la copie : ${different.map((r) => r.table).join(', ')}.`)
    return reports
  } finally {
    if (sqlite.open) sqlite.close()
    await pool.end()
  }
}
