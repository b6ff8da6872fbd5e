import { Link } from '@remix-run/react'
import { handInStateText, shortFingerprint, type HandInSummary } from '~/domain/hand-in-status'

/**
 * The hand-in state of a dossier under its page header: « Brouillon — à
 * déposer avant le … », « Déposé le … à … », « Déposé en retard »,
 * « Refusé : date limite dépassée », « Évalué », with the latest fingerprint
 * and, for the learners of the dossier, the way to the hand-in page.
 */
export function HandInBanner({ dossierId, summary, now, canHandIn }: { dossierId: string; summary: HandInSummary; now: number; canHandIn: boolean }) {
  const { state, latest } = summary
  return (
    <div className={`hand-in-banner hand-in-banner--${state}`} data-testid="hand-in-banner">
      <p className="hand-in-banner__text">
        <span className="visually-hidden">Dépôt&nbsp;: </span>
        <strong>{handInStateText(summary, now)}</strong>
        {latest ? (
          <>
            {' '}
            · empreinte{' '}
            <code className="hand-in-fingerprint" title={latest.fingerprint}>
              {shortFingerprint(latest.fingerprint)}
            </code>
          </>
        ) : null}
      </p>
      {canHandIn ? (
        <Link to={`/dossiers/${dossierId}/depot`} className="button button--small hand-in-banner__link">
          {state === 'draft' ? 'Déposer le dossier' : state === 'refused' ? 'Page de dépôt' : 'Dépôts et empreintes'}
        </Link>
      ) : null}
    </div>
  )
}
