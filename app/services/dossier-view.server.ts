import { caseMaterialFor } from './case-materials.server'
import { loadDossier } from './dossier-content.server'
import { learnerDossiers, templateOfDossier, type Dossier } from './dossiers.server'

/** Everything the dossier page shows, for a learner who works on it. */
export function dossierView(dossier: Dossier, learnerId: string) {
  const { template, evaluation, sections, competencies, members, objectives } = loadDossier(dossier, learnerId)
  const siblings = learnerDossiers(learnerId, dossier.examSessionId)
    .filter((d) => d.evaluationId === dossier.evaluationId && d.id !== dossier.id)
    .map((d) => ({ id: d.id, title: templateOfDossier(d).title, kind: templateOfDossier(d).kind }))
  const showCaseMaterial = evaluation.type === 'cas-pratique' || evaluation.type === 'mise-en-situation'

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
    sections: sections.map((s) => ({ id: s.section.id, state: s.state })),
    competencies,
    members,
    caseMaterial: showCaseMaterial ? caseMaterialFor(dossier.examSessionId, evaluation.id) : null,
    showCaseMaterial,
    siblings,
    objectives,
  }
}
