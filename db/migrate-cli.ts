import { databasePath, openDatabase, runMigrations } from './client'

const { sqlite, db } = openDatabase()
runMigrations(sqlite)
sqlite.close()
console.log(`Migrations appliquées : ${databasePath()}`)
