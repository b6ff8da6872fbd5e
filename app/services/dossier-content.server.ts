import { inArray } from 'drizzle-orm'
import type { DossierTemplate } from '#templates/template.schema'
import type { Status } from '~/domain/self-assessment'
import { emptyValue, entryOf, isEmpty } from '~/kinds/registry'
import { hasPictures } from '~/kinds/registry.server'
import { getDb, schema } from './db.server'
import { sectionStates, type SectionState } from './dossier-sections.server'
import { groupMemberList, learnerDossiers, templateOfDossier, type Dossier } from './dossiers.server'
import { referentielIndex } from './referentiel.server'
import { instanceFor } from './submissions.server'
import { pictureDossiers } from './section-pictures.server'
import { learnerStatuses } from './self-assessment.server'

const { dossierSections } = schema

/**
 * The SMART objectives written in the dossiers a learner may open in one
 * session (a KPI can say which one it measures). Scoped like the dossiers.
 */
export async function learnerObjectives(
  learnerId: string,
  examSessionId: string,
): Promise<{ id: string; label: string; where: string; target: number | null; unit: string }[]> {
  const owned = await learnerDossiers(learnerId, examSessionId)
  const wanted = owned.flatMap((d) => {
    const template = templateOfDossier(d)
    return template.sections.filter((s) => s.field.kind === 'smart').map((s) => ({ dossierId: d.id, sectionId: s.id, field: s.field, where: template.title }))
  })
  if (wanted.length === 0) return []
  const rows = await getDb()
    .select({ dossierId: dossierSections.dossierId, sectionId: dossierSections.sectionId, content: dossierSections.content })
    .from(dossierSections)
    .where(inArray(dossierSections.dossierId, [...new Set(wanted.map((w) => w.dossierId))]))
  return wanted.flatMap((w) => {
    const row = rows.find((r) => r.dossierId === w.dossierId && r.sectionId === w.sectionId)
    const entry = row ? entryOf(w.field, row.content) : null
    const objectives = entry?.kind === 'smart' ? entry.value.objectives : []
    return objectives.filter((o) => o.label.trim()).map((o) => ({ id: o.id, label: o.label.trim(), where: w.where, target: o.target, unit: o.unit }))
  })
}

/**
 * The personae written in the dossiers a learner may open in one session (an
 * experience map recalls one), each with its profile in one text. Scoped like the dossiers.
 */
export async function learnerPersonas(learnerId: string, examSessionId: string): Promise<{ id: string; name: string; summary: string; where: string }[]> {
  const wanted = (await learnerDossiers(learnerId, examSessionId)).flatMap((d) => {
    const template = templateOfDossier(d)
    return template.sections.filter((s) => s.field.kind === 'persona').map((s) => ({ dossierId: d.id, sectionId: s.id, field: s.field, where: template.title }))
  })
  if (wanted.length === 0) return []
  const rows = await getDb()
    .select({ dossierId: dossierSections.dossierId, sectionId: dossierSections.sectionId, content: dossierSections.content })
    .from(dossierSections)
    .where(inArray(dossierSections.dossierId, [...new Set(wanted.map((w) => w.dossierId))]))
  return wanted.flatMap((w) => {
    const row = rows.find((r) => r.dossierId === w.dossierId && r.sectionId === w.sectionId)
    const entry = row ? entryOf(w.field, row.content) : null
    const personas = entry?.kind === 'persona' ? entry.value.personas : []
    return personas
      .filter((p) => p.firstName.trim())
      .map((p) => {
        const facts = [p.age === null ? '' : `${p.age}\u00a0ans`, p.csp.trim(), p.location.trim(), p.family.trim()].filter(Boolean).join(', ')
        const summary = [facts, p.needs.trim() && `Besoins : ${p.needs.trim()}`, p.frustrations.trim() && `Freins : ${p.frustrations.trim()}`]
          .filter(Boolean)
          .join('\n')
        return { id: p.id, name: p.firstName.trim(), summary, where: w.where }
      })
  })
}

/**
 * The template with the time of its oral when the school set one for the
 * épreuve in the dossier's session: an oral support's hints compare the talk
 * with it (the référentiel states no duration; the template sets none).
 */
async function withOralTime(template: DossierTemplate, dossier: Dossier): Promise<DossierTemplate> {
  if (!template.sections.some((s) => s.field.kind === 'oralSupport')) return template
  const minutes = (await instanceFor(dossier.examSessionId, dossier.evaluationId))?.oralMinutes
  if (!minutes) return template
  return { ...template, sections: template.sections.map((s) => (s.field.kind === 'oralSupport' ? { ...s, field: { ...s.field, minutes } } : s)) }
}

/**
 * A dossier read once for display or export, generic over templates: its
 * template and evaluation, every section's current state (the field's empty
 * value before the first save), the criteria its sections serve by competency
 * with `learnerId`'s self-assessment, the group's members and the SMART
 * objectives a KPI may link to. `learnerId` is the learner whose work it shows
 * (null: a group dossier seen from outside the group, with no self-assessment).
 */
export async function loadDossier(dossier: Dossier, learnerId: string | null) {
  const template = await withOralTime(templateOfDossier(dossier), dossier)
  const evaluation = referentielIndex.evaluations.get(dossier.evaluationId)!
  const states = await sectionStates(dossier.id)
  const statuses = new Map((learnerId ? await learnerStatuses(learnerId, dossier.examSessionId) : []).map((r) => [r.criterionId, r]))

  // The criteria the dossier's sections serve, in référentiel order.
  const cited = new Set(template.sections.flatMap((s) => s.criteria))
  const competencies = evaluation.competencyIds
    .map((cid) => referentielIndex.competencies.get(cid)!)
    .map((c) => ({
      id: c.id,
      text: c.text,
      heading: c.criteriaHeading,
      criteria: c.criteria
        .filter((k) => cited.has(k.id))
        .map((k) => ({
          id: k.id,
          text: k.text,
          status: (statuses.get(k.id)?.status ?? 'todo') as Status,
          justification: statuses.get(k.id)?.justification ?? '',
          sections: template.sections.filter((s) => s.criteria.includes(k.id)).map((s) => ({ id: s.id, title: s.title })),
        })),
    }))
    .filter((c) => c.criteria.length > 0)

  // The criteria a section only discusses (a REX), with their wording.
  const discussed = Object.fromEntries(
    template.sections
      .flatMap((s) => s.discusses)
      .map((id) => [id, referentielIndex.competencies.get(id.split('-')[0]!)?.criteria.find((k) => k.id === id)?.text ?? id]),
  )
  // A KPI dashboard and a lead funnel link to the learner's SMART objectives; an experience map recalls them and a persona (C7.1-1).
  const hasMap = template.sections.some((s) => s.field.kind === 'experienceMap')
  const usesObjectives = hasMap || template.sections.some((s) => s.field.kind === 'kpi' || s.field.kind === 'leadFunnel')
  // An oral's visuals: the dossier's own sections that show a picture (a chart, a card, a table…), once written.
  const hasOral = template.sections.some((s) => s.field.kind === 'oralSupport')
  const memberList = await groupMemberList(dossier.groupId)
  const pictures: { id: string; title: string; dossierId: string; where: string | null }[] = []
  if (hasOral) {
    for (const d of await pictureDossiers(dossier)) {
      const own = d.id === dossier.id
      const shown = own ? template : templateOfDossier(d)
      const written = own ? states : await sectionStates(d.id)
      pictures.push(
        ...shown.sections
          .filter((s) => hasPictures(s.field.kind) && written[s.id] && !isEmpty(entryOf(s.field, written[s.id]!.content)))
          .map((s) => ({ id: s.id, title: s.title, dossierId: d.id, where: own ? null : shown.title })),
      )
    }
  }
  return {
    dossier,
    template,
    evaluation,
    sections: template.sections.map((section) => ({
      section,
      state: states[section.id] ?? ({ content: emptyValue(section.field), version: 0, updatedAt: 0, updatedBy: null } satisfies SectionState),
    })),
    competencies,
    discussed,
    members: memberList.map((m) => m.name),
    /** The members with their ids (an oral's speakers). */
    memberList,
    /** Sections of this dossier an oral may show as a visual. */
    pictures,
    objectives: usesObjectives && learnerId ? await learnerObjectives(learnerId, dossier.examSessionId) : [],
    personas: hasMap && learnerId ? await learnerPersonas(learnerId, dossier.examSessionId) : [],
  }
}

export type DossierContent = Awaited<ReturnType<typeof loadDossier>>
