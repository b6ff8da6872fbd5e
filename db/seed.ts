/**
 * Demo data: « Session de démonstration » with 1 admin, 2 tutors, 2 jurors and
 * 9 learners (or `--learners N`), groups for the group épreuves, tutor and
 * juror assignments, and the hand-ins (db/seed-jury.ts): deadlines of every
 * épreuve, past for four of them whose copies are handed in, so that the
 * jurors have copies to grade. Idempotent: it replaces the demo session and
 * the demo accounts (e-mails @ecole-demo.fr) and leaves every other row alone.
 *
 *   npm run db:seed                      # the demo session
 *   npm run db:seed -- --learners 1000   # a large cohort for benchmarks
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { eq, like } from 'drizzle-orm'
import { makeGroups, seededShuffle, seedFrom } from '../app/domain/groups'
import type { Role } from '../app/domain/permissions'
import type { SessionUser } from '../app/services/auth.server'
import { addGroupMembers, enrollLearners } from '../app/services/dossier-provisioning.server'
import { hashPassword } from '../app/services/password.server'
import { uploadsDir } from '../app/services/uploads.server'
import { referentiel } from '../templates/referentiel'
import { closeDb, databasePath, openDatabase, runMigrations, transaction } from './client'
import { DEMO_CASE } from './demo-case'
import { seedCommentBank } from './seed-bank'
import * as schema from './schema'

export const DEMO_DOMAIN = 'ecole-demo.fr'
export const DEMO_PASSWORD = 'Atelier-demo-2026'
export const DEMO_SESSION = 'Session de démonstration'

type Person = { name: string; email: string; roles: Role[] }

const person = (name: string, local: string, roles: Role[]): Person => ({ name, email: `${local}@${DEMO_DOMAIN}`, roles })

export const DEMO_STAFF: Person[] = [
  person('Hélène Dubreuil', 'admin', ['admin']),
  person('Étienne Garnier', 'tuteur1', ['tutor']),
  person('Inès Ferrand', 'tuteur2', ['tutor']),
  person('Benoît Lemaître', 'jure1', ['juror']),
  person('Chloé Aubertin', 'jure2', ['juror']),
]

export const DEMO_LEARNERS: Person[] = [
  'Zoé Lefèvre',
  'Maël Dupré',
  'Anaïs Bénard',
  'Noé Château',
  'Clémence Rivière',
  'Jérôme Leroy',
  'Gaëlle Perrot',
  'Loïc Brémond',
  'Maëlys N’Diaye',
].map((name, i) => person(name, `candidat${i + 1}`, ['learner']))

const FIRST = ['Léa', 'Hugo', 'Chloé', 'Lucas', 'Inès', 'Théo', 'Manon', 'Noah', 'Camille', 'Enzo', 'Océane', 'Raphaël', 'Élise', 'Gabriel', 'Anaïs', 'Jérémy']
const LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Lefèvre',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'Bénard',
]

function learners(count: number): Person[] {
  const out = DEMO_LEARNERS.slice(0, count)
  for (let i = out.length; i < count; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${Math.floor(i / (FIRST.length * LAST.length)) || ''}`.trim()
    out.push(person(name, `candidat${i + 1}`, ['learner']))
  }
  return out
}

export async function seed(options: { learners: number; now?: Date }) {
  // The hand-ins need the templates, which templates/dossiers.ts loads with Vite's import.meta.glob: give tsx the hook first.
  await import('./vite-glob')
  const { seedGradings, seedJury } = await import('./seed-jury')
  const { seedDoubleMarking } = await import('./seed-double')
  const { seedDeliberation } = await import('./seed-deliberation')
  const { seedDraws } = await import('./seed-draws')
  const { seedCaseFiles } = await import('./seed-case-files')
  const { sqlite, db } = openDatabase()
  runMigrations(sqlite)
  // Demo accounts share one password: hash it once (scrypt is deliberately slow).
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const people = [...DEMO_STAFF, ...learners(options.learners)]
  const started = Date.now()

  // The files of the demo dossiers' uploads go with them (snapshot copies stay: they are shared by content).
  const oldUploads = await db
    .select({ id: schema.uploads.id })
    .from(schema.uploads)
    .innerJoin(schema.dossiers, eq(schema.dossiers.id, schema.uploads.dossierId))
    .innerJoin(schema.examSessions, eq(schema.examSessions.id, schema.dossiers.examSessionId))
    .where(eq(schema.examSessions.name, DEMO_SESSION))

  const summary = await transaction(db, async (tx) => {
    await tx.delete(schema.examSessions).where(eq(schema.examSessions.name, DEMO_SESSION))
    await tx.delete(schema.users).where(like(schema.users.email, `%@${DEMO_DOMAIN}`))

    const ids = new Map<string, string>()
    for (const p of people) {
      const user = (await tx.insert(schema.users).values({ name: p.name, email: p.email, passwordHash }).returning({ id: schema.users.id }))[0]!
      ids.set(p.email, user.id)
      await tx.insert(schema.userRoles).values(p.roles.map((role) => ({ userId: user.id, role })))
    }
    const idOf = (p: Person) => ids.get(p.email)!
    const learnerIds = people.filter((p) => p.roles.includes('learner')).map(idOf)
    const [tutor1, tutor2, juror1, juror2] = DEMO_STAFF.slice(1).map(idOf) as [string, string, string, string]
    await seedCommentBank(tx, tutor1)

    const session = (
      await tx
        .insert(schema.examSessions)
        .values({ name: DEMO_SESSION, startsOn: '2026-09-07', endsOn: '2027-06-25' })
        .returning({ id: schema.examSessions.id })
    )[0]!
    const examSessionId = session.id

    await tx.insert(schema.caseMaterials).values({ examSessionId, ...DEMO_CASE })
    // Enrolling and grouping create the learners' dossiers, as they do in the app.
    let dossierCount = await enrollLearners(tx, examSessionId, learnerIds)
    await tx.insert(schema.tutorAssignments).values(learnerIds.map((learnerId, i) => ({ examSessionId, learnerId, tutorId: i % 2 === 0 ? tutor1 : tutor2 })))

    let groupCount = 0
    let jurorCount = 0
    const jurorFor = (i: number) => (i % 2 === 0 ? juror1 : juror2)
    for (const evaluation of referentiel.evaluations) {
      if (evaluation.mode === 'group' && evaluation.groupSize) {
        const drawn = seededShuffle(learnerIds, seedFrom(evaluation.id))
        const { groups } = makeGroups(drawn, evaluation.groupSize.min, evaluation.groupSize.max)
        for (const [g, members] of groups.entries()) {
          const group = (
            await tx
              .insert(schema.groups)
              .values({ examSessionId, evaluationId: evaluation.id, name: `Groupe ${g + 1}` })
              .returning({ id: schema.groups.id })
          )[0]!
          dossierCount += await addGroupMembers(tx, group.id, members)
          await tx.insert(schema.jurorAssignments).values({ examSessionId, jurorId: jurorFor(g), evaluationId: evaluation.id, groupId: group.id })
          groupCount++
          jurorCount++
        }
      } else {
        await tx
          .insert(schema.jurorAssignments)
          .values(learnerIds.map((learnerId, i) => ({ examSessionId, jurorId: jurorFor(i), evaluationId: evaluation.id, learnerId })))
        jurorCount += learnerIds.length
      }
    }
    const learnerList = people.filter((p) => p.roles.includes('learner')).map((p) => ({ id: idOf(p), name: p.name }))
    const jury = await seedJury(tx, { examSessionId, learners: learnerList, adminId: idOf(DEMO_STAFF[0]!), now: options.now })
    return {
      users: people.length,
      learners: learnerIds.length,
      groups: groupCount,
      jurorAssignments: jurorCount,
      dossiers: dossierCount,
      jury,
      examSessionId,
      juror1,
      learnerList,
      staffIds: new Map(DEMO_STAFF.map((p) => [p.email, idOf(p)])),
    }
  })
  sqlite.close()
  for (const { id } of oldUploads) fs.rmSync(path.join(uploadsDir(), id), { force: true })
  // Grids under way, written by the grading service on the app's connection (closed after: a caller may seed another file next).
  // The serious-game themes, drawn by the admin through the draw service: without them no serious game can be handed in.
  const draws = await seedDraws({
    examSessionId: summary.examSessionId,
    admin: { id: summary.staffIds.get(DEMO_STAFF[0]!.email)!, name: DEMO_STAFF[0]!.name, email: DEMO_STAFF[0]!.email, roles: DEMO_STAFF[0]!.roles },
    now: options.now,
  })
  const juror = DEMO_STAFF[3]!
  const gradings = await seedGradings({
    examSessionId: summary.examSessionId,
    juror: { id: summary.juror1, name: juror.name, email: juror.email, roles: juror.roles },
    learners: summary.learnerList,
    now: options.now,
  })
  const staff = (p: Person) => ({ id: summary.staffIds.get(p.email)!, name: p.name, email: p.email, roles: p.roles })
  const jurors: [SessionUser, SessionUser] = [staff(DEMO_STAFF[3]!), staff(DEMO_STAFF[4]!)]
  const double = await seedDoubleMarking({ examSessionId: summary.examSessionId, jurors, learners: summary.learnerList, now: options.now })
  const deliberation = await seedDeliberation({
    examSessionId: summary.examSessionId,
    admin: staff(DEMO_STAFF[0]!),
    jurors,
    learners: summary.learnerList,
    now: options.now,
  })
  // A CSV of the cas pratique A3's case, through the service the admin screen uses.
  const caseFiles = await seedCaseFiles(summary.examSessionId, summary.staffIds.get(DEMO_STAFF[0]!.email)!)
  await closeDb()
  const { examSessionId: _s, juror1: _j, learnerList: _l, staffIds: _i, ...counts } = summary
  return { ...counts, draws, gradings, double, deliberation, caseFiles, ms: Date.now() - started }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { learners: { type: 'string', default: '9' } } })
  const count = Number(values.learners)
  if (!Number.isInteger(count) || count < 1 || count > 100_000) {
    console.error('--learners attend un nombre entier entre 1 et 100 000.')
    process.exit(1)
  }
  const s = await seed({ learners: count })
  console.log(
    `${DEMO_SESSION} : ${s.users} comptes dont ${s.learners} candidat·es, ${s.groups} groupes, ${s.dossiers} dossiers, ` +
      `${s.jurorAssignments} affectations jury, ${s.jury.instances} épreuves datées, ${s.jury.submissions} dépôts dont ${s.jury.late} en retard, ` +
      `${s.jury.extensions} prolongation, ${s.gradings.gradings} grilles commencées (${s.ms} ms, dont ${s.jury.ms} ms pour les dépôts) → ${databasePath()}`,
  )
  console.log(`Mot de passe des comptes de démonstration : ${DEMO_PASSWORD}`)
}
