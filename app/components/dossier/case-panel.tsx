import { useEffect, useRef, useState } from 'react'
import { frenchTypography as ft, plural } from '~/domain/format'
import { plainTextBlocks } from '~/domain/plain-text'
import { useHydrated } from '../use-hydrated'

type CaseFile = { id: string; name: string; href: string; typeLabel: string; sizeLabel: string }

export type CaseBrief = {
  dossierId: string
  evaluation: { title: string; context: string; deliverables: { part: string; text: string }[] }
  caseMaterial: { title: string; body: string } | null
  caseFiles: CaseFile[]
  showCaseMaterial: boolean
}

const storageKey = (dossierId: string) => `atelier:cas-ouvert:${dossierId}`

/**
 * The subject of the épreuve and the company's case, in a panel beside the
 * writing: it stays open while the learner writes, from the dossier page to
 * focus mode and back (remembered for the tab). Its text is rendered only once
 * opened: the page does not carry the case for those who do not read it.
 */
export function CasePanel(props: CaseBrief & { label?: string }) {
  const { dossierId, caseFiles, showCaseMaterial } = props
  const [open, setOpen] = useState(false)
  const toggleRef = useRef<HTMLButtonElement>(null)
  const titleRef = useRef<HTMLHeadingElement>(null)
  const moved = useRef(false)
  // The button works once the page is hydrated: until then a click would do nothing.
  const hydrated = useHydrated()

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- sessionStorage exists only in the browser, after hydration
    if (sessionStorage.getItem(storageKey(dossierId)) === '1') setOpen(true)
  }, [dossierId])
  const change = (next: boolean) => {
    moved.current = true
    setOpen(next)
    if (next) sessionStorage.setItem(storageKey(dossierId), '1')
    else sessionStorage.removeItem(storageKey(dossierId))
  }
  useEffect(() => {
    if (moved.current) (open ? titleRef : toggleRef).current?.focus()
    if (!open) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && e.target instanceof Node && document.getElementById('panneau-cas')?.contains(e.target)) change(false)
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `change` only writes state and storage
  }, [open])

  const label =
    props.label ?? `Le sujet${showCaseMaterial ? ' et le cas' : ''}${caseFiles.length ? ` · ${plural(caseFiles.length, 'document', 'documents')}` : ''}`
  return (
    <>
      <button
        type="button"
        ref={toggleRef}
        className="button button--ghost button--small case-toggle"
        aria-expanded={open}
        aria-controls="panneau-cas"
        disabled={!hydrated}
        onClick={() => change(!open)}
      >
        {label}
      </button>
      {open ? (
        <aside id="panneau-cas" className="case-panel" aria-labelledby="panneau-cas-titre">
          <div className="case-panel__head">
            <h2 id="panneau-cas-titre" ref={titleRef} tabIndex={-1}>
              Le sujet{showCaseMaterial ? ' et le cas' : ''}
            </h2>
            <button type="button" className="button button--ghost button--small" onClick={() => change(false)}>
              Fermer<span className="visually-hidden"> le panneau du sujet</span>
            </button>
          </div>
          <CaseBriefContent {...props} />
        </aside>
      ) : null}
    </>
  )
}

/** What the référentiel says of the épreuve, the company's case and its documents. */
export function CaseBriefContent({ evaluation, caseMaterial, caseFiles, showCaseMaterial }: CaseBrief) {
  return (
    <div className="case-brief">
      <h3 className="brief__title">Ce que dit le référentiel</h3>
      <p>{ft(evaluation.context)}</p>
      {evaluation.deliverables.length ? (
        <ul>
          {evaluation.deliverables.map((d) => (
            <li key={d.part}>{ft(d.text)}</li>
          ))}
        </ul>
      ) : null}
      {showCaseMaterial ? (
        caseMaterial ? (
          <section className="case" aria-labelledby="case-title">
            <h3 id="case-title" className="brief__title">
              {caseMaterial.title}
            </h3>
            {plainTextBlocks(caseMaterial.body).map((b, i) =>
              b.kind === 'heading' ? (
                <h4 key={i}>{b.text}</h4>
              ) : b.kind === 'list' ? (
                <ul key={i}>
                  {b.items.map((item, j) => (
                    <li key={j}>{item}</li>
                  ))}
                </ul>
              ) : (
                <p key={i}>{b.text}</p>
              ),
            )}
          </section>
        ) : caseFiles.length === 0 ? (
          <p className="card__muted">Le dossier de l’entreprise fictive sera fourni par votre école.</p>
        ) : null
      ) : null}
      {caseFiles.length ? (
        <section className="case-documents" aria-labelledby="case-files-title">
          <h3 id="case-files-title" className="brief__title">
            Documents de l’entreprise
          </h3>
          <ul className="case-files">
            {caseFiles.map((f) => (
              <li key={f.id} className="case-files__item">
                <div className="case-files__main">
                  <a href={f.href} download={f.name} className="case-files__name">
                    {f.name}
                  </a>
                  <span className="case-files__meta">
                    {f.typeLabel} · {f.sizeLabel}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
