import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { postgresProgram } from '../../db/client.pg'
import { freePort } from '../../scripts/free-port'

/**
 * A throw-away PostgreSQL server for one test file (issue 18): a new cluster
 * in a temp folder (Debian's postgresql package, scripts/ensure-postgres.sh),
 * on a free port of 127.0.0.1, no password, fsync off. Run as the `postgres`
 * user when the tests run as root (PostgreSQL refuses root). Returns its URL
 * and a function that stops it and removes the folder.
 */
export async function startPostgres(): Promise<{ url: string; stop: () => void }> {
  const initdb = postgresProgram('initdb')
  if (!initdb) throw new Error('PostgreSQL est introuvable : bash scripts/ensure-postgres.sh (ou sudo apt-get install -y postgresql).')
  const bin = path.dirname(initdb)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-pg-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir])
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', `${bin}/${command}`, ...args], { stdio: 'pipe' })
      : execFileSync(`${bin}/${command}`, args, { stdio: 'pipe' })
  const data = path.join(dir, 'data')
  run('initdb', ['-D', data, '-U', 'atelier', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8'])
  const port = await freePort()
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`
  run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start'])
  return {
    url: `postgres://atelier@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

/** Creates database `name` (a copy of `template` if given) on the server of `serverUrl`; returns its URL. */
export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`)
  } finally {
    await admin.end()
  }
  return serverUrl.replace(/\/postgres$/, `/${name}`)
}
