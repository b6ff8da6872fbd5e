import { renderToStaticMarkup } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'
import type { FieldConfig, FieldKind } from '#templates/template.schema'
import { browserKinds, FieldEditor, FieldView } from './registry.browser'
import { itemsOf, entryOf } from './registry'
import { configSchemas, valueSchema } from './schemas'
import type { EditorContext } from './types.browser'
import type { FieldValue } from './values'

/**
 * The page outlines an item that has comments by finding `[data-item-id]` in
 * the section: every structured kind marks each of its items, in its editor
 * (the learner) and in its view (the tutor), with exactly the ids `items()` gives.
 */

const config = (raw: unknown): FieldConfig => {
  for (const schema of configSchemas) {
    const parsed = schema.safeParse(raw)
    if (parsed.success) return parsed.data as FieldConfig
  }
  throw new Error(`configuration refusée : ${JSON.stringify(raw)}`)
}

const task = (id: string, name: string, duration: number, dependsOn: string[] = []) => ({
  id,
  group: 'Lancement',
  name,
  owner: 'Léa',
  stakeholders: '',
  constraints: '',
  duration,
  dependsOn,
  actualStart: null,
  actualFinish: null,
})
const kpiRow = (id: string, name: string) => ({
  id,
  name,
  category: 'Notoriété',
  formula: 'manual',
  period: 'T1 2027',
  target: 100,
  inputs: { value: 80 },
  source: '',
  objectiveId: null,
})
const persona = (id: string, firstName: string) => ({
  id,
  firstName,
  age: 34,
  location: 'Lyon',
  csp: 'Cadre',
  family: '',
  tastes: 'Cuisine',
  habits: '',
  brands: '',
  media: [{ id: 'media-1', channel: 'Instagram', intensity: 2 }],
  needs: 'Gagner du temps',
  frustrations: '',
  quote: 'Je veux du local.',
  inclusion: '',
  avatar: null,
})
const objective = (id: string, label: string) => ({
  id,
  label,
  kind: 'global',
  parentId: null,
  indicator: 'Taux de notoriété',
  baseline: 10,
  target: 20,
  unit: '%',
  deadline: '2027-06-30',
  owner: 'Léa',
  resources: 'Budget de 2 000 €',
  agreedWith: 'Direction',
})

/** One sample per structured kind: its template configuration and a value with several items. */
const SAMPLES: { kind: Exclude<FieldKind, 'richText'>; field: unknown; value: unknown }[] = [
  {
    kind: 'table',
    field: {
      kind: 'table',
      columns: [
        { id: 'nom', label: 'Nom', type: 'text' },
        { id: 'montant', label: 'Montant', type: 'money' },
      ],
    },
    value: {
      rows: [
        { id: 'row-aaaaaa', cells: { nom: 'Affiches', montant: 300 } },
        { id: 'row-bbbbbb', cells: { nom: 'Salon', montant: null } },
      ],
    },
  },
  {
    kind: 'checklist',
    field: {
      kind: 'checklist',
      items: [
        { id: 'cible', label: 'La cible est définie' },
        { id: 'budget', label: 'Le budget est chiffré' },
      ],
    },
    value: { checked: { cible: true } },
  },
  {
    kind: 'sources',
    field: { kind: 'sources' },
    value: {
      rows: [
        { id: 'src-aaaaaa', title: 'Insee', url: 'https://www.insee.fr', origin: 'externe', type: 'Statistiques', note: '' },
        { id: 'src-bbbbbb', title: 'Fichier clients', url: '', origin: 'interne', type: '', note: 'Export CRM' },
      ],
    },
  },
  { kind: 'persona', field: { kind: 'persona' }, value: { personas: [persona('persona-a1', 'Léa'), persona('persona-b2', 'Marc')] } },
  { kind: 'smart', field: { kind: 'smart' }, value: { objectives: [objective('obj-aaaaaa', 'Notoriété'), objective('obj-bbbbbb', 'Ventes')] } },
  {
    kind: 'mix',
    field: { kind: 'mix' },
    value: {
      p: { produit: { gamme: 'Trois formats' } },
      extensions: [{ id: 'personnel', content: 'Vendeurs formés', context: '' }],
      e: { emotion: { proposal: 'Le plaisir', illustration: '', personalisation: '', links: [] } },
    },
  },
  {
    kind: 'retroplanning',
    field: { kind: 'retroplanning' },
    value: { deadline: '2027-03-31', projectStart: null, tasks: [task('task-aaaaaa', 'Brief', 3), task('task-bbbbbb', 'Impression', 5, ['task-aaaaaa'])] },
  },
  { kind: 'kpi', field: { kind: 'kpi' }, value: { rows: [kpiRow('kpi-aaaaaa', 'Visites'), kpiRow('kpi-bbbbbb', 'Abonnés')] } },
  {
    kind: 'positioningMap',
    field: { kind: 'positioningMap' },
    value: {
      x: { name: 'Prix', low: 'Bas', high: 'Élevé' },
      y: { name: 'Style', low: 'Tradition', high: 'Innovation' },
      brands: [
        { id: 'brand-aaaaaa', name: 'Maison Dupont', x: 2, y: -3, size: 8, comment: '' },
        { id: 'brand-bbbbbb', name: 'Biocoop', x: 3.5, y: 1, size: null, comment: 'Réseau' },
      ],
      companyId: 'brand-aaaaaa',
    },
  },
  {
    kind: 'budget',
    field: { kind: 'budget' },
    value: {
      expenses: [
        { id: 'dep-aaaaaa', category: 'Événementiel', subcategory: 'Salon', label: 'Stand', charge: 'fixe', planned: 3000, actual: 3300, note: '' },
        { id: 'dep-bbbbbb', category: 'Frais divers', subcategory: '', label: 'Taxi', charge: '', planned: null, actual: 80, note: '' },
      ],
      humanCosts: [
        {
          id: 'rh-aaaaaa',
          category: '',
          subcategory: 'Pilotage',
          label: 'Cheffe de projet',
          charge: 'fixe',
          plannedDays: 5,
          actualDays: 6,
          dailyRate: 400,
          note: '',
        },
      ],
    },
  },
]

const ctx: EditorContext = {
  titleId: 'titre',
  guidanceId: 'aide',
  caption: 'Section',
  uploadUrl: '/x',
  resetKey: 0,
  objectives: [],
  issues: [],
}

/** The data-item-id of every element of `html`, in document order. */
const anchorIds = (html: string) => [...html.matchAll(/<[a-z]+\b[^>]*\sdata-item-id="([^"]*)"[^>]*>/g)].map((m) => m[1])
/** The tags carrying data-item-id, to check that each is focusable by script only (tabindex -1). */
const anchorTags = (html: string) => [...html.matchAll(/<[a-z]+\b[^>]*\sdata-item-id="[^"]*"[^>]*>/g)].map((m) => m[0])

describe('item anchors in the editors and views of structured kinds', () => {
  beforeAll(async () => {
    await Promise.all(SAMPLES.flatMap(({ kind }) => [browserKinds[kind].View.preload(), browserKinds[kind].Editor.preload()]))
  })

  it.each(SAMPLES)('$kind', ({ field: raw, value: rawValue }) => {
    const field = config(raw)
    const value = valueSchema(field).parse(rawValue) as FieldValue
    const items = itemsOf(entryOf(field, value)).map((i) => i.id)
    expect(items.length).toBeGreaterThan(1)

    const view = renderToStaticMarkup(<FieldView field={field} value={value} caption="Section" />)
    const editor = renderToStaticMarkup(<FieldEditor field={field} value={value} onChange={() => {}} ctx={ctx} />)
    for (const html of [view, editor]) {
      const ids = anchorIds(html)
      // Each item once, nothing else.
      expect([...ids].sort()).toEqual([...items].sort())
      for (const tag of anchorTags(html)) expect(tag).toContain('tabindex="-1"')
    }
  })
})
