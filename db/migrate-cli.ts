import { databasePath, openDatabase, runMigrations } from './client'

const { sqlite } = openDatabase()
runMigrations(sqlite)
sqlite.close()
console.log(`Migrations appliquées : ${databasePath()}`)
