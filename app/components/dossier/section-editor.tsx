import { useEffect, useState, type ReactNode } from 'react'
import type { Section } from '#templates/template.schema'
import type { BankEntry } from '~/services/comment-bank.server'
import type { ThreadView } from '~/services/comments.server'
import { useSectionComments } from '../comments/use-section-comments'
import { formatDate, formatTime, frenchTypography as ft } from '~/domain/format'
import { STATUS_LABELS, type Status } from '~/domain/self-assessment'
import type { HintResult } from '~/kinds/hints'
import { definitionOf } from '~/kinds/registry'
import { FieldEditor, FieldView } from '~/kinds/registry.browser'
import type { LinkableObjective } from '~/kinds/types.browser'
import type { FieldValue } from '~/kinds/values'
import { DownloadLink } from '../download-link'
import { Badge } from '../ui'
import { useSectionAutosave, type SaveStatus, type ServerState } from './use-autosave'

const PART_LABELS = { written: 'Écrit', oral: 'Oral', rex: 'REX individuel' } as const

export type CriterionInfo = { id: string; text: string; heading: string; status: Status }

export function SectionEditor({
  dossierId,
  section,
  initial,
  criteria,
  hints,
  onContent,
  onStatus,
  objectives,
  threads,
}: {
  dossierId: string
  section: Section
  initial: ServerState
  criteria: CriterionInfo[]
  hints: HintResult[]
  onContent: (sectionId: string, value: FieldValue) => void
  onStatus: (sectionId: string, status: SaveStatus, savedAt: number | null) => void
  objectives: LinkableObjective[]
  /** The comment threads on this section (the learner reads and answers them). */
  threads: ThreadView[]
}) {
  const save = useSectionAutosave({
    url: `/api/dossiers/${dossierId}/sections/${section.id}`,
    storageKey: `atelier:brouillon:${dossierId}:${section.id}`,
    initial,
  })
  // The conflict the learner chose to merge by hand; a new conflict starts without it.
  const [mergingFor, setMergingFor] = useState<ServerState | null>(null)
  const merging = mergingFor !== null && mergingFor === save.conflict
  const titleId = `section-${section.id}-title`
  const guidanceId = `section-${section.id}-guidance`
  const comments = useSectionComments({ dossierId, section, value: save.content, threads, canComment: false, bank: [], criteria })

  useEffect(() => onContent(section.id, save.content), [save.content, section.id, onContent])
  useEffect(() => onStatus(section.id, save.status, save.savedAt), [save.status, save.savedAt, section.id, onStatus])

  return (
    <SectionFrame
      dossierId={dossierId}
      section={section}
      status={<SectionStatus status={save.status} savedAt={save.savedAt} />}
      criteria={criteria}
      hints={hints}
      margin={comments.margin}
      bodyRef={comments.bodyRef}
      alerts={
        <>
          {save.error ? (
            <div className="alert alert--error" role="alert">
              <p>{save.error} Vos modifications restent enregistrées sur cet appareil.</p>
              {save.issues.length ? (
                <ul>
                  {save.issues.map((issue, i) => (
                    <li key={i}>{issue.place ? `${issue.place} : ${issue.message}` : issue.message}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}

          {save.conflict ? (
            <div className="conflict" role="alert" aria-labelledby={`${titleId}-conflict`}>
              <h3 id={`${titleId}-conflict`}>Conflit à résoudre</h3>
              <p>
                {save.conflict.updatedBy ?? 'Quelqu’un'} a enregistré cette section à {formatTime(new Date(save.conflict.updatedAt))} pendant que vous la
                modifiiez. Rien n’est perdu : choisissez la version à garder. L’autre restera dans l’historique.
              </p>
              <div className="conflict__versions">
                <div>
                  <h4>Votre version</h4>
                  <div className="conflict__box">
                    <FieldView field={section.field} value={save.content} caption={`${section.title} — votre version`} />
                  </div>
                </div>
                <div>
                  <h4>L’autre version (enregistrée)</h4>
                  <div className="conflict__box">
                    <FieldView field={section.field} value={save.conflict.content} caption={`${section.title} — l’autre version`} />
                  </div>
                </div>
              </div>
              <div className="conflict__actions">
                <button type="button" className="button" onClick={save.keepMine}>
                  {merging ? 'Enregistrer ma fusion' : 'Garder ma version'}
                </button>
                <button type="button" className="button button--ghost" onClick={() => void save.takeTheirs()}>
                  Prendre l’autre version
                </button>
                {!merging ? (
                  <button type="button" className="button button--ghost" onClick={() => setMergingFor(save.conflict)}>
                    Fusionner à la main
                  </button>
                ) : (
                  <p className="card__muted">Reprenez dans l’éditeur ci-dessous ce que vous voulez garder de l’autre version, puis enregistrez votre fusion.</p>
                )}
              </div>
            </div>
          ) : null}
        </>
      }
    >
      <FieldEditor
        field={section.field}
        value={save.content}
        onChange={save.change}
        ctx={{
          titleId,
          guidanceId,
          caption: section.title,
          uploadUrl: `/api/dossiers/${dossierId}/images`,
          resetKey: save.resetKey,
          objectives,
          issues: save.issues,
          annotations: comments.annotations,
        }}
      />
    </SectionFrame>
  )
}

/**
 * A section read by someone who does not write it (the tutor): the same
 * layout, the value read-only — a rich text in its editor made read-only (so
 * that passages can be selected with the keyboard to comment on them), other
 * kinds in their view — with the comments in the margin.
 */
export function SectionReader({
  dossierId,
  section,
  state,
  criteria,
  hints,
  threads,
  canComment,
  bank,
}: {
  dossierId: string
  section: Section
  state: ServerState
  criteria: CriterionInfo[]
  hints: HintResult[]
  threads: ThreadView[]
  canComment: boolean
  bank: BankEntry[]
}) {
  const titleId = `section-${section.id}-title`
  const guidanceId = `section-${section.id}-guidance`
  const comments = useSectionComments({ dossierId, section, value: state.content, threads, canComment, bank, criteria })
  const updated = state.updatedAt ? `Modifiée le ${formatDate(new Date(state.updatedAt))} à ${formatTime(new Date(state.updatedAt))}` : 'Pas encore écrite'
  return (
    <SectionFrame
      dossierId={dossierId}
      section={section}
      status={<span className="save-status">{updated}</span>}
      criteria={criteria}
      hints={hints}
      margin={comments.margin}
      bodyRef={comments.bodyRef}
    >
      {section.field.kind === 'richText' ? (
        <FieldEditor
          field={section.field}
          value={state.content}
          onChange={ignore}
          ctx={{
            titleId,
            guidanceId,
            caption: section.title,
            uploadUrl: '',
            resetKey: state.version,
            objectives: [],
            issues: [],
            readOnly: true,
            annotations: comments.annotations,
          }}
        />
      ) : (
        <FieldView field={section.field} value={state.content} caption={section.title} headingLevel={3} />
      )}
    </SectionFrame>
  )
}

const ignore = () => {}

/** What every section shows around its value: title, part, downloads, guidance, then the value beside its criteria, hints and comments. */
function SectionFrame({
  dossierId,
  section,
  status,
  alerts,
  criteria,
  hints,
  margin,
  bodyRef,
  children,
}: {
  dossierId: string
  section: Section
  status: ReactNode
  alerts?: ReactNode
  criteria: CriterionInfo[]
  hints: HintResult[]
  margin: ReactNode
  bodyRef: React.RefObject<HTMLDivElement>
  children: ReactNode
}) {
  const titleId = `section-${section.id}-title`
  const guidanceId = `section-${section.id}-guidance`
  const kind = definitionOf(section.field)
  return (
    <section id={`section-${section.id}`} className="dossier-section card" aria-labelledby={titleId}>
      <header className="dossier-section__head">
        <h2 id={titleId}>{ft(section.title)}</h2>
        <div className="dossier-section__meta">
          <Badge tone={section.part === 'written' ? 'neutral' : 'accent'}>{PART_LABELS[section.part]}</Badge>
          {status}
          <DownloadLink href={`/dossiers/${dossierId}/export.docx?section=${section.id}`} className="print-link">
            Word<span className="visually-hidden"> : télécharger « {section.title} »</span>
          </DownloadLink>
          {kind.excel ? (
            <DownloadLink href={`/dossiers/${dossierId}/export.xlsx?section=${section.id}`} className="print-link">
              Excel<span className="visually-hidden"> : télécharger « {section.title} »</span>
            </DownloadLink>
          ) : null}
          {kind.printable ? (
            <a href={`/dossiers/${dossierId}/imprimer/${section.id}`} className="print-link">
              Fiches imprimables<span className="visually-hidden"> : {section.title}</span>
            </a>
          ) : null}
        </div>
      </header>
      <p id={guidanceId} className="dossier-section__guidance">
        {ft(section.guidance)}
      </p>

      {alerts}
      <div className="dossier-section__body" ref={bodyRef}>
        <div className="dossier-section__editor">{children}</div>
        <aside className="dossier-section__aside" aria-label={`Critères et commentaires de « ${section.title} »`}>
          {criteria.length > 0 ? (
            <>
              <h3 className="aside-title">Critères d’évaluation</h3>
              <ul className="criteria-mini">
                {criteria.map((c) => (
                  <li key={c.id}>
                    <span className="criteria-mini__id">{c.id}</span> {ft(c.text)}{' '}
                    <a href={`#critere-${c.id}`} className={`status-chip status-chip--${c.status}`}>
                      {STATUS_LABELS[c.status]}
                      <span className="visually-hidden"> — voir l’auto-évaluation</span>
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="card__muted">Cette section prépare l’épreuve sans critère propre.</p>
          )}
          {hints.length > 0 ? (
            <div className="hints">
              <h3 className="aside-title">Indices</h3>
              <ul>
                {hints.map((h, i) => (
                  <li key={i}>{h.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {margin}
        </aside>
      </div>
    </section>
  )
}

export function saveStatusText(status: SaveStatus, savedAt: number | null): string {
  switch (status) {
    case 'conflict':
      return 'Conflit à résoudre'
    case 'offline':
      return 'Hors ligne — modifications conservées sur cet appareil'
    case 'error':
      return 'Non enregistré — modifications conservées sur cet appareil'
    case 'saving':
    case 'pending':
      return 'Enregistrement…'
    case 'saved':
      return savedAt ? `Enregistré à ${formatTime(new Date(savedAt))}` : 'Aucune modification'
  }
}

function SectionStatus({ status, savedAt }: { status: SaveStatus; savedAt: number | null }) {
  return <span className={`save-status save-status--${status}`}>{saveStatusText(status, savedAt)}</span>
}
