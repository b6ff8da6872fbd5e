import { getTableName, is, Table } from 'drizzle-orm'
import { getTableConfig as pgConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core'
import { getTableConfig as sqliteConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import { describe, expect, it } from 'vitest'
import * as pg from './schema.pg'
import * as sqlite from './schema.sqlite'

/**
 * The two schemas (SQLite, PostgreSQL) describe the same database: same
 * tables, columns (name, kind of value, nullability, default, uniqueness,
 * allowed values), primary keys, indexes, checks and foreign keys. A column,
 * index or key added to one schema only fails here (issue 18 §1).
 */

/** The kind of value a column holds, whatever the engine stores it as. */
const KINDS: Record<string, string> = {
  SQLiteText: 'text',
  PgText: 'text',
  SQLiteInteger: 'integer',
  PgInteger: 'integer',
  SQLiteTimestamp: 'timestamp',
  PgTimestamp: 'timestamp',
  SQLiteBoolean: 'boolean',
  PgBoolean: 'boolean',
  SQLiteTextJson: 'json',
  PgJsonb: 'json',
  SQLiteBlobBuffer: 'bytes',
  PgCustomColumn: 'bytes',
}

type AnyColumn = SQLiteColumn | PgColumn
function column(c: AnyColumn) {
  const kind = KINDS[c.columnType]
  if (!kind) throw new Error(`No kind for the column type ${c.columnType} (${c.name})`)
  const plainDefault = c.default === undefined || (typeof c.default === 'object' && c.default !== null) ? null : c.default
  return {
    kind,
    notNull: c.notNull,
    primary: c.primary,
    unique: c.isUnique,
    enum: c.enumValues ?? null,
    default: c.hasDefault ? (plainDefault ?? (c.defaultFn ? 'function' : 'sql')) : null,
  }
}

type Config = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>
function describeTable(config: Config) {
  const name = (c: { name: string }) => c.name
  return {
    columns: Object.fromEntries(config.columns.map((c) => [c.name, column(c)])),
    primaryKeys: config.primaryKeys.map((k) => k.columns.map(name)),
    indexes: Object.fromEntries(
      config.indexes.map((i) => [i.config.name, { unique: i.config.unique, columns: i.config.columns.map((c) => ('name' in c ? c.name : '?')) }]),
    ),
    checks: config.checks.map((c) => c.name).sort(),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference()
        return `${ref.columns.map(name).join()} → ${getTableName(ref.foreignTable)}(${ref.foreignColumns.map(name).join()}) on delete ${fk.onDelete ?? 'no action'}`
      })
      .sort(),
  }
}

const tables = <T>(module: Record<string, unknown>, check: (v: unknown) => v is T) => Object.values(module).filter(check)
const sqliteTables = tables(sqlite, (v): v is SQLiteTable => is(v, Table))
const pgTables = tables(pg, (v): v is PgTable => is(v, Table))

const byName = <T>(list: T[], config: (t: T) => Config) => Object.fromEntries(list.map((t) => [config(t).name, describeTable(config(t))]))

describe('the SQLite and PostgreSQL schemas', () => {
  const lite = byName(sqliteTables, (t) => sqliteConfig(t))
  const post = byName(pgTables, (t) => pgConfig(t))

  it('have the same tables', () => {
    expect(Object.keys(post).sort()).toEqual(Object.keys(lite).sort())
    expect(Object.keys(lite).length).toBeGreaterThan(40)
  })

  it.each(Object.keys(lite).sort())('describe %s the same way', (table) => {
    expect(post[table]).toEqual(lite[table])
  })
})
