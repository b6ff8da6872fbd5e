import type { LoaderFunctionArgs } from '@remix-run/node'
import { imageSize } from 'image-size'
import { todayInFrance } from '~/domain/calendar'
import { emptyValue, entryOf } from '~/kinds/registry'
import { getDb, schema } from '~/services/db.server'
import { learnerOf, requireDossierAccess } from '~/services/dossier-access.server'
import { sectionStates } from '~/services/dossier-sections.server'
import { groupMemberList, templateOfDossier } from '~/services/dossiers.server'
import { renderExport } from '~/services/exports/pool.server'
import type { TalkDeck, TalkImage } from '~/services/exports/pptx.server'
import { fileResponse } from '~/services/exports/response.server'
import { referentielIndex } from '~/services/referentiel.server'
import { shownPictures, type ShownSection } from '~/services/section-pictures.server'
import { findUpload, readUpload } from '~/services/uploads.server'
import { eq } from 'drizzle-orm'

const SLIDE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif'])

/**
 * An oral support as a PowerPoint (issue 16 §3): a title slide, one slide per
 * part with its message, its visuals (images joined, the charts of the
 * sections it shows, drawn as in the Word export), its speakers and time, the
 * notes in the notes pane. For whoever may read the dossier; rendered in the
 * export threads.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireDossierAccess(request, params.dossierId, 'read')
  const { user, dossier } = access
  const template = templateOfDossier(dossier)
  const section = template.sections.find((s) => s.id === params.sectionId)
  const states = await sectionStates(dossier.id)
  const entry = section ? entryOf(section.field, states[section.id]?.content ?? emptyValue(section.field)) : null
  if (!section || entry?.kind !== 'oralSupport') throw new Response('Cette section n’est pas un support d’oral.', { status: 404 })
  const talk = entry.value
  if (talk.parts.length === 0) throw new Response('Ce support n’a encore aucune partie\u00a0: rien à mettre en diapositives.', { status: 404 })

  const today = todayInFrance()
  const members = await groupMemberList(dossier.groupId)
  const names = new Map(members.map((m) => [m.id, m.name]))
  const learnerId = learnerOf(access, user)
  const learner = learnerId ? (await getDb().select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.id, learnerId)))[0] : undefined
  // A section shown as a visual (of this dossier or another of the learner's): its charts, card or table, as the Word export draws them.
  const pictured = async (visual: ShownSection): Promise<TalkImage[]> =>
    (await shownPictures(dossier, visual, states, today)).map((c) => ({ png: c.png, alt: c.alt, width: c.width, height: c.height }))
  // An image joined to the talk: one of this dossier's uploads that a slide can show.
  const uploaded = async (src: string, alt: string): Promise<TalkImage[]> => {
    const upload = await findUpload(src.slice('/fichiers/'.length))
    const bytes = upload?.dossierId === dossier.id && SLIDE_TYPES.has(upload.mime) ? readUpload(upload.id) : null
    if (!upload || !bytes) return []
    const size = imageSize(new Uint8Array(bytes))
    return [{ png: new Uint8Array(bytes), mime: upload.mime as TalkImage['mime'], alt, width: size.width ?? 0, height: size.height ?? 0 }]
  }
  const slides: TalkDeck['slides'] = []
  for (const p of talk.parts) {
    const images: TalkImage[] = []
    for (const v of p.visuals) images.push(...(v.kind === 'image' ? await uploaded(v.src, v.alt) : await pictured(v)))
    slides.push({
      title: p.title.trim() || 'Partie sans titre',
      message: p.message,
      minutes: p.minutes,
      speakers: p.speakers.flatMap((id) => names.get(id) ?? []),
      notes: p.notes,
      images,
    })
  }
  const deck: TalkDeck = {
    title: section.title,
    evaluationTitle: referentielIndex.evaluations.get(template.evaluationId)?.title ?? template.title,
    candidate: learner?.name ?? members.map((m) => m.name).join(', '),
    slides,
  }
  const buffer = await renderExport({ format: 'pptx', deck })
  return fileResponse(buffer, `${template.title} — ${section.title}`.replaceAll('/', '-'), 'pptx')
}
