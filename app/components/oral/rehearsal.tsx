import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { TableWrap } from '~/components/ui'
import { formatShortDateTime } from '~/domain/format'
import {
  allottedSeconds,
  elapsedSeconds,
  finish,
  formatChange,
  formatDuration,
  formatRemaining,
  latestRehearsals,
  next,
  partElapsedMs,
  previous,
  readyRehearsal,
  rehearsalProgress,
  summarize,
  talkAllottedSeconds,
  TIME_STATE_LABELS,
  timeState,
  toggle,
  totalElapsedMs,
  type PastRehearsal,
  type RehearsalPart,
  type RehearsalState,
  type RehearsalSummary,
  type TimeState,
} from '~/domain/rehearsal'

/**
 * The rehearsal mode of an oral (issue 16 §2): the current part's title, key message, visual and
 * speaker notes, a timer for the part and for the whole talk, and the last rehearsals.
 *
 * A full-viewport region, not a modal <dialog>: it is the whole page of its own route
 * (`dossiers.$dossierId_.repetition.$sectionId`), so there is nothing behind it to make inert; it is
 * readable server-rendered before hydration (a closed dialog is not); Escape stays ours, to leave with
 * a confirmation, instead of closing a dialog; and the one modal on the page is that confirmation.
 *
 * `Rehearsal` holds the state and the clock; `RehearsalView` only draws a state at a moment, so that
 * tests render every state with fake timestamps.
 */

/** A part of the talk as the rehearsal shows it (fed from the oral-support kind's value). */
export type RehearsalTalkPart = RehearsalPart & { message: string; notes: string }

type Handlers = {
  toggle: () => void
  next: () => void
  previous: () => void
  finish: () => void
  restart: () => void
  exit: () => void
}

export type RehearsalViewProps = {
  title: string
  parts: readonly RehearsalTalkPart[]
  /** The visual of each part, by part id (a chart, a persona card, an image…). */
  visuals?: Readonly<Record<string, ReactNode>>
  /** Rehearsals kept so far, in any order. */
  rehearsals: readonly PastRehearsal[]
  state: RehearsalState
  /** The moment drawn, in milliseconds since the epoch. */
  now: number
  /** The summary of the rehearsal just finished, shown until the next one starts. */
  summary?: RehearsalSummary | null
  /** The polite live region's text: part changes, pause, overrun — never every second. */
  announcement?: string
  on?: Partial<Handlers>
  /** Extra nodes (the confirmation dialog). */
  children?: ReactNode
}

const STATUS_LABELS: Record<RehearsalState['status'], string> = {
  ready: 'Prête à démarrer',
  running: 'En cours',
  paused: 'En pause',
  finished: 'Terminée',
}
const ICONS: Record<TimeState, string> = { ok: '✓', warning: '⚠', over: '✕' }

const partCounter = (index: number, count: number) => `Partie ${index + 1} sur ${count}`

function Timer({ label, elapsed, allotted }: { label: string; elapsed: number; allotted: number | null }) {
  const state = timeState(elapsed, allotted)
  return (
    <div className={`rehearsal-timer rehearsal-timer--${state}`} data-state={state}>
      <p className="rehearsal-timer__label">{label}</p>
      <p className="rehearsal-timer__elapsed">
        {/* role="timer" is not live: screen readers read it when asked, not every second. */}
        <span role="timer" aria-label={`${label}\u00a0: temps écoulé`}>
          {formatDuration(elapsed)}
        </span>
      </p>
      {allotted === null ? (
        <p className="rehearsal-timer__allotted">Pas de durée prévue</p>
      ) : (
        <p className="rehearsal-timer__allotted">
          <span className="rehearsal-timer__nowrap">sur {formatDuration(allotted)}</span> ·{' '}
          <span className="rehearsal-timer__nowrap">
            {elapsed > allotted ? '' : 'reste '}
            <span className="rehearsal-timer__remaining">{formatRemaining(allotted - elapsed)}</span>
          </span>
        </p>
      )}
      {allotted !== null && (
        <p className="rehearsal-timer__state">
          <span className="rehearsal-timer__icon" aria-hidden="true">
            {ICONS[state]}
          </span>{' '}
          {TIME_STATE_LABELS[state]}
        </p>
      )}
    </div>
  )
}

function History({ rehearsals, parts }: { rehearsals: readonly PastRehearsal[]; parts: readonly RehearsalPart[] }) {
  const id = useId()
  const allotted = talkAllottedSeconds(parts)
  const progress = rehearsalProgress(rehearsals, allotted)
  const latest = latestRehearsals(rehearsals, 5)
  return (
    <section className="rehearsal__history" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="rehearsal__subtitle">
        Dernières répétitions
      </h2>
      {progress.count === 0 ? (
        <p className="rehearsal__muted">Aucune répétition gardée pour l’instant&nbsp;: la première s’affichera ici.</p>
      ) : (
        <>
          <ul className="rehearsal__progress">
            <li>
              {progress.count} {progress.count > 1 ? 'répétitions' : 'répétition'}, {formatDuration(progress.totalSeconds)} au total
            </li>
            {progress.best && (
              <li>
                Meilleure&nbsp;: {formatDuration(progress.best.seconds)}
                {allotted !== null && ` (prévu\u00a0: ${formatDuration(allotted)})`}, le {formatShortDateTime(progress.best.at)}
              </li>
            )}
            {progress.last && progress.previous && progress.change !== null && (
              <li>
                Dernière&nbsp;: {formatDuration(progress.last.seconds)}, {formatChange(progress.change)} par rapport à la précédente
                {progress.trend === 'closer' && '\u00a0: plus près du temps prévu'}
                {progress.trend === 'further' && '\u00a0: plus loin du temps prévu'}
                {progress.trend === 'same' && '\u00a0: aussi près du temps prévu'}
              </li>
            )}
          </ul>
          <TableWrap label="Durées des dernières répétitions">
            <table className="table rehearsal__table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col" className="num">
                    Durée
                  </th>
                  <th scope="col" className="num">
                    Écart au temps prévu
                  </th>
                </tr>
              </thead>
              <tbody>
                {latest.map((r) => (
                  <tr key={r.id} data-rehearsal-id={r.id}>
                    <th scope="row">
                      {formatShortDateTime(r.at)}
                      {progress.best?.id === r.id && <span className="rehearsal__best"> Meilleure</span>}
                    </th>
                    <td className="num">{formatDuration(r.seconds)}</td>
                    <td className="num">{allotted === null ? '—' : formatChange(r.seconds - allotted)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  )
}

export function RehearsalView({ title, parts, visuals, rehearsals, state, now, summary, announcement = '', on = {}, children }: RehearsalViewProps) {
  const id = useId()
  const part = parts[state.index]
  const progress = rehearsalProgress(rehearsals, talkAllottedSeconds(parts))
  const partElapsed = part ? elapsedSeconds(partElapsedMs(state, parts, part.id, now)) : 0
  const totalElapsed = elapsedSeconds(totalElapsedMs(state, parts, now))
  const first = state.index === 0
  const last = state.index >= parts.length - 1
  const started = state.status === 'running' || state.status === 'paused'
  const finished = state.status === 'finished'
  const toggleLabel = state.status === 'running' ? 'Pause' : state.status === 'paused' ? 'Reprendre' : 'Démarrer'
  // aria-disabled, not disabled: a button that the last « Suivante » disables keeps the focus.
  const guard = (enabled: boolean, action?: () => void) => () => {
    if (enabled) action?.()
  }

  return (
    <section className={`rehearsal rehearsal--${state.status}`} aria-labelledby={`${id}-title`} data-status={state.status}>
      <header className="rehearsal__bar">
        <h1 id={`${id}-title`} className="rehearsal__title">
          Répétition&nbsp;: {title}
        </h1>
        <p className="rehearsal__status">
          <span className="rehearsal__status-dot" aria-hidden="true" /> {STATUS_LABELS[state.status]}
        </p>
        <button type="button" className="button button--ghost button--small" onClick={on.exit} aria-keyshortcuts="Escape">
          Quitter la répétition
        </button>
      </header>

      <div className="rehearsal__live visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>

      {parts.length === 0 || !part ? (
        <p className="rehearsal__muted">Ce support n’a aucune partie&nbsp;: ajoutez-en une pour répéter.</p>
      ) : (
        <div className="rehearsal__layout">
          <article className="rehearsal__part" aria-labelledby={`${id}-part`}>
            <p className="rehearsal__counter">{partCounter(state.index, parts.length)}</p>
            <h2 id={`${id}-part`} className="rehearsal__part-title">
              {part.title || 'Partie sans titre'}
            </h2>
            <div className="rehearsal__message">
              <p className="rehearsal__label">Message clé</p>
              <p>{part.message || 'Pas de message clé pour cette partie.'}</p>
            </div>
            <div className="rehearsal__visual">{visuals?.[part.id] ?? <p className="rehearsal__muted">Pas de visuel pour cette partie.</p>}</div>
            <section className="rehearsal__notes" aria-labelledby={`${id}-notes`}>
              <h3 id={`${id}-notes`} className="rehearsal__label">
                Notes de l’orateur·rice
              </h3>
              <p className="rehearsal__notes-text">{part.notes || 'Pas de notes pour cette partie.'}</p>
            </section>
          </article>

          <aside className="rehearsal__side" aria-label="Chronomètres et plan">
            <div className="rehearsal__timers">
              <Timer label="Cette partie" elapsed={partElapsed} allotted={allottedSeconds(part)} />
              <Timer label="Tout l’oral" elapsed={totalElapsed} allotted={talkAllottedSeconds(parts)} />
            </div>

            <div className="rehearsal__controls" role="group" aria-label="Commandes de la répétition">
              <button
                type="button"
                className="button button--ghost"
                aria-disabled={first || finished}
                aria-keyshortcuts="ArrowLeft PageUp"
                onClick={guard(!first && !finished, on.previous)}
              >
                <span aria-hidden="true">←</span> Précédente
              </button>
              {finished ? (
                <button type="button" className="button" onClick={on.restart}>
                  Recommencer
                </button>
              ) : (
                <button type="button" className="button rehearsal__toggle" aria-keyshortcuts="Space" onClick={on.toggle}>
                  {toggleLabel}
                </button>
              )}
              <button
                type="button"
                className="button button--ghost"
                aria-disabled={last || finished}
                aria-keyshortcuts="ArrowRight PageDown"
                onClick={guard(!last && !finished, on.next)}
              >
                Suivante <span aria-hidden="true">→</span>
              </button>
              <button type="button" className="button button--ghost" aria-disabled={!started} onClick={guard(started, on.finish)}>
                Terminer
              </button>
            </div>

            <details className="rehearsal__shortcuts">
              <summary>Raccourcis clavier</summary>
              <dl>
                <dt>
                  <kbd>→</kbd> ou <kbd>Page suivante</kbd>
                </dt>
                <dd>partie suivante</dd>
                <dt>
                  <kbd>←</kbd> ou <kbd>Page précédente</kbd>
                </dt>
                <dd>partie précédente</dd>
                <dt>
                  <kbd>Espace</kbd>
                </dt>
                <dd>démarrer, mettre en pause ou reprendre (sur un bouton, Espace active ce bouton)</dd>
                <dt>
                  <kbd>Échap</kbd>
                </dt>
                <dd>quitter la répétition (une confirmation est demandée si le chronomètre a démarré)</dd>
              </dl>
            </details>

            {summary && (
              <div className="rehearsal__summary">
                <p>
                  <strong>Répétition terminée en {formatDuration(summary.seconds)}.</strong>
                </p>
              </div>
            )}

            <nav className="rehearsal__plan" aria-label="Plan de l’oral">
              <ol>
                {parts.map((p, i) => {
                  const spent = elapsedSeconds(partElapsedMs(state, parts, p.id, now))
                  const before = progress.last?.parts[p.id]
                  return (
                    <li key={p.id} aria-current={i === state.index ? 'step' : undefined} data-state={timeState(spent, allottedSeconds(p))}>
                      <span className="rehearsal__plan-title">{p.title || 'Partie sans titre'}</span>
                      <span className="rehearsal__plan-times">
                        {formatDuration(spent)}
                        {allottedSeconds(p) !== null && ` / ${formatDuration(allottedSeconds(p) as number)}`}
                        {before !== undefined && ` · la dernière fois\u00a0: ${formatDuration(before)}`}
                      </span>
                    </li>
                  )
                })}
              </ol>
            </nav>
          </aside>
        </div>
      )}

      <History rehearsals={rehearsals} parts={parts} />
      {children}
    </section>
  )
}

export type RehearsalProps = Omit<RehearsalViewProps, 'state' | 'now' | 'summary' | 'announcement' | 'on' | 'children'> & {
  /** Called once, when the learner finishes a rehearsal: the caller keeps it. */
  onFinish: (summary: RehearsalSummary) => void
  /** Leaves the rehearsal (back to the editor). */
  onExit: () => void
  /** The clock, injectable for tests. */
  clock?: () => number
  /** The state to start from (tests, or a rehearsal resumed). */
  initialState?: RehearsalState
}

/** Keys that never trigger a shortcut: typing, or a modal (the confirmation) handling its own keys. */
function ignored(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return true
  const target = event.target
  if (!(target instanceof Element)) return false
  if (target.closest('dialog, input, textarea, select, [contenteditable="true"]')) return true
  return false
}

export function Rehearsal({ onFinish, onExit, clock = Date.now, initialState, ...view }: RehearsalProps) {
  const { parts } = view
  const [state, setState] = useState<RehearsalState>(initialState ?? readyRehearsal)
  // The latest state for handlers: two keys pressed before React renders again both count.
  const current = useRef(state)
  const [now, setNow] = useState<number>(() => clock())
  const [summary, setSummary] = useState<RehearsalSummary | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const { ask, dialog } = useConfirm()

  // The clock ticks only while running, four times a second (a second shown never lags by more than 250 ms).
  useEffect(() => {
    if (state.status !== 'running') return
    const timer = window.setInterval(() => setNow(clock()), 250)
    return () => window.clearInterval(timer)
  }, [state.status, clock])

  const describePart = (index: number) => {
    const p = parts[index]
    if (!p) return ''
    const allotted = allottedSeconds(p)
    return `${partCounter(index, parts.length)}\u00a0: ${p.title || 'Partie sans titre'}${allotted === null ? '' : `, ${formatDuration(allotted)} prévues`}.`
  }

  const apply = (transition: (s: RehearsalState, t: number) => RehearsalState, message: (after: RehearsalState, before: RehearsalState) => string) => {
    const t = clock()
    const before = current.current
    const after = transition(before, t)
    setNow(t)
    if (after === before) return null
    current.current = after
    setState(after)
    setAnnouncement(message(after, before))
    return { after, t }
  }

  const handlers: Handlers = {
    toggle: () =>
      apply(
        (s, t) => toggle(s, parts, t),
        (s, before) =>
          s.status === 'paused'
            ? 'Chronomètre en pause.'
            : before.status === 'ready'
              ? `Répétition commencée. ${describePart(s.index)}`
              : 'Chronomètre relancé.',
      ),
    next: () =>
      apply(
        (s, t) => next(s, parts, t),
        (s) => describePart(s.index),
      ),
    previous: () =>
      apply(
        (s, t) => previous(s, parts, t),
        (s) => describePart(s.index),
      ),
    finish: () => {
      let result: RehearsalSummary | null = null
      const done = apply(
        (s, t) => {
          const after = finish(s, parts, t)
          result = summarize(after, parts, t)
          return after
        },
        () => `Répétition terminée en ${formatDuration(result?.seconds ?? 0)}.`,
      )
      // Only the press that finished it: a second one changes nothing and keeps nothing twice.
      if (done && result !== null) {
        setSummary(result)
        onFinish(result)
      }
    },
    restart: () => {
      overAnnounced.current.clear()
      current.current = readyRehearsal()
      setState(current.current)
      setSummary(null)
      setNow(clock())
      setAnnouncement('Nouvelle répétition prête à démarrer.')
    },
    exit: () => {
      const { status } = current.current
      if (status === 'running' || status === 'paused') {
        ask('Le chronomètre a démarré\u00a0: le temps de cette répétition ne sera pas gardé.', onExit, 'Quitter la répétition')
      } else onExit()
    },
  }

  // Announce once when the current part, then the whole talk, goes over its time (never every second).
  const part = parts[state.index]
  const partState = part ? timeState(elapsedSeconds(partElapsedMs(state, parts, part.id, now)), allottedSeconds(part)) : 'ok'
  const talkState = timeState(elapsedSeconds(totalElapsedMs(state, parts, now)), talkAllottedSeconds(parts))
  const overAnnounced = useRef(new Set<string>())
  useEffect(() => {
    if (!part || state.status !== 'running') return
    const announced = overAnnounced.current
    if (talkState === 'over' && !announced.has('talk')) {
      announced.add('talk')
      if (partState === 'over') announced.add(part.id)
      setAnnouncement('Temps dépassé pour l’ensemble de l’oral.')
    } else if (partState === 'over' && !announced.has(part.id)) {
      announced.add(part.id)
      setAnnouncement(`Temps dépassé pour la partie « ${part.title || 'Partie sans titre'} ».`)
    }
  }, [partState, talkState, part, state.status])

  // One listener for the page; it reads the latest handlers through a ref.
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (ignored(event)) return
      const h = latest.current
      const target = event.target instanceof Element ? event.target : null
      switch (event.key) {
        case 'ArrowRight':
        case 'PageDown':
          event.preventDefault()
          h.next()
          break
        case 'ArrowLeft':
        case 'PageUp':
          event.preventDefault()
          h.previous()
          break
        case ' ':
        case 'Spacebar':
          // On a button, link or disclosure, Space keeps its own meaning (activating it).
          if (target?.closest('button, a, summary, [role="button"]')) return
          event.preventDefault()
          h.toggle()
          break
        case 'Escape':
          event.preventDefault()
          h.exit()
          break
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <RehearsalView {...view} state={state} now={now} summary={summary} announcement={announcement} on={handlers}>
      {dialog}
    </RehearsalView>
  )
}
