import { FOUR_E } from './labels'
import type { MixConfig, MixE, MixOption, MixValue } from './schema'

/**
 * Marketing mix (C3.3): the 4P, each in sub-parts; extensions up to 10P
 * picked from a list kept as template data; then the 4E, each linked to the
 * P items it transforms. Pure.
 */

/** What the mix computations need of a template's configuration. */
export type MixLists = Pick<MixConfig, 'fourP' | 'extensions'>

export const EMPTY_MIX: MixValue = { p: {}, extensions: [], e: {} }
export const emptyE = (): MixE => ({ proposal: '', illustration: '', personalisation: '', links: [] })

export const filled = (s: string | undefined) => Boolean(s && s.trim())

/** The label of an extension picked, from the template's list (its id when the template no longer has it). */
export const extensionLabel = (config: MixLists, id: string) => config.extensions.find((x) => x.id === id)?.label ?? id

/** The P items an E can transform: the 4P, then the extensions picked. */
export function mixItems(config: MixLists, value: MixValue): MixOption[] {
  const labels = new Map(config.extensions.map((x) => [x.id, x.label]))
  return [
    ...config.fourP.map(({ id, label }) => ({ id, label })),
    ...value.extensions.filter((x) => labels.has(x.id)).map((x) => ({ id: x.id, label: labels.get(x.id)! })),
  ]
}

/** The labels of the P an E links to, in the mix's order (links to an extension no longer picked are left out). */
export function linkedLabels(config: MixLists, value: MixValue, links: readonly string[]): string[] {
  return mixItems(config, value)
    .filter((i) => links.includes(i.id))
    .map((i) => i.label)
}

/** How many P the mix has (4 + the extensions picked). */
export const mixSize = (value: MixValue) => 4 + value.extensions.length

export function isMixEmpty(value: MixValue): boolean {
  return (
    !Object.values(value.p).some((parts) => parts && Object.values(parts).some(filled)) &&
    !value.extensions.some((x) => filled(x.content) || filled(x.context)) &&
    !Object.values(value.e).some((e) => e && (filled(e.proposal) || filled(e.illustration) || filled(e.personalisation)))
  )
}

/** Structural problems, in French: an empty P, an extension without content, an E left blank or linked to no P. */
export function mixProblems(config: MixLists, value: MixValue): string[] {
  const problems: string[] = []
  const emptyP = config.fourP.filter((p) => !p.parts.some((part) => filled(value.p[p.id]?.[part.id])))
  if (emptyP.length === 1) problems.push(`Le P « ${emptyP[0]!.label} » est vide.`)
  else if (emptyP.length > 1) problems.push(`Les P ${emptyP.map((p) => `« ${p.label} »`).join(', ')} sont vides.`)

  for (const x of value.extensions) {
    if (!filled(x.content)) problems.push(`L’extension « ${extensionLabel(config, x.id)} » est choisie mais n’a pas de contenu.`)
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
