import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createSessionSecretFile, DEV_SESSION_SECRET, resolveSessionSecrets, sessionSecretFile } from './session-secret.server'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-secret-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('session secret', () => {
  const missing = path.join(dir, 'absent', 'session-secret')

  it('lives next to the SQLite database, or in the folder several servers share (FILES_DIR)', () => {
    const saved = { url: process.env.DATABASE_URL, files: process.env.FILES_DIR }
    try {
      delete process.env.FILES_DIR
      process.env.DATABASE_URL = '/var/lib/atelier/atelier.db'
      expect(sessionSecretFile()).toBe('/var/lib/atelier/session-secret')
      process.env.DATABASE_URL = 'postgres://atelier@db.ecole.fr/atelier'
      process.env.FILES_DIR = '/srv/atelier-partage'
      expect(sessionSecretFile()).toBe('/srv/atelier-partage/session-secret')
    } finally {
      for (const [name, value] of [
        ['DATABASE_URL', saved.url],
        ['FILES_DIR', saved.files],
      ] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })

  it('prefers SESSION_SECRET (comma-separated, for rotation) over the file', () => {
    const file = path.join(dir, 'preferred')
    fs.writeFileSync(file, 'from-file\n')
    expect(resolveSessionSecrets({ env: { NODE_ENV: 'production', SESSION_SECRET: 'new,old' }, file })).toEqual(['new', 'old'])
  })

  it('reads the local file when SESSION_SECRET is not set', () => {
    const file = path.join(dir, 'local')
    fs.writeFileSync(file, '  0123abcd\n')
    expect(resolveSessionSecrets({ env: { NODE_ENV: 'production' }, file })).toEqual(['0123abcd'])
    expect(resolveSessionSecrets({ env: { NODE_ENV: 'production', SESSION_SECRET: '' }, file })).toEqual(['0123abcd'])
  })

  it('keeps the development secret outside production only', () => {
    expect(resolveSessionSecrets({ env: { NODE_ENV: 'development' }, file: missing })).toEqual([DEV_SESSION_SECRET])
    expect(resolveSessionSecrets({ env: {} as NodeJS.ProcessEnv, file: missing })).toEqual([DEV_SESSION_SECRET])
    expect(() => resolveSessionSecrets({ env: { NODE_ENV: 'production' }, file: missing })).toThrow(/SESSION_SECRET.*npm run setup/s)
    const empty = path.join(dir, 'empty')
    fs.writeFileSync(empty, '\n')
    expect(() => resolveSessionSecrets({ env: { NODE_ENV: 'production' }, file: empty })).toThrow(/SESSION_SECRET/)
  })

  it('is generated once, random, readable by its owner only, and never overwritten', () => {
    const file = path.join(dir, 'data', 'session-secret')
    expect(createSessionSecretFile(file)).toBe(true)
    const secret = fs.readFileSync(file, 'utf8').trim()
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(createSessionSecretFile(file)).toBe(false)
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(secret)
    expect(createSessionSecretFile(path.join(dir, 'other', 'session-secret'))).toBe(true)
    expect(fs.readFileSync(path.join(dir, 'other', 'session-secret'), 'utf8').trim()).not.toBe(secret)
  })

  it('a production server without a secret refuses to start and says how to fix it', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: '0', DATABASE_URL: path.join(dir, 'server', 'atelier.db') }
    delete env.SESSION_SECRET
    delete env.VITEST
    const run = spawnSync(path.resolve('node_modules/.bin/tsx'), ['server.ts'], { env, encoding: 'utf8', timeout: 30_000 })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('SESSION_SECRET')
    expect(run.stderr).toContain('npm run setup')
    expect(fs.existsSync(path.join(dir, 'server', 'atelier.db'))).toBe(false)
  }, 40_000)
})
