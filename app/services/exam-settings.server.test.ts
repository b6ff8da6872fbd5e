import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { parisLocal } from '~/domain/hand-in'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('exam-settings')
const schema = await import('#db/schema')
const { enrollLearners } = await import('./dossier-provisioning.server')
const { windowFor } = await import('./submissions.server')
const { ExtensionFormSchema, GradingFormSchema, InstanceFormSchema, MAX_CRITERIA } = await import('./exam-settings-input.server')
const { ExamSettingsError, grantExtension, removeExtension, resolveLearner, saveInstance, sessionSettings, updateSessionGrading } =
  await import('./exam-settings.server')
const { loadDossier } = await import('./dossier-content.server')

const people = { admin: '', zoe: '', zoeHomonym: '', eloise: '', outsider: '' }
let sessionId = ''
let otherSessionId = ''

/** Paris wall-clock « YYYY-MM-DDTHH:mm » as the form sends it. */
const paris = (local: string) => InstanceFormSchema.parse({ intent: 'instance', evaluationId: 'x', dueAt: local, cutoffAt: local }).dueAt
const window = (due: string, cutoff: string) => ({ dueAt: paris(due), cutoffAt: paris(cutoff) })

async function refusal(f: () => Promise<unknown>): Promise<{ status: number; message: string; field?: string }> {
  try {
    await f()
  } catch (error) {
    if (error instanceof ExamSettingsError) return { status: error.status, message: error.message, ...(error.field ? { field: error.field } : {}) }
    throw error
  }
  throw new Error('not refused')
}
const settingsOf = async (evaluationId: string, session = sessionId) =>
  (await sessionSettings(session))!.evaluations.find((e) => e.evaluation.id === evaluationId)!

beforeAll(async () => {
  const db = getDb()
  const user = async (key: keyof typeof people, name: string, role: 'learner' | 'admin') => {
    people[key] = (
      await db
        .insert(schema.users)
        .values({ email: `${key}@test.fr`, name, passwordHash: 'x' })
        .returning()
    )[0]!.id
    await db.insert(schema.userRoles).values({ userId: people[key], role })
  }
  await user('admin', 'Hélène Dubreuil', 'admin')
  await user('zoe', 'Zoé Lefèvre', 'learner')
  await user('zoeHomonym', 'Zoe Lefevre', 'learner')
  await user('eloise', 'Éloïse Martin', 'learner')
  await user('outsider', 'Oscar Dehors', 'learner')
  const session = async (name: string) =>
    (await db.insert(schema.examSessions).values({ name, startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  sessionId = await session('S')
  otherSessionId = await session('Autre')
  await enrollLearners(db, sessionId, [people.zoe, people.zoeHomonym, people.eloise])
  await enrollLearners(db, otherSessionId, [people.outsider])
})

describe('the settings of a session', () => {
  it('lists every évaluation of the référentiel in order, none set yet, the grading defaults and the enrolled learners by name', async () => {
    const { referentiel } = await import('./referentiel.server')
    expect(await sessionSettings('inconnue')).toBeNull()
    const settings = (await sessionSettings(sessionId))!
    expect(settings.session).toMatchObject({ gradingScale: 'binary', competencyRule: 'all' })
    expect(settings.rule).toEqual({ rule: 'all' })
    expect(settings.gradesExist).toBe(false)
    expect(settings.evaluations.map((e) => e.evaluation.id)).toEqual(referentiel.evaluations.map((e) => e.id))
    expect(settings.evaluations.every((e) => e.instance === null && e.extensions.length === 0 && e.submissions.total === 0)).toBe(true)
    // Only this session's learners: never the other session's.
    expect(settings.learners.map((l) => l.name)).toEqual(['Éloïse Martin', 'Zoe Lefevre', 'Zoé Lefèvre'])
  })
})

describe('grading settings', () => {
  it('switches to four levels and « at least N », and back to « all » without a leftover N', async () => {
    await updateSessionGrading(sessionId, { scale: 'four', rule: { rule: 'at-least', min: 2 } })
    expect((await sessionSettings(sessionId))!.rule).toEqual({ rule: 'at-least', min: 2 })
    expect((await sessionSettings(sessionId))!.session.gradingScale).toBe('four')
    await updateSessionGrading(sessionId, { scale: 'binary', rule: { rule: 'all' } })
    expect((await sessionSettings(sessionId))!.session).toMatchObject({ gradingScale: 'binary', competencyRule: 'all', competencyRuleMin: null })
  })

  it('parses the form: N is required for « at least », a positive integer up to the largest competency', async () => {
    expect(GradingFormSchema.parse({ intent: 'grading', scale: 'four', rule: 'at-least', min: ' 3 ' })).toEqual({
      scale: 'four',
      rule: { rule: 'at-least', min: 3 },
    })
    // N is ignored for « all ».
    expect(GradingFormSchema.parse({ intent: 'grading', scale: 'binary', rule: 'all', min: 'abc' })).toEqual({ scale: 'binary', rule: { rule: 'all' } })
    for (const min of ['', '0', '-1', '1.5', 'deux', String(MAX_CRITERIA + 1)]) {
      const result = GradingFormSchema.safeParse({ intent: 'grading', scale: 'binary', rule: 'at-least', min })
      expect(result.success, min).toBe(false)
      expect(result.error!.issues[0]).toMatchObject({ path: ['min'], message: `Indiquez un nombre entier de critères entre 1 et ${MAX_CRITERIA}.` })
    }
    expect(GradingFormSchema.safeParse({ intent: 'grading', scale: 'vingt', rule: 'all' }).error!.issues[0]).toMatchObject({
      path: ['scale'],
      message: 'Choisissez une échelle de notation.',
    })
    expect(await refusal(() => updateSessionGrading(sessionId, { scale: 'binary', rule: { rule: 'at-least', min: 0 } }))).toMatchObject({
      status: 400,
      field: 'min',
    })
    expect((await refusal(() => updateSessionGrading('inconnue', { scale: 'binary', rule: { rule: 'all' } }))).status).toBe(404)
  })

  it('refuses to change the scale once a criterion has a level in the session, but not the rule', async () => {
    const db = getDb()
    const juror = (await db.insert(schema.users).values({ email: 'jure@test.fr', name: 'Juré', passwordHash: 'x' }).returning())[0]!.id
    const assignment = (
      await db
        .insert(schema.jurorAssignments)
        .values({ examSessionId: sessionId, jurorId: juror, evaluationId: 'fiche-veille', learnerId: people.zoe })
        .returning()
    )[0]!.id
    const grading = (await db.insert(schema.gradings).values({ assignmentId: assignment, updatedAt: new Date() }).returning())[0]!.id
    // A comment without a level is not a grade yet: the scale may still change.
    await db
      .insert(schema.gradeEntries)
      .values({ gradingId: grading, criterionId: 'C1.1-1', part: 'written', level: null, comment: 'À voir', updatedAt: new Date() })
    expect((await sessionSettings(sessionId))!.gradesExist).toBe(false)
    await updateSessionGrading(sessionId, { scale: 'four', rule: { rule: 'all' } })
    await updateSessionGrading(sessionId, { scale: 'binary', rule: { rule: 'all' } })

    await db.insert(schema.gradeEntries).values({ gradingId: grading, criterionId: 'C1.1-2', part: 'written', level: 'acquis', updatedAt: new Date() })
    expect((await sessionSettings(sessionId))!.gradesExist).toBe(true)
    expect(await refusal(() => updateSessionGrading(sessionId, { scale: 'four', rule: { rule: 'all' } }))).toEqual({
      status: 409,
      field: 'scale',
      message:
        'L’échelle de notation ne peut plus être changée\u00a0: des critères ont déjà été notés sur l’échelle «\u00a0Acquis / Non acquis\u00a0» dans cette session, et les niveaux attribués n’auraient plus de sens sur une autre échelle.',
    })
    expect((await sessionSettings(sessionId))!.session.gradingScale).toBe('binary')
    // Same scale, new rule: fine.
    await updateSessionGrading(sessionId, { scale: 'binary', rule: { rule: 'at-least', min: 1 } })
    expect((await sessionSettings(sessionId))!.rule).toEqual({ rule: 'at-least', min: 1 })
    // Another session is not locked by this one's grades.
    await updateSessionGrading(otherSessionId, { scale: 'four', rule: { rule: 'all' } })
    expect((await sessionSettings(otherSessionId))!.session.gradingScale).toBe('four')
  })
})

describe('an évaluation’s instance', () => {
  it('reads deadlines as Paris wall-clock times, across the change to summer time', () => {
    // 28 March 2027: clocks go from 2:00 to 3:00. 1:30 is CET (UTC+1), 3:30 is CEST (UTC+2).
    const parsed = InstanceFormSchema.parse({ intent: 'instance', evaluationId: 'fiche-veille', dueAt: '2027-03-28T01:30', cutoffAt: '2027-03-28T03:30' })
    expect(parsed.dueAt.toISOString()).toBe('2027-03-28T00:30:00.000Z')
    expect(parsed.cutoffAt.toISOString()).toBe('2027-03-28T01:30:00.000Z')
    expect(parsed.anonymous).toBe(false)
    // Winter time in December: UTC+1.
    expect(paris('2026-12-03T14:05').toISOString()).toBe('2026-12-03T13:05:00.000Z')
  })

  it('refuses a missing or impossible date and a cut-off before the deadline, in French, on the right field', () => {
    const issues = (input: Record<string, string>) =>
      InstanceFormSchema.safeParse({ intent: 'instance', evaluationId: 'fiche-veille', ...input }).error!.issues.map((i) => [i.path.join('.'), i.message])
    expect(issues({ dueAt: '', cutoffAt: '2027-05-01T12:00' })).toEqual([['dueAt', 'Indiquez la date limite de dépôt.']])
    expect(issues({ dueAt: '2027-02-31T12:00', cutoffAt: '2027-05-01T12:00' })).toEqual([
      ['dueAt', 'Cette date n’est pas valide\u00a0: saisissez le jour et l’heure (par exemple 15/06/2027 18:00).'],
    ])
    expect(issues({ dueAt: '2027-05-01T12:00', cutoffAt: '2027-05-01T11:59' })).toEqual([
      ['cutoffAt', 'La clôture ne peut pas précéder la date limite\u00a0: elle lui est égale (aucun retard accepté) ou postérieure.'],
    ])
  })

  it('is created on first save, then updated in place', async () => {
    const first = await saveInstance(sessionId, 'fiche-veille', { ...window('2027-05-01T18:00', '2027-05-03T18:00'), anonymous: false })
    expect(first.created).toBe(true)
    const second = await saveInstance(sessionId, 'fiche-veille', { ...window('2027-05-02T18:00', '2027-05-02T18:00'), anonymous: true })
    expect(second).toMatchObject({ created: false, instance: { id: first.instance.id, anonymous: true } })
    const stored = (await settingsOf('fiche-veille')).instance!
    expect(parisLocal(stored.dueAt)).toBe('2027-05-02T18:00')
    expect(parisLocal(stored.cutoffAt)).toBe('2027-05-02T18:00')
    expect(await getDb().select().from(schema.evaluationInstances).where(eq(schema.evaluationInstances.examSessionId, sessionId))).toHaveLength(1)
    // The other session has no instance for it.
    expect((await settingsOf('fiche-veille', otherSessionId)).instance).toBeNull()
  })

  it('keeps the time of an épreuve’s oral, in whole minutes, only for an épreuve with an oral; an oral support then compares with it', async () => {
    const dates = window('2027-05-01T18:00', '2027-05-01T18:00')
    await saveInstance(sessionId, 'projet-com-a9', { ...dates, anonymous: false, oralMinutes: 20 })
    expect((await settingsOf('projet-com-a9')).instance).toMatchObject({ oralMinutes: 20 })
    // Not sent: kept; null: cleared.
    await saveInstance(sessionId, 'projet-com-a9', { ...dates, anonymous: false })
    expect((await settingsOf('projet-com-a9')).instance).toMatchObject({ oralMinutes: 20 })
    const dossier = (await getDb().select().from(schema.dossiers).where(eq(schema.dossiers.templateId, 'projet-com-a9'))).find(
      (d) => d.examSessionId === sessionId,
    )!
    const support = (await loadDossier(dossier, dossier.learnerId)).template.sections.find((s) => s.id === 'support-oral')!
    expect(support.field).toMatchObject({ kind: 'oralSupport', minutes: 20 })
    await saveInstance(sessionId, 'projet-com-a9', { ...dates, anonymous: false, oralMinutes: null })
    expect((await settingsOf('projet-com-a9')).instance).toMatchObject({ oralMinutes: null })
    expect((await loadDossier(dossier, dossier.learnerId)).template.sections.find((s) => s.id === 'support-oral')!.field).not.toHaveProperty('minutes')
    expect(await refusal(() => saveInstance(sessionId, 'cas-pratique-a3', { ...dates, anonymous: false, oralMinutes: 20 }))).toMatchObject({
      status: 400,
      field: 'oralMinutes',
    })
    expect(await refusal(() => saveInstance(sessionId, 'projet-com-a9', { ...dates, anonymous: false, oralMinutes: 241 }))).toMatchObject({
      status: 400,
      field: 'oralMinutes',
    })
    const form = (oralMinutes: string) =>
      InstanceFormSchema.safeParse({ intent: 'instance', evaluationId: 'projet-com-a9', dueAt: '2027-05-01T18:00', cutoffAt: '2027-05-01T18:00', oralMinutes })
    expect(form(' 15 ').data?.oralMinutes).toBe(15)
    expect(form('').data?.oralMinutes).toBeNull()
    for (const bad of ['0', '12,5', 'vingt', '300']) expect(form(bad).error!.issues.map((i) => i.path.join('.'))).toEqual(['oralMinutes'])
  })

  it('refuses anonymous marking for a group épreuve, a cut-off before the deadline, an unknown évaluation or session', async () => {
    expect(await refusal(() => saveInstance(sessionId, 'msp-a2', { ...window('2027-05-01T18:00', '2027-05-01T18:00'), anonymous: true }))).toEqual({
      status: 400,
      field: 'anonymous',
      message: 'Une épreuve de groupe comporte un oral devant le jury\u00a0: elle ne peut pas être corrigée anonymement.',
    })
    expect(await refusal(() => saveInstance(sessionId, 'msp-a2', { ...window('2027-05-01T18:00', '2027-05-01T17:00'), anonymous: false }))).toMatchObject({
      status: 400,
      field: 'cutoffAt',
    })
    expect((await refusal(() => saveInstance(sessionId, 'inconnue', { ...window('2027-05-01T18:00', '2027-05-01T18:00'), anonymous: false }))).status).toBe(404)
    expect((await refusal(() => saveInstance('inconnue', 'msp-a2', { ...window('2027-05-01T18:00', '2027-05-01T18:00'), anonymous: false }))).status).toBe(404)
    expect((await settingsOf('msp-a2')).instance).toBeNull()
    await saveInstance(sessionId, 'msp-a2', { ...window('2027-05-01T18:00', '2027-05-01T18:00'), anonymous: false })
    expect((await settingsOf('msp-a2')).instance).toMatchObject({ anonymous: false })
  })

  it('counts the hand-ins and keeps anonymity fixed once something is handed in (dates may still move)', async () => {
    const db = getDb()
    const { instance } = await saveInstance(sessionId, 'cas-pratique-a3', { ...window('2027-04-01T12:00', '2027-04-02T12:00'), anonymous: true })
    const dossier = (await db.select().from(schema.dossiers).where(eq(schema.dossiers.learnerId, people.zoe))).find((d) => d.templateId === 'cas-pratique-a3')!
    const submission = (at: string) => ({
      dossierId: dossier.id,
      instanceId: instance.id,
      submittedBy: people.zoe,
      submitterName: 'Zoé Lefèvre',
      submittedAt: paris(at),
      timing: 'on-time' as const,
      statement: 'Je certifie…',
      templateId: 'cas-pratique-a3',
      templateHash: 'h',
      fingerprint: 'f',
    })
    await db.insert(schema.submissions).values([submission('2027-03-30T10:00'), submission('2027-03-31T10:00')])
    expect((await settingsOf('cas-pratique-a3')).submissions).toEqual({ total: 2, dossiers: 1 })

    expect(await refusal(() => saveInstance(sessionId, 'cas-pratique-a3', { ...window('2027-04-01T12:00', '2027-04-02T12:00'), anonymous: false }))).toEqual({
      status: 409,
      field: 'anonymous',
      message: 'Des dossiers ont déjà été déposés pour cette épreuve\u00a0: l’anonymat de la correction ne peut plus être modifié.',
    })
    expect((await settingsOf('cas-pratique-a3')).instance!.anonymous).toBe(true)
    await saveInstance(sessionId, 'cas-pratique-a3', { ...window('2027-04-05T12:00', '2027-04-06T12:00'), anonymous: true })
    expect(parisLocal((await settingsOf('cas-pratique-a3')).instance!.dueAt)).toBe('2027-04-05T12:00')
  })
})

describe('extensions', () => {
  const instanceOf = async (evaluationId: string) => (await settingsOf(evaluationId)).instance!
  let instanceId = ''
  beforeAll(async () => {
    instanceId = (await saveInstance(sessionId, 'fiche-ux', { ...window('2027-06-01T18:00', '2027-06-02T18:00'), anonymous: false })).instance.id
  })

  it('finds the enrolled learner from the list’s « Name (e-mail) », an e-mail or a name only one learner has', async () => {
    expect((await resolveLearner(sessionId, 'Zoé Lefèvre (zoe@test.fr)')).id).toBe(people.zoe)
    expect((await resolveLearner(sessionId, ' ZOE@test.fr ')).id).toBe(people.zoe)
    expect((await resolveLearner(sessionId, 'eloise  martin')).id).toBe(people.eloise)
    // Zoé Lefèvre and Zoe Lefevre fold to the same name.
    expect(await refusal(() => resolveLearner(sessionId, 'Zoé Lefèvre'))).toMatchObject({
      status: 400,
      field: 'learner',
      message: expect.stringMatching(/^Plusieurs/),
    })
    // Not enrolled in this session.
    expect(await refusal(() => resolveLearner(sessionId, 'Oscar Dehors (outsider@test.fr)'))).toMatchObject({ status: 400, field: 'learner' })
    expect(await refusal(() => resolveLearner(sessionId, 'Personne'))).toMatchObject({ status: 400, field: 'learner' })
  })

  it('grants one with its reason and who granted it, and it becomes the learner’s window', async () => {
    const { extension, replaced } = await grantExtension(
      instanceId,
      people.zoe,
      { ...window('2027-06-08T18:00', '2027-06-09T18:00'), reason: '  Hospitalisation  ' },
      people.admin,
    )
    expect(replaced).toBe(false)
    expect(extension.reason).toBe('Hospitalisation')
    const [row, ...rest] = (await settingsOf('fiche-ux')).extensions
    expect(rest).toEqual([])
    expect(row).toMatchObject({ learnerName: 'Zoé Lefèvre', learnerEmail: 'zoe@test.fr', reason: 'Hospitalisation', grantedByName: 'Hélène Dubreuil' })
    expect(parisLocal(row!.dueAt)).toBe('2027-06-08T18:00')
    expect(Date.now() - row!.grantedAt.getTime()).toBeLessThan(60_000)
    const instance = await instanceOf('fiche-ux')
    expect(await windowFor(instance, [people.zoe])).toMatchObject({ dueAt: paris('2027-06-08T18:00'), extended: { reason: 'Hospitalisation' } })
    expect(await windowFor(instance, [people.eloise])).toEqual({ dueAt: instance.dueAt, cutoffAt: instance.cutoffAt })
  })

  it('replaces the learner’s extension rather than adding a second one', async () => {
    const { replaced } = await grantExtension(instanceId, people.zoe, { ...window('2027-06-10T18:00', '2027-06-10T18:00'), reason: 'Prolongé' }, people.admin)
    expect(replaced).toBe(true)
    expect((await settingsOf('fiche-ux')).extensions.map((e) => [e.reason, parisLocal(e.cutoffAt)])).toEqual([['Prolongé', '2027-06-10T18:00']])
  })

  it('refuses a learner of another session, an extension that shortens or changes nothing, a blank reason — and writes nothing', async () => {
    const before = (await settingsOf('fiche-ux')).extensions
    const grant = async (learner: string, due: string, cutoff: string, reason = 'Motif') =>
      await refusal(() => grantExtension(instanceId, learner, { ...window(due, cutoff), reason }, people.admin))
    expect(await grant(people.outsider, '2027-06-08T18:00', '2027-06-09T18:00')).toMatchObject({ status: 400, field: 'learner' })
    expect(await grant(people.eloise, '2027-05-31T18:00', '2027-06-09T18:00')).toEqual({
      status: 400,
      field: 'dueAt',
      message: 'Un report ne peut pas avancer la date limite\u00a0: choisissez au plus tôt le 1 juin 2027 à 18\u00a0h\u00a000.',
    })
    expect(await grant(people.eloise, '2027-06-01T18:00', '2027-06-02T17:00')).toMatchObject({ status: 400, field: 'cutoffAt' })
    expect(await grant(people.eloise, '2027-06-01T18:00', '2027-06-02T18:00')).toMatchObject({
      status: 400,
      field: 'dueAt',
      message: expect.stringMatching(/^Ces dates sont celles/),
    })
    expect(await grant(people.eloise, '2027-06-05T18:00', '2027-06-04T18:00')).toMatchObject({ status: 400, field: 'cutoffAt' })
    expect(await grant(people.eloise, '2027-06-05T18:00', '2027-06-06T18:00', '   ')).toEqual({
      status: 400,
      field: 'reason',
      message: 'Indiquez le motif du report.',
    })
    expect(
      (await refusal(() => grantExtension('inconnue', people.eloise, { ...window('2027-06-05T18:00', '2027-06-06T18:00'), reason: 'x' }, people.admin))).status,
    ).toBe(404)
    expect((await settingsOf('fiche-ux')).extensions).toEqual(before)
  })

  it('parses the form with a mandatory reason', () => {
    const result = ExtensionFormSchema.safeParse({
      intent: 'extension',
      evaluationId: 'fiche-ux',
      learner: '',
      dueAt: '2027-06-05T18:00',
      cutoffAt: '2027-06-06T18:00',
      reason: '',
    })
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['learner', 'Choisissez un·e candidat·e dans la liste.'],
      ['reason', 'Indiquez le motif du report.'],
    ])
  })

  it('warns when the instance is moved past an extension', async () => {
    await grantExtension(instanceId, people.eloise, { ...window('2027-06-03T18:00', '2027-06-04T18:00'), reason: 'Stage' }, people.admin)
    const moved = await saveInstance(sessionId, 'fiche-ux', { ...window('2027-06-09T18:00', '2027-06-09T18:00'), anonymous: false })
    // Éloïse's extension (3–4 June) now ends before the instance; Zoé's (10 June) does not.
    expect(moved.shorterExtensions).toBe(1)
  })

  it('removes one only from its own session', async () => {
    const [eloise] = (await settingsOf('fiche-ux')).extensions.filter((e) => e.learnerId === people.eloise)
    expect(await removeExtension(eloise!.id, otherSessionId)).toBe(false)
    expect((await settingsOf('fiche-ux')).extensions).toHaveLength(2)
    expect(await removeExtension(eloise!.id, sessionId)).toBe(true)
    expect(await removeExtension(eloise!.id, sessionId)).toBe(false)
    expect((await settingsOf('fiche-ux')).extensions.map((e) => e.learnerId)).toEqual([people.zoe])
  })
})

describe('double marking', () => {
  it('is set with the dates, counts the copies that have two jurors and the closed confrontations, and is fixed once a grid is closed', async () => {
    const db = getDb()
    const jurors: string[] = []
    for (const name of ['jure-a', 'jure-b'])
      jurors.push(
        (
          await db
            .insert(schema.users)
            .values({ email: `${name}@test.fr`, name, passwordHash: 'x' })
            .returning()
        )[0]!.id,
      )
    const dates = window('2027-05-10T18:00', '2027-05-12T18:00')
    const created = (await saveInstance(sessionId, 'cas-pratique-a10', { ...dates, anonymous: true, doubleMarking: true })).instance
    expect(created.doubleMarking).toBe(true)
    // Left out: unchanged.
    expect((await saveInstance(sessionId, 'cas-pratique-a10', { ...dates, anonymous: true })).instance.doubleMarking).toBe(true)
    expect(InstanceFormSchema.parse({ intent: 'instance', evaluationId: 'x', dueAt: '2027-05-10T18:00', cutoffAt: '2027-05-10T18:00' }).doubleMarking).toBe(
      false,
    )
    expect(
      InstanceFormSchema.parse({ intent: 'instance', evaluationId: 'x', dueAt: '2027-05-10T18:00', cutoffAt: '2027-05-10T18:00', doubleMarking: 'on' })
        .doubleMarking,
    ).toBe(true)

    const assign = async (jurorId: string, learnerId: string, lead = false) =>
      (
        await db.insert(schema.jurorAssignments).values({ examSessionId: sessionId, jurorId, evaluationId: 'cas-pratique-a10', learnerId, lead }).returning()
      )[0]!.id
    const lead = await assign(jurors[0]!, people.zoe, true)
    await assign(jurors[1]!, people.zoe)
    await assign(jurors[0]!, people.eloise, true)
    expect(await settingsOf('cas-pratique-a10')).toMatchObject({ closedGrids: 0, doubleMarking: { copies: 2, withTwoJurors: 1, reconciled: 0 } })
    await db
      .insert(schema.reconciliations)
      .values({ instanceId: created.id, subjectId: people.zoe, leadAssignmentId: lead, status: 'closed', closedAt: new Date(), updatedAt: new Date() })
    expect((await settingsOf('cas-pratique-a10')).doubleMarking.reconciled).toBe(1)

    // Off and on again while no grid is closed.
    expect((await saveInstance(sessionId, 'cas-pratique-a10', { ...dates, anonymous: true, doubleMarking: false })).instance.doubleMarking).toBe(false)
    await saveInstance(sessionId, 'cas-pratique-a10', { ...dates, anonymous: true, doubleMarking: true })
    // An open grid does not fix it; a closed one does.
    const grading = (await db.insert(schema.gradings).values({ assignmentId: lead, updatedAt: new Date() }).returning())[0]!.id
    await saveInstance(sessionId, 'cas-pratique-a10', { ...dates, anonymous: true, doubleMarking: true })
    await db.update(schema.gradings).set({ status: 'closed', closedAt: new Date() }).where(eq(schema.gradings.id, grading))
    expect((await settingsOf('cas-pratique-a10')).closedGrids).toBe(1)
    expect(await refusal(() => saveInstance(sessionId, 'cas-pratique-a10', { ...dates, anonymous: true, doubleMarking: false }))).toEqual({
      status: 409,
      field: 'doubleMarking',
      message:
        'Des grilles de cette épreuve sont déjà closes\u00a0: la double correction ne peut plus être activée ni désactivée (les notes rendues changeraient de sens).',
    })
    expect((await settingsOf('cas-pratique-a10')).instance!.doubleMarking).toBe(true)
    // The dates still move.
    await saveInstance(sessionId, 'cas-pratique-a10', { ...window('2027-05-11T18:00', '2027-05-12T18:00'), anonymous: true, doubleMarking: true })
    expect(parisLocal((await settingsOf('cas-pratique-a10')).instance!.dueAt)).toBe('2027-05-11T18:00')
  })
})
