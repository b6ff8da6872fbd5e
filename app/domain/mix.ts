/**
 * Marketing mix (C3.3): the 4P, each in sub-parts; extensions up to 10P
 * picked from a list kept as template data; then the 4E, each linked to the
 * P items it transforms. Pure.
 */
export type MixOption = { id: string; label: string }
export type MixConfig = { fourP: (MixOption & { parts: MixOption[] })[]; extensions: MixOption[]; maxExtensions: number }

export const FOUR_E = [
  { id: 'emotion', label: 'Émotion' },
  { id: 'experience', label: 'Expérience' },
  { id: 'exclusivite', label: 'Exclusivité' },
  { id: 'engagement', label: 'Engagement' },
] as const
export type EId = (typeof FOUR_E)[number]['id']

export type MixExtension = { id: string; content: string; context: string }
export type MixE = { proposal: string; illustration: string; personalisation: string; links: string[] }
export type MixValue = {
  /** P id → sub-part id → text. */
  p: Record<string, Record<string, string>>
  /** The extensions picked, in the learner's order. */
  extensions: MixExtension[]
  e: Partial<Record<EId, MixE>>
}

export const EMPTY_MIX: MixValue = { p: {}, extensions: [], e: {} }
export const emptyE = (): MixE => ({ proposal: '', illustration: '', personalisation: '', links: [] })

const filled = (s: string | undefined) => Boolean(s && s.trim())

/** The P items an E can transform: the 4P, then the extensions picked. */
export function mixItems(config: MixConfig, value: MixValue): MixOption[] {
  const labels = new Map(config.extensions.map((x) => [x.id, x.label]))
  return [
    ...config.fourP.map(({ id, label }) => ({ id, label })),
    ...value.extensions.filter((x) => labels.has(x.id)).map((x) => ({ id: x.id, label: labels.get(x.id)! })),
  ]
}

/** How many P the mix has (4 + the extensions picked). */
export const mixSize = (value: MixValue) => 4 + value.extensions.length

export function isMixEmpty(value: MixValue): boolean {
  return (
    !Object.values(value.p).some((parts) => Object.values(parts).some(filled)) &&
    !value.extensions.some((x) => filled(x.content) || filled(x.context)) &&
    !Object.values(value.e).some((e) => e && (filled(e.proposal) || filled(e.illustration) || filled(e.personalisation)))
  )
}

/** Structural problems, in French: an empty P, an extension without content, an E left blank or linked to no P. */
export function mixProblems(config: MixConfig, value: MixValue): string[] {
  const problems: string[] = []
  const emptyP = config.fourP.filter((p) => !p.parts.some((part) => filled(value.p[p.id]?.[part.id])))
  if (emptyP.length === 1) problems.push(`Le P « ${emptyP[0]!.label} » est vide.`)
  else if (emptyP.length > 1) problems.push(`Les P ${emptyP.map((p) => `« ${p.label} »`).join(', ')} sont vides.`)

  const labels = new Map(config.extensions.map((x) => [x.id, x.label]))
  for (const x of value.extensions) {
    if (!filled(x.content)) problems.push(`L’extension « ${labels.get(x.id) ?? x.id} » est choisie mais n’a pas de contenu.`)
  }
  if (value.extensions.length === 0) problems.push('Aucune extension choisie : le mix reste à 4P.')

  const items = new Set(mixItems(config, value).map((i) => i.id))
  for (const { id, label } of FOUR_E) {
    const e = value.e[id]
    if (!e || !filled(e.proposal)) problems.push(`L’E « ${label} » n’a pas encore de proposition.`)
    if (!e || !e.links.some((l) => items.has(l))) problems.push(`L’E « ${label} » n’est relié à aucun P.`)
  }
  return problems
}
