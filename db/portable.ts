import { sql, type AnyColumn, type SQL, type SQLWrapper } from 'drizzle-orm'
import { usesPostgres } from './dialect'

/**
 * The few pieces of hand-written SQL that SQLite and PostgreSQL spell
 * differently (issue 18). The engine is the one DATABASE_URL names, read once
 * per process like db/schema.ts does. Everything else the services write
 * through drizzle's query builder, which speaks both.
 */
const postgres = usesPostgres

/**
 * The values of a JSON list, as a table with one column `value`: for
 * `x in (select value from ${jsonEach(ids)})` with more values than an
 * `in (?, ?, …)` may bind. `'json'` keeps each element as JSON, for lists of
 * lists read with `value ->> 0`.
 */
export function jsonEach(values: unknown[], as: 'text' | 'json' = 'text'): SQL {
  const json = JSON.stringify(values)
  if (!postgres()) return sql`json_each(${json})`
  return as === 'text' ? sql`jsonb_array_elements_text(${json}::jsonb)` : sql`jsonb_array_elements(${json}::jsonb)`
}

/** `column in (the values)`, however many they are. */
export function inList(column: AnyColumn | SQLWrapper, values: unknown[]): SQL {
  return sql`${column} in (select value from ${jsonEach(values)})`
}

/** `column not in (the values)`, however many they are. */
export function notInList(column: AnyColumn | SQLWrapper, values: unknown[]): SQL {
  return sql`${column} not in (select value from ${jsonEach(values)})`
}

/** The non-null values of expression, joined by separator (group_concat / string_agg). */
export function groupConcat(expression: SQL, separator = ','): SQL {
  return postgres() ? sql`string_agg(${expression}, ${separator})` : sql`group_concat(${expression}, ${separator})`
}

/** A timestamp column in milliseconds since 1970, as SQLite stores it: for hand-written SQL whose rows are read raw. */
export function epochMs(expression: AnyColumn | SQL): SQL {
  return postgres() ? sql`(extract(epoch from ${expression}) * 1000)::bigint` : sql`${expression}`
}

/** A date as a parameter of hand-written SQL compared with a timestamp column. */
export function timeParam(date: Date | number): SQL {
  const ms = typeof date === 'number' ? date : date.getTime()
  return postgres() ? sql`${new Date(ms).toISOString()}::timestamptz` : sql`${ms}`
}

/** A case-insensitive LIKE (SQLite's LIKE already is, for ASCII), with `\` escaping. */
export function likeInsensitive(column: AnyColumn | SQLWrapper, pattern: string): SQL {
  return postgres() ? sql`${column} ilike ${pattern} escape '\\'` : sql`${column} like ${pattern} escape '\\'`
}

/**
 * The order rows were written in, to break ties between equal timestamps:
 * SQLite's rowid; on PostgreSQL, the writing transaction's id (xmin), then
 * the row's place in the table — rows written by one request in one
 * transaction come in the order they were inserted.
 */
export function insertionOrder(table: SQLWrapper): SQL {
  return postgres() ? sql`${table}.xmin::text::bigint, ${table}.ctid` : sql`${table}.rowid`
}
