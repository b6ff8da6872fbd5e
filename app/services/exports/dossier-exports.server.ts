import { and, eq } from 'drizzle-orm'
import { dossierGrants } from '~/domain/permissions'
import { forbidden, type SessionUser } from '../auth.server'
import { getDb, schema } from '../db.server'
import { learnerOf, type DossierAccess } from '../dossier-access.server'
import { templateOfDossier } from '../dossiers.server'
import { dossierExport, rapportDossiers, type DossierExport } from './model.server'
import { renderExport } from './pool.server'
import { fileResponse } from './response.server'

/**
 * The downloads: a dossier (or one of its sections) as Word or Excel, for a
 * user the dossier access rule lets export it (the route asks
 * requireDossierAccess for `export`), and a learner's whole rapport de
 * compétences as Word.
 *
 * `options.comments` (Word only): the dossier's comment threads as Word
 * comments, for the users who take part in them (the learners and tutors of
 * the dossier, who may `reply`); anyone else gets 403.
 */
export async function dossierDownload(
  { user, ...access }: DossierAccess & { user: SessionUser },
  format: 'docx' | 'xlsx',
  sectionId: string | null,
  options: { comments?: boolean } = {},
): Promise<Response> {
  const { dossier, relations } = access
  const withComments = format === 'docx' && options.comments === true
  if (withComments && !dossierGrants(relations, 'reply')) forbidden(COMMENTS_REFUSAL)
  const template = templateOfDossier(dossier)
  const section = sectionId ? template.sections.find((s) => s.id === sectionId) : undefined
  if (sectionId && !section) throw new Response('Cette section n’existe pas dans ce dossier.', { status: 404 })
  const model = await dossierExport(dossier, learnerOf(access, user), new Date(), withComments ? { comments: { viewer: user, relations } } : {})
  const title = section ? `${template.title} — ${section.title}` : template.title
  const buffer = await renderExport({ format, models: [model], title, subtitle: model.evaluationTitle, sectionId: section?.id })
  return fileResponse(buffer, withComments ? `${title} — commentaires` : title, format)
}

const COMMENTS_REFUSAL = 'Les commentaires de ce dossier ne sont lisibles que par le ou la candidat·e, son groupe et son tuteur ou sa tutrice.'

export async function rapportDownload(user: SessionUser, examSessionId: string): Promise<Response> {
  if (!user.roles.includes('learner')) forbidden('Le rapport de compétences se télécharge depuis l’espace candidat.')
  const [enrolled] = await getDb()
    .select({ id: schema.enrollments.examSessionId })
    .from(schema.enrollments)
    .where(and(eq(schema.enrollments.learnerId, user.id), eq(schema.enrollments.examSessionId, examSessionId)))
  if (!enrolled) throw new Response('Vous n’êtes pas inscrit·e à cette session.', { status: 404 })
  const dossiers = await rapportDossiers(user.id, examSessionId)
  if (dossiers.length === 0) throw new Response('Aucun dossier du rapport de compétences dans cette session.', { status: 404 })
  const models: DossierExport[] = []
  for (const d of dossiers) models.push(await dossierExport(d, user.id))
  const title = 'Rapport de compétences'
  const buffer = await renderExport({ format: 'docx', models, title, subtitle: 'Fiches de compétences et projet de plan de communication' })
  return fileResponse(buffer, `${title} — ${models[0]!.candidate}`, 'docx')
}
