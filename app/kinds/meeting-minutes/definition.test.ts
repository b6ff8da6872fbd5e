import { describe, expect, it } from 'vitest'
import { dossierTemplateSchema, templatesById } from '#templates/dossiers'
import { definition } from './definition'
import { emptyAction, emptyMeeting } from './minutes'
import { configSchema, valueSchema, type Meeting, type MeetingMinutesConfig, type MeetingMinutesValue } from './schema'

const config: MeetingMinutesConfig = { kind: 'meetingMinutes', minMinutes: 2 }
const launch: Meeting = {
  ...emptyMeeting('reunion-lancement'),
  date: '2027-03-01',
  title: 'Lancement',
  participants: 'Léa Martin (marketing)\nPaul Roux (commercial)',
  agenda: 'Budget\nCalendrier',
  decisions: 'Budget validé',
  actions: [{ ...emptyAction('action-brief'), what: 'Brief graphiste', owner: 'Léa', due: '2027-03-05', status: 'a-faire' }],
  nextDate: '2027-03-08',
}
const step: Meeting = { ...emptyMeeting('reunion-etape'), date: '2027-03-08', title: 'Point d’étape' }
const value: MeetingMinutesValue = { meetings: [launch, step] }

describe('meeting minutes schema', () => {
  it('accepts a full value and defaults the minimum to 2', () => {
    expect(valueSchema.safeParse(value).success).toBe(true)
    expect(configSchema.parse({ kind: 'meetingMinutes' })).toEqual({ kind: 'meetingMinutes', minMinutes: 2 })
  })

  it('refuses a bad date, an unknown status, and says why in French', () => {
    const bad = { meetings: [{ ...launch, date: '01/03/2027', actions: [{ ...launch.actions[0], status: 'termine' }] }] }
    const r = valueSchema.safeParse(bad)
    expect(r.success).toBe(false)
    const messages = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    expect(messages).toEqual([
      'meetings.0.date: date attendue au format AAAA-MM-JJ',
      'meetings.0.actions.0.status: statut attendu\u00a0: à faire, en cours ou fait',
    ])
  })

  it('is used by the fiche Managériale for its minutes, every C12.3 criterion served', () => {
    const template = templatesById.get('fiche-manageriale')!
    expect(dossierTemplateSchema.safeParse(template).success).toBe(true)
    const section = template.sections.find((s) => s.field.kind === 'meetingMinutes')!
    expect(section.id).toBe('reunions-comptes-rendus')
    expect(section.criteria).toEqual(['C12.3-1', 'C12.3-2', 'C12.3-3'])
    expect(section.field).toEqual({ kind: 'meetingMinutes', minMinutes: 2 })
  })
})

describe('meeting minutes definition', () => {
  it('is empty until something is typed', () => {
    expect(definition.isEmpty(definition.empty(config), config)).toBe(true)
    expect(definition.isEmpty({ meetings: [emptyMeeting('reunion-vide')] }, config)).toBe(true)
    expect(definition.isEmpty(value, config)).toBe(false)
  })

  it('answers kindChecks with the minimum of the template', () => {
    const hint = { rule: 'kindChecks' } as const
    const ctx = { title: 'Réunions et comptes-rendus', today: '2027-03-15' }
    expect(definition.rules.kindChecks!(hint, value, config, ctx)).toEqual([
      '1\u00a0compte-rendu rédigé seulement (1\u00a0réunion encore planifiée)\u00a0: les comptes-rendus d’au moins 2\u00a0réunions tenues sont attendus, pas seulement 2\u00a0réunions planifiées.',
    ])
    expect(definition.rules.kindChecks!(hint, value, { ...config, minMinutes: 1 }, ctx)).toBeNull()
  })

  it('names its items, locates refused parts and gives its text', () => {
    expect(definition.items(value, config)).toEqual([
      { id: 'reunion-lancement', label: 'Lancement (01/03/2027)' },
      { id: 'reunion-etape', label: 'Point d’étape (08/03/2027)' },
    ])
    expect(definition.locate(['meetings', 1, 'decisions'], value, config)).toBe('réunion 2, Décisions')
    expect(definition.locate(['meetings', 0, 'actions', 2, 'due'], value, config)).toBe('réunion 1, action 3, Échéance')
    expect(definition.locate(['meetings'], value, config)).toBe('Liste des réunions')
    expect(definition.locate(['other'], value, config)).toBeNull()
    expect(definition.plainText(value, config)).toBe(
      'Lancement\nLéa Martin (marketing)\nPaul Roux (commercial)\nBudget\nCalendrier\nBudget validé\nBrief graphiste | Léa\n\nPoint d’étape',
    )
  })

  it('says what changed, meeting by meeting', () => {
    const after: MeetingMinutesValue = {
      meetings: [
        {
          ...launch,
          actions: [
            { ...launch.actions[0]!, status: 'fait' },
            { ...emptyAction('action-devis'), what: 'Devis' },
          ],
        },
        { ...step, date: '2027-03-09', decisions: 'Maquette retenue' },
        { ...emptyMeeting('reunion-bilan'), title: 'Bilan' },
      ],
    }
    expect(definition.diff(value, after, config)).toEqual([
      'Lancement (01/03/2027)\u00a0: 1\u00a0action ajoutée\u00a0; 1\u00a0action modifiée.',
      'Point d’étape (09/03/2027)\u00a0: date\u00a0: 08/03/2027 → 09/03/2027\u00a0; décisions modifié\u00a0; compte-rendu rédigé.',
      'Réunion ajoutée\u00a0: Bilan.',
    ])
    expect(definition.diff(value, { meetings: [step] }, config)).toEqual(['Réunion supprimée\u00a0: Lancement (01/03/2027).'])
    expect(definition.diff(value, value, config)).toEqual([])
  })
})
