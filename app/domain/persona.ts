/** Personae « portrait-robot » (C3.2). Pure. */
export type MediaUse = { id: string; channel: string; intensity: 1 | 2 | 3 | null }
export type Persona = {
  id: string
  firstName: string
  age: number | null
  location: string
  csp: string
  family: string
  tastes: string
  habits: string
  brands: string
  media: MediaUse[]
  needs: string
  frustrations: string
  quote: string
  inclusion: string
  avatar: { src: string; alt: string } | null
}
export type PersonaValue = { personas: Persona[] }

export const INTENSITY_LABELS = { 1: 'Faible', 2: 'Moyenne', 3: 'Forte' } as const

/** A persona's media consumption in one line: « Instagram (Forte), Radio (Faible) ». */
export function mediaSummary(p: Persona): string {
  return p.media
    .filter((m) => m.channel.trim())
    .map((m) => (m.intensity ? `${m.channel.trim()} (${INTENSITY_LABELS[m.intensity]})` : m.channel.trim()))
    .join(', ')
}

/** The profiling fields the référentiel lists (C3.2-1), with their French labels. */
export const PROFILING_FIELDS = [
  ['age', 'âge'],
  ['location', 'localisation géographique'],
  ['csp', 'CSP'],
  ['tastes', 'goûts'],
  ['habits', 'habitudes'],
  ['brands', 'comportement vis-à-vis des marques'],
  ['media', 'consommation médiatique'],
] as const

export function emptyPersona(id: string): Persona {
  return { id, firstName: '', age: null, location: '', csp: '', family: '', tastes: '', habits: '', brands: '', media: [], needs: '', frustrations: '', quote: '', inclusion: '', avatar: null }
}

/** The profiling fields still empty in a persona. */
export function missingProfile(p: Persona): string[] {
  return PROFILING_FIELDS.filter(([key]) => {
    if (key === 'age') return p.age === null
    if (key === 'media') return !p.media.some((m) => m.channel.trim())
    return !p[key].trim()
  }).map(([, label]) => label)
}

/** Structural checks: empty profiling fields, missing inclusion notes, avatar without text alternative. */
export function personaProblems(value: PersonaValue): string[] {
  if (value.personas.length === 0) return ['Aucun persona pour l’instant.']
  const problems: string[] = []
  value.personas.forEach((p, i) => {
    const name = p.firstName.trim() ? `« ${p.firstName.trim()} »` : `Persona ${i + 1}`
    const missing = missingProfile(p)
    if (missing.length) problems.push(`${name} : profil à compléter — ${missing.join(', ')}.`)
    if (!p.inclusion.trim()) problems.push(`${name} : aucune note sur l’inclusion, la diversité ou l’accessibilité.`)
    if (p.avatar && !p.avatar.alt.trim()) problems.push(`${name} : le visuel n’a pas de texte alternatif.`)
  })
  return problems
}
