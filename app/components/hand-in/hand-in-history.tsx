import { useFetcher } from '@remix-run/react'
import { DownloadLink } from '~/components/download-link'
import { Badge } from '~/components/ui'
import { formatInstant } from '~/domain/hand-in-status'

export type HistoryItem = { id: string; submittedAt: number; timing: 'on-time' | 'late'; submitterName: string; fingerprint: string }

/** What the hand-in page's action answers to « Vérifier l’empreinte ». */
export type VerifyReply = { intent: 'verify'; submissionId: string; ok: boolean; actual: string; error?: string }

/**
 * Every hand-in of a dossier, newest first: when (Paris time), on time or
 * late, who handed in (every member of a group sees it), the fingerprint, its
 * check against what is stored, and the snapshot as Word.
 */
export function HandInHistory({ dossierId, items, currentId }: { dossierId: string; items: HistoryItem[]; currentId: string | null }) {
  return (
    <ol className="hand-in-history" reversed>
      {items.map((item, i) => (
        <HistoryEntry key={item.id} dossierId={dossierId} item={item} number={items.length - i} current={item.id === currentId} />
      ))}
    </ol>
  )
}

function HistoryEntry({ dossierId, item, number, current }: { dossierId: string; item: HistoryItem; number: number; current: boolean }) {
  const verify = useFetcher<VerifyReply>()
  const reply = verify.data?.submissionId === item.id ? verify.data : undefined
  const when = formatInstant(new Date(item.submittedAt))
  const headingId = `depot-${item.id}`
  return (
    <li className={`card hand-in-entry${current ? ' hand-in-entry--current' : ''}`}>
      <div className="hand-in-entry__head">
        <h3 id={headingId} className="hand-in-entry__title">
          Dépôt n°&nbsp;{number}
        </h3>
        {item.timing === 'late' ? <Badge tone="accent">En retard</Badge> : <Badge tone="success">À l’heure</Badge>}
        {current ? <Badge tone="info">Dernier dépôt</Badge> : null}
      </div>
      <dl className="hand-in-facts">
        <div>
          <dt>Date et heure</dt>
          <dd>{when} (heure de Paris)</dd>
        </div>
        <div>
          <dt>Déposé par</dt>
          <dd>{item.submitterName}</dd>
        </div>
        <div className="hand-in-facts__wide">
          <dt>Empreinte SHA-256</dt>
          <dd>
            <code className="hand-in-fingerprint hand-in-fingerprint--full">{item.fingerprint}</code>
          </dd>
        </div>
      </dl>
      <div className="hand-in-entry__actions">
        <verify.Form method="post" action={`/dossiers/${dossierId}/depot`}>
          <input type="hidden" name="intent" value="verify" />
          <input type="hidden" name="submissionId" value={item.id} />
          <button type="submit" className="button button--ghost button--small" disabled={verify.state !== 'idle'}>
            {verify.state !== 'idle' ? 'Vérification…' : 'Vérifier l’empreinte'}
            <span className="visually-hidden"> du dépôt n°&nbsp;{number}</span>
          </button>
        </verify.Form>
        <DownloadLink href={`/dossiers/${dossierId}/depots/${item.id}.docx`}>
          Télécharger ce dépôt en Word<span className="visually-hidden"> (dépôt n°&nbsp;{number})</span>
        </DownloadLink>
      </div>
      <p className="hand-in-verify" role="status">
        {reply?.error ? <span className="hand-in-verify--ko">{reply.error}</span> : null}
        {reply && !reply.error ? (
          reply.ok ? (
            <span className="hand-in-verify--ok">Empreinte vérifiée&nbsp;: ce dépôt est intact, identique à ce qui a été déposé.</span>
          ) : (
            <span className="hand-in-verify--ko">
              Empreinte différente&nbsp;: ce qui est conservé ne correspond plus au dépôt (empreinte recalculée&nbsp;:{' '}
              <code className="hand-in-fingerprint">{reply.actual}</code>). Prévenez votre école.
            </span>
          )
        ) : null}
      </p>
    </li>
  )
}
