import { useEffect, useRef, type ReactNode } from 'react'

export function PageHeader({ title, lead, actions }: { title: ReactNode; lead?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {lead ? <p className="lead">{lead}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  )
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children ? <div className="empty-state__body">{children}</div> : null}
    </div>
  )
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'info' | 'success' | 'accent'; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>
}

export function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
}

/** A message; with `focus`, it takes the focus when it appears (the outcome of what the user just did, on a new page). */
export function Alert({
  tone = 'error',
  children,
  id,
  focus = false,
}: {
  tone?: 'error' | 'success' | 'info'
  children: ReactNode
  id?: string
  focus?: boolean
}) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (focus) ref.current?.focus()
  }, [focus])
  return (
    <div ref={ref} id={id} className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'} tabIndex={focus ? -1 : undefined}>
      {children}
    </div>
  )
}

/** A horizontally scrollable table container, reachable by keyboard. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}

/** « atteint » agrees with the number of criteria reached: « 0/15 atteint », « 1/15 atteint », « 2/15 atteints ». */
const reached = (achieved: number) => (achieved > 1 ? 'atteints' : 'atteint')

/** The figures of a progress bar, kept on one line: « 2/15 atteints · 1 en cours ». */
export function progressFigures(achieved: number, total: number, inProgress?: number): string {
  return `${achieved}/${total}\u00a0${reached(achieved)}${inProgress ? `\u00a0·\u00a0${inProgress}\u00a0en\u00a0cours` : ''}`
}

/** A labelled progress bar with its figures in text (never colour alone). */
export function ProgressBar({ label, achieved, total, inProgress, id }: { label: string; achieved: number; total: number; inProgress?: number; id?: string }) {
  const percent = total === 0 ? 0 : Math.round((achieved / total) * 100)
  return (
    <div className="progress" id={id}>
      <div className="progress__label">
        <span>{label}</span>
        <span className="progress__figures">{progressFigures(achieved, total, inProgress)}</span>
      </div>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}\u00a0% — ${achieved} critère${achieved > 1 ? 's' : ''} ${reached(achieved)} sur ${total}`}
      >
        <div className="progress__fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  )
}
