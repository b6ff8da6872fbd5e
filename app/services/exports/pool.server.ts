import path from 'node:path'
import { Piscina } from 'piscina'
import type { DossierExport } from './model.server'
import type { TalkDeck } from './pptx.server'

export type ExportTask =
  | { format: 'docx' | 'xlsx'; models: DossierExport[]; title: string; subtitle: string; sectionId?: string }
  /** A talk as PowerPoint (pptx.server.ts); its images cross the boundary as bytes. */
  | { format: 'pptx'; deck: TalkDeck }

/**
 * Exports are written in worker threads (piscina), not on the event loop that
 * serves requests: a 500 ms document build would otherwise stall every other
 * user. The worker runs the TypeScript sources through tsx, like the server.
 */
let pool: Piscina | null = null

function exportPool(): Piscina {
  pool ??= new Piscina({
    filename: path.resolve(process.cwd(), 'app/services/exports/render.worker.ts'),
    execArgv: ['--import', 'tsx'],
    minThreads: 0,
    maxThreads: Number(process.env.EXPORT_THREADS ?? 2),
    idleTimeout: 60_000,
  })
  return pool
}

export async function renderExport(task: ExportTask): Promise<Buffer> {
  const bytes: Uint8Array = await exportPool().run(task)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

export async function closeExportPool() {
  await pool?.destroy()
  pool = null
}
