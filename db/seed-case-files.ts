/**
 * The demo's case files (issue 13 §6): a small CSV of market segments for the
 * demo session's cas pratique A3 (Maison Lumen), attached through the service
 * the admin screen uses, so that a demo learner can download it and import it
 * into the « Cible retenue » table of their dossier. Also removes the bytes of
 * files whose rows are gone (the previous demo session's, deleted with it).
 */
import fs from 'node:fs'
import path from 'node:path'
import { addCaseFile } from '../app/services/case-materials.server'
import { getDb } from '../app/services/db.server'
import { uploadsDir } from '../app/services/uploads.server'
import * as schema from './schema'

export const DEMO_CASE_FILE = {
  evaluationId: 'cas-pratique-a3',
  name: 'Maison Lumen — segments du panel 2026.csv',
  content: `\uFEFFSegment;Description;Taille estimée;Achat trimestriel;Préfère le rechargeable
Jeunes urbains;25-34 ans, grandes villes, achètent en ligne et en concept-store;4 200 000;64 %;58 %
Familles;35-49 ans, périurbain, achètent en grande distribution;5 100 000;52 %;41 %
Clientèle fidèle;50-64 ans, clientèle historique des boutiques de décoration;3 800 000;41 %;27 %
Offreurs de cadeaux;Tous âges, achètent pour offrir (31 % des achats);2 600 000;31 %;35 %
`,
}

export async function seedCaseFiles(examSessionId: string, adminId: string): Promise<number> {
  const dir = path.join(uploadsDir(), 'case-materials')
  const kept = new Set((await getDb().select({ id: schema.caseMaterialFiles.id }).from(schema.caseMaterialFiles)).map((r) => r.id))
  if (fs.existsSync(dir)) for (const name of fs.readdirSync(dir)) if (!kept.has(name)) fs.rmSync(path.join(dir, name), { force: true })
  const { evaluationId, name, content } = DEMO_CASE_FILE
  await addCaseFile({ id: adminId }, examSessionId, evaluationId, { name, bytes: new TextEncoder().encode(content) })
  return 1
}
