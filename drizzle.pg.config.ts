import { defineConfig } from 'drizzle-kit'

/** PostgreSQL's migrations (issue 18): `npx drizzle-kit generate --config drizzle.pg.config.ts`, next to SQLite's (drizzle.config.ts). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.pg.ts',
  out: './db/migrations-pg',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/atelier' },
  strict: true,
  verbose: true,
})
