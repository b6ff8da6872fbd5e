import { memo, useId } from 'react'
import { frenchTypography as ft } from '~/domain/format'
import { PART_LABELS, type GradeLevel, type GradePart } from '~/domain/grading'
import type { GridCell } from '~/domain/grading-view'
import type { GridOp, GridResult } from './api'
import { PartBadge } from './badges'
import { JuryBankPicker, type JuryBankEntry } from './comment-bank'
import { EvidenceEditor, evidenceLabel } from './evidence'
import { useCell } from './use-cell'

export type RowInfo = { criterionId: string; criterionText: string; competencyId: string; part: GradePart; scope: 'target' | 'member' }

const STATE_TEXT = { saved: '', pending: 'Modifié, enregistrement dans un instant…', saving: 'Enregistrement…', error: '', conflict: '', unsaved: '' } as const

/**
 * One row of the grid: a criterion judged on one part, for the target or one
 * member — its level (the session's scale), a comment with the comment bank,
 * and the evidence cited from the snapshot. Saved as the juror goes.
 */
export const CriterionRow = memo(function CriterionRow({
  assignmentId,
  row,
  cell,
  memberLabel,
  levels,
  closed,
  post,
  bank,
}: {
  assignmentId: string
  row: RowInfo
  cell: GridCell
  /** The member this row grades (oral, REX of a group épreuve), or null. */
  memberLabel: string | null
  levels: readonly GradeLevel[]
  closed: boolean
  post: (op: GridOp) => Promise<GridResult>
  bank: JuryBankEntry[]
}) {
  const id = useId()
  const c = useCell({ assignmentId, initial: cell, closed, post })
  const part = PART_LABELS[row.part].toLowerCase()
  const who = memberLabel ? `, ${memberLabel}` : ''
  const criterionLabel = `${row.criterionId} (${part}${who})`
  const titleId = `${id}-title`
  const levelName = `niveau-${row.criterionId}-${row.part}-${cell.learnerId || 'cible'}`
  const levelLabel = (levelId: string | null) => levels.find((l) => l.id === levelId)?.label ?? 'aucun niveau'

  return (
    <div className={`jury-row jury-row--${c.state}`} role="group" aria-labelledby={titleId} data-row={`${row.criterionId}|${row.part}|${cell.learnerId}`}>
      <p className="jury-row__title" id={titleId}>
        <span className="jury-row__id">{row.criterionId}</span> <PartBadge part={row.part} /> {ft(row.criterionText)}
        {memberLabel ? <span className="visually-hidden"> — {memberLabel}</span> : null}
      </p>
      <fieldset className="jury-levels">
        <legend>
          Niveau<span className="visually-hidden"> — {criterionLabel}</span>
        </legend>
        <div className="segmented">
          {levels.map((level) => (
            <label key={level.id} className={level.acquired ? 'segmented__option segmented__option--achieved' : 'segmented__option'}>
              <input type="radio" name={levelName} value={level.id} checked={c.draft.level === level.id} onChange={() => c.change({ level: level.id })} />
              {level.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field jury-comment">
        <label htmlFor={`${id}-comment`}>
          Commentaire<span className="visually-hidden"> — {criterionLabel}</span>
        </label>
        <textarea
          id={`${id}-comment`}
          rows={2}
          value={c.draft.comment}
          onChange={(e) => c.change({ comment: e.target.value }, true)}
          onBlur={() => void c.flush()}
        />
      </div>
      <JuryBankPicker
        entries={bank}
        criterionId={row.criterionId}
        onInsert={(text) => c.change({ comment: c.draft.comment.trim() ? `${c.draft.comment.trimEnd()}\n${text}` : text })}
      />
      <EvidenceEditor evidence={c.draft.evidence} onChange={(evidence) => c.change({ evidence })} criterionLabel={criterionLabel} />

      {STATE_TEXT[c.state] ? <p className="jury-row__state">{STATE_TEXT[c.state]}</p> : null}
      {c.error ? (
        <div className="alert alert--error jury-row__alert" role="alert">
          <p>
            {row.criterionId} ({part}
            {who}) n’est pas enregistré&nbsp;: {c.error}
          </p>
          <button type="button" className="button button--small" onClick={c.retry}>
            Réessayer
          </button>
        </div>
      ) : null}
      {c.conflict ? (
        <div className="conflict jury-row__alert" role="alert" aria-labelledby={`${id}-conflict`}>
          <p id={`${id}-conflict`} className="jury-conflict__title">
            Conflit sur {row.criterionId} ({part}
            {who})&nbsp;: une autre saisie a été enregistrée pendant que vous travailliez.
          </p>
          <dl className="jury-conflict__values">
            <div>
              <dt>Votre version</dt>
              <dd>
                Niveau&nbsp;: {levelLabel(c.draft.level)}
                <br />
                Commentaire&nbsp;: {c.draft.comment || '(vide)'}
                <br />
                Preuves&nbsp;: {c.draft.evidence.length ? c.draft.evidence.map(evidenceLabel).join(' ; ') : 'aucune'}
              </dd>
            </div>
            <div>
              <dt>L’autre version (enregistrée)</dt>
              <dd>
                Niveau&nbsp;: {levelLabel(c.conflict.level)}
                <br />
                Commentaire&nbsp;: {c.conflict.comment || '(vide)'}
                <br />
                Preuves&nbsp;: {c.conflict.evidence.length ? c.conflict.evidence.map(evidenceLabel).join(' ; ') : 'aucune'}
              </dd>
            </div>
          </dl>
          <div className="conflict__actions">
            <button type="button" className="button button--small" onClick={c.keepMine}>
              Garder ma version
            </button>
            <button type="button" className="button button--ghost button--small" onClick={c.takeTheirs}>
              Prendre l’autre version
            </button>
          </div>
        </div>
      ) : null}
    </div>
  )
})
