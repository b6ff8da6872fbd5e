import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { type FormEvent, useState } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { SessionLinks } from '~/components/session-links'
import { useHydrated } from '~/components/use-hydrated'
import { Badge, EmptyState, PageHeader } from '~/components/ui'
import { formatDate, plural } from '~/domain/format'
import { requirePermission } from '~/services/auth.server'
import {
  createGroup,
  formRandomGroups,
  groupOfSession,
  groupsOverview,
  GroupsError,
  moveLearner,
  sessionSummary,
  type EpreuveGroups,
} from '~/services/groups-admin.server'
import { drawGroupThemes, REASON_MAX, REASON_MIN, ThemeDrawError } from '~/services/theme-draws.server'
import { usePostFocus, formOutcomeTarget } from '~/components/use-post-focus'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Groupes — ${data?.session.name ?? 'Session'} — Atelier` }]

const NO_SESSION = 'Cette session d’examen n’existe pas.'

/**
 * The groups of a session's group épreuves (admins only, issue 13 §4–§5):
 * random formation of the learners without a group, a group by hand, moving
 * a learner, and the serious game's theme draws with their history.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const sessionId = params.sessionId ?? ''
  const session = await sessionSummary(sessionId)
  const epreuves = session ? await groupsOverview(sessionId) : null
  if (!session || !epreuves) throw new Response(NO_SESSION, { status: 404 })
  return {
    session: { id: session.id, name: session.name, dates: `du ${formatDate(session.startsOn)} au ${formatDate(session.endsOn)}` },
    epreuves,
    reasonMin: REASON_MIN,
    reasonMax: REASON_MAX,
  }
}

type Outcome = { form: string; ok: boolean; message: string; errors: Record<string, string>; values: Record<string, string> }

const INTENTS = ['random', 'create', 'move', 'draw', 'redraw'] as const
type Intent = (typeof INTENTS)[number]
const isIntent = (value: string | undefined): value is Intent => (INTENTS as readonly string[]).includes(value ?? '')

/** Which form a post came from: its message shows there, its button is busy. */
function formIdOf(values: { intent?: string; evaluationId?: string; learnerId?: string; groupId?: string }): string {
  switch (values.intent) {
    case 'random':
    case 'create':
      return `${values.intent}-${values.evaluationId ?? ''}`
    case 'move':
      return `move-${values.evaluationId ?? ''}-${values.learnerId ?? ''}`
    case 'draw':
    case 'redraw':
      return `${values.intent}-${values.groupId ?? ''}`
    default:
      return 'page'
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'update:examSession:any')
  const sessionId = params.sessionId ?? ''
  if (!(await sessionSummary(sessionId))) throw new Response(NO_SESSION, { status: 404 })
  const form = await request.formData()
  const values: Record<string, string> = {}
  for (const [key, value] of form) if (typeof value === 'string' && key !== 'learnerIds') values[key] = value
  const formId = formIdOf(values)
  const reply = (status: 200 | 400 | 403 | 404 | 409, outcome: { ok: boolean; message: string; errors?: Record<string, string> }) =>
    data<Outcome>({ form: formId, errors: {}, values: outcome.ok ? {} : values, ...outcome }, { status })
  if (!isIntent(values.intent)) return reply(400, { ok: false, message: 'Demande inconnue.' })
  const evaluationId = values.evaluationId ?? ''
  try {
    switch (values.intent) {
      case 'random':
        return reply(200, { ok: true, message: (await formRandomGroups(user, sessionId, evaluationId)).message })
      case 'create':
        return reply(200, { ok: true, message: (await createGroup(sessionId, evaluationId, form.getAll('learnerIds').map(String))).message })
      case 'move':
        if (!values.toGroupId)
          return reply(400, { ok: false, message: 'Choisissez le groupe d’arrivée.', errors: { toGroupId: 'Choisissez le groupe d’arrivée.' } })
        return reply(200, { ok: true, message: (await moveLearner(sessionId, evaluationId, values.learnerId ?? '', values.toGroupId)).message })
      case 'draw':
      case 'redraw': {
        const group = await groupOfSession(sessionId, values.groupId ?? '')
        if (!group) return reply(404, { ok: false, message: 'Ce groupe n’existe pas dans cette session.' })
        const row = await drawGroupThemes(user, group.id, { reason: values.intent === 'redraw' ? (values.reason ?? '') : '' })
        return reply(200, {
          ok: true,
          message:
            values.intent === 'redraw'
              ? `Nouveau tirage des thèmes pour ${group.name}, le précédent reste dans l’historique (graine\u00a0: ${row.seed}).`
              : `Thèmes tirés au sort pour ${group.name} (graine\u00a0: ${row.seed}).`,
        })
      }
    }
  } catch (error) {
    if (!(error instanceof GroupsError) && !(error instanceof ThemeDrawError)) throw error
    return reply(error.status, { ok: false, message: error.message, errors: error.field ? { [error.field]: error.message } : {} })
  }
}

function FormMessage({ form, outcome }: { form: string; outcome: Outcome | undefined }) {
  if (!outcome || outcome.form !== form) return null
  return (
    <div id={`${form}-message`} className={`alert alert--${outcome.ok ? 'success' : 'error'}`} role={outcome.ok ? 'status' : 'alert'} tabIndex={-1}>
      {outcome.message}
    </div>
  )
}

function useBusy(form: string) {
  const navigation = useNavigation()
  if (navigation.state !== 'submitting' || !navigation.formData) return false
  const values = Object.fromEntries([...navigation.formData].filter(([, v]) => typeof v === 'string')) as Record<string, string>
  return formIdOf(values) === form
}

type Ask = ReturnType<typeof useConfirm>['ask']

export default function SessionGroups() {
  const d = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const { ask, dialog } = useConfirm()
  // After a post, focus goes to the first field in error, else the form's message (or the page's).
  usePostFocus(outcome, formOutcomeTarget)
  // A post from no known form: its message shows at the top.
  const orphan = outcome?.form === 'page' ? outcome : undefined
  return (
    <div className="groups-admin">
      <PageHeader
        title="Groupes"
        lead={
          <>
            {d.session.name}, {d.session.dates}.
          </>
        }
        actions={<SessionLinks sessionId={d.session.id} current="Groupes" />}
      />
      <p className="alert alert--info">
        Les mises en situation professionnelles et le serious game se passent en groupe. Le dossier commun appartient au groupe, le REX à chaque candidat·e. Une
        fois le dossier d’un groupe déposé, sa composition ne change plus.
      </p>
      {orphan ? (
        <div id="page-message" tabIndex={-1} className={`alert alert--${orphan.ok ? 'success' : 'error'}`} role={orphan.ok ? 'status' : 'alert'}>
          {orphan.message}
        </div>
      ) : null}
      <nav aria-label="Épreuves en groupe" className="section">
        <ul className="session-links">
          {d.epreuves.map((e) => (
            <li key={e.evaluationId}>
              <a href={`#${e.evaluationId}`}>{e.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      {d.epreuves.map((e) => (
        <Epreuve key={e.evaluationId} epreuve={e} outcome={outcome} ask={ask} reasonMin={d.reasonMin} reasonMax={d.reasonMax} />
      ))}
      {dialog}
    </div>
  )
}

function Epreuve({
  epreuve: e,
  outcome,
  ask,
  reasonMin,
  reasonMax,
}: {
  epreuve: EpreuveGroups
  outcome: Outcome | undefined
  ask: Ask
  reasonMin: number
  reasonMax: number
}) {
  const headingId = `${e.evaluationId}-title`
  const problems = e.groups.filter((g) => g.sizeError).length
  return (
    <section className="section stack" id={e.evaluationId} aria-labelledby={headingId}>
      <div>
        <h2 id={headingId}>{e.title}</h2>
        <p className="card__meta">
          <Badge tone="info">{e.sizeRule}</Badge>
          <Badge>{plural(e.groups.length, 'groupe', 'groupes')}</Badge>
          <Badge tone={e.ungrouped.length ? 'accent' : 'success'}>{plural(e.ungrouped.length, 'candidat·e sans groupe', 'candidat·es sans groupe')}</Badge>
          {problems ? <Badge tone="accent">{plural(problems, 'groupe à la mauvaise taille', 'groupes à la mauvaise taille')}</Badge> : null}
        </p>
      </div>
      <Ungrouped epreuve={e} outcome={outcome} ask={ask} />
      {e.groups.length === 0 ? (
        <EmptyState title="Aucun groupe pour l’instant">
          <p>Formez les groupes au hasard ou créez-les à la main ci-dessus.</p>
        </EmptyState>
      ) : (
        <ul className="card-grid">
          {e.groups.map((g) => (
            <li key={g.id}>
              <GroupCard group={g} epreuve={e} outcome={outcome} reasonMin={reasonMin} reasonMax={reasonMax} />
            </li>
          ))}
        </ul>
      )}
      {e.formations.length > 0 ? <Formations epreuve={e} /> : null}
    </section>
  )
}

/** The log of the épreuve's random formations: seed, who, when, the groups made, and whether the seed replays them. */
function Formations({ epreuve: e }: { epreuve: EpreuveGroups }) {
  return (
    <details className="card">
      <summary>
        Journal des formations au hasard ({e.formations.length})<span className="visually-hidden"> — {e.title}</span>
      </summary>
      <ol className="stack">
        {e.formations.map((f) => (
          <li key={f.id}>
            <p className="card__muted">
              Formés par {f.formedByName} {f.formedAt}, graine&nbsp;: <code style={{ overflowWrap: 'anywhere' }}>{f.seed}</code>.{' '}
              {f.verified ? <Badge tone="success">vérifié</Badge> : <Badge tone="accent">ne se rejoue pas à l’identique</Badge>}
            </p>
            <ul>
              {f.groups.map((g) => (
                <li key={g.name}>
                  {g.name}&nbsp;: {g.members.join(', ')}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </details>
  )
}

function Ungrouped({ epreuve: e, outcome, ask }: { epreuve: EpreuveGroups; outcome: Outcome | undefined; ask: Ask }) {
  const submit = useSubmit()
  const randomForm = `random-${e.evaluationId}`
  const createForm = `create-${e.evaluationId}`
  const random = useBusy(randomForm)
  // The formation asks for confirmation: its button waits for the page's script.
  const hydrated = useHydrated()
  const creating = useBusy(createForm)
  const mine = outcome?.form === createForm ? outcome : undefined
  const confirmRandom = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    ask(
      <>
        Répartir au hasard les {plural(e.ungrouped.length, 'candidat·e', 'candidat·es')} sans groupe de l’épreuve «&nbsp;{e.title}&nbsp;»&#8239;? Les groupes
        existants ne changent pas.
      </>,
      () => submit(form),
      'Former les groupes',
    )
  }
  const listId = `${e.evaluationId}-ungrouped`
  return (
    <div className="card stack">
      <h3 id={listId}>Candidat·es sans groupe</h3>
      <FormMessage form={randomForm} outcome={outcome} />
      {/* Outside the form: the details close after a group is made, and the form goes with the last learners. */}
      <FormMessage form={createForm} outcome={mine} />
      {e.ungrouped.length === 0 ? (
        <p className="card__muted">Tous les candidat·es inscrit·es ont un groupe dans cette épreuve.</p>
      ) : (
        <>
          <p>{e.ungrouped.map((l) => l.name).join(', ')}.</p>
          <Form method="post" id={`form-${randomForm}`} onSubmit={confirmRandom}>
            <input type="hidden" name="intent" value="random" />
            <input type="hidden" name="evaluationId" value={e.evaluationId} />
            <fieldset className="until-hydrated" disabled={!hydrated} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
              <button type="submit" className="button button--small" disabled={random}>
                {random ? 'Formation…' : 'Former les groupes au hasard'}
                <span className="visually-hidden"> — {e.title}</span>
              </button>
            </fieldset>
          </Form>
          <details open={mine && !mine.ok ? true : undefined}>
            <summary>
              Créer un groupe à la main<span className="visually-hidden"> — {e.title}</span>
            </summary>
            <Form method="post" className="form" id={`form-${createForm}`} noValidate key={mine?.ok ? mine.message : 'create'}>
              <input type="hidden" name="intent" value="create" />
              <input type="hidden" name="evaluationId" value={e.evaluationId} />
              <fieldset className="fieldset" aria-describedby={mine?.errors.learnerIds ? `${createForm}-error` : undefined}>
                <legend>Membres du nouveau groupe ({e.sizeRule.replace(/^Groupes/, 'groupe')})</legend>
                {e.ungrouped.map((l) => (
                  <label key={l.id} className="checkbox">
                    <input type="checkbox" name="learnerIds" value={l.id} />
                    <span>{l.name}</span>
                  </label>
                ))}
                {mine?.errors.learnerIds ? (
                  <p className="field__error" id={`${createForm}-error`}>
                    {mine.errors.learnerIds}
                  </p>
                ) : null}
              </fieldset>
              <div>
                <button type="submit" className="button button--small" disabled={creating}>
                  {creating ? 'Création…' : 'Créer le groupe'}
                </button>
              </div>
            </Form>
          </details>
        </>
      )}
    </div>
  )
}

type Group = EpreuveGroups['groups'][number]

function GroupCard({
  group: g,
  epreuve: e,
  outcome,
  reasonMin,
  reasonMax,
}: {
  group: Group
  epreuve: EpreuveGroups
  outcome: Outcome | undefined
  reasonMin: number
  reasonMax: number
}) {
  const headingId = `group-${g.id}-title`
  const targets = e.groups.filter((x) => x.id !== g.id)
  return (
    <article className="card stack" aria-labelledby={headingId}>
      <h3 id={headingId}>{g.name}</h3>
      <p className="card__meta">
        <Badge>{plural(g.members.length, 'membre', 'membres')}</Badge>
        {g.handedIn ? <Badge tone="success">Dossier déposé</Badge> : null}
      </p>
      {g.sizeError ? <p className="alert alert--error">{g.sizeError}</p> : null}
      {g.members.length === 0 ? (
        <p className="card__muted">Aucun membre.</p>
      ) : (
        <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
          {g.members.map((m) => (
            <li key={m.id}>
              <Member member={m} group={g} epreuve={e} targets={targets} outcome={outcome} />
            </li>
          ))}
        </ul>
      )}
      {e.seriousGame ? <Draws group={g} outcome={outcome} reasonMin={reasonMin} reasonMax={reasonMax} /> : null}
    </article>
  )
}

function Member({
  member: m,
  group: g,
  epreuve: e,
  targets,
  outcome,
}: {
  member: Group['members'][number]
  group: Group
  epreuve: EpreuveGroups
  targets: Group[]
  outcome: Outcome | undefined
}) {
  const formId = `move-${e.evaluationId}-${m.id}`
  const mine = outcome?.form === formId ? outcome : undefined
  const busy = useBusy(formId)
  const selectId = `${formId}-to`
  // The list of groups is built when asked for: one list per learner of a 1 000-learner session is 300 000 options.
  const [open, setOpen] = useState(Boolean(mine && !mine.ok))
  return (
    <>
      <strong>{m.name}</strong>
      <FormMessage form={formId} outcome={mine} />
      {g.handedIn || targets.length === 0 ? null : (
        <details className="group-move" open={open} onToggle={(ev) => setOpen(ev.currentTarget.open)}>
          <summary>
            Changer de groupe<span className="visually-hidden"> — {m.name}</span>
          </summary>
          {open ? (
            <Form method="post" className="form" id={`form-${formId}`} noValidate>
              <input type="hidden" name="intent" value="move" />
              <input type="hidden" name="evaluationId" value={e.evaluationId} />
              <input type="hidden" name="learnerId" value={m.id} />
              <div className="field">
                <label htmlFor={selectId}>
                  Déplacer<span className="visually-hidden"> {m.name}</span> vers
                </label>
                <select
                  id={selectId}
                  name="toGroupId"
                  defaultValue=""
                  aria-invalid={mine?.errors.toGroupId ? true : undefined}
                  aria-describedby={mine?.errors.toGroupId ? `${selectId}-error` : undefined}
                >
                  <option value="">— Choisir un groupe —</option>
                  {targets.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name} ({plural(t.members.length, 'membre', 'membres')})
                    </option>
                  ))}
                </select>
                {mine?.errors.toGroupId ? (
                  <p className="field__error" id={`${selectId}-error`}>
                    {mine.errors.toGroupId}
                  </p>
                ) : null}
              </div>
              <div>
                <button type="submit" className="button button--ghost button--small" disabled={busy}>
                  {busy ? 'Déplacement…' : 'Déplacer'}
                  <span className="visually-hidden"> {m.name}</span>
                </button>
              </div>
            </Form>
          ) : null}
        </details>
      )}
    </>
  )
}

function DrawResult({ draw }: { draw: NonNullable<Group['draw']> }) {
  return (
    <>
      <ul>
        {draw.result.map((r) => (
          <li key={r.learnerId}>
            {r.name}&nbsp;: <strong>{r.theme}</strong>
          </li>
        ))}
      </ul>
      <p className="card__muted">
        Tiré par {draw.drawnByName} {draw.drawnAt}, graine&nbsp;: <code style={{ overflowWrap: 'anywhere' }}>{draw.seed}</code>.{' '}
        {draw.verified ? <Badge tone="success">vérifié</Badge> : <Badge tone="accent">ne se rejoue pas à l’identique</Badge>}
      </p>
      {draw.reason ? <p className="card__muted">Raison&nbsp;: {draw.reason}</p> : null}
    </>
  )
}

function Draws({ group: g, outcome, reasonMin, reasonMax }: { group: Group; outcome: Outcome | undefined; reasonMin: number; reasonMax: number }) {
  const drawForm = `draw-${g.id}`
  const redrawForm = `redraw-${g.id}`
  const drawing = useBusy(drawForm)
  const redrawing = useBusy(redrawForm)
  const redo = outcome?.form === redrawForm ? outcome : undefined
  const reasonId = `${redrawForm}-reason`
  const drawn = new Set(g.draw?.result.map((r) => r.learnerId) ?? [])
  const missing = g.members.filter((m) => !drawn.has(m.id))
  return (
    <section className="stack" aria-labelledby={`${g.id}-draw-title`}>
      <h4 id={`${g.id}-draw-title`}>Tirage des thèmes</h4>
      {g.draw ? <DrawResult draw={g.draw} /> : <p className="card__muted">Les thèmes ne sont pas encore tirés.</p>}
      {g.draw && missing.length ? (
        <p className="alert alert--error">
          Sans thème dans ce tirage&nbsp;: {missing.map((m) => m.name).join(', ')}. Le groupe ne peut pas déposer avant un nouveau tirage.
        </p>
      ) : null}
      <FormMessage form={drawForm} outcome={outcome} />
      {g.draw ? (
        <Form method="post" className="form" id={`form-${redrawForm}`} noValidate key={redo?.ok ? redo.message : 'redraw'}>
          <input type="hidden" name="intent" value="redraw" />
          <input type="hidden" name="groupId" value={g.id} />
          <FormMessage form={redrawForm} outcome={redo} />
          <div className="field">
            <label htmlFor={reasonId}>Raison du nouveau tirage</label>
            <p className="field__hint" id={`${reasonId}-hint`}>
              Le tirage en cours reste dans l’historique. De {reasonMin} à {reasonMax}&nbsp;caractères.
            </p>
            <textarea
              id={reasonId}
              name="reason"
              rows={2}
              maxLength={reasonMax}
              defaultValue={redo && !redo.ok ? redo.values.reason : ''}
              aria-invalid={redo?.errors.reason ? true : undefined}
              aria-describedby={redo?.errors.reason ? `${reasonId}-hint ${reasonId}-error` : `${reasonId}-hint`}
            />
            {redo?.errors.reason ? (
              <p className="field__error" id={`${reasonId}-error`}>
                {redo.errors.reason}
              </p>
            ) : null}
          </div>
          <div>
            <button type="submit" className="button button--ghost button--small" disabled={redrawing}>
              {redrawing ? 'Tirage…' : 'Refaire le tirage'}
              <span className="visually-hidden"> de {g.name}</span>
            </button>
          </div>
        </Form>
      ) : (
        <Form method="post" id={`form-${drawForm}`}>
          <input type="hidden" name="intent" value="draw" />
          <input type="hidden" name="groupId" value={g.id} />
          <button type="submit" className="button button--small" disabled={drawing || g.members.length === 0}>
            {drawing ? 'Tirage…' : 'Tirer les thèmes'}
            <span className="visually-hidden"> de {g.name}</span>
          </button>
        </Form>
      )}
      {g.history.length > 0 ? (
        <details>
          <summary>Historique des tirages ({g.history.length})</summary>
          <ol className="stack">
            {g.history.map((h) => (
              <li key={h.id}>
                {h.supersededAt ? <p className="card__muted">Remplacé {h.supersededAt}.</p> : <p className="card__muted">Tirage en cours.</p>}
                <DrawResult draw={h} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  )
}
