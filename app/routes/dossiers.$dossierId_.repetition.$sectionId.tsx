import { randomUUID } from 'node:crypto'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useFetcher, useLoaderData, useNavigate } from '@remix-run/react'
import { z } from 'zod'
import { Rehearsal } from '~/components/oral/rehearsal'
import { emptyValue, entryOf } from '~/kinds/registry'
import { valueSchema } from '~/kinds/schemas'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { saveSection, sectionStates } from '~/services/dossier-sections.server'
import { templateOfDossier, type Dossier } from '~/services/dossiers.server'
import { shownPictures, type ShownSection } from '~/services/section-pictures.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Répétition — ${data.section.title} — ${data.dossierTitle} — Atelier` : 'Répétition — Atelier' },
]

/** The oral-support section of a dossier and its talk as stored now (the kind's empty value before the first save). */
async function talkOf(dossier: Dossier, sectionId: string | undefined) {
  const template = templateOfDossier(dossier)
  const section = template.sections.find((s) => s.id === sectionId)
  if (!section) throw new Response('Cette section n’existe pas dans ce dossier.', { status: 404 })
  const state = (await sectionStates(dossier.id))[section.id]
  const entry = entryOf(section.field, state?.content ?? emptyValue(section.field))
  if (entry.kind !== 'oralSupport') throw new Response('Cette section n’est pas un support d’oral\u00a0: rien à répéter.', { status: 404 })
  return { template, section, talk: entry.value, version: state?.version ?? 0 }
}

/**
 * Rehearsing an oral (issue 16 §2): the talk's parts one after the other,
 * timed, full page. For the learners of the dossier (who may write it: the
 * times they keep are part of the section's value).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dossier } = await requireDossierAccess(request, params.dossierId, 'update')
  const { template, section, talk } = await talkOf(dossier, params.sectionId)
  // The pictures of the sections the talk shows (drawn again when the browser asks for each), with their text alternatives.
  const states = await sectionStates(dossier.id)
  type Shown = { src: string; alt: string; width: number | null; height: number | null }
  const keyOf = (v: ShownSection) => `${v.dossierId ?? dossier.id}/${v.sectionId}`
  const shown = new Map<string, Shown[]>()
  for (const v of talk.parts.flatMap((p) => p.visuals)) {
    if (v.kind !== 'section' || shown.has(keyOf(v))) continue
    const source = v.dossierId && v.dossierId !== dossier.id ? `&source=${v.dossierId}` : ''
    shown.set(
      keyOf(v),
      (await shownPictures(dossier, v, states)).map((c, i) => ({
        src: `/dossiers/${dossier.id}/visuels/${v.sectionId}?image=${i}${source}`,
        alt: c.alt,
        width: c.width,
        height: c.height,
      })),
    )
  }
  return {
    dossierId: dossier.id,
    dossierTitle: template.title,
    section: { id: section.id, title: section.title },
    parts: talk.parts.map((p) => ({
      id: p.id,
      title: p.title,
      message: p.message,
      minutes: p.minutes,
      notes: p.notes,
      images: p.visuals.flatMap((v) => (v.kind === 'image' ? [{ src: v.src, alt: v.alt, width: null, height: null }] : (shown.get(keyOf(v)) ?? []))),
      // A section with nothing to draw yet is named.
      sections: p.visuals.flatMap((v) => (v.kind === 'section' && !shown.get(keyOf(v))?.length ? [v.label] : [])),
    })),
    rehearsals: talk.rehearsals,
  }
}

const Summary = z.object({ seconds: z.number().int().min(0).max(36_000), parts: z.record(z.string().max(64), z.number().int().min(0).max(36_000)) }).strict()

/** Keeps a finished rehearsal with the talk (the last 20), retried when the section was saved meanwhile. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, dossier } = await requireDossierAccess(request, params.dossierId, 'update')
  const form = await request.formData()
  let summary: z.infer<typeof Summary>
  try {
    summary = Summary.parse(JSON.parse(String(form.get('summary') ?? '')))
  } catch {
    return data({ ok: false, error: 'Cette répétition est illisible\u00a0: elle n’a pas été gardée.' }, { status: 400 })
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const { section, talk, version } = await talkOf(dossier, params.sectionId)
    const kept = { id: `repetition-${randomUUID()}`, at: new Date().toISOString(), ...summary }
    const content = valueSchema(section.field).safeParse({ ...talk, rehearsals: [...talk.rehearsals, kept].slice(-20) })
    if (!content.success) return data({ ok: false, error: 'Cette répétition ne correspond pas au support\u00a0: elle n’a pas été gardée.' }, { status: 400 })
    const saved = await saveSection({ dossierId: dossier.id, sectionId: section.id, baseVersion: version, content: content.data, authorId: user.id })
    if (saved.ok) return { ok: true, error: null }
  }
  return data({ ok: false, error: 'Le support a changé pendant l’enregistrement\u00a0: terminez de nouveau la répétition.' }, { status: 409 })
}

export default function RehearsalPage() {
  const { dossierId, dossierTitle, section, parts, rehearsals } = useLoaderData<typeof loader>()
  const keep = useFetcher<typeof action>()
  const navigate = useNavigate()
  const back = `/dossiers/${dossierId}/sections/${section.id}`
  const visuals = Object.fromEntries(
    parts.map((p) => [
      p.id,
      p.images.length || p.sections.length ? (
        <div className="rehearsal-visuals">
          {p.images.map((img) => (
            <img key={img.src} src={img.src} alt={img.alt} width={img.width ?? undefined} height={img.height ?? undefined} loading="lazy" decoding="async" />
          ))}
          {p.sections.length ? <p>Support&nbsp;: {p.sections.join(', ')}</p> : null}
        </div>
      ) : null,
    ]),
  )
  return (
    <div className="stack">
      <p>
        <Link to={back}>← Retour au support d’oral</Link> · {dossierTitle}
      </p>
      {parts.length === 0 ? (
        <p className="alert">
          Ce support n’a encore aucune partie. <Link to={back}>Préparez le plan</Link>, puis revenez répéter.
        </p>
      ) : (
        <Rehearsal
          title={section.title}
          parts={parts}
          visuals={visuals}
          rehearsals={rehearsals}
          onFinish={(summary) => keep.submit({ summary: JSON.stringify(summary) }, { method: 'post' })}
          onExit={() => navigate(back)}
        />
      )}
      {keep.data && !keep.data.ok ? (
        <p className="alert alert--error" role="alert">
          {keep.data.error}
        </p>
      ) : null}
    </div>
  )
}
