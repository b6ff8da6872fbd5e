import type { KindDefinition } from '../types'
import { ageText, agreed, CHANGES, FIELD_LABELS, PERSONA_LABELS, PROBLEMS, TEXT_KEYS, type FieldKey } from './labels'
import { isBlankPersona, mediaSummary, personaProblems } from './persona'
import type { Persona, PersonaConfig, PersonaValue } from './schema'
import { itemChanges, withOrder } from '../list-diff'
import { problemsOrNull } from '../wording'

/** « Persona 1 — Léa », « Persona 2 ». */
const itemLabel = (p: Persona, index: number) =>
  p.firstName.trim() ? `${PERSONA_LABELS.persona(index)} — ${p.firstName.trim()}` : PERSONA_LABELS.persona(index)
/** How a diff names a persona: « “Léa” », or its number. */
const diffName = (p: Persona, index: number) => (p.firstName.trim() ? `“${p.firstName.trim()}”` : String(index + 1))

/** What changed in one persona: short values as « Âge 34 → 35 », texts as « CSP modifiée ». */
function changedFields(a: Persona, b: Persona): string[] {
  const parts: string[] = []
  const short = (key: FieldKey, x: string, y: string) => {
    if (x !== y) parts.push(`${FIELD_LABELS[key]} ${x || '—'} → ${y || '—'}`)
  }
  const long = (key: FieldKey, x: string, y: string) => {
    if (x === y) return
    parts.push(`${FIELD_LABELS[key]} ${agreed(key, !x ? 'renseigné' : !y ? 'effacé' : 'modifié')}`)
  }
  short('firstName', a.firstName.trim(), b.firstName.trim())
  short('age', a.age === null ? '' : String(a.age), b.age === null ? '' : String(b.age))
  for (const key of TEXT_KEYS) long(key, a[key].trim(), b[key].trim())
  long('media', mediaSummary(a), mediaSummary(b))
  if (!a.avatar !== !b.avatar) parts.push(`${FIELD_LABELS.avatar} ${b.avatar ? 'ajouté' : 'retiré'}`)
  else if (a.avatar && b.avatar && a.avatar.src !== b.avatar.src) parts.push(`${FIELD_LABELS.avatar} remplacé`)
  else if (a.avatar && b.avatar && a.avatar.alt.trim() !== b.avatar.alt.trim()) parts.push(`${PERSONA_LABELS.avatarAlt} modifié`)
  return parts
}

export const definition: KindDefinition<PersonaConfig, PersonaValue> = {
  label: PERSONA_LABELS.kind,
  empty: () => ({ personas: [] }),
  isEmpty: (value) => value.personas.length === 0,
  rules: {
    minRows: (hint, value, _config, { title }) => {
      const count = value.personas.length
      if (count >= hint.min) return null
      return count === 0 ? PROBLEMS.noneIn(title) : PROBLEMS.fewer(hint.min, count)
    },
    kindChecks: (_hint, value) => problemsOrNull(personaProblems(value)),
  },
  items: (value) => value.personas.map((p, i) => ({ id: p.id, label: itemLabel(p, i) })),
  diff: (before, after) =>
    withOrder(
      itemChanges(before.personas, after.personas, {
        isBlank: isBlankPersona,
        added: (p, i) => CHANGES.added(diffName(p, i)),
        changed(was, p, i) {
          const parts = changedFields(was, p)
          return parts.length ? [CHANGES.changed(diffName(p, i), parts)] : []
        },
        removed: (p, i) => CHANGES.deleted(diffName(p, i)),
      }),
      CHANGES.reordered,
    ),
  plainText: (value) =>
    value.personas
      .map((p) =>
        [p.firstName, ageText(p.age), ...TEXT_KEYS.map((key) => p[key]), ...p.media.map((m) => m.channel), p.avatar?.alt ?? '']
          .map((t) => t.trim())
          .filter(Boolean)
          .join(' | '),
      )
      .filter(Boolean)
      .join('\n'),
  locate(path) {
    const [personas, index, key, ...rest] = path
    if (personas !== 'personas' || typeof index !== 'number') return null
    const place = PERSONA_LABELS.place(index)
    if (typeof key !== 'string' || !(key in FIELD_LABELS)) return place
    if (key === 'media' && typeof rest[0] === 'number') return `${place}, ${FIELD_LABELS.media}, ${PERSONA_LABELS.channelPlace(rest[0])}`
    if (key === 'avatar' && rest[0] === 'alt') return `${place}, ${PERSONA_LABELS.avatarAlt}`
    return `${place}, ${FIELD_LABELS[key as FieldKey]}`
  },
  excel: true,
  printable: true,
}
