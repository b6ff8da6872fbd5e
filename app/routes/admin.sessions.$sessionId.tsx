import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from '@remix-run/react'
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { Badge, PageHeader } from '~/components/ui'
import { SessionLinks } from '~/components/session-links'
import { formatDate, frenchTypography as ft, plural } from '~/domain/format'
import { GRADING_SCALE_IDS, GRADING_SCALES, type GradingScaleId } from '~/domain/grading'
import { formatInstant, handInTiming, parisLocal } from '~/domain/hand-in'
import { competencyRange } from '~/domain/referentiel'
import { fieldErrors } from '~/domain/user-forms'
import { requirePermission } from '~/services/auth.server'
import {
  ExtensionFormSchema,
  GradingFormSchema,
  InstanceFormSchema,
  MAX_CRITERIA,
  REASON_MAX,
  RemoveExtensionFormSchema,
} from '~/services/exam-settings-input.server'
import {
  ExamSettingsError,
  grantExtension,
  isShorter,
  removeExtension,
  resolveLearner,
  saveInstance,
  sessionExists,
  sessionSettings,
  updateSessionGrading,
} from '~/services/exam-settings.server'
import { referentiel } from '~/services/referentiel.server'
import { instanceFor } from '~/services/submissions.server'
import { usePostFocus, formOutcomeTarget } from '~/components/use-post-focus'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Dépôts et notation — ${data?.session.name ?? 'Session'} — Atelier` }]

const STATE_LABELS = { 'on-time': 'Dépôts ouverts', late: 'Dépôts en retard', closed: 'Dépôts clos' } as const
const STATE_TONES = { 'on-time': 'success', late: 'accent', closed: 'neutral' } as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const settings = await sessionSettings(params.sessionId ?? '')
  if (!settings) throw new Response('Cette session d’examen n’existe pas.', { status: 404 })
  const { session } = settings
  const now = new Date()
  return {
    session: { id: session.id, name: session.name, startsOn: session.startsOn, endsOn: session.endsOn, scale: session.gradingScale },
    rule: settings.rule,
    gradesExist: settings.gradesExist,
    evaluations: settings.evaluations.map(({ evaluation, instance, submissions, extensions, closedGrids, doubleMarking }) => ({
      id: evaluation.id,
      title: ft(evaluation.title),
      range: competencyRange(evaluation),
      group: evaluation.mode === 'group',
      // Written work only (the cas pratiques): anonymous marking is the natural default.
      writtenOnly: !evaluation.parts.oral && !evaluation.parts.rex,
      oral: evaluation.parts.oral,
      instance: instance && {
        dueLocal: parisLocal(instance.dueAt),
        cutoffLocal: parisLocal(instance.cutoffAt),
        dueLabel: formatInstant(instance.dueAt),
        cutoffLabel: formatInstant(instance.cutoffAt),
        anonymous: instance.anonymous,
        doubleMarking: instance.doubleMarking,
        oralMinutes: instance.oralMinutes,
        state: handInTiming(now, instance),
      },
      submissions,
      closedGrids,
      double: doubleMarking,
      extensions: extensions.map((e) => ({
        id: e.id,
        learnerName: e.learnerName,
        learnerEmail: e.learnerEmail,
        dueLabel: formatInstant(e.dueAt),
        cutoffLabel: formatInstant(e.cutoffAt),
        reason: e.reason,
        grantedByName: e.grantedByName,
        grantedLabel: formatInstant(e.grantedAt),
        grantedAt: e.grantedAt.getTime(),
        shorter: instance ? isShorter(e, instance) : false,
      })),
    })),
    learners: settings.learners.map((l) => `${l.name} (${l.email})`),
    limits: { maxCriteria: MAX_CRITERIA, reasonMax: REASON_MAX },
  }
}

type Outcome = { form: string; ok: boolean; message: string; errors: Record<string, string>; values: Record<string, string> }

const NOT_SAVED = 'Rien n’a été enregistré\u00a0: corrigez le champ signalé.'

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, 'update:examSession:any')
  const sessionId = params.sessionId ?? ''
  if (!(await sessionExists(sessionId))) throw new Response('Cette session d’examen n’existe pas.', { status: 404 })
  const form = await request.formData()
  const values: Record<string, string> = {}
  for (const [key, value] of form) if (typeof value === 'string') values[key] = value
  const evaluationId = referentiel.evaluations.some((e) => e.id === values.evaluationId) ? values.evaluationId! : ''
  const formId =
    values.intent === 'grading'
      ? 'grading'
      : values.intent === 'instance'
        ? `instance-${evaluationId}`
        : values.intent === 'extension'
          ? `extension-${evaluationId}`
          : `extensions-${evaluationId}`
  const reply = (status: 200 | 400 | 404 | 409, outcome: Omit<Outcome, 'form' | 'values' | 'errors'> & { errors?: Record<string, string> }) =>
    data<Outcome>({ form: formId, errors: {}, values: outcome.ok ? {} : values, ...outcome }, { status })
  const invalid = (errors: Record<string, string>) => reply(400, { ok: false, message: NOT_SAVED, errors })

  try {
    if (values.intent === 'grading') {
      const parsed = GradingFormSchema.safeParse(values)
      if (!parsed.success) return invalid(fieldErrors(parsed.error))
      await updateSessionGrading(sessionId, parsed.data)
      return reply(200, { ok: true, message: 'La notation de la session a été enregistrée.' })
    }
    if (!evaluationId) return reply(400, { ok: false, message: 'Cette épreuve n’existe pas dans le référentiel.' })
    if (values.intent === 'instance') {
      const parsed = InstanceFormSchema.safeParse(values)
      if (!parsed.success) return invalid(fieldErrors(parsed.error))
      const saved = await saveInstance(sessionId, evaluationId, parsed.data)
      const warning =
        saved.shorterExtensions > 0
          ? ` Attention\u00a0: ${plural(saved.shorterExtensions, 'report individuel se termine', 'reports individuels se terminent')} désormais avant ces dates et ${saved.shorterExtensions > 1 ? 's’appliquent' : 's’applique'} quand même.`
          : ''
      return reply(200, {
        ok: true,
        message: `${saved.created ? 'Les dates de l’épreuve ont été fixées.' : 'Les dates de l’épreuve ont été modifiées.'}${warning}`,
      })
    }
    if (values.intent === 'extension') {
      const parsed = ExtensionFormSchema.safeParse(values)
      if (!parsed.success) return invalid(fieldErrors(parsed.error))
      const instance = await instanceFor(sessionId, evaluationId)
      if (!instance) return reply(400, { ok: false, message: 'Fixez d’abord la date limite de l’épreuve, puis accordez les reports.' })
      const learner = await resolveLearner(sessionId, parsed.data.learner)
      const { replaced } = await grantExtension(instance.id, learner.id, parsed.data, admin.id)
      return reply(200, { ok: true, message: replaced ? `Le report de ${learner.name} a été remplacé.` : `Report accordé à ${learner.name}.` })
    }
    if (values.intent === 'remove-extension') {
      const parsed = RemoveExtensionFormSchema.safeParse(values)
      if (!parsed.success) return reply(400, { ok: false, message: 'Ce report n’existe pas.' })
      if (!(await removeExtension(parsed.data.extensionId, sessionId)))
        return reply(404, { ok: false, message: 'Ce report n’existe plus\u00a0: il a peut-être déjà été retiré.' })
      return reply(200, { ok: true, message: 'Le report a été retiré.' })
    }
    return reply(400, { ok: false, message: 'Action inconnue.' })
  } catch (error) {
    if (!(error instanceof ExamSettingsError)) throw error
    if (error.field) return reply(error.status, { ok: false, message: NOT_SAVED, errors: { [error.field]: error.message } })
    return reply(error.status, { ok: false, message: error.message })
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type EvaluationData = Data['evaluations'][number]

/** The outcome of the last post, if it was this form's. */
function outcomeOf(outcome: Outcome | undefined, form: string): Outcome | undefined {
  return outcome?.form === form ? outcome : undefined
}

/** The message of a form's last post: success as a status, failure as an alert; focusable so that focus can move to it. */
function FormMessage({ form, outcome }: { form: string; outcome: Outcome | undefined }) {
  if (!outcome) return null
  return (
    <div id={`${form}-message`} className={`alert alert--${outcome.ok ? 'success' : 'error'}`} role={outcome.ok ? 'status' : 'alert'} tabIndex={-1}>
      {outcome.message}
    </div>
  )
}

/** A labelled input with its hint and error, wired for assistive technologies. */
function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true as const } : {}) })}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

function useBusy(form: string) {
  const navigation = useNavigation()
  if (navigation.state !== 'submitting' || !navigation.formData) return false
  const intent = navigation.formData.get('intent')
  const evaluationId = navigation.formData.get('evaluationId')
  return form === 'grading' ? intent === 'grading' : form === `${String(intent)}-${String(evaluationId)}`
}

export default function ExamSessionSettings() {
  const { session, rule, gradesExist, evaluations, learners, limits } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const { ask, dialog } = useConfirm()
  const created = useSearchParams()[0].get('creee') === '1' && !outcome

  // After a post, focus goes to what changed: the first field in error, else the form's message. Once the page's data
  // is reloaded too (the action's reply comes first, and a saved form is then re-mounted with what was stored).
  usePostFocus(outcome, formOutcomeTarget)

  const planned = evaluations.filter((e) => e.instance).length
  return (
    <div className="exam-settings">
      <PageHeader
        title="Dépôts et notation"
        lead={
          <>
            {session.name}, du {formatDate(session.startsOn)} au {formatDate(session.endsOn)}.
          </>
        }
        actions={
          <>
            <SessionLinks sessionId={session.id} current="Dépôts et notation" />
            <Link className="button button--ghost button--small" to="/admin">
              Retour aux sessions
            </Link>
          </>
        }
      />
      {created ? (
        <p className="alert alert--success" role="status">
          La session est créée&nbsp;: fixez maintenant les dates de ses épreuves, puis inscrivez ses candidat·es.
        </p>
      ) : null}
      <p className="alert alert--info exam-settings__tz">
        Toutes les dates et heures de cette page sont en <strong>heure de Paris</strong>, changements d’heure compris, quel que soit le fuseau horaire de votre
        ordinateur.
      </p>

      <GradingSettings scale={session.scale} rule={rule} gradesExist={gradesExist} maxCriteria={limits.maxCriteria} outcome={outcomeOf(outcome, 'grading')} />

      <section className="section" aria-labelledby="evaluations-title">
        <h2 id="evaluations-title">Épreuves</h2>
        <p className="card__muted">
          {planned === 0 ? 'Aucune date n’est encore fixée. ' : `Dates fixées pour ${plural(planned, 'épreuve', 'épreuves')} sur ${evaluations.length}. `}
          Un dossier déposé après la date limite et jusqu’à la clôture est marqué «&nbsp;en retard&nbsp;»&#8239;; après la clôture, le dépôt est refusé.
        </p>
        <nav aria-label="Aller à une épreuve" className="exam-settings__toc">
          <ol>
            {evaluations.map((e) => (
              <li key={e.id}>
                <a href={`#epreuve-${e.id}`}>
                  {e.title} <span className="exam-settings__range">({e.range})</span>
                </a>{' '}
                <span className="card__muted">— {e.instance ? `date limite le ${e.instance.dueLabel}` : 'dates non fixées'}</span>
              </li>
            ))}
          </ol>
        </nav>
        <ol className="exam-settings__evaluations">
          {evaluations.map((e) => (
            <li key={e.id}>
              <EvaluationCard evaluation={e} outcome={outcome} hasLearners={learners.length > 0} reasonMax={limits.reasonMax} ask={ask} />
            </li>
          ))}
        </ol>
      </section>
      <datalist id="enrolled-learners">
        {learners.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      {dialog}
    </div>
  )
}

function GradingSettings({
  scale,
  rule,
  gradesExist,
  maxCriteria,
  outcome,
}: {
  scale: GradingScaleId
  rule: Data['rule']
  gradesExist: boolean
  maxCriteria: number
  outcome: Outcome | undefined
}) {
  const values = outcome?.values
  const errors = outcome?.errors ?? {}
  const busy = useBusy('grading')
  const checkedScale = values?.scale ?? scale
  const checkedRule = values?.rule ?? rule.rule
  return (
    <section className="card exam-settings__grading" aria-labelledby="grading-title">
      <h2 id="grading-title">Notation</h2>
      <p className="card__muted">
        Aujourd’hui, une compétence est acquise quand {rule.rule === 'all' ? 'tous ses critères le sont' : `au moins ${rule.min} de ses critères le sont`}, et
        les critères sont notés sur l’échelle «&nbsp;{GRADING_SCALES[scale].label}&nbsp;».
      </p>
      <Form method="post" className="form" id="form-grading" noValidate>
        <input type="hidden" name="intent" value="grading" />
        <FormMessage form="grading" outcome={outcome} />
        <fieldset className="fieldset" aria-describedby={[gradesExist ? 'scale-locked' : '', errors.scale ? 'scale-error' : ''].join(' ').trim() || undefined}>
          <legend>Échelle des critères</legend>
          {gradesExist ? (
            <p className="field__hint" id="scale-locked">
              Des critères sont déjà notés dans cette session&nbsp;: l’échelle ne peut plus changer.
            </p>
          ) : null}
          {GRADING_SCALE_IDS.map((id) => (
            <label key={id} className="checkbox exam-settings__choice">
              <input type="radio" name="scale" value={id} defaultChecked={checkedScale === id} />
              <span>
                {GRADING_SCALES[id].label}
                {id === 'binary' ? ' (par défaut)' : ''}
                <span className="exam-settings__levels">{GRADING_SCALES[id].levels.map((l) => l.label).join(' · ')}</span>
              </span>
            </label>
          ))}
          {errors.scale ? (
            <p className="field__error" id="scale-error">
              {errors.scale}
            </p>
          ) : null}
        </fieldset>
        <fieldset className="fieldset" aria-describedby={errors.min ? 'rule-min-error' : undefined}>
          <legend>Acquisition d’une compétence</legend>
          <label className="checkbox exam-settings__choice">
            <input type="radio" name="rule" value="all" defaultChecked={checkedRule === 'all'} />
            <span>Quand tous ses critères sont acquis (par défaut)</span>
          </label>
          <label className="checkbox exam-settings__choice">
            <input type="radio" name="rule" value="at-least" defaultChecked={checkedRule === 'at-least'} />
            <span>Quand au moins un nombre donné de ses critères sont acquis</span>
          </label>
          <div className="field exam-settings__min">
            <label htmlFor="rule-min">Nombre minimal de critères acquis</label>
            <p className="field__hint" id="rule-min-hint">
              Pour la seconde règle, de 1 à {maxCriteria}. Une compétence qui compte moins de critères est acquise quand tous le sont.
            </p>
            <input
              id="rule-min"
              name="min"
              type="number"
              inputMode="numeric"
              min={1}
              max={maxCriteria}
              step={1}
              defaultValue={values?.min ?? (rule.rule === 'at-least' ? rule.min : '')}
              aria-describedby={errors.min ? 'rule-min-hint rule-min-error' : 'rule-min-hint'}
              aria-invalid={errors.min ? true : undefined}
            />
            {errors.min ? (
              <p className="field__error" id="rule-min-error">
                {errors.min}
              </p>
            ) : null}
          </div>
        </fieldset>
        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Enregistrement…' : 'Enregistrer la notation'}
          </button>
        </div>
      </Form>
    </section>
  )
}

function EvaluationCard({
  evaluation: e,
  outcome,
  hasLearners,
  reasonMax,
  ask,
}: {
  evaluation: EvaluationData
  outcome: Outcome | undefined
  hasLearners: boolean
  reasonMax: number
  ask: ReturnType<typeof useConfirm>['ask']
}) {
  const { instance, submissions } = e
  return (
    <article className="card exam-settings__evaluation" id={`epreuve-${e.id}`} aria-labelledby={`${e.id}-title`}>
      <h3 id={`${e.id}-title`}>
        {e.title} <span className="exam-settings__range">({e.range})</span>
      </h3>
      <p className="card__meta">
        <Badge>{e.group ? 'Épreuve de groupe' : 'Épreuve individuelle'}</Badge>
        {instance ? <Badge tone={STATE_TONES[instance.state]}>{STATE_LABELS[instance.state]}</Badge> : <Badge tone="accent">Dates non fixées</Badge>}
        {instance?.anonymous ? <Badge tone="info">Correction anonyme</Badge> : null}
        {instance?.doubleMarking ? <Badge tone="accent">Double correction</Badge> : null}
        {instance?.oralMinutes ? <Badge>{`Oral de ${instance.oralMinutes}\u00a0min`}</Badge> : null}
      </p>
      {instance ? (
        <p className="exam-settings__summary">
          Date limite le {instance.dueLabel}, clôture le {instance.cutoffLabel}.{' '}
          {submissions.total === 0
            ? 'Aucun dépôt pour l’instant.'
            : `${plural(submissions.dossiers, 'dossier déposé', 'dossiers déposés')} (${plural(submissions.total, 'dépôt', 'dépôts')}).`}
        </p>
      ) : null}
      {instance?.doubleMarking ? <DoubleMarkingSummary evaluation={e} /> : null}
      <InstanceForm evaluation={e} outcome={outcomeOf(outcome, `instance-${e.id}`)} />
      {instance ? (
        <Extensions evaluation={e} hasLearners={hasLearners} reasonMax={reasonMax} ask={ask} outcome={outcome} />
      ) : (
        <p className="card__muted">Les reports individuels pourront être accordés une fois les dates fixées.</p>
      )}
    </article>
  )
}

function InstanceForm({ evaluation: e, outcome }: { evaluation: EvaluationData; outcome: Outcome | undefined }) {
  const form = `instance-${e.id}`
  const { instance } = e
  const values = outcome?.values
  const errors = outcome?.errors ?? {}
  const busy = useBusy(form)
  const anonymityLocked = e.submissions.total > 0
  const anonymous = e.group ? false : values ? values.anonymous === 'on' : (instance?.anonymous ?? e.writtenOnly)
  const anonymityHint = e.group
    ? 'Épreuve de groupe avec un oral devant le jury\u00a0: jamais anonyme.'
    : anonymityLocked
      ? 'Des dossiers sont déjà déposés\u00a0: l’anonymat ne peut plus changer.'
      : 'Les juré·es voient un code candidat au lieu du nom, de l’adresse et des noms de fichiers.'
  return (
    // Re-mounted when the saved dates change, so that the fields show what was stored (a time skipped by the change to summer time moves).
    <Form
      method="post"
      className="form exam-settings__instance"
      id={`form-${form}`}
      noValidate
      key={instance ? `${instance.dueLocal}|${instance.cutoffLocal}|${instance.anonymous}|${instance.doubleMarking}|${instance.oralMinutes}` : 'new'}
      aria-label={`Dates de l’épreuve ${e.title} (${e.range})`}
    >
      <input type="hidden" name="intent" value="instance" />
      <input type="hidden" name="evaluationId" value={e.id} />
      <FormMessage form={form} outcome={outcome} />
      <div className="form-row">
        <Field
          id={`${e.id}-due`}
          label="Date limite de dépôt"
          hint={'Heure de Paris. Déposé jusqu’à cette minute incluse\u00a0: à l’heure.'}
          error={errors.dueAt}
        >
          {(props) => <input {...props} name="dueAt" type="datetime-local" required defaultValue={values?.dueAt ?? instance?.dueLocal ?? ''} />}
        </Field>
        <Field
          id={`${e.id}-cutoff`}
          label="Clôture des dépôts"
          hint="Heure de Paris. Égale à la date limite si aucun retard n’est accepté."
          error={errors.cutoffAt}
        >
          {(props) => <input {...props} name="cutoffAt" type="datetime-local" required defaultValue={values?.cutoffAt ?? instance?.cutoffLocal ?? ''} />}
        </Field>
      </div>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            name={anonymityLocked ? undefined : 'anonymous'}
            defaultChecked={anonymous}
            disabled={e.group || anonymityLocked}
            aria-describedby={[`${e.id}-anonymous-hint`, errors.anonymous ? `${e.id}-anonymous-error` : ''].join(' ').trim()}
            aria-invalid={errors.anonymous ? true : undefined}
          />
          Correction anonyme
        </label>
        {/* A disabled box is not sent: the locked value goes with the form. */}
        {anonymityLocked && anonymous ? <input type="hidden" name="anonymous" value="on" /> : null}
        <p className="field__hint" id={`${e.id}-anonymous-hint`}>
          {anonymityHint}
        </p>
        {errors.anonymous ? (
          <p className="field__error" id={`${e.id}-anonymous-error`}>
            {errors.anonymous}
          </p>
        ) : null}
      </div>
      <DoubleMarkingField evaluation={e} values={values} error={errors.doubleMarking} />
      {e.oral ? (
        <Field
          id={`${e.id}-oral`}
          label="Durée de l’oral (min)"
          hint={'Facultatif. Le support d’oral des candidat·es compare la durée de leur plan à celle-ci\u00a0; vide\u00a0: aucune durée fixée.'}
          error={errors.oralMinutes}
        >
          {(props) => (
            <input
              {...props}
              name="oralMinutes"
              type="text"
              inputMode="numeric"
              defaultValue={values?.oralMinutes ?? (instance?.oralMinutes == null ? '' : String(instance.oralMinutes))}
            />
          )}
        </Field>
      ) : null}
      <div>
        <button type="submit" className="button button--small" disabled={busy}>
          {busy ? 'Enregistrement…' : instance ? 'Enregistrer les dates' : 'Fixer les dates'}
          <span className="visually-hidden"> de l’épreuve {`${e.title} (${e.range})`}</span>
        </button>
      </div>
    </Form>
  )
}

/** Double marking: how many of the instance's copies have their two jurors, how many confrontations are closed. */
function DoubleMarkingSummary({ evaluation: e }: { evaluation: EvaluationData }) {
  const { copies, withTwoJurors, reconciled } = e.double
  const missing = copies - withTwoJurors
  return (
    <p className="exam-settings__summary" id={`${e.id}-double-summary`}>
      Double correction&nbsp;:{' '}
      {copies === 0
        ? 'aucune copie attribuée pour l’instant.'
        : `${withTwoJurors} sur ${plural(copies, 'copie', 'copies')} ${withTwoJurors > 1 ? 'ont' : 'a'} deux juré·es, ${plural(reconciled, 'confrontation close', 'confrontations closes')}.`}
      {missing > 0
        ? ` ${plural(missing, 'copie n’a', 'copies n’ont')} encore qu’un·e juré·e\u00a0: ${missing > 1 ? 'elles ne pourront' : 'elle ne pourra'} être confrontée${missing > 1 ? 's' : ''} qu’une fois un·e second·e juré·e attribué·e.`
        : ''}
    </p>
  )
}

/** The « Double correction » box of an instance's form: fixed once a grid of the évaluation is closed (a disabled box is not sent: its value goes hidden). */
function DoubleMarkingField({
  evaluation: e,
  values,
  error,
}: {
  evaluation: EvaluationData
  values: Record<string, string> | undefined
  error: string | undefined
}) {
  const locked = e.closedGrids > 0
  const checked = values && !locked ? values.doubleMarking === 'on' : (e.instance?.doubleMarking ?? false)
  const hintId = `${e.id}-double-hint`
  return (
    <div className="field">
      <label className="checkbox">
        <input
          type="checkbox"
          name={locked ? undefined : 'doubleMarking'}
          defaultChecked={checked}
          disabled={locked}
          aria-describedby={[hintId, error ? `${e.id}-double-error` : ''].join(' ').trim()}
          aria-invalid={error ? true : undefined}
        />
        Double correction
      </label>
      {locked && checked ? <input type="hidden" name="doubleMarking" value="on" /> : null}
      <p className="field__hint" id={hintId}>
        {locked
          ? 'Des grilles de cette épreuve sont déjà closes\u00a0: la double correction ne peut plus changer.'
          : 'Deux juré·es corrigent chaque copie sans voir la grille de l’autre, puis le ou la juré·e principal·e retient un niveau là où leurs corrections divergent. Chaque copie doit avoir deux juré·es.'}
      </p>
      {error ? (
        <p className="field__error" id={`${e.id}-double-error`}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

function Extensions({
  evaluation: e,
  hasLearners,
  reasonMax,
  ask,
  outcome,
}: {
  evaluation: EvaluationData
  hasLearners: boolean
  reasonMax: number
  ask: ReturnType<typeof useConfirm>['ask']
  outcome: Outcome | undefined
}) {
  const submit = useSubmit()
  const listForm = `extensions-${e.id}`
  const grantForm = `extension-${e.id}`
  const grantOutcome = outcomeOf(outcome, grantForm)
  const values = grantOutcome?.values
  const errors = grantOutcome?.errors ?? {}
  const busy = useBusy(grantForm)
  const details = useRef<HTMLDetailsElement>(null)
  // A refused grant keeps its form open; a granted one closes it (its message says what was done).
  useEffect(() => {
    if (details.current && grantOutcome) details.current.open = !grantOutcome.ok
  }, [grantOutcome])

  const confirmRemoval = (event: FormEvent<HTMLFormElement>, name: string) => {
    event.preventDefault()
    const form = event.currentTarget
    ask(
      <>
        Retirer le report de {name}&#8239;? Ses dates redeviendront celles de l’épreuve (date limite le {e.instance?.dueLabel}).
      </>,
      () => submit(form),
      'Retirer le report',
    )
  }
  // A new form after each grant: the fields start empty again.
  const latest = e.extensions.reduce((max, x) => Math.max(max, x.grantedAt), 0)
  return (
    // Not a landmark: seventeen regions named « Reports individuels » would only be noise.
    <div className="exam-settings__extensions">
      <h4 id={`${e.id}-extensions-title`}>Reports individuels</h4>
      {e.group ? <p className="field__hint">Dans une épreuve de groupe, le report accordé à un membre vaut pour le dossier de tout son groupe.</p> : null}
      <FormMessage form={listForm} outcome={outcomeOf(outcome, listForm)} />
      {e.extensions.length === 0 ? (
        <p className="card__muted">Aucun report accordé.</p>
      ) : (
        <ul className="exam-settings__extension-list">
          {e.extensions.map((x) => (
            <li key={x.id} className="exam-settings__extension">
              <p className="exam-settings__who">
                <strong>{x.learnerName}</strong> <span className="card__muted">{x.learnerEmail}</span>
              </p>
              <dl className="exam-settings__facts">
                <div>
                  <dt>Date limite</dt>
                  <dd>{x.dueLabel}</dd>
                </div>
                <div>
                  <dt>Clôture</dt>
                  <dd>{x.cutoffLabel}</dd>
                </div>
                <div>
                  <dt>Motif</dt>
                  <dd className="exam-settings__reason">{x.reason}</dd>
                </div>
                <div>
                  <dt>Accordé</dt>
                  <dd>
                    par {x.grantedByName ?? 'un compte supprimé'}, le {x.grantedLabel}
                  </dd>
                </div>
              </dl>
              {x.shorter ? (
                <p className="exam-settings__warning">
                  Les dates de l’épreuve ont été repoussées depuis&nbsp;: ce report se termine plus tôt qu’elles et s’applique quand même. Retirez-le ou
                  accordez-en un nouveau.
                </p>
              ) : null}
              <Form method="post" onSubmit={(event) => confirmRemoval(event, x.learnerName)}>
                <input type="hidden" name="intent" value="remove-extension" />
                <input type="hidden" name="evaluationId" value={e.id} />
                <input type="hidden" name="extensionId" value={x.id} />
                <button type="submit" className="button button--ghost button--small">
                  Retirer<span className="visually-hidden"> le report de {x.learnerName}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {/* A granted extension's message stays in sight when its form closes. */}
      <FormMessage form={grantForm} outcome={grantOutcome?.ok ? grantOutcome : undefined} />
      {hasLearners ? (
        <details className="exam-settings__grant" ref={details} open={grantOutcome && !grantOutcome.ok ? true : undefined}>
          <summary>
            Accorder un report<span className="visually-hidden"> pour l’épreuve {`${e.title} (${e.range})`}</span>
          </summary>
          <Form method="post" className="form" id={`form-${grantForm}`} noValidate key={latest}>
            <input type="hidden" name="intent" value="extension" />
            <input type="hidden" name="evaluationId" value={e.id} />
            <FormMessage form={grantForm} outcome={grantOutcome?.ok ? undefined : grantOutcome} />
            <Field
              id={`${e.id}-learner`}
              label="Candidat·e"
              hint="Tapez quelques lettres du nom ou de l’adresse e-mail, puis choisissez dans la liste."
              error={errors.learner}
            >
              {(props) => (
                <input {...props} name="learner" type="text" list="enrolled-learners" autoComplete="off" required defaultValue={values?.learner ?? ''} />
              )}
            </Field>
            <div className="form-row">
              <Field id={`${e.id}-ext-due`} label="Nouvelle date limite" hint="Heure de Paris." error={errors.dueAt}>
                {(props) => <input {...props} name="dueAt" type="datetime-local" required defaultValue={values?.dueAt ?? e.instance?.dueLocal} />}
              </Field>
              <Field id={`${e.id}-ext-cutoff`} label="Nouvelle clôture" hint="Heure de Paris." error={errors.cutoffAt}>
                {(props) => <input {...props} name="cutoffAt" type="datetime-local" required defaultValue={values?.cutoffAt ?? e.instance?.cutoffLocal} />}
              </Field>
            </div>
            <Field id={`${e.id}-reason`} label="Motif (obligatoire)" hint={`${reasonMax} caractères au plus.`} error={errors.reason}>
              {(props) => <textarea {...props} name="reason" rows={2} maxLength={reasonMax} required defaultValue={values?.reason ?? ''} />}
            </Field>
            <div>
              <button type="submit" className="button button--small" disabled={busy}>
                {busy ? 'Enregistrement…' : 'Accorder le report'}
              </button>
            </div>
          </Form>
        </details>
      ) : (
        <p className="card__muted">Aucun·e candidat·e n’est inscrit·e à cette session.</p>
      )}
    </div>
  )
}
