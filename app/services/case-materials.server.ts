import { and, eq } from 'drizzle-orm'
import { getDb, schema } from './db.server'

/** The fictional company material the school provides for an épreuve, if any. */
export function caseMaterialFor(examSessionId: string, evaluationId: string) {
  return (
    getDb()
      .select({ title: schema.caseMaterials.title, body: schema.caseMaterials.body })
      .from(schema.caseMaterials)
      .where(and(eq(schema.caseMaterials.examSessionId, examSessionId), eq(schema.caseMaterials.evaluationId, evaluationId)))
      .get() ?? null
  )
}
