/** What a notification says and where it leads. Pure. */
import type { NotificationType } from './annotation'

export type NotificationFacts = {
  type: NotificationType
  dossierId: string
  threadId: string | null
  roundId: string | null
  /** Null when the account that acted was deleted. */
  actorName: string | null
  dossierTitle: string
}

/** « Camille Martin a commenté “Fiche de compétences « Veille »” ». */
export function notificationSentence(n: NotificationFacts): string {
  const who = n.actorName ?? 'Un compte supprimé'
  const what = `“${n.dossierTitle}”`
  switch (n.type) {
    case 'comment':
      return `${who} a commenté ${what}`
    case 'reply':
      return `${who} a répondu à un commentaire sur ${what}`
    case 'review-request':
      return `${who} demande une relecture de ${what}`
    case 'round-closed':
      return `${who} a clos la relecture de ${what}`
  }
}

/** The comment in the dossier, or the review round; the dossier itself when the row names neither. */
export function notificationTarget(n: Pick<NotificationFacts, 'type' | 'dossierId' | 'threadId' | 'roundId'>): string {
  const dossier = `/dossiers/${n.dossierId}`
  if ((n.type === 'comment' || n.type === 'reply') && n.threadId) return `${dossier}#commentaire-${n.threadId}`
  if ((n.type === 'review-request' || n.type === 'round-closed') && n.roundId) return `${dossier}/relectures/${n.roundId}`
  return dossier
}
