import { dossierTemplateSchema, type DossierTemplate } from './template.schema'

/**
 * Every dossier template: one JSON file per template in templates/dossiers/.
 * Each is validated when first imported, so a malformed template fails at start.
 */
const files = import.meta.glob<{ default: unknown }>('./dossiers/*.json', { eager: true })

export const dossierTemplates: DossierTemplate[] = Object.entries(files)
  .map(([file, mod]) => {
    const parsed = dossierTemplateSchema.safeParse(mod.default)
    if (!parsed.success) throw new Error(`Modèle invalide ${file} : ${parsed.error.message}`)
    if (!file.endsWith(`/${parsed.data.id}.json`)) throw new Error(`Le fichier ${file} doit s’appeler ${parsed.data.id}.json`)
    return parsed.data
  })
  .sort((a, b) => a.id.localeCompare(b.id))

export const templatesById = new Map(dossierTemplates.map((t) => [t.id, t]))

export * from './template.schema'
