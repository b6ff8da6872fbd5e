/** A DATABASE_URL naming a PostgreSQL server (`postgres://…` or `postgresql://…`); anything else is a SQLite file. */
export const isPostgresUrl = (url: string | undefined) => /^postgres(ql)?:\/\//.test(url ?? '')

/** The engine DATABASE_URL names is PostgreSQL. */
export const usesPostgres = () => isPostgresUrl(process.env.DATABASE_URL)
