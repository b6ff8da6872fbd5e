import { and, eq } from 'drizzle-orm'
import { forbidden, type SessionUser } from '../auth.server'
import { getDb, schema } from '../db.server'
import { learnerOf, type DossierAccess } from '../dossier-access.server'
import { templateOfDossier } from '../dossiers.server'
import { dossierExport, rapportDossiers } from './model.server'
import { renderExport } from './pool.server'
import { fileResponse } from './response.server'

/**
 * The downloads: a dossier (or one of its sections) as Word or Excel, for a
 * user the dossier access rule lets export it (the route asks
 * requireDossierAccess for `export`), and a learner's whole rapport de
 * compétences as Word.
 */
export async function dossierDownload(
  { user, ...access }: DossierAccess & { user: SessionUser },
  format: 'docx' | 'xlsx',
  sectionId: string | null,
): Promise<Response> {
  const { dossier } = access
  const template = templateOfDossier(dossier)
  const section = sectionId ? template.sections.find((s) => s.id === sectionId) : undefined
  if (sectionId && !section) throw new Response('Cette section n’existe pas dans ce dossier.', { status: 404 })
  const model = dossierExport(dossier, learnerOf(access, user))
  const title = section ? `${template.title} — ${section.title}` : template.title
  const buffer = await renderExport({ format, models: [model], title, subtitle: model.evaluationTitle, sectionId: section?.id })
  return fileResponse(buffer, title, format)
}

export async function rapportDownload(user: SessionUser, examSessionId: string): Promise<Response> {
  if (!user.roles.includes('learner')) forbidden('Le rapport de compétences se télécharge depuis l’espace candidat.')
  const enrolled = getDb()
    .select({ id: schema.enrollments.examSessionId })
    .from(schema.enrollments)
    .where(and(eq(schema.enrollments.learnerId, user.id), eq(schema.enrollments.examSessionId, examSessionId)))
    .get()
  if (!enrolled) throw new Response('Vous n’êtes pas inscrit·e à cette session.', { status: 404 })
  const dossiers = rapportDossiers(user.id, examSessionId)
  if (dossiers.length === 0) throw new Response('Aucun dossier du rapport de compétences dans cette session.', { status: 404 })
  const models = dossiers.map((d) => dossierExport(d, user.id))
  const title = 'Rapport de compétences'
  const buffer = await renderExport({ format: 'docx', models, title, subtitle: 'Fiches de compétences et projet de plan de communication' })
  return fileResponse(buffer, `${title} — ${models[0]!.candidate}`, 'docx')
}
