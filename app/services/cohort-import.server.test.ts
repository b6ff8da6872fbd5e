import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { and, count, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NO_PASSWORD, type ImportLineError } from '~/domain/cohort-import'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb, dir } = await setupTempDb('import')
const schema = await import('#db/schema')
const { applyCohortImport, CohortImportError, CohortImportRefused, parseCohortFile, planCohortImport, rosterRows, rosterWorkbook } =
  await import('./cohort-import.server')
const { redeemPasswordLink, findPasswordLink } = await import('./password-links.server')
const { login } = await import('./auth.server')

const NOW = new Date('2027-02-01T09:00:00Z')
const csv = (name: string, text: string) => ({ name, bytes: Buffer.from(text, 'utf8') })
const file = (text: string) => csv('candidats.csv', text)

let sessionId = ''
let otherSession = ''
const groupIds = {} as Record<'msp1' | 'msp2' | 'sg1' | 'full', string>
const admin = { id: '' }

async function person(email: string, name: string, roles: Role[]) {
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return id
}
const userCount = async () => (await getDb().select({ n: count() }).from(schema.users))[0]!.n
const enrolledIn = async (id: string) =>
  (
    await getDb()
      .select({ email: schema.users.email })
      .from(schema.enrollments)
      .innerJoin(schema.users, eq(schema.users.id, schema.enrollments.learnerId))
      .where(eq(schema.enrollments.examSessionId, id))
  )
    .map((r) => r.email)
    .sort()
const membersOf = async (groupId: string) =>
  (
    await getDb()
      .select({ email: schema.users.email })
      .from(schema.groupMembers)
      .innerJoin(schema.users, eq(schema.users.id, schema.groupMembers.learnerId))
      .where(eq(schema.groupMembers.groupId, groupId))
  )
    .map((r) => r.email)
    .sort()

beforeAll(async () => {
  const db = getDb()
  admin.id = await person('admin@ecole.fr', 'Hélène Dubreuil', ['admin'])
  await person('tuteur@ecole.fr', 'Étienne Garnier', ['tutor'])
  await person('zoe.lefevre@ecole.fr', 'Zoé Lefèvre', ['learner'])
  const inscrit = await person('deja@ecole.fr', 'Déjà Inscrite', ['learner'])
  otherSession = (await db.insert(schema.examSessions).values({ name: 'Autre', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  sessionId = (await db.insert(schema.examSessions).values({ name: 'Session 2027', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  await db.insert(schema.enrollments).values({ examSessionId: sessionId, learnerId: inscrit })
  const group = async (evaluationId: string, name: string) =>
    (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId, name }).returning())[0]!.id
  groupIds.msp1 = await group('msp-a2', 'Groupe 1')
  groupIds.msp2 = await group('msp-a2', 'Groupe 2')
  groupIds.sg1 = await group('serious-game-a11', 'Groupe 1')
  groupIds.full = await group('msp-a4', 'Complet')
  for (const [i, email] of ['p1@ecole.fr', 'p2@ecole.fr', 'p3@ecole.fr'].entries()) {
    const id = await person(email, `Membre ${i}`, ['learner'])
    await db.insert(schema.enrollments).values({ examSessionId: otherSession, learnerId: id })
    await db.insert(schema.groupMembers).values({ groupId: groupIds.full, learnerId: id })
  }
})

describe('reading the file', () => {
  it('reads a UTF-8 CSV with BOM, `;`, CRLF and quoted fields, keeping accents and apostrophes', async () => {
    const parsed = await parseCohortFile(
      file(
        '\uFEFFPrénom;Nom;E-mail;Groupe\r\nAnaïs;"N’Diaye";Anais.Ndiaye@Exemple.FR;groupe 1\r\n\r\n"Jean-Luc";"d\'Artagnan";"jl@exemple.fr";""\r\n"Marie ; Claire";"Multi\r\nligne";mc@exemple.fr;\r\n',
      ),
    )
    expect(parsed).toEqual({
      format: 'csv',
      headers: ['Prénom', 'Nom', 'E-mail', 'Groupe'],
      headerLine: 1,
      records: [
        { line: 2, cells: ['Anaïs', 'N’Diaye', 'Anais.Ndiaye@Exemple.FR', 'groupe 1'] },
        { line: 4, cells: ['Jean-Luc', "d'Artagnan", 'jl@exemple.fr', ''] },
        { line: 5, cells: ['Marie ; Claire', 'Multi\r\nligne', 'mc@exemple.fr', ''] },
      ],
    })
  })

  it('reads a `,` CSV with LF, numbering lines as a spreadsheet shows them (blank lines counted)', async () => {
    const parsed = await parseCohortFile(file('Nom complet,Courriel\n\nLéa  Martin ,lea@exemple.fr\n,\nTom Roux,tom@exemple.fr\n'))
    expect(parsed.headers).toEqual(['Nom complet', 'Courriel'])
    expect(parsed.records).toEqual([
      { line: 3, cells: ['Léa  Martin ', 'lea@exemple.fr'] },
      { line: 5, cells: ['Tom Roux', 'tom@exemple.fr'] },
    ])
  })

  it('reads the first sheet of an Excel workbook: hyperlinks, rich text, numbers, dates', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Liste')
    workbook.addWorksheet('Autre').addRow(['ignorée'])
    sheet.addRow(['Nom de famille', 'First name', 'Adresse électronique', 'Group', 'Né·e le', 'Numéro'])
    sheet.addRow([
      'N’Diaye',
      { richText: [{ text: 'Ana' }, { text: 'ïs', font: { bold: true } }] },
      { text: 'anais@exemple.fr', hyperlink: 'mailto:anais@exemple.fr' },
      'Groupe 2',
      new Date(Date.UTC(2001, 4, 17)),
      42,
    ])
    sheet.addRow([])
    sheet.addRow(["d'Artagnan", 'Jean', { text: 'JEAN@exemple.fr', hyperlink: 'mailto:jean@exemple.fr' }])
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
    const parsed = await parseCohortFile({ name: 'liste.xlsx', bytes })
    expect(parsed).toEqual({
      format: 'xlsx',
      headers: ['Nom de famille', 'First name', 'Adresse électronique', 'Group', 'Né·e le', 'Numéro'],
      headerLine: 1,
      records: [
        { line: 2, cells: ['N’Diaye', 'Anaïs', 'anais@exemple.fr', 'Groupe 2', '2001-05-17', '42'] },
        { line: 4, cells: ["d'Artagnan", 'Jean', 'JEAN@exemple.fr'] },
      ],
    })
    const report = await planCohortImport(sessionId, { name: 'liste.xlsx', bytes })
    expect(report.errors).toEqual([])
    expect(report.columns.map((c) => c.field)).toEqual(['lastName', 'firstName', 'email', 'group', null, null])
    expect(report.rows).toEqual([
      { line: 2, name: 'Anaïs N’Diaye', email: 'anais@exemple.fr', group: 'Groupe 2', status: 'new' },
      { line: 4, name: "Jean d'Artagnan", email: 'jean@exemple.fr', group: null, status: 'new' },
    ])
  })

  it('refuses a file that is not UTF-8, too big, empty or an unreadable workbook, in French', async () => {
    const latin1 = { name: 'a.csv', bytes: Buffer.from('Nom;E-mail\nAna\xefs;a@b.fr\n', 'latin1') }
    await expect(parseCohortFile(latin1)).rejects.toThrow(/UTF-8.*CSV UTF-8/)
    await expect(parseCohortFile({ name: 'a.csv', bytes: Buffer.alloc(5 * 1024 * 1024 + 1, 0x61) })).rejects.toMatchObject({ status: 413 })
    await expect(parseCohortFile({ name: 'a.csv', bytes: Buffer.from('\n\n') })).rejects.toThrow('Ce fichier ne contient aucune ligne.')
    await expect(parseCohortFile({ name: 'a.xlsx', bytes: Buffer.from('PK\x03\x04garbage', 'latin1') })).rejects.toBeInstanceOf(CohortImportError)
    await expect(planCohortImport('nope', file('Nom complet;Email\nA B;a@b.fr\n'))).rejects.toMatchObject({
      status: 404,
      message: 'Cette session d’examen n’existe pas.',
    })
  })
})

describe('planning', () => {
  it('reports the columns and the file-level errors on line 1', async () => {
    const report = await planCohortImport(sessionId, file('Prénom;Téléphone;Mail;Courriel\nAna;06;a@b.fr;a@b.fr\n'))
    expect(report.columns).toEqual([
      { column: 'A', header: 'Prénom', field: 'firstName' },
      { column: 'B', header: 'Téléphone', field: null },
      { column: 'C', header: 'Mail', field: 'email' },
      { column: 'D', header: 'Courriel', field: 'email' },
    ])
    expect(report.errors).toEqual([
      { line: 1, column: 'D', message: expect.stringContaining('la colonne D («\u00a0Courriel\u00a0») et la colonne C («\u00a0Mail\u00a0»)') },
      { line: 1, column: null, message: expect.stringContaining('aucune colonne de nom') },
    ])
    expect(report.rows).toEqual([])
    const noEmail = await planCohortImport(sessionId, file('Nom complet;Groupe\nA B;G\n'))
    expect(noEmail.errors).toEqual([{ line: 1, column: null, message: expect.stringContaining('aucune colonne d’adresse e-mail') }])
  })

  it('refuses each bad line with its line, column and a precise message', async () => {
    const text = [
      'Prénom;Nom;E-mail;Groupe', // 1
      'Anaïs;N’Diaye;anais@exemple.fr;Groupe 1', // 2
      'Paul;Durand;;', // 3
      'Léa;Martin;pas-une-adresse;', // 4
      'Anaïs;Bis;ANAIS@exemple.fr;', // 5
      ';Sans prénom;sp@exemple.fr;', // 6
      'Déjà;Inscrite;Deja@Ecole.fr;', // 7
      'Étienne;Garnier;tuteur@ecole.fr;', // 8
      'Tom;Roux;tom@exemple.fr;Groupe 9', // 9
      'Ève;Petit;eve@exemple.fr;complet', // 10
      'Court;Ligne', // 11
      'Zoé;Lefèvre;zoe.lefevre@ECOLE.fr;groupe  2', // 12
    ].join('\n')
    const report = await planCohortImport(sessionId, file(text))
    const errors: ImportLineError[] = [
      { line: 3, column: 'C', message: 'adresse e-mail manquante.' },
      { line: 4, column: 'C', message: 'adresse e-mail non valide\u00a0: «\u00a0pas-une-adresse\u00a0».' },
      { line: 5, column: 'C', message: 'adresse e-mail en double\u00a0: «\u00a0anais@exemple.fr\u00a0» est déjà à la ligne 2.' },
      { line: 6, column: 'A', message: 'prénom manquant.' },
      { line: 7, column: 'C', message: '«\u00a0deja@ecole.fr\u00a0» est déjà inscrit·e à cette session.' },
      {
        line: 8,
        column: 'C',
        message: 'ce compte existe sans le rôle candidat·e («\u00a0tuteur@ecole.fr\u00a0»)\u00a0: ajoutez-lui ce rôle dans Utilisateurs, ou retirez la ligne.',
      },
      {
        line: 9,
        column: 'D',
        message: 'groupe inconnu dans cette session\u00a0: «\u00a0Groupe 9\u00a0». Groupes de la session\u00a0: Complet, Groupe 1, Groupe 2.',
      },
      { line: 10, column: 'D', message: expect.stringMatching(/^le groupe «\u00a0Complet\u00a0» \(.+\) compterait 4 membres\u00a0: 3 au plus\.$/) },
      { line: 11, column: null, message: 'ligne incomplète\u00a0: 2 cellules au lieu de 4 (vérifiez les séparateurs).' },
      { line: 11, column: 'C', message: 'adresse e-mail manquante.' },
    ]
    expect(report.errors).toEqual(errors)
    expect(report.rows).toEqual([
      { line: 2, name: 'Anaïs N’Diaye', email: 'anais@exemple.fr', group: 'Groupe 1', status: 'new' },
      { line: 12, name: 'Zoé Lefèvre', email: 'zoe.lefevre@ecole.fr', group: 'Groupe 2', status: 'existing' },
    ])
    expect(report.lines).toBe(11)
  })

  it('refuses a missing full name and keeps names as typed, whitespace collapsed', async () => {
    const report = await planCohortImport(sessionId, file('Candidat,Adresse e-mail\n"  Jean-Pierre   d\'Artagnan ",jp@exemple.fr\n,x@exemple.fr\n'))
    expect(report.rows.map((r) => r.name)).toEqual(["Jean-Pierre d'Artagnan"])
    expect(report.errors).toEqual([{ line: 3, column: 'A', message: 'nom complet manquant.' }])
  })
})

describe('applying', () => {
  beforeEach(async () => {
    await getDb().delete(schema.groupMembers).where(eq(schema.groupMembers.groupId, groupIds.msp2))
  })

  it('writes nothing when one line is refused', async () => {
    const before = { users: await userCount(), enrolled: await enrolledIn(sessionId), links: (await getDb().select().from(schema.passwordLinks)).length }
    const text = 'Nom complet;E-mail;Groupe\nAlice Bon;alice@exemple.fr;Groupe 1\nBob Mauvais;bob@;\n'
    const refused = await applyCohortImport(sessionId, file(text), admin, { baseUrl: 'https://atelier.test', now: NOW }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(CohortImportRefused)
    expect((refused as InstanceType<typeof CohortImportRefused>).report.errors).toEqual([
      { line: 3, column: 'B', message: 'adresse e-mail non valide\u00a0: «\u00a0bob@\u00a0».' },
    ])
    expect(await userCount()).toBe(before.users)
    expect(await enrolledIn(sessionId)).toEqual(before.enrolled)
    expect((await getDb().select().from(schema.passwordLinks)).length).toBe(before.links)
    expect(await membersOf(groupIds.msp1)).toEqual([])
  })

  it('creates accounts, enrols by e-mail whatever its case, joins every group of that name, and gives working welcome links', async () => {
    const text =
      'Prénom;Nom;E-mail;Groupe\r\nAnaïs;N’Diaye;Anais@Exemple.fr;GROUPE 1\r\nZoé;Lefèvre;ZOE.LEFEVRE@ecole.fr;Groupe 2\r\nMarc;Aurèle;marc@exemple.fr;\r\n'
    const outcome = await applyCohortImport(sessionId, file(text), admin, { baseUrl: 'https://atelier.test/', now: NOW })
    expect(outcome.enrolled).toBe(3)
    expect(outcome.created.map(({ name, email }) => ({ name, email }))).toEqual([
      { name: 'Anaïs N’Diaye', email: 'anais@exemple.fr' },
      { name: 'Marc Aurèle', email: 'marc@exemple.fr' },
    ])
    expect(outcome.report.rows.map((r) => r.status)).toEqual(['new', 'existing', 'new'])
    for (const c of outcome.created) {
      expect(c.link).toMatch(/^https:\/\/atelier\.test\/mot-de-passe\/[A-Za-z0-9_-]{43}$/)
      expect(c.expiresAt).toBe(NOW.getTime() + 14 * 24 * 3600 * 1000)
    }
    expect(await getDb().select().from(schema.users).where(eq(schema.users.email, 'zoe.lefevre@ecole.fr'))).toHaveLength(1)
    expect(await enrolledIn(sessionId)).toEqual(['anais@exemple.fr', 'deja@ecole.fr', 'marc@exemple.fr', 'zoe.lefevre@ecole.fr'])
    expect(await membersOf(groupIds.msp1)).toEqual(['anais@exemple.fr'])
    expect(await membersOf(groupIds.sg1)).toEqual(['anais@exemple.fr'])
    expect(await membersOf(groupIds.msp2)).toEqual(['zoe.lefevre@ecole.fr'])

    const anais = (await getDb().select().from(schema.users).where(eq(schema.users.email, 'anais@exemple.fr')))[0]!
    expect(anais.passwordHash).toBe(NO_PASSWORD)
    const roles = await getDb().select({ role: schema.userRoles.role }).from(schema.userRoles).where(eq(schema.userRoles.userId, anais.id))
    expect(roles).toEqual([{ role: 'learner' }])
    const dossiers = (
      await getDb()
        .select({ n: count() })
        .from(schema.dossiers)
        .where(and(eq(schema.dossiers.learnerId, anais.id), eq(schema.dossiers.examSessionId, sessionId)))
    )[0]!.n
    expect(dossiers).toBeGreaterThan(0)
    expect((await getDb().select({ n: count() }).from(schema.dossiers).where(eq(schema.dossiers.groupId, groupIds.msp1)))[0]!.n).toBe(1)

    // Before the link is used the account cannot log in; after it can.
    expect((await login('anais@exemple.fr', NO_PASSWORD)).ok).toBe(false)
    const token = outcome.created[0]!.link.split('/').pop()!
    expect(await findPasswordLink(token, NOW)).toMatchObject({ ok: true, email: 'anais@exemple.fr', purpose: 'welcome' })
    expect(await redeemPasswordLink(token, 'Mon mot de passe 2027', NOW)).toMatchObject({ ok: true, email: 'anais@exemple.fr' })
    expect((await login('Anais@exemple.fr', 'Mon mot de passe 2027')).ok).toBe(true)

    // The roster: by name, groups by épreuve, account state.
    const roster = await rosterRows(sessionId)
    expect(roster.map((r) => [r.name, r.state])).toEqual([
      ['Anaïs N’Diaye', 'active'],
      ['Déjà Inscrite', 'active'],
      ['Marc Aurèle', 'pending'],
      ['Zoé Lefèvre', 'active'],
    ])
    expect(roster[0]!.groups.map((g) => [g.evaluationId, g.group])).toEqual([
      ['msp-a2', 'Groupe 1'],
      ['serious-game-a11', 'Groupe 1'],
    ])
    expect(roster[2]!.linkExpiresAt).toBe(NOW.getTime() + 14 * 24 * 3600 * 1000)

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await rosterWorkbook(sessionId)) as unknown as ExcelJS.Buffer)
    const sheet = workbook.worksheets[0]!
    const header = sheet.getRow(1)
    expect(header.getCell(1).value).toBe('Nom')
    expect(header.getCell(1).font?.bold).toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.autoFilter).toBeTruthy()
    expect(sheet.rowCount).toBe(5)
    expect(sheet.getRow(4).getCell(1).value).toBe('Marc Aurèle')
    expect(sheet.getRow(4).getCell(sheet.columnCount).value).toBe('Mot de passe à définir (lien en attente)')

    // Importing the same file again: every line is now already enrolled.
    const again = await planCohortImport(sessionId, file(text))
    expect(again.errors.map((e) => e.line)).toEqual([2, 3, 4])
  }, 30_000)

  it('refuses a group that the file would fill beyond its size', async () => {
    const text =
      'Nom complet;E-mail;Groupe\nUn Un;g1@exemple.fr;Groupe 2\nDeux Deux;g2@exemple.fr;Groupe 2\nTrois Trois;g3@exemple.fr;groupe 2\nQuatre Quatre;g4@exemple.fr;Groupe 2\n'
    const report = await planCohortImport(sessionId, file(text))
    expect(report.errors).toEqual([{ line: 5, column: 'C', message: expect.stringContaining('le groupe «\u00a0Groupe 2\u00a0»') }])
    expect(report.errors[0]!.message).toMatch(/compterait 4 membres\u00a0: 3 au plus\.$/)
  })
})

describe('npm run cohort:import', () => {
  const run = (...args: string[]) =>
    spawnSync('npx', ['tsx', 'scripts/cohort-import.ts', ...args], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      encoding: 'utf8',
      timeout: 60_000,
    })

  it('prints the columns, the lines and a summary in a dry run, and exits 1 when a line is refused', async () => {
    const input = path.join(dir, 'cli.csv')
    fs.writeFileSync(input, 'Prénom;Nom;E-mail;Téléphone\nLina;Cli;lina.cli@exemple.fr;06\nSam;Cli;;07\n')
    const before = await userCount()
    const result = spawnSync('npx', ['tsx', 'scripts/cohort-import.ts', input, '--session', sessionId, '--dry-run'], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('  D « Téléphone » → ignorée')
    expect(result.stdout).toContain('  C « E-mail » → Adresse e-mail')
    expect(result.stdout).toContain('  Ligne 2 : Lina Cli <lina.cli@exemple.fr>, nouveau compte.')
    expect(result.stdout).toContain('  Ligne 3, colonne C : adresse e-mail manquante. [refusée]')
    expect(result.stdout).toContain('Résumé : 1 ligne acceptée (1 nouveau compte, 0 compte existant), 1 ligne refusée.')
    expect(await userCount()).toBe(before)

    fs.writeFileSync(input, 'Prénom;Nom;E-mail\nLina;Cli;lina.cli@exemple.fr\n')
    const ok = run(input, '--session', sessionId, '--dry-run')
    expect(ok.status).toBe(0)
    expect(ok.stdout).toContain('Essai : rien n’a été enregistré.')
    expect(await userCount()).toBe(before)

    const bad = run(input, '--dry-run')
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('--session')
  }, 180_000)
})
