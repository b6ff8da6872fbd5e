import { Form, Link, useLocation, useNavigation, useSearchParams, useSubmit } from '@remix-run/react'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { Alert, EmptyState, PageHeader } from '~/components/ui'
import { competencyOf, type CriteriaCatalogue } from '~/domain/comment-bank'
import { plural } from '~/domain/format'
import type { BankEntry, BankFormOutcome, BankScope } from '~/services/comment-bank.server'
import { CriteriaPicker } from './criteria-picker'

const WORDS: Record<
  BankScope,
  { title: string; lead: string; add: string; submit: string; list: string; empty: string; emptyBody: string; filteredEmpty: string; confirm: string }
> = {
  mine: {
    title: 'Banque de commentaires',
    lead: 'Vos commentaires réutilisables, rangés par critère du référentiel : vous les insérez en un clic quand vous commentez un brouillon. Ceux de l’école sont partagés par toute l’équipe.',
    add: 'Ajouter un commentaire à ma banque',
    submit: 'Ajouter à ma banque',
    list: 'Mes commentaires',
    empty: 'Votre banque est vide',
    emptyBody:
      'Ajoutez ci-dessus les remarques que vous faites souvent, avec les critères qu’elles concernent : vous les retrouverez en commentant les brouillons.',
    filteredEmpty: 'Aucun de vos commentaires ne concerne ce critère.',
    confirm: 'Supprimer ce commentaire de votre banque ?',
  },
  school: {
    title: 'Banque de commentaires de l’école',
    lead: 'Des commentaires rangés par critère du référentiel, que tous les tuteur·rices peuvent insérer en commentant un brouillon, sans pouvoir les modifier.',
    add: 'Ajouter un commentaire à la banque de l’école',
    submit: 'Ajouter à la banque de l’école',
    list: 'Commentaires de l’école',
    empty: 'La banque de l’école est vide',
    emptyBody: 'Ajoutez ci-dessus les remarques utiles à tous les tuteur·rices, avec les critères qu’elles concernent.',
    filteredEmpty: 'Aucun commentaire de l’école ne concerne ce critère.',
    confirm: 'Supprimer ce commentaire de la banque de l’école ? Les tuteur·rices ne pourront plus l’insérer.',
  },
}

const DONE: Record<string, string> = {
  ajout: 'Le commentaire a été ajouté.',
  modif: 'Le commentaire a été enregistré.',
  suppr: 'Le commentaire a été supprimé.',
}

/** `?critere=…&modifier=…` with some parameters set or removed; the outcome of the last form (`fait`, `id`) is always dropped. */
function withParams(params: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(params)
  next.delete('fait')
  next.delete('id')
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) next.delete(k)
    else next.set(k, v)
  }
  const s = next.toString()
  return s ? `?${s}` : '?'
}

/**
 * The page of a bank (`mine`: /tuteur/banque, the school's read-only beside it; `school`: /admin/banque):
 * add, edit in place (`?modifier=id`), delete after confirmation, filter by criterion (`?critere=id`).
 */
export function BankPage({
  scope,
  entries,
  catalogue,
  outcome,
}: {
  scope: BankScope
  entries: BankEntry[]
  catalogue: CriteriaCatalogue
  outcome: BankFormOutcome | undefined
}) {
  const words = WORDS[scope]
  const [params] = useSearchParams()
  const criterion = params.get('critere') ?? ''
  const editing = params.get('modifier')
  const done = params.get('fait')
  const doneId = params.get('id')
  const texts = useMemo(() => new Map(catalogue.flatMap((a) => a.competencies.flatMap((c) => c.criteria.map((k) => [k.id, k.text] as const)))), [catalogue])
  const headings = useMemo(() => new Map(catalogue.flatMap((a) => a.competencies.map((c) => [c.id, c.heading] as const))), [catalogue])
  const own = entries.filter((e) => e.scope === scope)
  const shared = scope === 'mine' ? entries.filter((e) => e.scope === 'school') : []
  const matching = (list: BankEntry[]) => (criterion ? list.filter((e) => e.criterionIds.includes(criterion)) : list)
  const { ask, dialog } = useConfirm()
  const submit = useSubmit()
  const location = useLocation()

  // A new, empty add form after each entry added (nothing typed elsewhere is touched).
  const added = done === 'ajout' ? doneId : null
  const [addKey, setAddKey] = useState(added ?? 'new')
  if (added && added !== addKey) setAddKey(added)
  const addErrors = outcome && !outcome.ok && outcome.intent === 'create' ? outcome : null

  // Focus follows the work: the entry added or saved, the list after a deletion, the entry again after « Annuler ».
  const lastEditing = useRef<string | null>(null)
  useEffect(() => {
    if ((done === 'ajout' || done === 'modif') && doneId) document.getElementById(`entry-${doneId}`)?.focus()
    else if (done === 'suppr') document.getElementById('bank-own-title')?.focus()
  }, [done, doneId, location.key])
  useEffect(() => {
    if (lastEditing.current && !editing && !done) document.querySelector<HTMLElement>(`#entry-${CSS.escape(lastEditing.current)} .bank-entry__edit`)?.focus()
    lastEditing.current = editing
  }, [editing, done])

  const used = new Set([...own, ...shared].flatMap((e) => e.criterionIds))
  if (criterion) used.add(criterion)
  const filterGroups = [...used]
    .filter((id) => texts.has(id))
    .reduce<Map<string, string[]>>((groups, id) => groups.set(competencyOf(id), [...(groups.get(competencyOf(id)) ?? []), id]), new Map())
  const orderedGroups = catalogue.flatMap((a) =>
    a.competencies.filter((c) => filterGroups.has(c.id)).map((c) => ({ ...c, ids: c.criteria.map((k) => k.id).filter((id) => used.has(id)) })),
  )
  const count = (id: string) => [...own, ...shared].filter((e) => e.criterionIds.includes(id)).length

  const renderEntry = (entry: BankEntry, editable: boolean) => {
    const bodyId = `entry-${entry.id}-body`
    const isEditing = editable && editing === entry.id
    const editErrors = outcome && !outcome.ok && outcome.intent === 'update' && outcome.id === entry.id ? outcome : null
    return (
      <li key={entry.id} id={`entry-${entry.id}`} tabIndex={-1} className={isEditing ? 'bank-entry bank-entry--editing' : 'bank-entry'}>
        {isEditing ? (
          <EntryForm
            intent="update"
            entryId={entry.id}
            title="Modifier le commentaire"
            defaults={editErrors?.values ?? { body: entry.body, criterionIds: entry.criterionIds }}
            errors={editErrors?.errors ?? {}}
            catalogue={catalogue}
            submitLabel="Enregistrer"
            cancelTo={withParams(params, { modifier: null })}
          />
        ) : (
          <>
            <p className="bank-entry__body" id={bodyId}>
              {entry.body}
            </p>
            <ul className="bank-entry__criteria" aria-label="Critères">
              {entry.criterionIds.map((c) => (
                <li key={c}>
                  <span className="chip">{c}</span> <span className="bank-entry__criterion">{texts.get(c) ?? 'critère retiré du référentiel'}</span>
                </li>
              ))}
            </ul>
            {editable ? (
              <div className="bank-entry__actions">
                <Link to={withParams(params, { modifier: entry.id })} className="button button--ghost button--small bank-entry__edit" aria-describedby={bodyId}>
                  Modifier
                </Link>
                <Form
                  method="post"
                  onSubmit={(event) => {
                    event.preventDefault()
                    const form = event.currentTarget
                    ask(
                      <>
                        {words.confirm} <q className="bank-entry__quote">{entry.body.length > 140 ? `${entry.body.slice(0, 140)}…` : entry.body}</q>
                      </>,
                      () => submit(form),
                    )
                  }}
                >
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={entry.id} />
                  <button type="submit" className="button button--ghost button--small bank-entry__delete" aria-describedby={bodyId}>
                    Supprimer
                  </button>
                </Form>
              </div>
            ) : null}
          </>
        )}
      </li>
    )
  }

  const ownShown = matching(own)
  const sharedShown = matching(shared)
  return (
    <>
      <PageHeader title={words.title} lead={words.lead} />
      {done && DONE[done] ? <Alert tone="success">{DONE[done]}</Alert> : null}

      <section className="card bank-add" aria-labelledby="bank-add-title">
        <h2 id="bank-add-title">{words.add}</h2>
        <EntryForm
          key={addKey}
          intent="create"
          defaults={addErrors?.values ?? { body: '', criterionIds: [] }}
          errors={addErrors?.errors ?? {}}
          catalogue={catalogue}
          submitLabel={words.submit}
        />
      </section>

      {own.length + shared.length > 0 ? (
        <Form method="get" className="bank-filter" aria-label="Filtrer les commentaires">
          <div className="field">
            <label htmlFor="bank-filter">Filtrer par critère</label>
            <select id="bank-filter" name="critere" defaultValue={criterion} key={criterion}>
              <option value="">Tous les critères</option>
              {orderedGroups.map((g) => (
                <optgroup key={g.id} label={`${g.id} — ${headings.get(g.id) ?? ''}`}>
                  {g.ids.map((id) => (
                    <option key={id} value={id}>
                      {id} ({plural(count(id), 'commentaire', 'commentaires')})
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="bank-filter__actions">
            <button type="submit" className="button button--ghost">
              Filtrer
            </button>
            {criterion ? (
              <Link to={location.pathname} className="button button--ghost">
                Tout afficher
              </Link>
            ) : null}
          </div>
          {criterion ? (
            <p className="bank-filter__current">
              Critère <strong>{criterion}</strong> : {texts.get(criterion) ?? 'inconnu du référentiel'}
            </p>
          ) : null}
        </Form>
      ) : null}

      <section className="section" aria-labelledby="bank-own-title">
        <h2 id="bank-own-title" tabIndex={-1} className="group-heading">
          {words.list} <span className="count">{countLabel(ownShown.length, own.length, criterion)}</span>
        </h2>
        {own.length === 0 ? (
          <EmptyState title={words.empty}>
            <p>{words.emptyBody}</p>
          </EmptyState>
        ) : ownShown.length === 0 ? (
          <p className="bank-empty-filter">{words.filteredEmpty}</p>
        ) : (
          <ul className="bank-list">{ownShown.map((e) => renderEntry(e, true))}</ul>
        )}
      </section>

      {scope === 'mine' ? (
        <section className="section" aria-labelledby="bank-school-title">
          <h2 id="bank-school-title" className="group-heading">
            Commentaires de l’école <span className="count">{countLabel(sharedShown.length, shared.length, criterion)}</span>
          </h2>
          <p className="card__muted">
            Proposés par l’administration de l’école à toute l’équipe : vous pouvez les insérer dans vos commentaires, pas les modifier.
          </p>
          {shared.length === 0 ? (
            <EmptyState title="L’école n’a pas encore partagé de commentaires" />
          ) : sharedShown.length === 0 ? (
            <p className="bank-empty-filter">Aucun commentaire de l’école ne concerne ce critère.</p>
          ) : (
            <ul className="bank-list bank-list--shared">{sharedShown.map((e) => renderEntry(e, false))}</ul>
          )}
        </section>
      ) : null}
      {dialog}
    </>
  )
}

/** « 3 commentaires », or « 1 sur 3 » under a criterion filter. */
function countLabel(shown: number, total: number, filtered: string): string {
  return filtered ? `${shown} sur ${total}` : plural(total, 'commentaire', 'commentaires')
}

function EntryForm({
  intent,
  entryId,
  title,
  defaults,
  errors,
  catalogue,
  submitLabel,
  cancelTo,
}: {
  intent: 'create' | 'update'
  entryId?: string
  title?: string
  defaults: { body: string; criterionIds: readonly string[] }
  errors: Record<string, string>
  catalogue: CriteriaCatalogue
  submitLabel: string
  cancelTo?: string
}) {
  const id = useId()
  const navigation = useNavigation()
  const submitting =
    navigation.state === 'submitting' && navigation.formData?.get('intent') === intent && (navigation.formData.get('id') ?? undefined) === entryId
  const body = useRef<HTMLTextAreaElement>(null)
  // Editing starts in the text.
  useEffect(() => {
    if (intent === 'update') body.current?.focus()
  }, [intent])
  const failed = Object.keys(errors).length > 0
  const bodyDescribedBy = [`${id}-hint`, errors.body ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <Form method="post" className="form bank-form" noValidate aria-label={title}>
      {failed ? <Alert>Le commentaire n’a pas été enregistré : corrigez les champs signalés.</Alert> : null}
      <input type="hidden" name="intent" value={intent} />
      {entryId ? <input type="hidden" name="id" value={entryId} /> : null}
      <div className="field">
        <label htmlFor={`${id}-body`}>Texte du commentaire</label>
        <p className="field__hint" id={`${id}-hint`}>
          Texte simple, 2&nbsp;000 caractères au plus, écrit pour le ou la candidat·e : vous pourrez l’ajuster après l’avoir inséré.
        </p>
        <textarea
          ref={body}
          id={`${id}-body`}
          name="body"
          rows={4}
          required
          defaultValue={defaults.body}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={bodyDescribedBy}
        />
        {errors.body ? (
          <p className="field__error" id={`${id}-error`}>
            {errors.body}
          </p>
        ) : null}
      </div>
      <CriteriaPicker catalogue={catalogue} name="criterionIds" selected={defaults.criterionIds} error={errors.criterionIds ?? errors.form} />
      <div className="bank-form__actions">
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Enregistrement…' : submitLabel}
        </button>
        {cancelTo ? (
          <Link to={cancelTo} className="button button--ghost">
            Annuler
          </Link>
        ) : null}
      </div>
    </Form>
  )
}
