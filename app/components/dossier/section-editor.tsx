import { Link, useRouteLoaderData } from '@remix-run/react'
import { lazy, Suspense, useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { Section } from '#templates/template.schema'
import type { BankEntry } from '~/services/comment-bank.server'
import type { ThreadView } from '~/services/comments.server'
import { useSectionComments } from '../comments/use-section-comments'
import { formatDate, formatTime, frenchTypography as ft, plural } from '~/domain/format'
import { STATUS_LABELS, type Status } from '~/domain/self-assessment'
import type { HintResult } from '~/kinds/hints'
import { caretColor } from '~/kinds/rich-text/caret-color'
import type { loader as rootLoader } from '~/root'
import { definitionOf, entryOf, isEmpty } from '~/kinds/registry.on-demand'
import { editsInFocus, FieldEditor, FieldView } from '~/kinds/registry.browser'
import type { LinkableObjective, LinkablePersona, OralMember, OralPicture } from '~/kinds/types.browser'
import type { FieldValue } from '~/kinds/values'
import { DownloadLink } from '../download-link'
import { useHydrated } from '../use-hydrated'
import { Badge } from '../ui'
import { CriterionStatus } from './criterion-status'
import { useSectionAutosave, type SaveStatus, type ServerState } from './use-autosave'
import { draftKey } from './use-open-sections'
import { presenceText } from './use-presence'

const PART_LABELS = { written: 'Écrit', oral: 'Oral', rex: 'REX individuel' } as const

/** Shown only after a merge found fields changed both ways (issue 17 §3): loaded then. */
const MergedFields = lazy(() => import('./merged-fields').then((m) => ({ default: m.MergedFields })))

export type CriterionInfo = { id: string; text: string; heading: string; status: Status }
/** A criterion a section discusses without evidencing it (a REX's critique): its id and wording. */
export type DiscussedCriterion = { id: string; text: string }

/** Where a section is shown: among the others on the dossier page, or alone at full width (focus mode). */
export type SectionLayout = 'page' | 'focus'

/**
 * On the dossier page a section opens and closes (the page carries only the
 * sections being read or written); once opened, its editor stays mounted
 * while closed, so that its state and pending saves survive.
 */
type Collapsible = { collapsed?: boolean; onToggle?: () => void }

/** The address of a section in focus mode. */
export const focusHref = (dossierId: string, sectionId: string) => `/dossiers/${dossierId}/sections/${sectionId}`

export function SectionEditor({
  dossierId,
  section,
  initial,
  criteria,
  hints,
  onContent,
  onStatus,
  objectives,
  personas,
  oral,
  threads,
  discussed = [],
  layout = 'page',
  group = false,
  present = [],
  collapsed = false,
  onToggle,
}: {
  dossierId: string
  section: Section
  initial: ServerState
  criteria: CriterionInfo[]
  hints: HintResult[]
  onContent: (sectionId: string, value: FieldValue) => void
  onStatus: (sectionId: string, status: SaveStatus, savedAt: number | null) => void
  objectives: LinkableObjective[]
  /** The learner's personae (an experience map recalls one). */
  personas?: LinkablePersona[]
  /** For an oral: the group's members (its speakers) and the dossier's sections it may show. */
  oral?: { members: OralMember[]; pictures: OralPicture[] }
  /** The comment threads on this section (the learner reads and answers them). */
  threads: ThreadView[]
  discussed?: DiscussedCriterion[]
  layout?: SectionLayout
  /** A group dossier: its structured sections merge the members' saves and show them live (issue 17 §3). */
  group?: boolean
  /** The other members in this section now (issue 17 §2). */
  present?: string[]
} & Collapsible) {
  // The rich text of a group dossier is written together, live: the collaboration server stores it (issue 17 §1).
  const me = useRouteLoaderData<typeof rootLoader>('root')?.user
  const together = group && section.field.kind === 'richText' && Boolean(me)
  const save = useSectionAutosave({
    url: `/api/dossiers/${dossierId}/sections/${section.id}`,
    storageKey: draftKey(dossierId, section.id),
    initial,
    shared: group && section.field.kind !== 'richText',
    live: group && section.field.kind !== 'richText' && !collapsed,
    saves: !together,
  })
  // The conflict the learner chose to merge by hand; a new conflict starts without it.
  const [mergingFor, setMergingFor] = useState<ServerState | null>(null)
  const merging = mergingFor !== null && mergingFor === save.conflict
  const titleId = `section-${section.id}-title`
  const guidanceId = `section-${section.id}-guidance`
  const comments = useSectionComments({ dossierId, section, value: save.content, threads, canComment: false, bank: [], criteria })

  useEffect(() => onContent(section.id, save.content), [save.content, section.id, onContent])
  useEffect(() => onStatus(section.id, save.status, save.savedAt), [save.status, save.savedAt, section.id, onStatus])
  // A specialised editor (Gantt, persona, mix…) is edited at full width: the dossier page shows its picture.
  const pictureOnly = layout === 'page' && editsInFocus(section.field)
  const rehearsable = definitionOf(section.field).rehearsable === true && !isEmpty(entryOf(section.field, save.content))

  return (
    <SectionFrame
      dossierId={dossierId}
      section={section}
      layout={layout}
      collapsed={collapsed}
      onToggle={onToggle}
      started={!isEmpty(entryOf(section.field, save.content))}
      status={
        <>
          {present.length ? <span className="presence-badge">{presenceText(present)}</span> : null}
          <SectionStatus status={save.status} savedAt={save.savedAt} />
        </>
      }
      criteria={criteria}
      discussed={discussed}
      criterion={(c) => <CriterionStatus dossierId={dossierId} criterionId={c.id} status={c.status} name={`statut-${section.id}-${c.id}`} />}
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

          {save.merged.length ? (
            <Suspense fallback={null}>
              <MergedFields
                section={section}
                value={save.content}
                conflicts={save.merged}
                keepMine={(c) => void save.keepMyField(c)}
                dismiss={save.dismissMerged}
                headingId={`${titleId}-merged`}
              />
            </Suspense>
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
      {pictureOnly ? (
        <>
          <FieldView field={section.field} value={save.content} caption={section.title} headingLevel={3} members={oral?.members} />
          <p className="open-focus">
            <Link to={focusHref(dossierId, section.id)} className="button">
              {isEmpty(entryOf(section.field, save.content)) ? 'Commencer' : 'Modifier'}
              <span className="visually-hidden"> « {section.title} »</span> dans l’éditeur plein écran
            </Link>
            {rehearsable ? <RehearseLink dossierId={dossierId} section={section} /> : null}
          </p>
        </>
      ) : (
        <>
          {rehearsable ? (
            <p className="open-focus">
              <RehearseLink dossierId={dossierId} section={section} />
            </p>
          ) : null}
          <FieldEditor
            field={section.field}
            value={save.content}
            onChange={save.change}
            ctx={{
              titleId,
              guidanceId,
              caption: section.title,
              uploadUrl: `/api/dossiers/${dossierId}/images`,
              attachmentUrl: `/api/dossiers/${dossierId}/pieces-jointes`,
              resetKey: save.resetKey,
              ...(together && me
                ? {
                    collab: {
                      document: `${dossierId}/${section.id}`,
                      user: { name: me.name, color: caretColor(me.name) },
                      onSaveState: save.reportSaveState,
                    },
                  }
                : {}),
              objectives,
              personas,
              members: oral?.members,
              pictures: oral?.pictures,
              criteria: criteria.map((k) => ({ id: k.id, text: k.text, status: k.status })),
              issues: save.issues,
              annotations: comments.annotations,
            }}
          />
        </>
      )}
    </SectionFrame>
  )
}

/** « Répéter l’oral »: the timed rehearsal of a talk (a kind with a rehearsal page, once it has parts). */
function RehearseLink({ dossierId, section }: { dossierId: string; section: Section }) {
  return (
    <Link to={`/dossiers/${dossierId}/repetition/${section.id}`} className="button button--ghost">
      Répéter l’oral<span className="visually-hidden"> « {section.title} »</span>
    </Link>
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
  members,
  discussed = [],
  layout = 'page',
  collapsed = false,
  onToggle,
}: {
  dossierId: string
  section: Section
  state: ServerState
  criteria: CriterionInfo[]
  hints: HintResult[]
  threads: ThreadView[]
  canComment: boolean
  bank: BankEntry[]
  /** The group's members (an oral names its speakers). */
  members?: OralMember[]
  discussed?: DiscussedCriterion[]
  layout?: SectionLayout
} & Collapsible) {
  const titleId = `section-${section.id}-title`
  const guidanceId = `section-${section.id}-guidance`
  const comments = useSectionComments({ dossierId, section, value: state.content, threads, canComment, bank, criteria })
  const updated = state.updatedAt ? `Modifiée le ${formatDate(new Date(state.updatedAt))} à ${formatTime(new Date(state.updatedAt))}` : 'Pas encore écrite'
  return (
    <SectionFrame
      dossierId={dossierId}
      section={section}
      layout={layout}
      collapsed={collapsed}
      onToggle={onToggle}
      started={!isEmpty(entryOf(section.field, state.content))}
      status={<span className="save-status">{updated}</span>}
      criteria={criteria}
      discussed={discussed}
      criterion={(c) => (
        <a href={`#critere-${c.id}`} className={`status-chip status-chip--${c.status}`}>
          {STATUS_LABELS[c.status]}
          <span className="visually-hidden"> — voir l’auto-évaluation</span>
        </a>
      )}
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
        <FieldView field={section.field} value={state.content} caption={section.title} headingLevel={3} members={members} />
      )}
    </SectionFrame>
  )
}

const ignore = () => {}

/**
 * What every section shows around its value: title, part, downloads, guidance,
 * then the value beside its criteria (with their status), hints and comments —
 * in a column on the dossier page, in a drawer in focus mode. Hints read as
 * to-dos until the section is started, as warnings after.
 */
function SectionFrame({
  dossierId,
  section,
  layout,
  collapsed,
  onToggle,
  started,
  status,
  alerts,
  criteria,
  discussed,
  criterion,
  hints,
  margin,
  bodyRef,
  children,
}: {
  dossierId: string
  section: Section
  layout: SectionLayout
  started: boolean
  status: ReactNode
  alerts?: ReactNode
  criteria: CriterionInfo[]
  discussed: DiscussedCriterion[]
  /** How a criterion's status shows: a control for the learner, a chip for a reader. */
  criterion: (c: CriterionInfo) => ReactNode
  hints: HintResult[]
  margin: ReactNode
  bodyRef: React.RefObject<HTMLDivElement>
  children: ReactNode
} & Collapsible) {
  const titleId = `section-${section.id}-title`
  const guidanceId = `section-${section.id}-guidance`
  const focus = layout === 'focus'
  const { id: drawerId, open: drawerOpen, toggle: toggleDrawer, close: closeDrawer, toggleRef, titleRef } = useDrawer()
  const aside = (
    <>
      {criteria.length > 0 ? (
        <>
          <h3 className="aside-title">Critères d’évaluation</h3>
          <ul className="criteria-mini">
            {criteria.map((c) => (
              <li key={c.id}>
                <p className="criteria-mini__text">
                  <span className="criteria-mini__id">{c.id}</span> {ft(c.text)}
                </p>
                {criterion(c)}
              </li>
            ))}
          </ul>
        </>
      ) : discussed.length > 0 ? null : (
        <p className="card__muted">Cette section prépare l’épreuve sans critère propre.</p>
      )}
      {discussed.length > 0 ? (
        <>
          <h3 className="aside-title">Critères discutés</h3>
          <p className="card__muted">
            {'Ce regard critique porte sur ces critères\u202f; ils sont évalués sur le travail du groupe, pas sur ce retour d’expérience.'}
          </p>
          <ul className="criteria-mini">
            {discussed.map((c) => (
              <li key={c.id}>
                <p className="criteria-mini__text">
                  <span className="criteria-mini__id">{c.id}</span> {ft(c.text)}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {hints.length > 0 ? (
        <div className={started ? 'hints' : 'hints hints--todo'}>
          <h3 className="aside-title">{started ? 'Indices' : 'À faire'}</h3>
          <ul>
            {hints.map((h, i) => (
              <li key={i}>{h.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {margin}
    </>
  )
  return (
    <section id={`section-${section.id}`} data-section-id={section.id} className={`dossier-section card dossier-section--${layout}`} aria-labelledby={titleId}>
      <SectionHead dossierId={dossierId} section={section} layout={layout} status={status} collapsed={collapsed} onToggle={onToggle}>
        {focus ? (
          <button
            type="button"
            ref={toggleRef}
            className="button button--small button--ghost drawer-toggle"
            aria-expanded={drawerOpen}
            aria-controls={drawerId}
            onClick={toggleDrawer}
          >
            Critères et indices
            {hints.length ? <span className={started ? 'drawer-toggle__count' : 'drawer-toggle__count drawer-toggle__count--todo'}>{hints.length}</span> : null}
          </button>
        ) : null}
      </SectionHead>
      <div id={`section-${section.id}-contenu`} hidden={collapsed}>
        <p id={guidanceId} className="dossier-section__guidance">
          {ft(section.guidance)}
        </p>

        {alerts}
        <div className={focus && drawerOpen ? 'dossier-section__body dossier-section__body--drawer' : 'dossier-section__body'} ref={bodyRef}>
          <div className="dossier-section__editor">{children}</div>
          {focus ? (
            <aside
              id={drawerId}
              className="dossier-section__aside section-drawer"
              aria-label={`Critères, indices et commentaires de « ${section.title} »`}
              hidden={!drawerOpen}
            >
              <div className="section-drawer__head">
                <h2 className="section-drawer__title" ref={titleRef} tabIndex={-1}>
                  Critères et indices
                </h2>
                <button type="button" className="button button--small button--ghost" onClick={closeDrawer}>
                  Fermer<span className="visually-hidden"> le panneau des critères</span>
                </button>
              </div>
              {aside}
            </aside>
          ) : (
            <aside className="dossier-section__aside" aria-label={`Critères et commentaires de « ${section.title} »`}>
              {aside}
            </aside>
          )}
        </div>
      </div>
    </section>
  )
}

/**
 * A section's title line: its part, its state, where it opens (focus mode, Word,
 * Excel, print) and, on the dossier page, the button that opens or closes it.
 */
function SectionHead({
  dossierId,
  section,
  layout,
  status,
  collapsed,
  onToggle,
  children,
  links = true,
}: { dossierId: string; section: Section; layout: SectionLayout; status: ReactNode; children?: ReactNode; links?: boolean } & Collapsible) {
  const titleId = `section-${section.id}-title`
  const focus = layout === 'focus'
  const kind = definitionOf(section.field)
  // The button works once the page is hydrated: until then it would do nothing.
  const hydrated = useHydrated()
  return (
    <header className="dossier-section__head">
      {focus ? (
        <h1 id={titleId} tabIndex={-1}>
          {ft(section.title)}
        </h1>
      ) : (
        <h2 id={titleId}>{ft(section.title)}</h2>
      )}
      <div className="dossier-section__meta">
        <Badge tone={section.part === 'written' ? 'neutral' : 'accent'}>{PART_LABELS[section.part]}</Badge>
        {status}
        {focus || !links ? null : (
          <Link to={focusHref(dossierId, section.id)} className="print-link">
            Plein écran<span className="visually-hidden"> : « {section.title} »</span>
          </Link>
        )}
        {links ? (
          <>
            <DownloadLink href={`/dossiers/${dossierId}/export.docx?section=${section.id}`} className="print-link">
              Word<span className="visually-hidden"> : télécharger « {section.title} »</span>
            </DownloadLink>
            {kind.excel ? (
              <DownloadLink href={`/dossiers/${dossierId}/export.xlsx?section=${section.id}`} className="print-link">
                Excel<span className="visually-hidden"> : télécharger « {section.title} »</span>
              </DownloadLink>
            ) : null}
            {kind.slides ? (
              <DownloadLink href={`/dossiers/${dossierId}/oral/${section.id}.pptx`} className="print-link">
                PowerPoint<span className="visually-hidden"> : télécharger « {section.title} »</span>
              </DownloadLink>
            ) : null}
            {kind.printable ? (
              <a href={`/dossiers/${dossierId}/imprimer/${section.id}`} className="print-link">
                Fiches imprimables<span className="visually-hidden"> : {section.title}</span>
              </a>
            ) : null}
          </>
        ) : null}
        {children}
        {onToggle ? (
          <button
            type="button"
            className={collapsed ? 'button button--small section-toggle' : 'button button--small button--ghost section-toggle'}
            aria-expanded={!collapsed}
            aria-controls={`section-${section.id}-contenu`}
            disabled={!hydrated}
            onClick={onToggle}
          >
            {collapsed ? 'Ouvrir' : 'Replier'}
            <span className="visually-hidden"> « {section.title} »</span>
          </button>
        ) : null}
      </div>
    </header>
  )
}

/**
 * A closed section nobody has opened yet in this page: its title line and
 * where it stands (written or not, its to-dos or hints, open comments); the
 * editor and its code load when it opens.
 */
export function SectionSummary({
  dossierId,
  section,
  updatedAt,
  started,
  hints,
  openComments,
  onToggle,
}: {
  dossierId: string
  section: Section
  updatedAt: number | null
  started: boolean
  hints: number
  openComments: number
  onToggle: () => void
}) {
  const state = started && updatedAt ? `Modifiée le ${formatDate(new Date(updatedAt))}` : 'À écrire'
  return (
    <section id={`section-${section.id}`} className="dossier-section dossier-section--closed card" aria-labelledby={`section-${section.id}-title`}>
      <SectionHead
        dossierId={dossierId}
        section={section}
        layout="page"
        status={<span className="save-status">{state}</span>}
        collapsed
        onToggle={onToggle}
        links={false}
      />
      <p className="dossier-section__summary" id={`section-${section.id}-contenu`}>
        {hints > 0 ? (
          <span className={started ? 'toc-hint' : 'toc-todo'}>
            {plural(hints, started ? 'indice' : 'point à faire', started ? 'indices' : 'points à faire')}
          </span>
        ) : null}
        {openComments > 0 ? <span className="toc-comments">{plural(openComments, 'commentaire ouvert', 'commentaires ouverts')}</span> : null}
      </p>
    </section>
  )
}

/** The focus mode's drawer: opened and closed from a button, Escape closes it, focus goes in on open and back on close. */
function useDrawer() {
  const id = useId()
  const [open, setOpen] = useState(false)
  const toggleRef = useRef<HTMLButtonElement>(null)
  const titleRef = useRef<HTMLHeadingElement>(null)
  const opened = useRef(false)
  useEffect(() => {
    if (open) titleRef.current?.focus()
    else if (opened.current) toggleRef.current?.focus()
    opened.current = open
    if (!open) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false)
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [open])
  return { id: `tiroir${id.replace(/:/g, '')}`, open, toggle: () => setOpen((o) => !o), close: () => setOpen(false), toggleRef, titleRef }
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
