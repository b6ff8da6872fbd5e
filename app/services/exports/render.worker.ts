/**
 * Runs in a worker thread (see pool.server.ts): turns an export model into a
 * file, so that writing a large document never holds up other requests.
 * Everything it needs comes in the task: it opens no database.
 */
import { dossiersToDocx } from './docx.server'
import { dossierToXlsx } from './xlsx.server'
import type { ExportTask } from './pool.server'
import { talkToPptx } from './pptx.server'

export default async function render(task: ExportTask): Promise<Uint8Array> {
  const buffer =
    task.format === 'pptx'
      ? await talkToPptx(task.deck)
      : task.format === 'docx'
        ? await dossiersToDocx(task.models, task.title, task.subtitle, { sectionId: task.sectionId })
        : await dossierToXlsx(task.models[0]!, { sectionId: task.sectionId })
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
