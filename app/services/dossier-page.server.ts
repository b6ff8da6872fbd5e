import { dossierGrants } from '~/domain/permissions'
import { bankFor } from './comment-bank.server'
import { threadsOfDossier } from './comments.server'
import { requireDossierAccess } from './dossier-access.server'
import { dossierView, learnerShownTo } from './dossier-view.server'

/**
 * What the dossier page and its focus mode load: the dossier as its reader may
 * see it (the learners who write it edit it; their tutor reads and comments),
 * with the comments and, for a commenter, their comment bank.
 */
export async function dossierPage(request: Request, dossierId: string | undefined) {
  const access = await requireDossierAccess(request, dossierId, 'reply')
  const { user, dossier, relations } = access
  const canEdit = dossierGrants(relations, 'update')
  const canComment = dossierGrants(relations, 'comment')
  const learner = await learnerShownTo(access, user)
  return {
    access,
    view: {
      ...(await dossierView(dossier, learner?.id ?? null)),
      canEdit,
      canComment,
      learnerName: canEdit ? null : (learner?.name ?? null),
      threads: await threadsOfDossier(dossier.id, user, relations),
      bank: canComment ? await bankFor(user) : [],
    },
  }
}
