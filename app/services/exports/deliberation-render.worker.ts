/**
 * Runs in a worker thread (see deliberation-documents.server.ts): writes a
 * deliberation document from its model. Everything comes in the task: it opens no database.
 */
import { attestationToDocx, minutesToDocx, resultsToXlsx, type DeliberationTask } from './deliberation-export.server'

export default async function render(task: DeliberationTask): Promise<Uint8Array> {
  let buffer: Buffer
  if (task.kind === 'attestation') {
    const { learnerId } = task
    buffer = await attestationToDocx(
      task.model,
      task.model.candidates.find((c) => c.learnerId === learnerId)!,
    )
  } else buffer = task.kind === 'minutes' ? await minutesToDocx(task.model) : await resultsToXlsx(task.model)
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
