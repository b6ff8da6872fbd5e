import path from 'node:path'
import { asc, eq } from 'drizzle-orm'
import { Piscina } from 'piscina'
import { getDb, schema, type DbHandle } from '../db.server'
import type { ResultsSession } from '../results-access.server'
import { candidateResults, sessionBlocs, sessionResults } from '../results.server'
import { MINUTES_TITLE, validatedBlocs, type DeliberationDocsModel, type DeliberationTask } from './deliberation-export.server'
import { fileResponse } from './response.server'

/**
 * The deliberation's documents as downloads: the minutes and the results grid
 * of a session, a candidate's attestation. The caller has checked access
 * (app/services/results-access.server.ts). The files are written in a worker
 * thread of their own (a small pool beside the dossier exports' one), so a
 * long minutes never holds up other requests.
 */

const { users, jurorAssignments } = schema

let pool: Piscina | null = null
function documentsPool(): Piscina {
  pool ??= new Piscina({
    filename: path.resolve(process.cwd(), 'app/services/exports/deliberation-render.worker.ts'),
    execArgv: ['--import', 'tsx'],
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 60_000,
  })
  return pool
}

async function render(task: DeliberationTask): Promise<Buffer> {
  const bytes: Uint8Array = await documentsPool().run(task)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

export async function closeDeliberationPool() {
  await pool?.destroy()
  pool = null
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' })

/** The jury of a session: the jurors assigned in it and its president (even unassigned), the president first, then by name. */
export async function sessionJury(
  session: Pick<ResultsSession, 'id' | 'presidentId'>,
  db: DbHandle = getDb(),
): Promise<{ id: string; name: string; president: boolean }[]> {
  const assigned = await db
    .selectDistinct({ id: users.id, name: users.name })
    .from(jurorAssignments)
    .innerJoin(users, eq(users.id, jurorAssignments.jurorId))
    .where(eq(jurorAssignments.examSessionId, session.id))
    .orderBy(asc(users.name))
  const president = session.presidentId
    ? (assigned.find((j) => j.id === session.presidentId) ??
      (await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, session.presidentId)))[0])
    : undefined
  const others = assigned.filter((j) => j.id !== president?.id).sort((a, b) => collator.compare(a.name, b.name))
  return [...(president ? [{ ...president, president: true }] : []), ...others.map((j) => ({ ...j, president: false }))]
}

/** Everything the session's documents show. */
export async function deliberationModel(session: ResultsSession, db: DbHandle = getDb(), now = new Date()): Promise<DeliberationDocsModel> {
  return {
    session: { name: session.name, startsOn: session.startsOn, endsOn: session.endsOn },
    jury: (await sessionJury(session, db)).map(({ name, president }) => ({ name, president })),
    blocs: await sessionBlocs(session.id, db),
    candidates: await sessionResults(session.id, db),
    generatedAt: now,
  }
}

export async function minutesDownload(session: ResultsSession): Promise<Response> {
  const buffer = await render({ kind: 'minutes', model: await deliberationModel(session) })
  return fileResponse(buffer, `${MINUTES_TITLE} — ${session.name}`.replaceAll('/', '-'), 'docx')
}

export async function resultsGridDownload(session: ResultsSession): Promise<Response> {
  const buffer = await render({ kind: 'grid', model: await deliberationModel(session) })
  return fileResponse(buffer, `Résultats — ${session.name}`.replaceAll('/', '-'), 'xlsx')
}

/** Why a candidate has no attestation (a French sentence), or null when they have one. */
export function noAttestationReason(candidate: Pick<DeliberationDocsModel['candidates'][number], 'name' | 'deliberation'>, validated: number): string | null {
  if (!candidate.deliberation) return `${candidate.name} n’a pas encore de délibération confirmée (non délibéré)\u00a0: il n’y a pas d’attestation.`
  if (validated === 0) return `Aucun bloc de compétences n’a été validé pour ${candidate.name}\u00a0: il n’y a pas d’attestation.`
  return null
}

/** A candidate's attestation of the blocs validated; 404 with the reason when there is none. */
export async function attestationDownload(session: ResultsSession, learnerId: string, db: DbHandle = getDb()): Promise<Response> {
  const candidate = await candidateResults(session.id, learnerId, db)
  if (!candidate) throw new Response('Ce ou cette candidat·e n’est pas inscrit·e à cette session.', { status: 404 })
  const model: DeliberationDocsModel = {
    session: { name: session.name, startsOn: session.startsOn, endsOn: session.endsOn },
    jury: [],
    blocs: await sessionBlocs(session.id, db),
    candidates: [candidate],
    generatedAt: new Date(),
  }
  const reason = noAttestationReason(candidate, validatedBlocs(model, candidate).length)
  if (reason) throw new Response(reason, { status: 404 })
  const buffer = await render({ kind: 'attestation', model, learnerId })
  return fileResponse(buffer, `Attestation — ${candidate.name}`.replaceAll('/', '-'), 'docx')
}
