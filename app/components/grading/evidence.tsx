import { useId, useState } from 'react'
import type { GradeEvidence } from '~/domain/grading'
import { sectionAnchor, useSnapshotIndex } from './snapshot-index'
import { evidenceKey, useBus } from './store'

/** The id of the page's « Passage sélectionné » line, which describes every « Citer le passage sélectionné » button. */
export const SELECTION_STATUS_ID = 'jury-selection'

const excerpt = (s: string, max = 90) => {
  const flat = s.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** What a piece of evidence is called: the quoted words, or the item's label. */
export function evidenceLabel(e: GradeEvidence): string {
  return e.kind === 'passage' ? `«\u00a0${excerpt(e.selectors[0]?.exact ?? '')}\u00a0»` : e.label
}

/**
 * The evidence of one criterion: cited passages and items as links to the
 * snapshot (which scroll to them and highlight them), each removable; « Citer
 * le passage sélectionné » (the last passage selected in the snapshot) and
 * « Citer un élément » (an item of a structured section).
 */
export function EvidenceEditor({
  evidence,
  onChange,
  criterionLabel,
}: {
  evidence: GradeEvidence[]
  onChange: (evidence: GradeEvidence[]) => void
  /** « C1.1-2 (écrit) », for the names of the buttons. */
  criterionLabel: string
}) {
  const bus = useBus()
  const { where, itemGroups } = useSnapshotIndex()
  const id = useId()
  const [message, setMessage] = useState('')
  const [choosing, setChoosing] = useState(false)
  const [choice, setChoice] = useState('')
  const keys = new Set(evidence.map(evidenceKey))

  const add = (e: GradeEvidence) => {
    if (keys.has(evidenceKey(e))) {
      setMessage(`Déjà cité pour ce critère : ${evidenceLabel(e)}.`)
      return
    }
    onChange([...evidence, e])
    setMessage(`Preuve ajoutée : ${evidenceLabel(e)}.`)
  }

  const citePassage = () => {
    const selection = bus.selection.get()
    if (!selection) {
      setMessage('Aucun passage sélectionné : sélectionnez d’abord un passage dans la copie (au clavier : Maj + flèches), puis revenez ici.')
      return
    }
    add({ kind: 'passage', submissionId: selection.submissionId, sectionId: selection.sectionId, selectors: selection.selectors })
  }

  const citeItem = () => {
    const [g, i] = choice.split(':').map(Number)
    const group = itemGroups[g ?? -1]
    const item = group?.items[i ?? -1]
    if (!group || !item) {
      setMessage('Choisissez d’abord un élément dans la liste.')
      return
    }
    add({ kind: 'item', submissionId: group.submissionId, sectionId: group.sectionId, itemId: item.id, label: item.label })
    setChoice('')
  }

  const remove = (e: GradeEvidence) => {
    onChange(evidence.filter((x) => evidenceKey(x) !== evidenceKey(e)))
    setMessage(`Preuve retirée : ${evidenceLabel(e)}.`)
  }

  const show = (event: React.MouseEvent<HTMLAnchorElement>, e: GradeEvidence) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    bus.reveal.set((r) => ({ evidence: e, nonce: (r?.nonce ?? 0) + 1, from: event.currentTarget.id }))
  }

  return (
    <div className="jury-evidence">
      {evidence.length ? (
        <>
          <p className="jury-evidence__title" id={`${id}-title`}>
            Preuves citées
          </p>
          <ul className="jury-evidence__list" aria-labelledby={`${id}-title`}>
            {evidence.map((e, n) => {
              const key = evidenceKey(e)
              const label = evidenceLabel(e)
              return (
                <li key={key}>
                  <a id={`${id}-${n}`} href={`#${sectionAnchor(e.submissionId, e.sectionId)}`} data-evidence={key} onClick={(event) => show(event, e)}>
                    {label}
                  </a>{' '}
                  <span className="jury-evidence__where">— {where(e.submissionId, e.sectionId) || 'dans un dépôt antérieur'}</span>{' '}
                  <button type="button" className="button button--ghost button--small" onClick={() => remove(e)}>
                    Retirer<span className="visually-hidden"> la preuve {label}</span>
                  </button>
                </li>
              )
            })}
          </ul>
        </>
      ) : null}
      <div className="jury-evidence__actions">
        <button type="button" className="button button--ghost button--small" onClick={citePassage} aria-describedby={SELECTION_STATUS_ID}>
          Citer le passage sélectionné<span className="visually-hidden"> pour {criterionLabel}</span>
        </button>
        {itemGroups.length ? (
          <details className="jury-evidence__items" open={choosing} onToggle={(e) => setChoosing(e.currentTarget.open)}>
            <summary>
              Citer un élément<span className="visually-hidden"> pour {criterionLabel}</span>
            </summary>
            {choosing ? (
              <div className="jury-evidence__choose">
                <label htmlFor={`${id}-item`}>Élément de la copie</label>
                <select id={`${id}-item`} value={choice} onChange={(e) => setChoice(e.target.value)}>
                  <option value="">— Choisir un élément —</option>
                  {itemGroups.map((g, gi) => (
                    <optgroup key={`${g.submissionId}-${g.sectionId}`} label={g.where}>
                      {g.items.map((item, ii) => (
                        <option key={item.id} value={`${gi}:${ii}`}>
                          {item.label}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
                <button type="button" className="button button--small" onClick={citeItem}>
                  Citer cet élément
                </button>
              </div>
            ) : null}
          </details>
        ) : null}
      </div>
      <p className="jury-evidence__message" role="status">
        {message}
      </p>
    </div>
  )
}
