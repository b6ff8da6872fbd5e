import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { emptyTask } from './retroplanning'
import { configSchema, valueSchemaFor, type RetroplanningConfig, type RetroplanningValue, type RetroTask } from './schema'

const config: RetroplanningConfig = configSchema.parse({ kind: 'retroplanning', groupLabel: 'Action de communication' })
const tracked: RetroplanningConfig = { ...config, tracking: true }

const task = (id: string, name: string, patch: Partial<RetroTask> = {}): RetroTask => ({ ...emptyTask(id), name, owner: 'Studio', duration: 3, ...patch })
const brief = task('tache-brief1', 'Brief')
const visuels = task('tache-visuel', 'Visuels', { dependsOn: ['tache-brief1'], group: 'Affichage' })
const impression = task('tache-impres', 'Impression', { dependsOn: ['tache-visuel'], stakeholders: 'Imprimeur', constraints: 'BAT signé' })
const value: RetroplanningValue = { deadline: '2027-03-12', projectStart: null, tasks: [brief, visuels, impression] }

describe('retroplanning config and value schemas', () => {
  it('keeps the template defaults and refuses a red threshold below the orange one', () => {
    expect(configSchema.parse({ kind: 'retroplanning' })).toEqual({
      kind: 'retroplanning',
      groupLabel: 'Action ou phase',
      tracking: false,
      alerts: { orange: 1, rouge: 3 },
    })
    expect(configSchema.safeParse({ kind: 'retroplanning', alerts: { orange: 3, rouge: 2 } }).error?.issues[0]?.message).toBe(
      'le seuil rouge doit dépasser le seuil orange',
    )
    expect(configSchema.safeParse({ kind: 'retroplanning', alerts: { orange: 0, rouge: 2 } }).success).toBe(false)
  })

  const schema = valueSchemaFor(config)
  const t = {
    id: 'tache-123456',
    group: '',
    name: 'Brief',
    owner: '',
    stakeholders: '',
    constraints: '',
    duration: 3,
    dependsOn: [],
    actualStart: null,
    actualFinish: null,
  }
  const refused = (v: unknown) => {
    const result = schema.safeParse(v)
    expect(result.success).toBe(false)
    const issue = result.error!.issues[0]!
    return { message: issue.message, place: definition.locate(issue.path as (string | number)[], value, config) }
  }

  it('accepts a plan and refuses what the old schema refused, saying where and why in French', () => {
    expect(schema.safeParse({ deadline: '2027-05-14', projectStart: null, tasks: [t] }).success).toBe(true)
    expect(schema.safeParse(value).success).toBe(true)
    expect(refused({ deadline: '14/05/2027', projectStart: null, tasks: [t] })).toEqual({ message: 'date attendue au format JJ/MM/AAAA', place: 'Date finale' })
    expect(refused({ deadline: null, projectStart: null, tasks: [{ ...t, duration: 2.5 }] })).toEqual({
      message: 'un nombre entier de jours ouvrés est attendu',
      place: 'tâche 1, Durée',
    })
    expect(refused({ deadline: null, projectStart: null, tasks: [t, t, { ...t, duration: 1_001 }] }).place).toBe('tâche 3, Durée')
    expect(refused({ deadline: null, projectStart: null, tasks: [{ ...t, duration: -1 }] }).message).toBe('la durée ne peut pas être négative')
    expect(refused({ deadline: null, projectStart: null, tasks: [{ ...t, owner: 'x'.repeat(201) }] })).toEqual({
      message: '200 caractères au plus',
      place: 'tâche 1, Responsable',
    })
    expect(refused({ deadline: null, projectStart: null, tasks: [{ ...t, group: 'x'.repeat(1_001) }] }).place).toBe('tâche 1, Action de communication')
    expect(refused({ deadline: null, projectStart: null, tasks: [{ ...t, actualFinish: '2027-5-1' }] }).place).toBe('tâche 1, Fin réelle ou estimée')
    expect(refused({ deadline: null, projectStart: null, tasks: [{ ...t, dependsOn: ['x'] }] }).place).toBe('tâche 1, Dépendances')
    expect(
      refused({ deadline: null, projectStart: null, tasks: [{ ...t, dependsOn: Array.from({ length: 51 }, (_, i) => `tache-${100000 + i}`) }] }).message,
    ).toBe('50 tâches au plus')
    expect(refused({ deadline: null, projectStart: null, tasks: [{ ...t, id: 'x' }] }).place).toBe('tâche 1')
    expect(refused({ deadline: null, projectStart: null, tasks: [{ ...t, extra: 1 }] }).place).toBe('tâche 1')
    expect(refused({ deadline: null, projectStart: null, tasks: Array.from({ length: 201 }, () => t) })).toEqual({
      message: '200 tâches au plus',
      place: 'Liste des tâches',
    })
    expect(schema.safeParse({ deadline: null, tasks: [] }).success).toBe(false)
    expect(schema.safeParse({ deadline: null, projectStart: null, tasks: [], notes: '' }).success).toBe(false)
  })
})

describe('retroplanning definition', () => {
  it('is empty until a task has a name', () => {
    const empty = definition.empty(config)
    expect(empty).toEqual({ deadline: null, projectStart: null, tasks: [] })
    expect(valueSchemaFor(config).safeParse(empty).success).toBe(true)
    expect(definition.isEmpty(empty, config)).toBe(true)
    expect([definition.items(empty, config), definition.plainText(empty, config), definition.diff(empty, empty, config)]).toEqual([[], '', []])
    expect(definition.isEmpty({ deadline: '2027-03-12', projectStart: null, tasks: [task('tache-nameless', '  ')] }, config)).toBe(true)
    expect(definition.isEmpty(value, config)).toBe(false)
  })

  it('lists each task with its number and name', () => {
    expect(definition.items({ ...value, tasks: [...value.tasks, task('tache-nameless', '')] }, config)).toEqual([
      { id: 'tache-brief1', label: 'Tâche 1 — Brief' },
      { id: 'tache-visuel', label: 'Tâche 2 — Visuels' },
      { id: 'tache-impres', label: 'Tâche 3 — Impression' },
      { id: 'tache-nameless', label: 'Tâche 4' },
    ])
  })

  it('locates refused parts: « tâche 3, Durée »', () => {
    expect(definition.locate(['tasks', 2, 'duration'], value, config)).toBe('tâche 3, Durée')
    expect(definition.locate(['tasks', 0, 'name'], value, config)).toBe('tâche 1, Nom')
    expect(definition.locate(['tasks', 1, 'stakeholders'], value, config)).toBe('tâche 2, Parties prenantes')
    expect(definition.locate(['tasks', 1, 'constraints'], value, config)).toBe('tâche 2, Conditions et contraintes')
    expect(definition.locate(['tasks', 1, 'actualStart'], value, config)).toBe('tâche 2, Début réel')
    expect(definition.locate(['projectStart'], value, config)).toBe('Début du projet')
    expect(definition.locate([], value, config)).toBeNull()
  })

  it('gives every word of the tasks as plain text', () => {
    expect(definition.plainText(value, config)).toBe('Brief | Studio\nVisuels | Affichage | Studio\nImpression | Studio | Imprimeur | BAT signé')
    expect(definition.plainText({ ...value, tasks: [task('tache-nameless', '', { owner: '' })] }, config)).toBe('')
  })

  it('describes changed tasks, deadline, dependencies, actual dates, added, deleted and moved tasks', () => {
    const routage = task('tache-routag', 'Routage', { dependsOn: ['tache-impres'] })
    const after: RetroplanningValue = {
      ...value,
      deadline: '2027-03-19',
      tasks: [brief, visuels, { ...impression, duration: 4 }, routage],
    }
    expect(definition.diff(value, after, config)).toEqual([
      'Date finale : 12/03/2027 → 19/03/2027.',
      'Tâche “Impression” : durée 3 → 4\u00a0jours ouvrés.',
      'Tâche ajoutée : “Routage”.',
    ])
    expect(definition.diff(value, value, config)).toEqual([])

    const edited: RetroplanningValue = {
      deadline: null,
      projectStart: '2027-02-01',
      tasks: [
        { ...impression, name: 'Impression offset', dependsOn: ['tache-brief1'], owner: '', group: 'Print', actualStart: '2027-03-08' },
        { ...visuels, duration: null, constraints: 'Charte respectée' },
      ],
    }
    expect(definition.diff(value, edited, tracked)).toEqual([
      'Date finale : 12/03/2027 → non renseignée.',
      'Début du projet : non renseigné → 01/02/2027.',
      'Tâche “Impression” : renommée “Impression offset” ; action de communication : — → Print ; responsable : Studio → — ; dépend désormais de “Brief” ; ' +
        'ne dépend plus de “Visuels” ; début réel : — → 08/03/2027.',
      'Tâche “Visuels” : conditions et contraintes : — → Charte respectée ; durée 3\u00a0jours ouvrés → —.',
      'Tâche supprimée : “Brief”.',
      'Tâches réordonnées.',
    ])
    // An empty task added, then removed, is not news.
    expect(definition.diff(value, { ...value, tasks: [...value.tasks, emptyTask('tache-vide01')] }, config)).toEqual([])
    // A task without a name is called by its number.
    const nameless = { ...emptyTask('tache-nameless'), duration: 1 }
    expect(definition.diff({ ...value, tasks: [nameless] }, { ...value, tasks: [{ ...nameless, duration: 2 }] }, config)).toEqual([
      'Tâche 1 : durée 1 → 2\u00a0jours ouvrés.',
    ])
  })

  it('answers minRows with tasks and kindChecks with the scheduling problems, for the given day', () => {
    const ctx = { title: 'Rétroplanning des actions', today: '2027-03-01' }
    expect(definition.rules.minRows!({ rule: 'minRows', min: 8 }, value, config, ctx)).toBe(
      '« Rétroplanning des actions » a 3\u00a0tâches ; 8 au moins sont attendues.',
    )
    expect(definition.rules.minRows!({ rule: 'minRows', min: 3 }, value, config, ctx)).toBeNull()
    expect(definition.rules.minRows!({ rule: 'minRows', min: 3 }, definition.empty(config), config, ctx)).toBe(
      '« Rétroplanning des actions » n’a encore aucune ligne.',
    )
    const kindChecks = definition.rules.kindChecks!
    expect(kindChecks({ rule: 'kindChecks' }, value, config, ctx)).toBeNull()
    expect(kindChecks({ rule: 'kindChecks' }, definition.empty(config), config, ctx)).toEqual([
      'Pas de date finale : le rétroplanning se calcule à rebours à partir d’elle.',
      'Aucune tâche pour l’instant.',
    ])
    // Brief on time (4 March), visuals a day late (orange); printing planned to finish on Friday 12 March and unfinished
    // on Thursday 18th: 4 working days late, red from 3 — said only when the template tracks actual dates.
    const late: RetroplanningValue = {
      ...value,
      tasks: [
        { ...brief, actualFinish: '2027-03-04' },
        { ...visuels, actualFinish: '2027-03-10' },
        { ...impression, actualStart: '2027-03-10' },
      ],
    }
    const later = { ...ctx, today: '2027-03-18' }
    expect(kindChecks({ rule: 'kindChecks' }, late, config, later)).toBeNull()
    expect(kindChecks({ rule: 'kindChecks' }, late, tracked, later)).toEqual([
      'En alerte rouge : « Impression » (4 j). Dites qui est alerté et quel ajustement vous proposez.',
    ])
  })
})
