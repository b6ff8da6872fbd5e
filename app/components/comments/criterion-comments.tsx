import type { BankEntry } from '~/services/comment-bank.server'
import type { ThreadView } from '~/services/comments.server'
import { useHydrated } from '../use-hydrated'
import { BankPicker } from './bank-picker'
import { CommentComposer } from './composer'
import { CommentThread } from './thread'

/** The comments on one criterion of the self-assessment, and for the tutor a composer. */
export function CriterionComments({
  dossierId,
  criterionId,
  threads,
  canComment,
  bank,
}: {
  dossierId: string
  criterionId: string
  threads: ThreadView[]
  canComment: boolean
  bank: BankEntry[]
}) {
  const hydrated = useHydrated()
  if (threads.length === 0 && !canComment) return null
  return (
    // Disabled until the page is hydrated: a form sent before would lose what was typed.
    <fieldset
      className="margin-comments margin-comments--criterion until-hydrated"
      disabled={!hydrated}
      aria-label={`Commentaires sur le critère ${criterionId}`}
    >
      {threads.map((t) => (
        <div key={t.id} className="margin-comments__item" data-thread={t.id} data-status={t.status}>
          <CommentThread dossierId={dossierId} thread={t} about={`Critère ${criterionId}`} />
        </div>
      ))}
      {canComment ? (
        <details className="margin-comments__new">
          <summary>Commenter le critère {criterionId}</summary>
          <CommentComposer
            dossierId={dossierId}
            target={{ target: 'criterion', criterionId }}
            label={`Votre commentaire sur le critère ${criterionId}`}
            extra={bank.length ? (insert) => <BankPicker entries={bank} criteria={[criterionId]} onInsert={insert} /> : undefined}
          />
        </details>
      ) : null}
    </fieldset>
  )
}
