import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { Badge } from '~/components/ui'
import { useHydrated } from '~/components/use-hydrated'
import { frenchTypography as ft, plural } from '~/domain/format'
import { PART_LABELS, type GradeLevel } from '~/domain/grading'
import { formatInstant } from '~/domain/hand-in'
import {
  confrontedKey,
  type AgreedLevel,
  type ConfrontationAnswer,
  type ConfrontationReady,
  type ConfrontationView,
  type ConfrontationWaiting,
  type ConfrontedCell,
  type JurorCell,
} from '~/domain/reconciliation-view'
import { AuditTrail } from './audit-trail'
import { PartBadge } from './badges'
import { postConfrontation } from './confrontation-api'

const cellName = (c: ConfrontedCell) => `${c.criterionId} (${PART_LABELS[c.part].toLowerCase()}${c.memberLabel ? `, ${c.memberLabel}` : ''})`
const levelName = (levels: readonly GradeLevel[], id: string | null) => (id ? (levels.find((l) => l.id === id)?.label ?? id) : 'Aucun niveau')

/**
 * « Confrontation des deux corrections » of a double-marked copy: until both
 * grids are closed, who still has to close theirs; then the divergent
 * criteria side by side (both levels, comments and cited evidence), where the
 * lead juror records the agreed level and a comment, the agreeing criteria
 * folded away, closing (after a confirmation) and reopening, and the steps.
 * The other juror reads.
 */
export function ConfrontationPage({ view }: { view: ConfrontationView }) {
  const copy = view.anonymous ? `Copie ${view.label}` : view.label
  return (
    <div className="confront">
      <header className="jury-head">
        <div className="jury-head__text">
          <p className="jury-head__back">
            <a href="/jury">← Mes évaluations</a> · <a href={`/jury/copies/${view.assignmentId}`}>Ma grille de cette copie</a>
          </p>
          <h1>Confrontation des deux corrections</h1>
          <p className="confront__copy">
            {ft(view.evaluationTitle)} — {copy}
          </p>
          <p className="jury-head__meta">
            <Badge tone="accent">Double correction</Badge>
            {view.anonymous ? <Badge tone="info">Correction anonyme</Badge> : null}
            <span>Juré·e principal·e&nbsp;: {view.leadName}</span>
            <span>Second·e juré·e&nbsp;: {view.secondName}</span>
          </p>
        </div>
      </header>
      {view.state === 'waiting' ? <Waiting view={view} /> : <Ready view={view} />}
    </div>
  )
}

function Waiting({ view }: { view: ConfrontationWaiting }) {
  return (
    <section className="card confront__waiting" aria-labelledby="confrontation-attente">
      <h2 id="confrontation-attente">La confrontation n’est pas encore ouverte</h2>
      <p>
        Chaque juré·e corrige cette copie sans voir l’autre grille. La confrontation s’ouvrira quand les deux grilles seront closes&nbsp;; vous verrez alors les
        deux corrections côte à côte.
      </p>
      <ul className="confront__who">
        <li>
          Votre grille&nbsp;: <strong>{view.ownClosed ? 'close' : 'pas encore close'}</strong>
          {view.ownClosed ? null : (
            <>
              {' '}
              — <a href={`/jury/copies/${view.assignmentId}`}>terminer et clore ma grille</a>
            </>
          )}
        </li>
        <li>
          La grille de {view.otherName}&nbsp;: <strong>{view.otherClosed ? 'close' : 'pas encore close'}</strong>
        </li>
      </ul>
    </section>
  )
}

function Ready({ view }: { view: ConfrontationReady }) {
  const hydrated = useHydrated()
  const [agreed, setAgreed] = useState<Record<string, AgreedLevel | null>>(() => Object.fromEntries(view.divergent.map((c) => [confrontedKey(c), c.agreed])))
  const [status, setStatus] = useState(view.status)
  const [closedAt, setClosedAt] = useState(view.closedAt)
  const [audit, setAudit] = useState(view.audit)
  const dirty = useRef(new Set<string>())

  const apply = useCallback((answer: ConfrontationAnswer) => {
    setStatus(answer.status)
    setClosedAt(answer.closedAt)
    setAudit(answer.audit)
    if (answer.agreed) {
      const { criterionId, part, learnerId, ...level } = answer.agreed
      setAgreed((a) => ({ ...a, [confrontedKey({ criterionId, part, learnerId })]: level }))
    }
  }, [])
  const setStored = useCallback((key: string, level: AgreedLevel | null) => setAgreed((a) => ({ ...a, [key]: level })), [])
  const onDirty = useCallback((key: string, isDirty: boolean) => {
    if (isDirty) dirty.current.add(key)
    else dirty.current.delete(key)
  }, [])

  // Leaving with an agreed level typed but not saved: the browser asks first.
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (dirty.current.size > 0) e.preventDefault()
    }
    window.addEventListener('beforeunload', beforeUnload)
    return () => window.removeEventListener('beforeunload', beforeUnload)
  }, [])

  const closed = status === 'closed'
  const editable = view.viewerIsLead && !closed
  const recorded = view.divergent.filter((c) => agreed[confrontedKey(c)]).length

  return (
    <>
      <div className="confront__status">
        <p role="status">
          {closed ? (
            <>
              <strong>Confrontation close</strong>
              {closedAt ? ` le ${formatInstant(new Date(closedAt))}` : ''}&nbsp;: les niveaux retenus font le résultat de la copie.
            </>
          ) : (
            <>
              <strong>Confrontation ouverte</strong>&nbsp;: {plural(view.divergent.length, 'critère divergent', 'critères divergents')},{' '}
              {recorded === 0 ? 'aucun niveau retenu pour l’instant' : plural(recorded, 'niveau retenu', 'niveaux retenus')}.
            </>
          )}
        </p>
        <p className="field__hint">
          {view.viewerIsLead
            ? closed
              ? 'Vous êtes le ou la juré·e principal·e\u00a0: rouvrez la confrontation pour modifier un niveau retenu.'
              : 'Vous êtes le ou la juré·e principal·e\u00a0: pour chaque critère divergent, enregistrez le niveau retenu avec un commentaire, puis closez la confrontation.'
            : `Lecture seule\u00a0: ${view.leadName}, juré·e principal·e, enregistre les niveaux retenus et clôt la confrontation.`}
        </p>
      </div>

      <section className="confront__section" aria-labelledby="criteres-divergents">
        <h2 id="criteres-divergents">Critères divergents ({view.divergent.length})</h2>
        {view.divergent.length === 0 ? (
          <p className="card__muted">Les deux corrections donnent le même niveau à chaque critère&nbsp;: il n’y a rien à trancher.</p>
        ) : (
          <fieldset className="until-hydrated confront__cells" disabled={!hydrated}>
            <legend className="visually-hidden">Niveaux retenus</legend>
            {view.divergent.map((c) => {
              const key = confrontedKey(c)
              return (
                <DivergentCell
                  key={key}
                  assignmentId={view.assignmentId}
                  cell={c}
                  stored={agreed[key] ?? null}
                  levels={view.levels}
                  leadName={view.leadName}
                  secondName={view.secondName}
                  editable={editable}
                  onAnswer={apply}
                  onStored={setStored}
                  onDirty={onDirty}
                />
              )
            })}
          </fieldset>
        )}
      </section>

      <section className="confront__section" aria-labelledby="criteres-concordants">
        <h2 id="criteres-concordants">Critères concordants ({view.agreeing.length})</h2>
        {view.agreeing.length === 0 ? (
          <p className="card__muted">Aucun critère n’a reçu le même niveau des deux juré·es.</p>
        ) : (
          <details className="confront__agreeing">
            <summary>Afficher les {plural(view.agreeing.length, 'critère', 'critères')} où les deux corrections s’accordent</summary>
            <ul>
              {view.agreeing.map((c) => (
                <li key={confrontedKey(c)}>
                  <span className="jury-row__id">{c.criterionId}</span> <PartBadge part={c.part} />
                  {c.memberLabel ? ` ${c.memberLabel}` : ''} — <strong>{levelName(view.levels, c.lead.level)}</strong>
                  {c.lead.comment ? (
                    <span className="confront__quote">
                      {view.leadName}&nbsp;: {c.lead.comment}
                    </span>
                  ) : null}
                  {c.second.comment ? (
                    <span className="confront__quote">
                      {view.secondName}&nbsp;: {c.second.comment}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      {view.viewerIsLead ? (
        <fieldset className="until-hydrated confront__close" disabled={!hydrated}>
          <legend className="visually-hidden">Clôture de la confrontation</legend>
          <CloseControls view={view} closed={closed} missing={view.divergent.length - recorded} dirty={dirty} onAnswer={apply} />
        </fieldset>
      ) : null}

      <AuditTrail
        audit={audit}
        title="Historique de la confrontation"
        headingId="historique-de-la-confrontation"
        empty={'Aucun niveau retenu pour l’instant\u00a0: chaque niveau retenu, chaque clôture et chaque réouverture s’inscrira ici.'}
      />
    </>
  )
}

function JurorSide({ title, cell, levels }: { title: string; cell: JurorCell; levels: readonly GradeLevel[] }) {
  return (
    <div className="confront-side">
      <h4>{title}</h4>
      <dl>
        <dt>Niveau</dt>
        <dd>
          <strong>{levelName(levels, cell.level)}</strong>
        </dd>
        <dt>Commentaire</dt>
        <dd className="confront-side__comment">{cell.comment.trim() ? cell.comment : <span className="card__muted">Aucun commentaire</span>}</dd>
        <dt>Preuves citées</dt>
        <dd>
          {cell.evidence.length === 0 ? (
            <span className="card__muted">Aucune</span>
          ) : (
            <ul className="confront-side__evidence">
              {cell.evidence.map((e, i) => (
                <li key={i}>
                  {e.label}
                  {e.where ? <span className="jury-evidence__where"> — {e.where}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </div>
  )
}

type Draft = { level: string | null; comment: string }
type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; message: string; agreed: AgreedLevel | null }

function DivergentCell({
  assignmentId,
  cell,
  stored,
  levels,
  leadName,
  secondName,
  editable,
  onAnswer,
  onStored,
  onDirty,
}: {
  assignmentId: string
  cell: ConfrontedCell
  stored: AgreedLevel | null
  levels: readonly GradeLevel[]
  leadName: string
  secondName: string
  editable: boolean
  onAnswer: (answer: ConfrontationAnswer) => void
  onStored: (key: string, agreed: AgreedLevel | null) => void
  onDirty: (key: string, dirty: boolean) => void
}) {
  const id = useId()
  const key = confrontedKey(cell)
  const name = cellName(cell)
  const [draft, setDraft] = useState<Draft>(() => ({ level: stored?.level ?? null, comment: stored?.comment ?? '' }))
  const [save, setSave] = useState<SaveState>({ kind: 'idle' })
  const isDirty = draft.level !== (stored?.level ?? null) || draft.comment.trim() !== (stored?.comment ?? '')
  useEffect(() => onDirty(key, isDirty), [key, isDirty, onDirty])

  const change = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }))
    if (save.kind === 'saved' || save.kind === 'error') setSave({ kind: 'idle' })
  }

  const send = async (baseVersion: number) => {
    if (!draft.level) return setSave({ kind: 'error', message: 'Choisissez le niveau retenu.' })
    if (!draft.comment.trim()) return setSave({ kind: 'error', message: 'Le commentaire de la confrontation est obligatoire.' })
    setSave({ kind: 'saving' })
    const result = await postConfrontation(assignmentId, {
      op: 'agree',
      criterionId: cell.criterionId,
      part: cell.part,
      learnerId: cell.learnerId,
      baseVersion,
      level: draft.level,
      comment: draft.comment,
    })
    if (result.ok) {
      onAnswer(result.answer)
      setDraft((d) => ({ ...d, comment: d.comment.trim() }))
      setSave({ kind: 'saved' })
    } else if (result.kind === 'conflict') {
      setSave({ kind: 'conflict', message: result.message, agreed: result.agreed })
    } else setSave({ kind: 'error', message: result.message })
  }

  const agreedId = `${id}-agreed`
  return (
    <section className="confront-cell" aria-labelledby={`${id}-title`} data-cell={key}>
      <h3 id={`${id}-title`} className="confront-cell__title">
        <span className="jury-row__id">{cell.criterionId}</span> <PartBadge part={cell.part} /> {ft(cell.criterionText)}
        {cell.memberLabel ? <span className="confront-cell__member"> — {cell.memberLabel}</span> : null}
      </h3>
      <div className="confront-sides">
        <JurorSide title={`${leadName} (principal·e)`} cell={cell.lead} levels={levels} />
        <JurorSide title={secondName} cell={cell.second} levels={levels} />
      </div>
      {editable ? (
        <div className="confront-agree">
          <fieldset className="jury-levels">
            <legend>
              Niveau retenu<span className="visually-hidden"> — {name}</span>
            </legend>
            <div className="segmented">
              {levels.map((level) => (
                <label key={level.id} className={level.acquired ? 'segmented__option segmented__option--achieved' : 'segmented__option'}>
                  <input type="radio" name={`retenu-${key}`} value={level.id} checked={draft.level === level.id} onChange={() => change({ level: level.id })} />
                  {level.label}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-comment`}>
              Commentaire de la confrontation<span className="visually-hidden"> — {name}</span>
            </label>
            <p className="field__hint" id={`${id}-hint`}>
              Obligatoire&nbsp;: pourquoi ce niveau, au vu des deux corrections.
            </p>
            <textarea
              id={`${id}-comment`}
              rows={2}
              value={draft.comment}
              aria-describedby={save.kind === 'error' ? `${id}-hint ${id}-error` : `${id}-hint`}
              aria-invalid={save.kind === 'error' && !draft.comment.trim() ? true : undefined}
              onChange={(e) => change({ comment: e.target.value })}
            />
          </div>
          <div className="confront-agree__actions">
            <button type="button" className="button button--small" onClick={() => void send(stored?.version ?? 0)} disabled={save.kind === 'saving'}>
              {save.kind === 'saving' ? 'Enregistrement…' : 'Enregistrer le niveau retenu'}
              <span className="visually-hidden"> — {name}</span>
            </button>
            <p className="confront-agree__state" role="status">
              {save.kind === 'saved' && !isDirty
                ? `Niveau retenu enregistré\u00a0: ${levelName(levels, stored?.level ?? null)}.`
                : isDirty && save.kind === 'idle' && stored
                  ? 'Modifié, pas encore enregistré.'
                  : stored && save.kind === 'idle'
                    ? `Enregistré\u00a0: ${levelName(levels, stored.level)}.`
                    : ''}
            </p>
          </div>
          {save.kind === 'error' ? (
            <p className="field__error" role="alert" id={`${id}-error`}>
              {name} n’est pas enregistré&nbsp;: {save.message}
            </p>
          ) : null}
          {save.kind === 'conflict' ? (
            <div className="conflict jury-row__alert" role="alert" aria-labelledby={`${id}-conflict`}>
              <p id={`${id}-conflict`} className="jury-conflict__title">
                Conflit sur {name}&nbsp;: {save.message}
              </p>
              <dl className="jury-conflict__values">
                <div>
                  <dt>Votre version</dt>
                  <dd>
                    Niveau&nbsp;: {levelName(levels, draft.level)}
                    <br />
                    Commentaire&nbsp;: {draft.comment || '(vide)'}
                  </dd>
                </div>
                <div>
                  <dt>L’autre version (enregistrée)</dt>
                  <dd>
                    Niveau&nbsp;: {levelName(levels, save.agreed?.level ?? null)}
                    <br />
                    Commentaire&nbsp;: {save.agreed?.comment || '(vide)'}
                  </dd>
                </div>
              </dl>
              <div className="conflict__actions">
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    onStored(key, save.agreed)
                    void send(save.agreed?.version ?? 0)
                  }}
                >
                  Garder ma version
                </button>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => {
                    onStored(key, save.agreed)
                    setDraft({ level: save.agreed?.level ?? null, comment: save.agreed?.comment ?? '' })
                    setSave({ kind: 'idle' })
                  }}
                >
                  Prendre l’autre version
                </button>
              </div>
            </div>
          ) : null}
        </div>
      ) : (
        <p className="confront-cell__agreed" id={agreedId}>
          {stored ? (
            <>
              Niveau retenu&nbsp;: <strong>{levelName(levels, stored.level)}</strong> — {stored.comment}
            </>
          ) : (
            <span className="card__muted">Aucun niveau retenu pour l’instant.</span>
          )}
        </p>
      )}
    </section>
  )
}

function CloseControls({
  view,
  closed,
  missing,
  dirty,
  onAnswer,
}: {
  view: ConfrontationReady
  closed: boolean
  missing: number
  dirty: { current: Set<string> }
  onAnswer: (answer: ConfrontationAnswer) => void
}) {
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
    const result = await postConfrontation(view.assignmentId, { op })
    setBusy(false)
    if (result.ok) {
      moved.current = true
      setError(null)
      onAnswer(result.answer)
    } else setError(result.message)
  }

  const askClose = () => {
    setError(null)
    if (dirty.current.size > 0) {
      setError('Un niveau retenu est modifié mais pas enregistré\u00a0: enregistrez-le, ou remettez-le comme il était, avant de clore la confrontation.')
      return
    }
    if (missing > 0) {
      setError(
        `${plural(missing, 'critère divergent n’a', 'critères divergents n’ont')} pas encore de niveau retenu\u00a0: enregistrez-${missing > 1 ? 'les' : 'le'} avant de clore la confrontation.`,
      )
      return
    }
    const copy = view.anonymous ? `la copie ${view.label}` : view.label
    ask(
      <>Clore la confrontation de {copy}&nbsp;? Les niveaux retenus deviendront le résultat de la copie pour la délibération&nbsp;; vous pourrez la rouvrir.</>,
      () => void run('close'),
      'Clore la confrontation',
    )
  }

  return (
    <div className="jury-close">
      {closed ? (
        <button ref={reopenRef} type="button" className="button button--ghost" onClick={() => void run('reopen')} disabled={busy}>
          Rouvrir la confrontation
        </button>
      ) : (
        <>
          <button ref={closeRef} type="button" className="button" onClick={askClose} disabled={busy}>
            Clore la confrontation
          </button>
          <p className="field__hint">Quand chaque critère divergent a son niveau retenu. Vous pourrez la rouvrir.</p>
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
