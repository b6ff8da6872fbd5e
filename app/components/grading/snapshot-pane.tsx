import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Section } from '#templates/template.schema'
import { useHydrated } from '~/components/use-hydrated'
import { anchorPassage, describePassage } from '~/domain/anchoring'
import { frenchTypography as ft } from '~/domain/format'
import { formatInstant } from '~/domain/hand-in'
import { browserKinds, FieldEditor, FieldView } from '~/kinds/registry.browser'
import { anchoringText } from '~/kinds/rich-text/anchoring'
import type { PassageAnnotations } from '~/kinds/types.browser'
import type { FieldValue } from '~/kinds/values'
import { Badge } from '../ui'
import { PartBadge } from './badges'
import { sectionAnchor } from './snapshot-index'
import { evidenceKey, useBus, useStore } from './store'

export type SnapshotSectionData = { section: Section; value: FieldValue; html?: string }
export type SnapshotData = {
  submissionId: string
  title: string
  kind: 'main' | 'rex'
  owner: string | null
  submittedAt: number
  late: boolean
  fingerprint: string
  sections: SnapshotSectionData[]
}

/** Where a snapshot's section is, in words: « Analyse des données », « Regard critique — REX de Zoé Lefèvre ». */
export const whereOf = (snapshot: Pick<SnapshotData, 'kind' | 'owner' | 'title'>, section: Section) =>
  snapshot.kind === 'rex' ? `${section.title} — ${snapshot.owner ? `REX de ${snapshot.owner}` : snapshot.title}` : section.title

/**
 * The frozen snapshots of the copy (the main work, then each member's REX),
 * read-only: a rich text in its editor made read-only (the juror selects a
 * passage with the keyboard to cite it), other kinds in their view. Evidence
 * cited in the grid is highlighted, and shown when its link is followed.
 */
export function SnapshotPane({ base, snapshots }: { base: string; snapshots: SnapshotData[] }) {
  const bus = useBus()
  const rootRef = useRef<HTMLDivElement>(null)

  // An item cited as evidence: shown (its disclosure opened), outlined and focused.
  const reveal = useStore(bus.reveal)
  useEffect(() => {
    const root = rootRef.current
    if (!root || !reveal) return
    const section = root.querySelector<HTMLElement>(`#${CSS.escape(sectionAnchor(reveal.evidence.submissionId, reveal.evidence.sectionId))}`)
    if (!section) return
    for (const el of root.querySelectorAll('[data-evidence-active]')) el.removeAttribute('data-evidence-active')
    if (reveal.evidence.kind !== 'item') {
      // A passage is shown by its editor (see RichTextSnapshot); before the editor is ready, its section.
      if (!section.querySelector('.ProseMirror')) section.scrollIntoView({ block: 'start' })
      return
    }
    const item = section.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(reveal.evidence.itemId)}"]`)
    const target = item ?? section
    const details = target.closest('details')
    if (details) details.open = true
    target.setAttribute('data-evidence-active', '')
    target.scrollIntoView({ block: 'center' })
    if (!item) section.setAttribute('tabindex', '-1')
    target.focus({ preventScroll: true })
  }, [reveal])

  // Alt+Entrée on a cited item goes back to the first criterion that cites it.
  useEffect(() => {
    const root = rootRef.current
    if (!root) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !event.altKey) return
      const item = (event.target as Element).closest<HTMLElement>('[data-item-id]')
      const section = item?.closest<HTMLElement>('[data-snapshot-section]')
      if (!item || !section) return
      const [submissionId, sectionId] = (section.dataset.snapshotSection ?? '').split('|')
      const key = evidenceKey({ kind: 'item', submissionId: submissionId!, sectionId: sectionId!, itemId: item.dataset.itemId!, label: '' })
      if (focusEvidenceLink(key)) event.preventDefault()
    }
    root.addEventListener('keydown', onKeyDown)
    return () => root.removeEventListener('keydown', onKeyDown)
  }, [])

  if (snapshots.length === 0) return <p className="card__muted">Aucune copie déposée.</p>
  return (
    <div ref={rootRef} className="jury-snapshots">
      {snapshots.map((s) => (
        <article key={s.submissionId} className="jury-snapshot" aria-labelledby={`copie-${s.submissionId}`}>
          <header className="jury-snapshot__head">
            <h2 id={`copie-${s.submissionId}`}>{s.kind === 'rex' ? `REX individuel${s.owner ? ` — ${s.owner}` : ''}` : ft(s.title)}</h2>
            <p className="jury-snapshot__meta">
              Déposé le {formatInstant(new Date(s.submittedAt))}
              {s.late ? (
                <>
                  {' '}
                  <Badge tone="accent">En retard</Badge>
                </>
              ) : null}
            </p>
            <p className="jury-snapshot__meta">
              Empreinte SHA-256&nbsp;: <code className="jury-fingerprint">{s.fingerprint}</code>
            </p>
          </header>
          {s.sections.map((d) => (
            <SnapshotSection key={d.section.id} base={base} snapshot={s} data={d} />
          ))}
        </article>
      ))}
    </div>
  )
}

/** Focuses the first link of the grid to this piece of evidence; false when none. */
function focusEvidenceLink(key: string): boolean {
  const link = document.querySelector<HTMLElement>(`[data-evidence="${CSS.escape(key)}"]`)
  if (!link) return false
  link.scrollIntoView({ block: 'center' })
  link.focus({ preventScroll: true })
  return true
}

const SnapshotSection = memo(function SnapshotSection({ base, snapshot, data }: { base: string; snapshot: SnapshotData; data: SnapshotSectionData }) {
  const { section, value } = data
  const anchor = sectionAnchor(snapshot.submissionId, section.id)
  const titleId = `${anchor}-titre`
  const guidanceId = `${anchor}-aide`
  const isRichText = section.field.kind === 'richText'
  return (
    // Not a landmark (no accessible name): the members' REX have sections of the same titles.
    <section id={anchor} className="jury-section" data-snapshot-section={`${snapshot.submissionId}|${section.id}`}>
      <div className="jury-section__head">
        <h3 id={titleId}>{ft(section.title)}</h3>
        <PartBadge part={section.part} />
        {section.criteria.length ? <span className="jury-section__criteria">{section.criteria.join(', ')}</span> : null}
      </div>
      {isRichText ? (
        <>
          <p id={guidanceId} className="visually-hidden">
            Lecture seule. Sélectionnez un passage au clavier (Maj + flèches) pour le citer comme preuve depuis la grille.
          </p>
          <RichTextSnapshot base={base} snapshot={snapshot} data={data} titleId={titleId} guidanceId={guidanceId} />
        </>
      ) : (
        <FieldView field={section.field} value={value} caption={whereOf(snapshot, section)} headingLevel={3} />
      )}
    </section>
  )
})

const ignore = () => {}

/**
 * A rich text of the snapshot. The server's HTML first (no editor code
 * needed to read it), then, once the page is live and the editor's code has
 * loaded, the read-only editor: the juror moves and selects in it with the
 * keyboard; the last passage selected is kept for « Citer le passage
 * sélectionné », and cited passages are highlighted.
 */
function RichTextSnapshot({
  base,
  snapshot,
  data,
  titleId,
  guidanceId,
}: {
  base: string
  snapshot: SnapshotData
  data: SnapshotSectionData
  titleId: string
  guidanceId: string
}) {
  const bus = useBus()
  const hydrated = useHydrated()
  const [ready, setReady] = useState(false)
  const { section, value } = data
  const { submissionId } = snapshot

  useEffect(() => {
    if (!hydrated) return
    let live = true
    void browserKinds.richText.Editor.preload().then(() => {
      if (live) setReady(true)
    })
    return () => {
      live = false
    }
  }, [hydrated])

  const text = useMemo(() => anchoringText(value), [value])
  const where = whereOf(snapshot, section)

  // Passages of this section cited by any criterion, found in the (frozen) text.
  const evidence = useStore(bus.evidence)
  const passages = useMemo(() => {
    const seen = new Map<string, { id: string; start: number; end: number }>()
    for (const list of Object.values(evidence)) {
      for (const e of list) {
        if (e.kind !== 'passage' || e.submissionId !== submissionId || e.sectionId !== section.id) continue
        const key = evidenceKey(e)
        if (seen.has(key)) continue
        const found = anchorPassage(text, e.selectors)
        if (found) seen.set(key, { id: key, start: found.start, end: found.end })
      }
    }
    return [...seen.values()]
  }, [evidence, submissionId, section.id, text])

  const reveal = useStore(bus.reveal)
  const mine = reveal && reveal.evidence.kind === 'passage' && reveal.evidence.submissionId === submissionId && reveal.evidence.sectionId === section.id
  const revealKey = mine ? evidenceKey(reveal.evidence) : null
  const revealNonce = mine ? reveal.nonce : 0

  const onSelect = useCallback(
    (range: { start: number; end: number } | null) => {
      // Only a real selection replaces the kept one: moving the caret elsewhere, or leaving, keeps it.
      if (!range || range.end <= range.start) return
      bus.selection.set({
        submissionId,
        sectionId: section.id,
        where,
        quote: text.slice(range.start, range.end),
        selectors: describePassage(text, range.start, range.end),
      })
    },
    [bus, submissionId, section.id, where, text],
  )

  const annotations: PassageAnnotations = useMemo(
    () => ({
      passages,
      activeId: revealKey,
      reveal: revealKey ? { id: revealKey, nonce: revealNonce } : null,
      onSelect,
      onOpen: (id: string) => void focusEvidenceLink(id),
    }),
    [passages, revealKey, revealNonce, onSelect],
  )

  if (!ready) return <FieldView field={section.field} value={value} caption={section.title} html={data.html} />
  return (
    <div>
      <FieldEditor
        field={section.field}
        value={value}
        onChange={ignore}
        ctx={{
          titleId,
          guidanceId,
          caption: section.title,
          uploadUrl: '',
          resetKey: 0,
          objectives: [],
          issues: [],
          readOnly: true,
          annotations,
          imageBase: base,
        }}
      />
    </div>
  )
}
