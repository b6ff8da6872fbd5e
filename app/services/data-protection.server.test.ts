import fs from 'node:fs'
import path from 'node:path'
import { and, eq, sql } from 'drizzle-orm'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb, transaction, queryRows } = await setupTempDb('data-protection')
const schema = await import('#db/schema')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { saveSection } = await import('./dossier-sections.server')
const { saveUpload, uploadsDir } = await import('./uploads.server')
const { freezeSnapshot, snapshotsDir } = await import('./submissions.server')
const { templatesById } = await import('./templates.server')
const { verifyPassword } = await import('./password.server')
const { createPasswordLink } = await import('./password-links.server')
const dp = await import('./data-protection.server')
const { anonymiseLearner, auditJournal, dataProtectionState, deleteLearner, learnerExport, shortIdOf, DataProtectionError, OTHER_MEMBER } = dp

type User = { id: string; name: string; email: string; roles: Role[] }

// A 2×1 red PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAHAQEAq0gRmwAAAABJRU5ErkJggg==', 'base64')
const NOW = new Date('2026-12-01T10:00:00Z')
const doc = (text: string, imageId?: string) => ({
  type: 'doc' as const,
  content: [
    { type: 'paragraph' as const, content: [{ type: 'text' as const, text }] },
    ...(imageId ? [{ type: 'image' as const, attrs: { src: `/fichiers/${imageId}`, alt: 'Un visuel' } }] : []),
  ],
})

let counter = 0
async function person(roles: Role[], name: string): Promise<User> {
  const email = `dp${++counter}@test.fr`
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash: 'scrypt$1$1$1$c2FsdA==$aGFzaA==' }).returning())[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return { id, name, email, roles }
}
async function newSession(name: string, endsOn: string, retentionMonths: number) {
  return (await getDb().insert(schema.examSessions).values({ name, startsOn: '2019-09-01', endsOn, retentionMonths }).returning())[0]!.id
}
const dossierOf = async (ownerId: { learnerId?: string; groupId?: string }, templateId: string) =>
  (
    await getDb()
      .select()
      .from(schema.dossiers)
      .where(
        and(
          eq(schema.dossiers.templateId, templateId),
          ownerId.learnerId ? eq(schema.dossiers.learnerId, ownerId.learnerId) : eq(schema.dossiers.groupId, ownerId.groupId!),
        ),
      )
  )[0]!
async function save(dossierId: string, author: User, sectionId: string, content: unknown) {
  const [current] = await getDb()
    .select({ v: schema.dossierSections.version })
    .from(schema.dossierSections)
    .where(and(eq(schema.dossierSections.dossierId, dossierId), eq(schema.dossierSections.sectionId, sectionId)))
  const r = await saveSection({ dossierId, sectionId, baseVersion: current?.v ?? 0, content: content as never, authorId: author.id })
  expect(r.ok).toBe(true)
}
async function handIn(dossierId: string, templateId: string, by: User, sectionId: string, content: unknown) {
  const d = (await getDb().select().from(schema.dossiers).where(eq(schema.dossiers.id, dossierId)))[0]!
  const instance =
    (
      await getDb()
        .select()
        .from(schema.evaluationInstances)
        .where(and(eq(schema.evaluationInstances.examSessionId, d.examSessionId), eq(schema.evaluationInstances.evaluationId, d.evaluationId)))
    )[0] ??
    (
      await getDb()
        .insert(schema.evaluationInstances)
        .values({ examSessionId: d.examSessionId, evaluationId: d.evaluationId, dueAt: new Date('2020-05-01'), cutoffAt: new Date('2020-05-02') })
        .returning()
    )[0]!
  return await transaction(
    getDb(),
    async (tx) =>
      await freezeSnapshot(tx, {
        dossierId,
        instanceId: instance.id,
        template: templatesById.get(templateId)!,
        sections: [{ sectionId, content: content as never }],
        submittedBy: { id: by.id, name: by.name },
        submittedAt: new Date('2020-04-30T10:00:00Z'),
        timing: 'on-time',
        statement: 'Je certifie.',
      }),
  )
}
async function grade(
  instanceDossier: { examSessionId: string; evaluationId: string },
  juror: User,
  target: { learnerId?: string; groupId?: string },
  memberId = '',
) {
  const db = getDb()
  const assignment = (
    await db
      .insert(schema.jurorAssignments)
      .values({ examSessionId: instanceDossier.examSessionId, jurorId: juror.id, evaluationId: instanceDossier.evaluationId, ...target })
      .returning()
  )[0]!
  const grading = (await db.insert(schema.gradings).values({ assignmentId: assignment.id, updatedAt: new Date() }).returning())[0]!
  await db
    .insert(schema.gradeEntries)
    .values({ gradingId: grading.id, criterionId: 'C1.1-1', part: 'oral', learnerId: memberId, level: 'acquired', updatedAt: new Date() })
  await db
    .insert(schema.gradeAudit)
    .values({ gradingId: grading.id, actorId: juror.id, actorName: juror.name, at: new Date(), action: 'level', learnerId: memberId || null })
  return grading.id
}
async function refusal(f: () => Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await f()
  } catch (error) {
    if (error instanceof DataProtectionError) return { status: error.status, message: error.message }
    throw error
  }
  throw new Error('expected a refusal')
}
const rows = async (table: string, where: string) =>
  ((await queryRows(getDb(), sql.raw(`select count(*) as n from ${table} where ${where}`)))[0] as { n: number }).n
const auditRows = async () => await getDb().select().from(schema.adminAudit).orderBy(schema.adminAudit.id)

let admin: User
let tutor: User
let juror: User
let zoe: User // the learner exported, then anonymised
let amine: User // in Zoé's MSP group
let chloe: User // deleted: alone in her serious-game group
let oldSession = ''
let recentSession = ''
let zoeImage = ''
let groupId = ''

beforeAll(async () => {
  admin = await person(['admin'], 'Agnès Admin')
  tutor = await person(['tutor'], 'Étienne Garnier')
  juror = await person(['juror'], 'Benoît Lemaître')
  zoe = await person(['learner'], 'Zoé Lefèvre')
  amine = await person(['learner'], 'Amine Benali')
  chloe = await person(['learner'], 'Chloé Petit')
  oldSession = await newSession('Session 2020', '2020-06-30', 12)
  recentSession = await newSession('Session 2027', '2027-06-25', 36)
  const db = getDb()
  await enrollLearners(db, oldSession, [zoe.id, amine.id, chloe.id])
  await db.insert(schema.tutorAssignments).values({ examSessionId: oldSession, tutorId: tutor.id, learnerId: zoe.id })

  // Zoé's own dossier: a section with an image, a hand-in, a tutor's thread with her reply, a grade.
  const veille = await dossierOf({ learnerId: zoe.id }, 'fiche-veille')
  zoeImage = (await saveUpload(veille.id, zoe.id, PNG, 'image/png')).id
  await save(veille.id, zoe, 'contexte', doc('Ma veille sur les éco-emballages.', zoeImage))
  await handIn(veille.id, 'fiche-veille', zoe, 'contexte', doc('Ma veille sur les éco-emballages.', zoeImage))
  const thread = (
    await db.insert(schema.commentThreads).values({ dossierId: veille.id, target: 'section', sectionId: 'contexte', authorId: tutor.id }).returning()
  )[0]!
  await db.insert(schema.commentMessages).values({ threadId: thread.id, authorId: tutor.id, body: 'Précisez vos sources.' })
  await db.insert(schema.commentMessages).values({ threadId: thread.id, authorId: zoe.id, body: 'Sources ajoutées, merci.' })
  await grade(veille, juror, { learnerId: zoe.id })
  await db
    .insert(schema.selfAssessments)
    .values({ learnerId: zoe.id, examSessionId: oldSession, criterionId: 'C1.1-1', status: 'achieved', justification: 'Fait.', updatedAt: new Date() })
  const instance = (await db.select().from(schema.evaluationInstances).where(eq(schema.evaluationInstances.examSessionId, oldSession)))[0]!
  await db.insert(schema.deadlineExtensions).values({
    instanceId: instance.id,
    learnerId: zoe.id,
    dueAt: new Date('2020-05-10'),
    cutoffAt: new Date('2020-05-11'),
    reason: 'Hospitalisation',
    grantedBy: admin.id,
  })
  await db.insert(schema.loginSessions).values({ userId: zoe.id, expiresAt: new Date('2099-01-01') })
  await db.insert(schema.loginAttempts).values({ email: zoe.email, ip: '203.0.113.7', succeeded: true })
  await createPasswordLink(db, { userId: zoe.id, purpose: 'reset', createdBy: admin.id })

  // Zoé and Amine's MSP group: Amine writes, and hands in.
  groupId = (await db.insert(schema.groups).values({ examSessionId: oldSession, evaluationId: 'msp-a2', name: 'Les Colibris' }).returning())[0]!.id
  await addGroupMembers(db, groupId, [zoe.id, amine.id])
  const msp = await dossierOf({ groupId }, 'msp-a2')
  await save(msp.id, amine, 'contexte', doc('Contexte rédigé à deux.'))
  await save(msp.id, zoe, 'contexte', doc('Contexte revu par Zoé.'))
  await handIn(msp.id, 'msp-a2', amine, 'contexte', doc('Contexte revu par Zoé.'))

  // Chloé: an individual dossier with an image, a hand-in sharing its bytes with Zoé's, a grade;
  // a group of her own; a reply in Zoé and Amine's group? (no: she is not in it).
  const chloeVeille = await dossierOf({ learnerId: chloe.id }, 'fiche-veille')
  const chloeImage = (await saveUpload(chloeVeille.id, chloe.id, PNG, 'image/png')).id
  await save(chloeVeille.id, chloe, 'contexte', doc('La veille de Chloé.', chloeImage))
  await handIn(chloeVeille.id, 'fiche-veille', chloe, 'contexte', doc('La veille de Chloé.', chloeImage))
  await grade(chloeVeille, juror, { learnerId: chloe.id })
})

describe('refusals', () => {
  it('refuses a non-admin (403), an unknown account (404), a staff account (409)', async () => {
    expect(await refusal(async () => await learnerExport(tutor, zoe.id, NOW))).toMatchObject({ status: 403 })
    expect(await refusal(async () => await anonymiseLearner(zoe, zoe.id, zoe.email, NOW))).toMatchObject({ status: 403 })
    expect(await refusal(async () => await deleteLearner(juror, zoe.id, zoe.email, NOW))).toMatchObject({ status: 403 })
    expect(await refusal(async () => await learnerExport(admin, 'inconnu', NOW))).toEqual({ status: 404, message: 'Ce compte n’existe pas.' })
    expect(await refusal(async () => await deleteLearner(admin, tutor.id, tutor.email, NOW))).toMatchObject({ status: 409, message: dp.NOT_LEARNER })
    expect(await auditRows()).toEqual([])
  })

  it('refuses while a session’s retention has not elapsed, and says from when', async () => {
    const late = await person(['learner'], 'Lina Tardive')
    await enrollLearners(getDb(), oldSession, [late.id])
    await enrollLearners(getDb(), recentSession, [late.id])
    const r = await refusal(async () => await anonymiseLearner(admin, late.id, late.email, NOW))
    expect(r.status).toBe(409)
    expect(r.message).toBe(
      'La durée de conservation n’est pas écoulée\u00a0: l’anonymisation et la suppression seront possibles à partir du 26 juin 2030 (session «\u00a0Session 2027\u00a0»).',
    )
    expect((await refusal(async () => await deleteLearner(admin, late.id, late.email, NOW))).status).toBe(409)
    expect(await dataProtectionState(late.id, NOW)).toMatchObject({ learner: true, canExport: true, canErase: false, availableOn: '2030-06-26' })
    // The day before, at 23:59 Paris time, still not; at midnight, yes (the old session only).
    const onlyOld = await person(['learner'], 'Omar Ancien')
    await enrollLearners(getDb(), oldSession, [onlyOld.id])
    expect((await dataProtectionState(onlyOld.id, new Date('2021-06-30T21:59:00Z')))?.canErase).toBe(false)
    expect((await dataProtectionState(onlyOld.id, new Date('2021-06-30T22:00:00Z')))?.canErase).toBe(true)
    expect(await rows('users', `id = '${late.id}' and anonymized_at is null`)).toBe(1)
  })

  it('refuses a learner who is also staff, and a wrong or missing e-mail (nothing written)', async () => {
    const both = await person(['learner', 'tutor'], 'Théo Double')
    expect(await refusal(async () => await anonymiseLearner(admin, both.id, both.email, NOW))).toEqual({
      status: 409,
      message: 'Ce compte a aussi le rôle Tuteur·rice\u00a0: retirez-lui d’abord ce rôle pour l’anonymiser ou le supprimer.',
    })
    expect(await refusal(async () => await anonymiseLearner(admin, chloe.id, '', NOW))).toEqual({ status: 400, message: dp.CONFIRMATION_NEEDED })
    expect(await refusal(async () => await deleteLearner(admin, chloe.id, zoe.email, NOW))).toEqual({ status: 400, message: dp.CONFIRMATION_MISMATCH })
    expect(await rows('users', `id = '${chloe.id}'`)).toBe(1)
    expect(await auditRows()).toEqual([])
  })

  it('allows a learner with no session at all', async () => {
    const lone = await person(['learner'], 'Léa Seule')
    expect(await dataProtectionState(lone.id, NOW)).toMatchObject({ canErase: true, availableOn: null })
    expect((await deleteLearner(admin, lone.id, ` ${lone.email.toUpperCase()} `, NOW)).dossiers).toBe(0)
  })
})

describe('learnerExport', () => {
  it('zips donnees.json, the files and a README; no password hash, no other learner named; logged without the name', async () => {
    const before = (await auditRows()).length
    const result = await learnerExport(admin, zoe.id, NOW)
    const zip = await JSZip.loadAsync(result.zip)
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir)
    expect(names).toContain('donnees.json')
    expect(names).toContain('README.txt')
    expect(names).toContain(`fichiers/images/${zoeImage}.png`)
    const frozen = names.filter((n) => n.startsWith('fichiers/depots/'))
    expect(frozen).toHaveLength(1)
    expect(Buffer.from(await zip.file(frozen[0]!)!.async('uint8array'))).toEqual(PNG)
    expect(Buffer.from(await zip.file(`fichiers/images/${zoeImage}.png`)!.async('uint8array'))).toEqual(PNG)

    const text = await zip.file('donnees.json')!.async('string')
    const data = JSON.parse(text)
    expect(text).not.toContain('scrypt')
    expect(text).not.toMatch(/passwordHash|password_hash|motDePasse"/)
    expect(text).not.toContain('Amine')
    expect(text).not.toContain('Chloé')
    expect(data.compte).toMatchObject({ id: zoe.id, nom: 'Zoé Lefèvre', email: zoe.email, roles: ['Candidat·e'] })
    expect(data.connexions.tentatives).toEqual([expect.objectContaining({ reussie: true, adresseIp: '203.0.113.7' })])
    expect(data.connexions.liensMotDePasse).toHaveLength(1)
    expect(data.connexions.liensMotDePasse[0]).not.toHaveProperty('tokenHash')

    const session = data.sessions.find((s: { nom: string }) => s.nom === 'Session 2020')
    expect(session).toMatchObject({ conservationMois: 12, anonymisationPossibleLe: '2021-07-01', tuteurs: ['Étienne Garnier (Tuteur·rice)'] })
    expect(session.autoEvaluation).toEqual([expect.objectContaining({ critere: 'C1.1-1', statut: 'atteint', justification: 'Fait.' })])
    expect(session.prolongations).toEqual([expect.objectContaining({ motif: 'Hospitalisation' })])
    expect(session.resultats).toEqual({ etat: 'non publiés à la date de l’export' })

    expect(data.groupes).toEqual([expect.objectContaining({ nom: 'Les Colibris', membres: expect.arrayContaining(['Zoé Lefèvre', OTHER_MEMBER]) })])
    const veille = data.dossiers.find((d: { type: string; sections: unknown[] }) => d.type === 'dossier individuel' && d.sections.length > 0)
    expect(veille.sections[0]).toMatchObject({ id: 'contexte', modifiePar: 'Zoé Lefèvre', texte: expect.stringContaining('Ma veille sur les éco-emballages.') })
    expect(veille.images).toEqual([expect.objectContaining({ id: zoeImage, fichier: `fichiers/images/${zoeImage}.png` })])
    expect(veille.commentaires[0].messages.map((m: { auteur: string; texte: string }) => [m.auteur, m.texte])).toEqual([
      ['Étienne Garnier (Tuteur·rice)', 'Précisez vos sources.'],
      ['Zoé Lefèvre', 'Sources ajoutées, merci.'],
    ])
    expect(veille.depots).toEqual([expect.objectContaining({ deposePar: 'Zoé Lefèvre', declaration: 'Je certifie.' })])
    const msp = data.dossiers.find(
      (d: { type: string; groupe: string | null; sections: unknown[] }) => d.type === 'dossier de groupe' && d.groupe === 'Les Colibris' && d.sections.length,
    )
    expect(msp.historique.map((r: { auteur: string }) => r.auteur)).toEqual([OTHER_MEMBER, 'Zoé Lefèvre'])
    expect(msp.depots[0].deposePar).toBe(OTHER_MEMBER)
    expect(await zip.file('README.txt')!.async('string')).toContain('droit d’accès')

    const logged = (await auditRows()).slice(before)
    expect(logged).toEqual([
      expect.objectContaining({
        action: 'learner-export',
        actorId: admin.id,
        actorName: 'Agnès Admin',
        subjectId: zoe.id,
        subjectLabel: `Candidat·e n°\u00a0${shortIdOf(zoe.id)}`,
        detail: expect.objectContaining({ files: 2, submissions: 2, bytes: result.zip.byteLength }),
      }),
    ])
  })
})

describe('anonymiseLearner', () => {
  it('removes the identity and keeps the exam records, in one go; logged', async () => {
    const db = getDb()
    const dossiersBefore = await rows('dossiers', `learner_id = '${zoe.id}'`)
    const result = await anonymiseLearner(admin, zoe.id, zoe.email.toUpperCase(), NOW)
    const label = `Candidat·e anonymisé·e n°\u00a0${shortIdOf(zoe.id)}`
    expect(result.label).toBe(label)
    const user = (await db.select().from(schema.users).where(eq(schema.users.id, zoe.id)))[0]!
    expect(user).toMatchObject({ name: label, email: `anonyme-${zoe.id}@anonyme.invalid`, anonymizedAt: NOW, deactivatedAt: NOW })
    expect(await verifyPassword('', user.passwordHash)).toBe(false)
    expect(await rows('login_sessions', `user_id = '${zoe.id}'`)).toBe(0)
    expect(await rows('password_links', `user_id = '${zoe.id}'`)).toBe(0)
    expect(await rows('login_attempts', `email = '${zoe.email}'`)).toBe(0)
    expect(await rows('deadline_extensions', `learner_id = '${zoe.id}' and reason = 'Hospitalisation'`)).toBe(0)
    // Kept: dossiers, sections, hand-ins, grades, enrolment, group membership, her message (under the new name).
    expect(await rows('dossiers', `learner_id = '${zoe.id}'`)).toBe(dossiersBefore)
    expect(await rows('submissions', `submitted_by = '${zoe.id}'`)).toBe(1)
    expect(await rows('juror_assignments', `learner_id = '${zoe.id}'`)).toBe(1)
    expect(await rows('enrollments', `learner_id = '${zoe.id}'`)).toBe(1)
    expect(await rows('group_members', `learner_id = '${zoe.id}'`)).toBe(1)
    const [message] = await db
      .select({ body: schema.commentMessages.body, author: schema.users.name })
      .from(schema.commentMessages)
      .innerJoin(schema.users, eq(schema.users.id, schema.commentMessages.authorId))
      .where(eq(schema.commentMessages.authorId, zoe.id))
    expect(message).toEqual({ body: 'Sources ajoutées, merci.', author: label })
    // The name frozen in the hand-in is replaced (migration 0008 allows this one change), its fingerprint untouched.
    expect(result.submitterNamesRenamed).toBe(1)
    expect(await rows('submissions', `submitted_by = '${zoe.id}' and submitter_name = 'Zoé Lefèvre'`)).toBe(0)
    expect(await rows('submissions', `submitted_by = '${zoe.id}' and submitter_name = '${label.replaceAll("'", "''")}'`)).toBe(1)

    const log = (await auditRows()).at(-1)!
    expect(log).toMatchObject({ action: 'learner-anonymise', subjectId: zoe.id, subjectLabel: `Candidat·e n°\u00a0${shortIdOf(zoe.id)}` })
    expect(log.detail).toMatchObject({ submitterNamesRenamed: 1, loginSessionsEnded: 1, passwordLinksDeleted: 1, extensionReasonsErased: 1 })
    expect(JSON.stringify(await auditRows())).not.toContain('Zoé')

    // Not twice, and nothing to export any more.
    expect(await refusal(async () => await anonymiseLearner(admin, zoe.id, user.email, NOW))).toEqual({ status: 409, message: dp.ALREADY_ANONYMISED })
    expect(await refusal(async () => await learnerExport(admin, zoe.id, NOW))).toMatchObject({ status: 409 })
    expect(await dataProtectionState(zoe.id, NOW)).toMatchObject({ canExport: false, anonymizedAt: NOW.getTime() })
  })
})

describe('deleteLearner', () => {
  it('deletes the account and individual work (hand-ins and grades included), files from disk, an emptied group; logged', async () => {
    const db = getDb()
    // Chloé alone in a serious-game group, with a grade on it.
    const solo = (await db.insert(schema.groups).values({ examSessionId: oldSession, evaluationId: 'serious-game-a11', name: 'Solo' }).returning())[0]!.id
    await addGroupMembers(db, solo, [chloe.id])
    const soloDossier = await dossierOf({ groupId: solo }, 'serious-game-a11')
    const soloImage = (await saveUpload(soloDossier.id, chloe.id, Buffer.concat([PNG, Buffer.from('solo')]), 'image/png')).id
    await grade(soloDossier, juror, { groupId: solo })
    const chloeImages = await db.select({ id: schema.uploads.id }).from(schema.uploads).where(eq(schema.uploads.uploaderId, chloe.id))
    expect(chloeImages).toHaveLength(2)
    for (const u of chloeImages) expect(fs.existsSync(path.join(uploadsDir(), u.id))).toBe(true)
    const sha = (
      await db
        .select({ sha: schema.submissionFiles.sha256 })
        .from(schema.submissionFiles)
        .innerJoin(schema.submissions, eq(schema.submissions.id, schema.submissionFiles.submissionId))
        .where(eq(schema.submissions.submittedBy, chloe.id))
    )[0]!.sha
    const chloeGradings = await db
      .select({ id: schema.gradings.id })
      .from(schema.gradings)
      .innerJoin(schema.jurorAssignments, eq(schema.jurorAssignments.id, schema.gradings.assignmentId))
      .where(eq(schema.jurorAssignments.learnerId, chloe.id))

    const dossierCount = await rows('dossiers', `learner_id = '${chloe.id}' or group_id = '${solo}'`)
    const result = await deleteLearner(admin, chloe.id, chloe.email, NOW)
    expect(result).toMatchObject({ groupsLeft: 0, groupsDeleted: 1, files: 2, filesNotRemoved: 0 })
    expect(await rows('users', `id = '${chloe.id}'`)).toBe(0)
    expect(await rows('dossiers', `learner_id = '${chloe.id}'`)).toBe(0)
    expect(await rows('dossiers', `id = '${soloDossier.id}'`)).toBe(0)
    expect(await rows('groups', `id = '${solo}'`)).toBe(0)
    expect(await rows('submissions', `submitted_by = '${chloe.id}'`)).toBe(0)
    expect(await rows('submission_sections', `submission_id not in (select id from submissions)`)).toBe(0)
    expect(await rows('gradings', `id in (${chloeGradings.map((g) => `'${g.id}'`).join(',')})`)).toBe(0)
    expect(await rows('grade_audit', `grading_id in (${chloeGradings.map((g) => `'${g.id}'`).join(',')})`)).toBe(0)
    expect(await rows('juror_assignments', `group_id = '${solo}'`)).toBe(0)
    for (const u of chloeImages) expect(fs.existsSync(path.join(uploadsDir(), u.id))).toBe(false)
    expect(fs.existsSync(path.join(uploadsDir(), soloImage))).toBe(false)
    // Zoé's hand-in holds the same bytes: the shared snapshot copy stays.
    expect(fs.existsSync(path.join(snapshotsDir(), sha))).toBe(true)
    expect(fs.existsSync(path.join(uploadsDir(), zoeImage))).toBe(true)

    const log = (await auditRows()).at(-1)!
    expect(log).toMatchObject({ action: 'learner-delete', subjectId: chloe.id, subjectLabel: `Candidat·e n°\u00a0${shortIdOf(chloe.id)}` })
    expect(log.detail).toMatchObject({ dossiers: dossierCount, submissions: 1, gradings: 2, files: 2, groupsLeft: 0, groupsDeleted: 1 })
    expect(JSON.stringify(await auditRows())).not.toContain('Chloé')
  })

  it('leaves a group whose dossier stays for the other members; erases their replies there and their member grades', async () => {
    const db = getDb()
    const msp = await dossierOf({ groupId }, 'msp-a2')
    const thread = (
      await db.insert(schema.commentThreads).values({ dossierId: msp.id, target: 'section', sectionId: 'contexte', authorId: tutor.id }).returning()
    )[0]!
    await db.insert(schema.commentMessages).values({ threadId: thread.id, authorId: tutor.id, body: 'Qui a écrit ceci ?' })
    await db.insert(schema.commentMessages).values({ threadId: thread.id, authorId: amine.id, body: 'C’est moi, Amine.' })
    const groupGrading = await grade(msp, juror, { groupId }, amine.id)
    await db
      .insert(schema.gradeEntries)
      .values({ gradingId: groupGrading, criterionId: 'C1.1-1', part: 'oral', learnerId: zoe.id, level: 'acquired', updatedAt: new Date() })
    const mspSnapshot = (await db.select().from(schema.submissions).where(eq(schema.submissions.dossierId, msp.id)))[0]!

    const result = await deleteLearner(admin, amine.id, amine.email, NOW)
    expect(result).toMatchObject({ groupsLeft: 1, groupsDeleted: 0, submitterNamesRenamed: 1 })
    expect(await rows('groups', `id = '${groupId}'`)).toBe(1)
    expect(await rows('group_members', `group_id = '${groupId}'`)).toBe(1)
    expect(await rows('dossiers', `id = '${msp.id}'`)).toBe(1)
    expect(await rows('dossier_sections', `dossier_id = '${msp.id}'`)).toBe(1)
    expect(await rows('submissions', `id = '${mspSnapshot.id}'`)).toBe(1)
    expect(await rows('submissions', `id = '${mspSnapshot.id}' and submitter_name = '${mspSnapshot.submitterName.replaceAll("'", "''")}'`)).toBe(0)
    expect(await rows('dossier_revisions', `dossier_id = '${msp.id}' and author_id is null`)).toBe(1)
    expect(
      (await db.select().from(schema.commentMessages).where(eq(schema.commentMessages.threadId, thread.id))).map((m) => [m.body, m.deletedAt !== null]),
    ).toEqual([
      ['Qui a écrit ceci ?', false],
      ['', true],
    ])
    // The group's grading stays (Zoé's grades), Amine's member grade goes; the grade log is kept with its grading.
    expect(await rows('grade_entries', `grading_id = '${groupGrading}'`)).toBe(1)
    expect(await rows('grade_entries', `learner_id = '${amine.id}'`)).toBe(0)
    expect(await rows('grade_audit', `grading_id = '${groupGrading}'`)).toBe(1)
    expect((await auditRows()).at(-1)?.detail).toMatchObject({ groupsLeft: 1, messagesErased: 1, submitterNamesRenamed: 1 })
  })

  it('deletes an anonymised learner too', async () => {
    const email = (await getDb().select({ email: schema.users.email }).from(schema.users).where(eq(schema.users.id, zoe.id)))[0]!.email
    const shas = await getDb().select({ sha: schema.submissionFiles.sha256 }).from(schema.submissionFiles)
    expect(shas).toHaveLength(1)
    expect(fs.existsSync(path.join(snapshotsDir(), shas[0]!.sha))).toBe(true)
    await deleteLearner(admin, zoe.id, email, NOW)
    // The last hand-in holding those bytes is gone: so is the snapshot copy.
    expect(fs.existsSync(path.join(snapshotsDir(), shas[0]!.sha))).toBe(false)
    expect(await rows('users', `id = '${zoe.id}'`)).toBe(0)
    // Zoé was the group's last member: it goes with its dossier.
    expect(await rows('groups', `id = '${groupId}'`)).toBe(0)
    expect(fs.existsSync(path.join(uploadsDir(), zoeImage))).toBe(false)
  })
})

describe('the audit log', () => {
  it('cannot be changed, lists newest first, filters by action and account, and names a deleted account by its number', async () => {
    await expect(getDb().update(schema.adminAudit).set({ actorName: 'x' })).rejects.toThrow()
    await expect(getDb().delete(schema.adminAudit)).rejects.toThrow()
    const all = await auditJournal({ action: null, subjectId: null, page: 1 })
    expect(all.rows.map((r) => r.action)).toEqual([
      'learner-delete',
      'learner-delete',
      'learner-delete',
      'learner-anonymise',
      'learner-export',
      'learner-delete',
    ])
    const deletes = await auditJournal({ action: 'learner-delete', subjectId: null, page: 1 })
    expect(deletes.total).toBe(4)
    const zoeRows = await auditJournal({ action: null, subjectId: zoe.id, page: 9 })
    expect(zoeRows.page).toBe(1)
    expect(zoeRows.rows.map((r) => [r.actionLabel, r.subjectName, r.subjectState])).toEqual([
      ['Suppression', `Candidat·e n°\u00a0${shortIdOf(zoe.id)}`, 'deleted'],
      ['Anonymisation', `Candidat·e n°\u00a0${shortIdOf(zoe.id)}`, 'deleted'],
      ['Export des données', `Candidat·e n°\u00a0${shortIdOf(zoe.id)}`, 'deleted'],
    ])
    expect(zoeRows.rows[2]!.summary).toMatch(/^\d+\u00a0dossiers, 2\u00a0fichiers, 2\u00a0dépôts\u00a0; archive de \d+\u00a0Ko\.$/)
  })
})
