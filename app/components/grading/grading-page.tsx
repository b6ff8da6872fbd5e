import { useCallback, useMemo, useRef, useState } from 'react'
import { DownloadLink } from '~/components/download-link'
import { Badge } from '~/components/ui'
import { frenchTypography as ft } from '~/domain/format'
import type { GridView } from '~/domain/grading-view'
import type { GridDoubleMarking } from '~/domain/reconciliation-view'
import { formatInstant } from '~/domain/hand-in'
import { postGrid, type GridOp } from './api'
import { AuditTrail } from './audit-trail'
import type { JuryBankEntry } from './comment-bank'
import { GridPane } from './grid-pane'
import { SnapshotPane, whereOf, type SnapshotData } from './snapshot-pane'
import { SnapshotIndexContext, type ItemGroup, type SnapshotIndex } from './snapshot-index'
import { createBus, GradingBusContext } from './store'

export type GradingPageData = Omit<GridView, 'snapshots'> & { snapshots: SnapshotData[] }

/**
 * The grid page: the copy's header, the snapshot on one side and the grid on
 * the other (stacked on narrow screens), then the audit trail. Holds what the
 * API answers after each write: competencies, audit, status.
 */
export function GradingPage({
  view,
  itemGroups,
  bank,
  double = null,
}: {
  view: GradingPageData
  itemGroups: ItemGroup[]
  bank: JuryBankEntry[]
  /** A double-marked copy: where it stands (null for an ordinary one). */
  double?: GridDoubleMarking | null
}) {
  const [bus] = useState(() => createBus(view.cells))
  const [competencies, setCompetencies] = useState(view.competencies)
  const [audit, setAudit] = useState(view.audit)
  const [status, setStatus] = useState(view.status)
  const [closedAt, setClosedAt] = useState(view.closedAt)
  const base = `/jury/copies/${view.assignmentId}`

  // Answers may come back out of order: only the latest request's view of the grid is kept.
  const sent = useRef(0)
  const applied = useRef(0)
  const post = useCallback(
    async (op: GridOp) => {
      const seq = ++sent.current
      const result = await postGrid(view.assignmentId, op)
      if (result.ok && seq > applied.current) {
        applied.current = seq
        setCompetencies(result.answer.competencies)
        setAudit(result.answer.audit)
        setStatus(result.answer.status)
        setClosedAt((at) => (result.answer.status === 'closed' ? (at ?? Date.now()) : null))
      }
      return result
    },
    [view.assignmentId],
  )
  const onClosed = useCallback((closed: boolean) => {
    setStatus(closed ? 'closed' : 'open')
    setClosedAt((at) => (closed ? (at ?? Date.now()) : null))
  }, [])

  const index: SnapshotIndex = useMemo(() => {
    const places = new Map(view.snapshots.flatMap((s) => s.sections.map((d) => [`${s.submissionId}|${d.section.id}`, whereOf(s, d.section)] as const)))
    return { where: (submissionId, sectionId) => places.get(`${submissionId}|${sectionId}`) ?? '', itemGroups }
  }, [view.snapshots, itemGroups])

  const main = view.snapshots.find((s) => s.kind === 'main') ?? view.snapshots[0]
  const gridView = useMemo(
    () => ({
      assignmentId: view.assignmentId,
      label: view.label,
      members: view.members,
      levels: view.levels,
      ruleLabel: view.ruleLabel,
      rows: view.rows,
      cells: view.cells,
    }),
    [view],
  )

  return (
    <GradingBusContext.Provider value={bus}>
      <SnapshotIndexContext.Provider value={index}>
        <div className="jury-page">
          <header className="jury-head">
            <div className="jury-head__text">
              <p className="jury-head__back">
                <a href="/jury">← Mes évaluations</a>
              </p>
              <h1>
                {ft(view.evaluationTitle)}
                <span className="jury-head__label">
                  {' — '}
                  {view.anonymous ? `Copie ${view.label}` : view.label}
                </span>
              </h1>
              <p className="jury-head__meta">
                {view.anonymous ? <Badge tone="info">Correction anonyme</Badge> : null}
                {view.members.length ? <span>Membres&nbsp;: {view.members.map((m) => m.label).join(', ')}</span> : null}
                {main ? (
                  <span>
                    Déposée le {formatInstant(new Date(main.submittedAt))}
                    {main.late ? (
                      <>
                        {' '}
                        <Badge tone="accent">En retard</Badge>
                      </>
                    ) : null}
                  </span>
                ) : null}
              </p>
              {main ? (
                <p className="jury-head__meta">
                  Empreinte SHA-256&nbsp;: <code className="jury-fingerprint">{main.fingerprint}</code>
                </p>
              ) : null}
              {double ? <DoubleMarkingNote double={double} base={base} /> : null}
            </div>
            <div className="jury-head__actions">
              <DownloadLink href={`${base}/export.docx`}>Télécharger en Word</DownloadLink>
            </div>
          </header>

          <nav className="jury-skip" aria-label="Dans cette page">
            <a href="#copie">Aller à la copie</a>
            <a href="#grille">Aller à la grille</a>
            <a href="#historique-des-notes">Aller à l’historique des notes</a>
          </nav>

          <div className="jury-panes">
            {/* Each pane scrolls on its own at desktop width: focusable regions, so that the keyboard scrolls them too. */}
            <div id="copie" className="jury-pane jury-pane--snapshot" role="region" aria-label="Copie déposée" tabIndex={0}>
              <SnapshotPane base={base} snapshots={view.snapshots} />
            </div>
            <div id="grille" className="jury-pane jury-pane--grid" role="region" aria-labelledby="grille-titre" tabIndex={0}>
              <h2 id="grille-titre" className="jury-pane__title">
                Grille d’évaluation
              </h2>
              <GridPane
                view={gridView}
                competencies={competencies}
                status={status}
                closedAt={closedAt}
                post={post}
                onClosed={onClosed}
                bank={bank}
                reopenLocked={double?.reopenLocked ?? null}
              />
              <AuditTrail audit={audit} />
            </div>
          </div>
        </div>
      </SnapshotIndexContext.Provider>
    </GradingBusContext.Provider>
  )
}

/** « Double correction »: graded without seeing the other juror's grid; once both are closed, the confrontation. */
function DoubleMarkingNote({ double, base }: { double: GridDoubleMarking; base: string }) {
  const other = double.otherName ?? 'l’autre juré·e'
  return (
    <div className="alert alert--info jury-double">
      <p>
        <Badge tone="accent">Double correction</Badge>{' '}
        {double.state === 'incomplete'
          ? 'Un·e second·e juré·e doit encore être désigné·e pour cette copie.'
          : double.state === 'grading'
            ? `Vous corrigez cette copie sans voir la grille de ${other}, qui ne voit pas la vôtre\u00a0: la confrontation s’ouvrira quand vos deux grilles seront closes.`
            : `Vos deux grilles sont closes${double.state === 'reconciled' ? ' et ont été confrontées' : ''}.`}
        {double.lead && double.state !== 'incomplete'
          ? ' Vous êtes juré·e principal·e\u00a0: vous retiendrez le niveau des critères où vos corrections divergent.'
          : ''}
      </p>
      {double.state === 'to-reconcile' || double.state === 'reconciled' ? (
        <p>
          <Badge tone={double.state === 'reconciled' ? 'success' : 'info'}>{double.state === 'reconciled' ? 'Confrontée' : 'À confronter'}</Badge>{' '}
          <a href={`${base}/confrontation`}>Confrontation des deux corrections</a>
        </p>
      ) : null}
    </div>
  )
}
