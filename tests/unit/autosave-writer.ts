/**
 * A learner's autosaves, as fast as they go, for db/backup.test.ts: another
 * process than the backup's, on the database of DATABASE_URL, through the
 * app's own saveSection. Prints `ack <dossierId> <version> <marker>` for each
 * acknowledged save, `error <message>` for any failure.
 *
 *   DATABASE_URL=… tsx tests/unit/autosave-writer.ts <dossierId>:<learnerId>…
 */
await import('../../db/vite-glob')
const { saveSection } = await import('../../app/services/dossier-sections.server')

const targets = process.argv.slice(2).map((arg) => arg.split(':') as [string, string])
const versions = new Map<string, number>()
let n = 0
process.on('SIGTERM', () => process.exit(0))

async function round() {
  for (const [dossierId, authorId] of targets) {
    n++
    const marker = `sauvegarde-${n}`
    try {
      const result = await saveSection({
        dossierId,
        sectionId: 'contexte',
        baseVersion: versions.get(dossierId) ?? 0,
        content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `${marker} ${'texte '.repeat(200)}` }] }] },
        authorId,
      })
      if (!result.ok) throw new Error(`conflict on ${dossierId}`)
      versions.set(dossierId, result.version)
      process.stdout.write(`ack ${dossierId} ${result.version} ${marker}\n`)
    } catch (error) {
      process.stdout.write(`error ${(error as Error).message}\n`)
    }
  }
  setTimeout(round, 2)
}
await round()

export {}
