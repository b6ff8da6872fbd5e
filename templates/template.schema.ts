import { z } from 'zod'

/**
 * Schema of a dossier template (templates/dossiers/*.json): the guided
 * sections of one deliverable, each with a field kind, the criteria it
 * serves and the structural hints that can be checked by machine.
 * Adding a template means adding one file: no route, table or export code.
 */

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'identifiant attendu en minuscules-avec-tirets')
const text = z.string().trim().min(1)
const criterionId = z.string().regex(/^C\d{1,2}\.\d-\d{1,2}$/)

export const COLUMN_TYPES = ['text', 'number', 'money', 'percent', 'date', 'choice'] as const
export type ColumnType = (typeof COLUMN_TYPES)[number]

export const columnSchema = z
  .object({
    id: slug,
    label: text,
    type: z.enum(COLUMN_TYPES),
    /** For `choice` columns: the allowed values. */
    options: z.array(text).min(2).optional(),
    /** A short hint shown under the column header. */
    help: z.string().optional(),
  })
  .refine((c) => (c.type === 'choice') === Boolean(c.options), {
    message: 'une colonne « choice » a des options, et elle seule',
  })

export const richTextFieldSchema = z.object({
  kind: z.literal('richText'),
  placeholder: z.string().optional(),
})

export const tableFieldSchema = z.object({
  kind: z.literal('table'),
  columns: z.array(columnSchema).min(1).max(12),
  /** Label of the « add a row » button, e.g. « Ajouter une source ». */
  rowLabel: z.string().optional(),
})

export const checklistFieldSchema = z.object({
  kind: z.literal('checklist'),
  items: z.array(z.object({ id: slug, label: text })).min(1),
})

export const sourcesFieldSchema = z.object({
  kind: z.literal('sources'),
})

/** Personae « portrait-robot » (C3.2): profiling fields, media consumption, inclusion notes, avatar. */
export const personaFieldSchema = z.object({
  kind: z.literal('persona'),
})

/** SMART objectives (C6.2): global and intermediate objectives, checked quality by quality. */
export const smartFieldSchema = z.object({
  kind: z.literal('smart'),
})

const option = z.object({ id: slug, label: text })

/** The 4P and their sub-parts, by default (a template may give its own). */
export const DEFAULT_FOUR_P = [
  {
    id: 'produit',
    label: 'Produit',
    parts: [
      { id: 'gamme', label: 'Gamme' },
      { id: 'qualite', label: 'Qualité et caractéristiques' },
      { id: 'packaging', label: 'Packaging' },
      { id: 'marque', label: 'Marque' },
      { id: 'services', label: 'Services associés' },
    ],
  },
  {
    id: 'prix',
    label: 'Prix',
    parts: [
      { id: 'niveau', label: 'Niveau de prix et positionnement' },
      { id: 'politique', label: 'Politique tarifaire (remises, promotions)' },
      { id: 'perception', label: 'Prix psychologique et perception' },
    ],
  },
  {
    id: 'distribution',
    label: 'Distribution',
    parts: [
      { id: 'canaux', label: 'Canaux' },
      { id: 'points-de-vente', label: 'Réseau et points de vente' },
      { id: 'omnicanal', label: 'Articulation physique et digitale' },
    ],
  },
  {
    id: 'communication',
    label: 'Communication',
    parts: [
      { id: 'message', label: 'Message' },
      { id: 'medias', label: 'Médias et canaux' },
      { id: 'promotion', label: 'Promotion des ventes' },
    ],
  },
]

/** The extensions a learner may pick to go from 4P to 10P, by default. */
export const DEFAULT_MIX_EXTENSIONS = [
  { id: 'personnel', label: 'Personnel' },
  { id: 'processus', label: 'Processus' },
  { id: 'preuve-physique', label: 'Preuve physique' },
  { id: 'partenariat', label: 'Partenariat' },
  { id: 'permission', label: 'Permission' },
  { id: 'personnalisation', label: 'Personnalisation' },
]

/** Marketing mix (C3.3): the 4P with sub-parts, extensions up to 10P, then the 4E linked to the P they transform. */
export const mixFieldSchema = z.object({
  kind: z.literal('mix'),
  fourP: z.array(option.extend({ parts: z.array(option).min(1) })).length(4).default(DEFAULT_FOUR_P),
  /** The list the learner picks extensions from (up to `maxExtensions`). */
  extensions: z.array(option).min(1).default(DEFAULT_MIX_EXTENSIONS),
  maxExtensions: z.number().int().min(1).max(6).default(6),
})

/** Delay thresholds, in working days, from which a task is orange or red. */
export const alertThresholdsSchema = z
  .object({ orange: z.number().int().min(1), rouge: z.number().int().min(1) })
  .refine((t) => t.rouge > t.orange, { message: 'le seuil rouge doit dépasser le seuil orange' })

/** Retroplanning / Gantt (C5.2, C10.2, C12.4): tasks scheduled backwards from a deadline, optionally tracked against actual dates. */
export const retroplanningFieldSchema = z.object({
  kind: z.literal('retroplanning'),
  /** Label of the column that groups tasks (« Action de communication », « Phase »…). */
  groupLabel: z.string().default('Action ou phase'),
  /** Planned vs actual: actual dates, variance and alert level per task. */
  tracking: z.boolean().default(false),
  alerts: alertThresholdsSchema.default({ orange: 1, rouge: 3 }),
})

export const KPI_FORMULAS = ['manual', 'roi', 'roas', 'roti', 'conversion', 'cac', 'basket', 'clv'] as const
export type KpiFormula = (typeof KPI_FORMULAS)[number]

/** KPI / ROI dashboard (C14.1, C14.2, C15.1, C15.2): indicators with targets, actuals and periods, computed ratios, charts. */
export const kpiFieldSchema = z.object({
  kind: z.literal('kpi'),
  categories: z.array(text).min(1).default(['Notoriété', 'Engagement', 'Acquisition', 'Conversion', 'Fidélisation', 'Rentabilité']),
  /** Formula kinds the section must include at least once (e.g. ROI and ROTI for C14.2-4). */
  requiredFormulas: z.array(z.enum(KPI_FORMULAS)).default([]),
  /** Achievement (actual ÷ target) from which a cell is green, then orange; below, red. */
  thresholds: z
    .object({ green: z.number().positive(), orange: z.number().positive() })
    .refine((t) => t.green > t.orange, { message: 'le seuil vert doit dépasser le seuil orange' })
    .default({ green: 1, orange: 0.8 }),
})

export const fieldSchema = z.discriminatedUnion('kind', [
  richTextFieldSchema,
  tableFieldSchema,
  checklistFieldSchema,
  sourcesFieldSchema,
  personaFieldSchema,
  smartFieldSchema,
  mixFieldSchema,
  retroplanningFieldSchema,
  kpiFieldSchema,
])
export type FieldConfig = z.infer<typeof fieldSchema>
export type FieldKind = FieldConfig['kind']

/**
 * Machine-checkable parts of criteria. Each hint names the criteria it
 * informs (default: all criteria of its section). Evaluated by app/domain/hints.ts.
 */
export const hintSchema = z.discriminatedUnion('rule', [
  /** The section has no content. */
  z.object({ rule: z.literal('notEmpty'), criteria: z.array(criterionId).optional() }),
  /** A rich text has fewer than `min` words. */
  z.object({ rule: z.literal('minWords'), min: z.number().int().positive(), criteria: z.array(criterionId).optional() }),
  /** A table or a source list has fewer than `min` rows. */
  z.object({ rule: z.literal('minRows'), min: z.number().int().positive(), criteria: z.array(criterionId).optional() }),
  /** A source list has no source of this origin. */
  z.object({ rule: z.literal('hasOrigin'), origin: z.enum(['interne', 'externe']), criteria: z.array(criterionId).optional() }),
  /** A checklist has unchecked items. */
  z.object({ rule: z.literal('allChecked'), criteria: z.array(criterionId).optional() }),
  /** The field kind's own structural checks (e.g. a persona's empty profiling fields). */
  z.object({ rule: z.literal('kindChecks'), criteria: z.array(criterionId).optional() }),
])
export type Hint = z.infer<typeof hintSchema>

export const sectionSchema = z.object({
  id: slug,
  title: text,
  /** Which part of the épreuve the section prepares. */
  part: z.enum(['written', 'oral', 'rex']),
  /** What the référentiel expects, in our own words (the criteria are shown verbatim beside it). */
  guidance: text,
  criteria: z.array(criterionId),
  field: fieldSchema,
  hints: z.array(hintSchema).default([]),
})
export type Section = z.infer<typeof sectionSchema>

/** Kinds whose value has rows (tasks, indicators, personae…) that `minRows` counts. */
const ROW_KINDS: FieldKind[] = ['table', 'sources', 'persona', 'smart', 'retroplanning', 'kpi']
/** Kinds with structural checks of their own. */
const CHECKED_KINDS: FieldKind[] = ['persona', 'smart', 'mix', 'retroplanning', 'kpi']

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
  })
  .superRefine((t, ctx) => {
    const ids = t.sections.map((s) => s.id)
    const dup = ids.find((id, i) => ids.indexOf(id) !== i)
    if (dup) ctx.addIssue({ code: 'custom', message: `section en double : ${dup}`, path: ['sections'] })
    for (const [i, s] of t.sections.entries()) {
      for (const h of s.hints) {
        const kind = s.field.kind
        const ok =
          h.rule === 'notEmpty' ||
          (h.rule === 'minWords' && kind === 'richText') ||
          (h.rule === 'minRows' && ROW_KINDS.includes(kind)) ||
          (h.rule === 'kindChecks' && CHECKED_KINDS.includes(kind)) ||
          (h.rule === 'hasOrigin' && kind === 'sources') ||
          (h.rule === 'allChecked' && kind === 'checklist')
        if (!ok) ctx.addIssue({ code: 'custom', message: `règle « ${h.rule} » inapplicable à un champ ${kind}`, path: ['sections', i, 'hints'] })
        for (const c of h.criteria ?? []) {
          if (!s.criteria.includes(c)) ctx.addIssue({ code: 'custom', message: `l’indice cite ${c}, absent de la section`, path: ['sections', i, 'hints'] })
        }
      }
    }
  })
export type DossierTemplate = z.infer<typeof dossierTemplateSchema>
