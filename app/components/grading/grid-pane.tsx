import { useEffect, useMemo, useRef, useState } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { useHydrated } from '~/components/use-hydrated'
import { frenchTypography as ft, formatTime, plural } from '~/domain/format'
import type { GradeLevel } from '~/domain/grading'
import type { CompetencyView, GridCell, GridView } from '~/domain/grading-view'
import { formatInstant } from '~/domain/hand-in'
import type { GridOp, GridResult } from './api'
import type { JuryBankEntry } from './comment-bank'
import { CompetencyDecision } from './competency-decision'
import { CriterionRow, type RowInfo } from './criterion-row'
import { SELECTION_STATUS_ID } from './evidence'
import { cellKey, overallState, useBus, useStore } from './store'

type Member = { id: string; label: string }

const emptyCell = (row: RowInfo, learnerId: string): GridCell => ({
  criterionId: row.criterionId,
  part: row.part,
  learnerId,
  level: null,
  comment: '',
  evidence: [],
  version: 0,
})

/**
 * The grid: per competency of the instance, its criterion rows (the written
 * ones once, shared by a group; then each member's oral and REX rows), its
 * derived result and the jury's decision; the page's save status, the passage
 * selected in the snapshot, « Clore la grille » / « Rouvrir », and the audit
 * trail below.
 */
export function GridPane({
  view,
  competencies,
  status,
  closedAt,
  post,
  onClosed,
  bank,
  reopenLocked = null,
}: {
  view: Pick<GridView, 'assignmentId' | 'label' | 'members' | 'levels' | 'ruleLabel' | 'rows' | 'cells'>
  competencies: CompetencyView[]
  status: 'open' | 'closed'
  closedAt: number | null
  post: (op: GridOp) => Promise<GridResult>
  onClosed: (closed: boolean) => void
  bank: JuryBankEntry[]
  /** Why the grid cannot be reopened (a double-marked copy whose grids were confronted), or null. */
  reopenLocked?: string | null
}) {
  const hydrated = useHydrated()
  const closed = status === 'closed'
  const group = view.members.length > 0

  // The cells as loaded (each row keeps its own state afterwards); rows never graded start empty at version 0.
  const cells = useMemo(() => {
    const map = new Map(view.cells.map((c) => [cellKey(c), c]))
    for (const r of view.rows) {
      for (const learnerId of r.scope === 'member' ? view.members.map((m) => m.id) : ['']) {
        const fresh = emptyCell(r, learnerId)
        if (!map.has(cellKey(fresh))) map.set(cellKey(fresh), fresh)
      }
    }
    return map
  }, [view.cells, view.rows, view.members])
  const cellFor = (r: RowInfo, learnerId: string) => cells.get(cellKey({ criterionId: r.criterionId, part: r.part, learnerId })) ?? emptyCell(r, learnerId)

  // Competencies in référentiel order (the rows' order), with their texts.
  const blocks = useMemo(() => {
    const order: string[] = []
    for (const r of view.rows) if (!order.includes(r.competencyId)) order.push(r.competencyId)
    return order.map((competencyId) => ({
      competencyId,
      target: view.rows.filter((r) => r.competencyId === competencyId && r.scope === 'target'),
      member: view.rows.filter((r) => r.competencyId === competencyId && r.scope === 'member'),
    }))
  }, [view.rows])
  const textOf = (competencyId: string) => competencies.find((c) => c.competencyId === competencyId)?.text ?? ''

  const row = (r: RowInfo, member: Member | null) => {
    const cell = cellFor(r, member?.id ?? '')
    return (
      <CriterionRow
        key={cellKey(cell)}
        assignmentId={view.assignmentId}
        row={r}
        cell={cell}
        memberLabel={member?.label ?? null}
        levels={view.levels as GradeLevel[]}
        closed={closed}
        post={post}
        bank={bank}
      />
    )
  }
  const decision = (v: CompetencyView, member: Member | null) => (
    <CompetencyDecision key={`${v.competencyId}|${v.learnerId}`} view={v} memberLabel={member?.label ?? null} closed={closed} post={post} />
  )

  return (
    <>
      <div className="jury-grid__bar">
        <SaveStatusLine closed={closed} closedAt={closedAt} locked={Boolean(reopenLocked)} />
        <SelectionLine />
      </div>
      <p className="jury-grid__rule">Échelle de la session&nbsp;: {view.levels.map((l) => l.label).join(' / ')}.</p>
      <fieldset className="until-hydrated" disabled={!hydrated}>
        <fieldset className="jury-grid__controls" disabled={closed}>
          {blocks.length === 0 ? <p className="card__muted">Cette épreuve n’a aucun critère à évaluer.</p> : null}
          {blocks.map((b) => {
            const views = competencies.filter((c) => c.competencyId === b.competencyId)
            const shared = views.filter((v) => v.learnerId === '' || !view.members.some((m) => m.id === v.learnerId))
            const headingId = `competence-${b.competencyId}`
            return (
              <section key={b.competencyId} className="jury-competency" aria-labelledby={headingId}>
                <h3 id={headingId}>
                  <span className="jury-competency__id">{b.competencyId}</span> {ft(textOf(b.competencyId))}
                </h3>
                <p className="jury-competency__rule">{view.ruleLabel}.</p>
                {b.target.length ? (
                  <>
                    {group ? <p className="jury-competency__shared">Travail écrit du groupe&nbsp;: une note commune à tous ses membres.</p> : null}
                    {b.target.map((r) => row(r, null))}
                  </>
                ) : null}
                {shared.map((v) => decision(v, null))}
                {view.members.map((m) => {
                  const mine = views.filter((v) => v.learnerId === m.id)
                  if (!b.member.length && !mine.length) return null
                  return (
                    <fieldset key={m.id} className="jury-member">
                      <legend>
                        {m.label}
                        <span className="visually-hidden"> — {b.competencyId}</span>
                      </legend>
                      {b.member.map((r) => row(r, m))}
                      {mine.map((v) => decision(v, m))}
                    </fieldset>
                  )
                })}
              </section>
            )
          })}
        </fieldset>
        <CloseControls closed={closed} post={post} onClosed={onClosed} label={view.label} reopenLocked={reopenLocked} />
      </fieldset>
    </>
  )
}

function SaveStatusLine({ closed, closedAt, locked }: { closed: boolean; closedAt: number | null; locked: boolean }) {
  const bus = useBus()
  const saves = useStore(bus.saves)
  const savedAt = useStore(bus.savedAt)
  const { state, unsaved } = overallState(saves)
  let text: string
  if (state === 'conflict') text = 'Conflit à résoudre : voyez le critère signalé.'
  else if (state === 'error') text = 'Non enregistré : voyez le critère signalé. Votre saisie est conservée sur cette page.'
  else if (state === 'saving' || state === 'pending') text = 'Enregistrement…'
  else text = savedAt ? `Enregistré à ${formatTime(new Date(savedAt))}` : 'Enregistré'
  if (unsaved > 0) text += ` · ${plural(unsaved, 'décision du jury non enregistrée', 'décisions du jury non enregistrées')}`

  // Leaving the page with something not stored: the browser asks first.
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      const now = overallState(bus.saves.get())
      if (now.state !== 'saved' || now.unsaved > 0) e.preventDefault()
    }
    window.addEventListener('beforeunload', beforeUnload)
    return () => window.removeEventListener('beforeunload', beforeUnload)
  }, [bus])

  return (
    <div className="jury-status">
      <p className={`save-status save-status--${state === 'pending' ? 'saving' : state}`} role="status">
        {text}
      </p>
      {closed ? (
        <p className="jury-status__closed">
          <strong>Grille close</strong>
          {closedAt ? ` le ${formatInstant(new Date(closedAt))}` : ''}
          {locked ? '\u00a0: confrontée avec l’autre correction, elle ne se rouvre plus.' : '\u00a0: rouvrez-la pour modifier une note.'}
        </p>
      ) : null}
    </div>
  )
}

function SelectionLine() {
  const bus = useBus()
  const selection = useStore(bus.selection)
  const quote = selection ? selection.quote.replace(/\s+/g, ' ').trim() : ''
  return (
    <p id={SELECTION_STATUS_ID} className="jury-selection">
      {selection ? (
        <>
          Passage sélectionné&nbsp;: «&nbsp;{quote.length > 120 ? `${quote.slice(0, 119)}…` : quote}&nbsp;» — {selection.where}
        </>
      ) : (
        'Aucun passage sélectionné : sélectionnez un passage dans la copie (au clavier : Maj + flèches) pour le citer comme preuve.'
      )}
    </p>
  )
}

function CloseControls({
  closed,
  post,
  onClosed,
  label,
  reopenLocked,
}: {
  closed: boolean
  post: (op: GridOp) => Promise<GridResult>
  onClosed: (closed: boolean) => void
  label: string
  reopenLocked: string | null
}) {
  const bus = useBus()
  const { ask, dialog } = useConfirm()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const closeRef = useRef<HTMLButtonElement>(null)
  const reopenRef = useRef<HTMLButtonElement>(null)
  const moved = useRef(false)

  // The button pressed disappears: focus goes to the one that replaces it.
  useEffect(() => {
    if (!moved.current) return
    moved.current = false
    ;(closed ? reopenRef : closeRef).current?.focus()
  }, [closed])

  const run = async (op: 'close' | 'reopen') => {
    setBusy(true)
    const result = await post({ op })
    setBusy(false)
    if (result.ok) {
      moved.current = true
      onClosed(result.answer.status === 'closed')
    } else setError(result.message)
  }

  const askClose = async () => {
    setError(null)
    setBusy(true)
    const stored = await Promise.all([...bus.flushers.values()].map((flush) => flush()))
    setBusy(false)
    if (!stored.every(Boolean)) {
      setError('Des notes ne sont pas enregistrées : réglez les erreurs ou les conflits signalés avant de clore la grille.')
      return
    }
    const { unsaved } = overallState(bus.saves.get())
    if (unsaved > 0) {
      setError('Une décision du jury n’est pas enregistrée : enregistrez-la, ou remettez-la comme elle était, avant de clore la grille.')
      return
    }
    const missing = [...document.querySelectorAll('.jury-levels')].filter((f) => !f.querySelector('input:checked')).length
    ask(
      <>
        Clore la grille de {label}&nbsp;? Vos notes seront considérées comme définitives&nbsp;; vous pourrez la rouvrir pour les corriger.
        {missing > 0 ? ` Attention : ${plural(missing, 'critère n’est pas noté', 'critères ne sont pas notés')}.` : ''}
      </>,
      () => void run('close'),
      'Clore la grille',
    )
  }

  return (
    <div className="jury-close">
      {closed && reopenLocked ? (
        <p className="field__hint">{ft(reopenLocked)}</p>
      ) : closed ? (
        <button ref={reopenRef} type="button" className="button button--ghost" onClick={() => void run('reopen')} disabled={busy}>
          Rouvrir la grille
        </button>
      ) : (
        <>
          <button ref={closeRef} type="button" className="button" onClick={() => void askClose()} disabled={busy}>
            Clore la grille
          </button>
          <p className="field__hint">Quand tous les critères sont notés. Vous pourrez la rouvrir.</p>
        </>
      )}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {dialog}
    </div>
  )
}
