import { dossierTemplates, templatesById } from '#templates/dossiers'

export { dossierTemplates, templatesById }

export function mainTemplateOf(evaluationId: string) {
  return dossierTemplates.find((t) => t.evaluationId === evaluationId && t.kind === 'main')
}

export function rexTemplateOf(evaluationId: string) {
  return dossierTemplates.find((t) => t.evaluationId === evaluationId && t.kind === 'rex')
}
