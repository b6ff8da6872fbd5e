import { z } from 'zod'
import { ruleApplies } from '~/kinds/registry'
import { slug, text } from '~/kinds/atoms'
import { configSchemas } from '~/kinds/schemas'

/**
 * Schema of a dossier template (templates/dossiers/*.json): the guided
 * sections of one deliverable, each with a field kind, the criteria it
 * serves and the structural hints that can be checked by machine.
 * Adding a template means adding one file: no route, table or export code.
 */

const criterionId = z.string().regex(/^C\d{1,2}\.\d-\d{1,2}$/)

/** What a template may set for a section's field: one config schema per kind (app/kinds/<kind>/schema.ts). */
export const fieldSchema = z.discriminatedUnion('kind', configSchemas)
export type FieldConfig = z.infer<typeof fieldSchema>
export type FieldKind = FieldConfig['kind']

/**
 * Machine-checkable parts of criteria. Each hint names the criteria it
 * informs (default: all criteria of its section). Evaluated by app/kinds/hints.ts, worded by each kind.
 */
export const hintSchema = z.discriminatedUnion('rule', [
  /** The section has no content. */
  z.object({ rule: z.literal('notEmpty'), criteria: z.array(criterionId).optional() }),
  /** A rich text has fewer than `min` words. */
  z.object({ rule: z.literal('minWords'), min: z.number().int().positive(), criteria: z.array(criterionId).optional() }),
  /** A table or a source list has fewer than `min` rows. */
  z.object({ rule: z.literal('minRows'), min: z.number().int().positive(), criteria: z.array(criterionId).optional() }),
  /**
   * A table's choice column does not hold each of `values` (default: all its
   * options) on at least one row — with `once`, on exactly one row.
   */
  z.object({
    rule: z.literal('eachValue'),
    column: slug,
    values: z.array(text).min(1).optional(),
    once: z.boolean().default(false),
    criteria: z.array(criterionId).optional(),
  }),
  /** A source list has no source of this origin. */
  z.object({ rule: z.literal('hasOrigin'), origin: z.enum(['interne', 'externe']), criteria: z.array(criterionId).optional() }),
  /** A checklist has unchecked items. */
  z.object({ rule: z.literal('allChecked'), criteria: z.array(criterionId).optional() }),
  /** The field kind's own structural checks (e.g. a persona's empty profiling fields). */
  z.object({ rule: z.literal('kindChecks'), criteria: z.array(criterionId).optional() }),
])
export type Hint = z.infer<typeof hintSchema>

/**
 * What the référentiel states as a number and a learner must meet before
 * handing in (unlike hints, which stay advice). Evaluated by
 * app/domain/hand-in-checks.ts.
 */
export const handInCheckSchema = z.discriminatedUnion('rule', [
  /**
   * A table has at least `min` rows whose `column` is filled (with `values`:
   * holds one of them; with `distinct`: different values, accents and case ignored).
   */
  z
    .object({
      rule: z.literal('minRows'),
      section: slug,
      column: slug,
      values: z.array(text).min(1).optional(),
      distinct: z.boolean().default(false),
      min: z.number().int().positive(),
      /** What is counted, worded for `min` (« professionnels consultés lors du testing »). */
      what: text,
    })
    .strict(),
  /**
   * Every value of a table's `column` is named in the section `in` (accents and case ignored): a rich
   * text, or meeting minutes (named as the purpose of a meeting whose minutes are written).
   */
  z
    .object({
      rule: z.literal('namedIn'),
      section: slug,
      column: slug,
      in: slug,
      /** What each value needs, in the singular (« compte-rendu »). */
      what: text,
    })
    .strict(),
])
export type HandInCheck = z.infer<typeof handInCheckSchema>

export const sectionSchema = z.object({
  id: slug,
  title: text,
  /** Which part of the épreuve the section prepares. */
  part: z.enum(['written', 'oral', 'rex']),
  /** What the référentiel expects, in our own words (the criteria are shown verbatim beside it). */
  guidance: text,
  criteria: z.array(criterionId),
  /**
   * Criteria the section discusses without evidencing them (a REX's critique of
   * the group's work): shown beside it as the subject of the critique, never
   * self-assessed nor graded from it.
   */
  discusses: z.array(criterionId).default([]),
  field: fieldSchema,
  hints: z.array(hintSchema).default([]),
})
export type Section = z.infer<typeof sectionSchema>

export const dossierTemplateSchema = z
  .object({
    id: slug,
    /** The référentiel evaluation this template prepares. */
    evaluationId: slug,
    /** `main`: the deliverables (shared by the group for group épreuves); `rex`: an individual REX. */
    kind: z.enum(['main', 'rex']),
    title: text,
    intro: text,
    sections: z.array(sectionSchema).min(1),
    /** Blocking checks before hand-in (the référentiel's numbers). */
    handInChecks: z.array(handInCheckSchema).optional(),
  })
  .superRefine((t, ctx) => {
    const ids = t.sections.map((s) => s.id)
    const dup = ids.find((id, i) => ids.indexOf(id) !== i)
    if (dup) ctx.addIssue({ code: 'custom', message: `section en double : ${dup}`, path: ['sections'] })
    for (const [i, s] of t.sections.entries()) {
      for (const c of s.discusses)
        if (s.criteria.includes(c)) ctx.addIssue({ code: 'custom', message: `${c} est à la fois servi et discuté`, path: ['sections', i, 'discusses'] })
      for (const h of s.hints) {
        const kind = s.field.kind
        if (!ruleApplies(kind, h.rule))
          ctx.addIssue({ code: 'custom', message: `règle « ${h.rule} » inapplicable à un champ ${kind}`, path: ['sections', i, 'hints'] })
        if (h.rule === 'eachValue' && s.field.kind === 'table') {
          const column = s.field.columns.find((c) => c.id === h.column)
          if (column?.type !== 'choice')
            ctx.addIssue({ code: 'custom', message: `colonne à choix inconnue : ${s.id}.${h.column}`, path: ['sections', i, 'hints'] })
          for (const v of h.values ?? [])
            if (!column?.options?.includes(v))
              ctx.addIssue({ code: 'custom', message: `« ${v} » n’est pas une option de ${s.id}.${h.column}`, path: ['sections', i, 'hints'] })
        }
        for (const c of h.criteria ?? []) {
          if (!s.criteria.includes(c)) ctx.addIssue({ code: 'custom', message: `l’indice cite ${c}, absent de la section`, path: ['sections', i, 'hints'] })
        }
      }
    }
    for (const [i, check] of (t.handInChecks ?? []).entries()) {
      const at = (message: string) => ctx.addIssue({ code: 'custom', message, path: ['handInChecks', i] })
      const section = t.sections.find((s) => s.id === check.section)
      if (!section) {
        at(`section inconnue : ${check.section}`)
        continue
      }
      if (section.field.kind !== 'table') {
        at(`la section ${check.section} n’est pas un tableau`)
        continue
      }
      const column = section.field.columns.find((c) => c.id === check.column)
      if (!column) at(`colonne inconnue : ${check.section}.${check.column}`)
      if (check.rule === 'minRows')
        for (const v of check.values ?? [])
          if (!column?.options?.includes(v)) at(`« ${v} » n’est pas une option de la colonne ${check.section}.${check.column}`)
      if (check.rule === 'namedIn') {
        const target = t.sections.find((s) => s.id === check.in)
        if (!target) at(`section inconnue : ${check.in}`)
        else if (target.field.kind !== 'richText' && target.field.kind !== 'meetingMinutes')
          at(`la section ${check.in} n’est ni un texte ni des comptes-rendus`)
      }
    }
  })
export type DossierTemplate = z.infer<typeof dossierTemplateSchema>
