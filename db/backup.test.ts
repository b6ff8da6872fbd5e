import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { addGroupMembers, enrollLearners } from '../app/services/dossier-provisioning.server'
import { backupDatabase, BACKUP_DATABASE, checkDatabaseFile, restoreDatabase } from './backup'
import { openDatabase, runMigrations } from './client'
import * as schema from './schema'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-backup-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** A school's database with `n` learners' dossiers, and one uploaded file next to it. */
async function school(file: string, n: number) {
  const { sqlite, db } = openDatabase(file)
  runMigrations(sqlite)
  const learners: string[] = []
  for (let i = 0; i < n; i++) {
    learners.push(
      (
        await db
          .insert(schema.users)
          .values({ email: `l${i}@test.fr`, name: `L${i}`, passwordHash: 'x' })
          .returning()
      )[0]!.id,
    )
  }
  const session = (await db.insert(schema.examSessions).values({ name: 'S', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  await enrollLearners(db, session, learners)
  const group = (await db.insert(schema.groups).values({ examSessionId: session, evaluationId: 'msp-a2', name: 'G' }).returning())[0]!.id
  await addGroupMembers(db, group, learners.slice(0, 2))
  const dossiers: { learnerId: string; dossierId: string }[] = []
  for (const learnerId of learners) {
    const [dossier] = await db
      .select({ id: schema.dossiers.id })
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.learnerId, learnerId), eq(schema.dossiers.templateId, 'fiche-veille')))
    dossiers.push({ learnerId, dossierId: dossier!.id })
  }
  sqlite.close()
  fs.mkdirSync(path.join(path.dirname(file), 'uploads'), { recursive: true })
  fs.writeFileSync(path.join(path.dirname(file), 'uploads', 'image-du-dossier'), 'PNG…')
  return dossiers
}

describe('backups', () => {
  it('restores a backup taken while autosaves were running: every save acknowledged before it is there', async () => {
    const file = path.join(dir, 'live', 'atelier.db')
    const dossiers = await school(file, 8)
    // Autosaves in another process, on another connection, as the app's server would make them.
    const writer = spawn('npx', ['tsx', 'tests/unit/autosave-writer.ts', ...dossiers.map((d) => `${d.dossierId}:${d.learnerId}`)], {
      env: { ...process.env, DATABASE_URL: file },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const acks: { dossierId: string; version: number; marker: string }[] = []
    const errors: string[] = []
    let buffered = ''
    writer.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) {
        const [kind, dossierId, version, marker] = line.split(' ')
        if (kind === 'ack') acks.push({ dossierId: dossierId!, version: Number(version), marker: marker! })
        else errors.push(line)
      }
    })
    const until = async (check: () => boolean) => {
      for (let i = 0; !check(); i++) {
        if (i > 600) throw new Error('the writer did not save')
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    try {
      await until(() => acks.length >= 300)
      // Acknowledged (and received here) before the backup starts: each must be in it.
      const before = acks.slice()
      const backup = path.join(dir, 'sauvegarde')
      const done = await backupDatabase(file, backup)
      const during = acks.length
      await until(() => acks.length >= during + 100)
      expect(errors).toEqual([])
      expect(done.files).toBe(1)
      // One file for the database, and the files next to it.
      expect(fs.readdirSync(backup).sort()).toEqual([BACKUP_DATABASE, 'uploads'])

      const restored = path.join(dir, 'restored', 'atelier.db')
      const result = await restoreDatabase(backup, restored)
      expect(result.files).toBe(1)
      expect(fs.readFileSync(path.join(dir, 'restored', 'uploads', 'image-du-dossier'), 'utf8')).toBe('PNG…')
      const { sqlite, db } = openDatabase(restored)
      const latest = new Map(before.map((a) => [a.dossierId, a]))
      expect(latest.size).toBe(dossiers.length)
      let lost = 0
      for (const ack of latest.values()) {
        const [row] = await db
          .select()
          .from(schema.dossierSections)
          .where(and(eq(schema.dossierSections.dossierId, ack.dossierId), eq(schema.dossierSections.sectionId, 'contexte')))
        if (!row || row.version < ack.version || (row.version === ack.version && !JSON.stringify(row.content).includes(`${ack.marker} `))) lost++
      }
      expect(sqlite.pragma('foreign_key_check')).toEqual([])
      sqlite.close()
      expect(lost).toBe(0)
      // The writer went on during the backup: the backup is not simply the final state.
      expect(acks.length).toBeGreaterThan(during)
    } finally {
      writer.kill('SIGTERM')
    }
  }, 90_000)

  it('never writes over a backup, and refuses what is not a backup of Atelier', async () => {
    const file = path.join(dir, 'other', 'atelier.db')
    await school(file, 1)
    const folder = path.join(dir, 'deux-fois')
    await backupDatabase(file, folder)
    expect(checkDatabaseFile(path.join(folder, BACKUP_DATABASE)).migrations).toBeGreaterThan(10)
    await expect(backupDatabase(file, folder)).rejects.toThrow(/n’est pas vide/)
    await expect(backupDatabase(path.join(dir, 'absente.db'), path.join(dir, 'rien'))).rejects.toThrow(/Aucune base de données/)
    expect(fs.existsSync(path.join(dir, 'absente.db'))).toBe(false)
    const notOurs = path.join(dir, 'pas-atelier')
    fs.mkdirSync(notOurs)
    fs.writeFileSync(path.join(notOurs, BACKUP_DATABASE), '')
    await expect(restoreDatabase(notOurs, path.join(dir, 'x', 'atelier.db'))).rejects.toThrow(/n’est pas une base d’Atelier/)
  })
})
