import { emptyValue } from '~/domain/fields'
import type { Status } from '~/domain/self-assessment'
import { caseMaterialFor } from './case-materials.server'
import { groupMemberNames, learnerDossiers, learnerObjectives, learnerStatuses, sectionStates, templateOfDossier, type Dossier } from './dossiers.server'
import { referentielIndex } from './referentiel.server'

/** Everything the dossier page shows, for a learner who may open it. */
export function dossierView(dossier: Dossier, learnerId: string) {
  const template = templateOfDossier(dossier)
  const evaluation = referentielIndex.evaluations.get(dossier.evaluationId)!
  const states = sectionStates(dossier.id)
  const statusRows = learnerStatuses(learnerId, dossier.examSessionId)
  const statuses = new Map(statusRows.map((r) => [r.criterionId, r]))

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

  const siblings = learnerDossiers(learnerId, dossier.examSessionId)
    .filter((d) => d.evaluationId === dossier.evaluationId && d.id !== dossier.id)
    .map((d) => ({ id: d.id, title: templateOfDossier(d).title, kind: templateOfDossier(d).kind }))

  return {
    dossier: { id: dossier.id, kind: template.kind, isGroup: dossier.groupId !== null },
    template: { id: template.id, title: template.title, intro: template.intro, sections: template.sections },
    evaluation: {
      id: evaluation.id,
      title: evaluation.title,
      competencyIds: evaluation.competencyIds,
      context: evaluation.context,
      deliverables: evaluation.deliverables,
      workMode: evaluation.workMode,
      type: evaluation.type,
    },
    sections: template.sections.map((s) => ({
      id: s.id,
      state: states[s.id] ?? { content: emptyValue(s.field), version: 0, updatedAt: 0, updatedBy: null },
    })),
    competencies,
    members: groupMemberNames(dossier.groupId),
    caseMaterial:
      evaluation.type === 'cas-pratique' || evaluation.type === 'mise-en-situation' ? caseMaterialFor(dossier.examSessionId, evaluation.id) : null,
    showCaseMaterial: evaluation.type === 'cas-pratique' || evaluation.type === 'mise-en-situation',
    siblings,
    objectives: template.sections.some((s) => s.field.kind === 'kpi') ? learnerObjectives(learnerId, dossier.examSessionId) : [],
  }
}
