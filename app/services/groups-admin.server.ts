/**
 * The groups of a session's group épreuves, for the admin (issue 13 §4–§5):
 * an overview per épreuve (groups, members, size problems, learners without a
 * group, the serious game's theme draws), random formation of the learners
 * still without a group, a group by hand, and moving a learner between groups.
 *
 * A group dossier belongs to the group and the REX to the learner (see
 * app/domain/dossier-plan.ts): a move takes the learner out of the old group
 * (its dossier stays with it, content untouched) into the new group's dossier;
 * the REX is never touched. Once a group dossier of the épreuve has been
 * handed in, its composition is frozen.
 *
 * A random formation is logged in `group_formations` (seed, the learners in
 * the order the draw took them, the groups made, who and when): the page
 * replays it from its row and says whether it matches.
 * Refusals are GroupsError with a French message; nothing is written then.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { GROUP_SIZES, groupSizeError, randomGroups, SERIOUS_GAME_ID, THEME_LABELS, isTheme, type GroupSize } from '~/domain/draw'
import { formatDate, formatTime, frenchTypography as ft, plural } from '~/domain/format'
import { mainTemplateId } from '~/domain/dossier-plan'
import type { SessionUser } from './auth.server'
import { getDb, schema, type DbHandle, transaction } from './db.server'
import { addGroupMembers } from './dossier-provisioning.server'
import { referentiel, referentielIndex } from './referentiel.server'
import { drawHistory, newSeed, verifyDraw } from './theme-draws.server'

const { dossiers, enrollments, examSessions, groupFormations, groups, groupMembers, submissions, users } = schema

export class GroupsError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'GroupsError'
  }
}

export const NOT_ADMIN = 'Seul·e un·e administrateur·rice peut former les groupes.'
export const NO_SESSION = 'Cette session d’examen n’existe pas.'
export const NOT_GROUP_EPREUVE = 'Cette épreuve ne se passe pas en groupe.'
export const NO_GROUP = 'Ce groupe n’existe pas dans cette épreuve.'
export const ALL_GROUPED = 'Tous les candidat·es inscrit·es ont déjà un groupe dans cette épreuve.'
export const NONE_CHOSEN = 'Cochez les candidat·es qui forment le groupe.'

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })
const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name)

export type Person = { id: string; name: string }
export type DrawView = {
  id: string
  seed: string
  reason: string
  drawnByName: string
  drawnAt: string
  supersededAt: string | null
  verified: boolean
  result: { learnerId: string; name: string; theme: string }[]
}
export type GroupView = {
  id: string
  name: string
  members: Person[]
  sizeError: string | null
  handedIn: boolean
  draw: DrawView | null
  history: DrawView[]
}
/** A random formation as logged, and whether replaying its seed gives the same groups. */
export type FormationView = {
  id: string
  seed: string
  formedByName: string
  formedAt: string
  verified: boolean
  groups: { name: string; members: string[] }[]
}
export type EpreuveGroups = {
  evaluationId: string
  title: string
  sizeRule: string
  size: GroupSize
  seriousGame: boolean
  groups: GroupView[]
  ungrouped: Person[]
  formations: FormationView[]
}

/** « A4 — Mise en situation professionnelle reconstituée »: the épreuve's activity and title, from the référentiel. */
export function epreuveTitle(evaluationId: string): string {
  const evaluation = referentielIndex.evaluations.get(evaluationId)
  if (!evaluation) return evaluationId
  const activityId = referentielIndex.competencies.get(evaluation.competencyIds[0] ?? '')?.activityId
  return ft(activityId ? `${activityId} — ${evaluation.title}` : evaluation.title)
}

/** « Groupes de 2 à 3 candidat·es », « Groupes de 3 candidat·es exactement ». */
export function sizeRule(size: GroupSize): string {
  return size.min === size.max ? `Groupes de ${size.min}\u00a0candidat·es exactement` : `Groupes de ${size.min} à ${size.max}\u00a0candidat·es`
}

/** The référentiel's group épreuves, in its order, with their sizes. */
function groupEpreuves() {
  return referentiel.evaluations.filter((e) => e.mode === 'group' && GROUP_SIZES[e.id]).map((e) => ({ id: e.id, size: GROUP_SIZES[e.id]! }))
}

function requireGroupEpreuve(evaluationId: string): GroupSize {
  const size = GROUP_SIZES[evaluationId]
  if (!size) throw new GroupsError(NOT_GROUP_EPREUVE, 400)
  return size
}

async function requireSession(sessionId: string, db: DbHandle) {
  const [session] = await db.select({ id: examSessions.id }).from(examSessions).where(eq(examSessions.id, sessionId))
  if (!session) throw new GroupsError(NO_SESSION, 404)
}

/** The session's groups of one épreuve with their members (by name), groups in name order. */
async function groupsOf(sessionId: string, evaluationId: string, db: DbHandle) {
  const rows = (
    await db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(and(eq(groups.examSessionId, sessionId), eq(groups.evaluationId, evaluationId)))
  ).sort(byName)
  const members = rows.length
    ? await db
        .select({ groupId: groupMembers.groupId, id: users.id, name: users.name })
        .from(groupMembers)
        .innerJoin(users, eq(users.id, groupMembers.learnerId))
        .where(
          inArray(
            groupMembers.groupId,
            rows.map((r) => r.id),
          ),
        )
    : []
  return rows.map((g) => ({
    ...g,
    members: members
      .filter((m) => m.groupId === g.id)
      .map(({ id, name }) => ({ id, name }))
      .sort(byName),
  }))
}

async function enrolledLearners(sessionId: string, db: DbHandle): Promise<Person[]> {
  return (
    await db
      .select({ id: users.id, name: users.name })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.learnerId))
      .where(eq(enrollments.examSessionId, sessionId))
      .orderBy(asc(users.name))
  ).sort(byName)
}

/** The ids of the groups (among `groupIds`) whose main dossier of the épreuve was handed in. */
async function handedInGroups(evaluationId: string, groupIds: string[], db: DbHandle): Promise<Set<string>> {
  if (groupIds.length === 0) return new Set()
  const rows = await db
    .selectDistinct({ groupId: dossiers.groupId })
    .from(submissions)
    .innerJoin(dossiers, eq(dossiers.id, submissions.dossierId))
    .where(and(inArray(dossiers.groupId, groupIds), eq(dossiers.templateId, mainTemplateId(evaluationId))))
  return new Set(rows.map((r) => r.groupId ?? ''))
}

/** « Groupe N » names continuing the épreuve's numbering, skipping names already taken. */
function nextNames(taken: readonly string[], count: number): string[] {
  const used = new Set(taken)
  let n = Math.max(0, ...taken.map((name) => Number(/^Groupe (\d+)$/.exec(name)?.[1] ?? 0)))
  const names: string[] = []
  while (names.length < count) {
    const name = `Groupe ${++n}`
    if (!used.has(name)) names.push(name)
  }
  return names
}

function drawView(row: Awaited<ReturnType<typeof drawHistory>>[number], names: Map<string, string>): DrawView {
  return {
    id: row.id,
    seed: row.seed,
    reason: row.reason,
    drawnByName: row.drawnByName,
    drawnAt: `le ${formatDate(row.drawnAt)} à ${formatTime(row.drawnAt)}`,
    supersededAt: row.supersededAt ? `le ${formatDate(row.supersededAt)} à ${formatTime(row.supersededAt)}` : null,
    verified: verifyDraw(row),
    result: row.result.map((r) => ({
      learnerId: r.learnerId,
      name: names.get(r.learnerId) ?? 'Compte supprimé',
      theme: isTheme(r.theme) ? THEME_LABELS[r.theme] : r.theme,
    })),
  }
}

/**
 * Per group épreuve of the session (référentiel order): its groups with their
 * members and size problem, the enrolled learners without a group, and for
 * the serious game each group's current draw and history. Null: no session.
 */
export async function groupsOverview(sessionId: string, db: DbHandle = getDb()): Promise<EpreuveGroups[] | null> {
  if (!(await db.select({ id: examSessions.id }).from(examSessions).where(eq(examSessions.id, sessionId)))[0]) return null
  const enrolled = await enrolledLearners(sessionId, db)
  const overview: EpreuveGroups[] = []
  for (const { id: evaluationId, size } of groupEpreuves()) {
    const rows = await groupsOf(sessionId, evaluationId, db)
    const grouped = new Set(rows.flatMap((g) => g.members.map((m) => m.id)))
    const seriousGame = evaluationId === SERIOUS_GAME_ID
    const handedIn = await handedInGroups(
      evaluationId,
      rows.map((g) => g.id),
      db,
    )
    const histories = new Map<string, Awaited<ReturnType<typeof drawHistory>>>()
    for (const g of rows) histories.set(g.id, seriousGame ? await drawHistory(g.id, db) : [])
    const drawnIds = [...new Set([...histories.values()].flatMap((h) => h.flatMap((d) => d.result.map((r) => r.learnerId))))]
    const names = new Map(
      drawnIds.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, drawnIds))).map((u) => [u.id, u.name]) : [],
    )
    overview.push({
      evaluationId,
      title: epreuveTitle(evaluationId),
      sizeRule: sizeRule(size),
      size,
      seriousGame,
      groups: rows.map((g) => {
        const history = (histories.get(g.id) ?? []).map((row) => drawView(row, names))
        return {
          ...g,
          sizeError: groupSizeError(evaluationId, g.members.length),
          handedIn: handedIn.has(g.id),
          draw: history.find((h) => h.supersededAt === null) ?? null,
          history,
        }
      }),
      ungrouped: enrolled.filter((l) => !grouped.has(l.id)),
      formations: await formationsOf(sessionId, evaluationId, size, db),
    })
  }
  return overview
}

/** The épreuve's random formations, newest first, each replayed from its seed. */
async function formationsOf(sessionId: string, evaluationId: string, size: GroupSize, db: DbHandle): Promise<FormationView[]> {
  const rows = await db
    .select()
    .from(groupFormations)
    .where(and(eq(groupFormations.examSessionId, sessionId), eq(groupFormations.evaluationId, evaluationId)))
    .orderBy(desc(groupFormations.formedAt))
  const ids = [...new Set(rows.flatMap((r) => r.learnerIds))]
  const names = new Map(
    ids.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]) : [],
  )
  return rows.map((row) => {
    const replay = randomGroups(row.learnerIds, size, row.seed)
    const verified = replay.ok && JSON.stringify(replay.groups) === JSON.stringify(row.result.map((g) => g.memberIds))
    return {
      id: row.id,
      seed: row.seed,
      formedByName: row.formedByName,
      formedAt: `le ${formatDate(row.formedAt)} à ${formatTime(row.formedAt)}`,
      verified,
      groups: row.result.map((g) => ({ name: g.name, members: g.memberIds.map((id) => names.get(id) ?? 'Compte supprimé') })),
    }
  })
}

/** The session's name and dates, or undefined when there is no such session. */
export async function sessionSummary(sessionId: string, db: DbHandle = getDb()) {
  return (
    await db
      .select({ id: examSessions.id, name: examSessions.name, startsOn: examSessions.startsOn, endsOn: examSessions.endsOn })
      .from(examSessions)
      .where(eq(examSessions.id, sessionId))
  )[0]
}

/** The group, if it is one of the session's groups (any épreuve). */
export async function groupOfSession(sessionId: string, groupId: string, db: DbHandle = getDb()) {
  return (
    await db
      .select({ id: groups.id, name: groups.name, evaluationId: groups.evaluationId })
      .from(groups)
      .where(and(eq(groups.id, groupId), eq(groups.examSessionId, sessionId)))
  )[0]
}

export type FormedGroups = { seed: string; groups: { id: string; name: string; memberIds: string[] }[]; message: string }

/**
 * Splits the session's enrolled learners who have no group in the épreuve
 * yet into random groups (`randomGroups` with `seed`), named « Groupe N »
 * after the existing ones, with their dossiers. Existing groups are left as
 * they are. The seed comes back, and in the message.
 */
export async function formRandomGroups(
  admin: SessionUser,
  sessionId: string,
  evaluationId: string,
  seed: string = newSeed(),
  db: DbHandle = getDb(),
): Promise<FormedGroups> {
  if (!admin.roles.includes('admin')) throw new GroupsError(NOT_ADMIN, 403)
  const size = requireGroupEpreuve(evaluationId)
  return await transaction(db, async (tx) => {
    await requireSession(sessionId, tx)
    const existing = await groupsOf(sessionId, evaluationId, tx)
    const grouped = new Set(existing.flatMap((g) => g.members.map((m) => m.id)))
    const ungrouped = (await enrolledLearners(sessionId, tx)).filter((l) => !grouped.has(l.id))
    if (ungrouped.length === 0) throw new GroupsError(ALL_GROUPED, 409)
    const drawn = randomGroups(
      ungrouped.map((l) => l.id),
      size,
      seed,
    )
    if (!drawn.ok) throw new GroupsError(drawn.message, 409)
    const names = nextNames(
      existing.map((g) => g.name),
      drawn.groups.length,
    )
    const created: FormedGroups['groups'] = []
    for (const [i, memberIds] of drawn.groups.entries()) {
      const group = (
        await tx.insert(groups).values({ examSessionId: sessionId, evaluationId, name: names[i]! }).returning({ id: groups.id, name: groups.name })
      )[0]!
      await addGroupMembers(tx, group.id, memberIds)
      created.push({ ...group, memberIds })
    }
    await tx.insert(groupFormations).values({
      examSessionId: sessionId,
      evaluationId,
      seed,
      learnerIds: ungrouped.map((l) => l.id),
      result: created.map((g) => ({ groupId: g.id, name: g.name, memberIds: g.memberIds })),
      formedBy: admin.id,
      formedByName: admin.name,
      formedAt: new Date(),
    })
    const list = created.map((g) => `${g.name} (${g.memberIds.length})`).join(', ')
    const message = `${plural(created.length, 'groupe formé', 'groupes formés')} au hasard parmi ${plural(ungrouped.length, 'candidat·e', 'candidat·es')} sans groupe\u00a0: ${list} (graine\u00a0: ${seed}).`
    return { seed, groups: created, message }
  })
}

/**
 * A group made by hand of learners enrolled in the session who have no group
 * in the épreuve yet; its size must fit the épreuve. Named « Groupe N ».
 */
export async function createGroup(
  sessionId: string,
  evaluationId: string,
  learnerIds: readonly string[],
  db: DbHandle = getDb(),
): Promise<{ id: string; name: string; message: string }> {
  requireGroupEpreuve(evaluationId)
  const ids = [...new Set(learnerIds)]
  if (ids.length === 0) throw new GroupsError(NONE_CHOSEN, 400, 'learnerIds')
  const sizeError = groupSizeError(evaluationId, ids.length)
  if (sizeError) throw new GroupsError(sizeError, 400, 'learnerIds')
  return await transaction(db, async (tx) => {
    await requireSession(sessionId, tx)
    const existing = await groupsOf(sessionId, evaluationId, tx)
    const grouped = new Set(existing.flatMap((g) => g.members.map((m) => m.id)))
    const free = new Map((await enrolledLearners(sessionId, tx)).map((l) => [l.id, l.name]))
    if (ids.some((id) => !free.has(id))) throw new GroupsError('Un·e des candidat·es choisi·es n’est pas inscrit·e à cette session.', 400, 'learnerIds')
    const taken = ids.filter((id) => grouped.has(id)).map((id) => free.get(id)!)
    if (taken.length) throw new GroupsError(`Déjà dans un groupe de cette épreuve\u00a0: ${taken.sort(collator.compare).join(', ')}.`, 409, 'learnerIds')
    const [name] = nextNames(
      existing.map((g) => g.name),
      1,
    )
    const group = (await tx.insert(groups).values({ examSessionId: sessionId, evaluationId, name: name! }).returning({ id: groups.id, name: groups.name }))[0]!
    await addGroupMembers(tx, group.id, ids)
    const members = ids.map((id) => free.get(id)!).sort(collator.compare)
    return { ...group, message: `${group.name} est créé avec ${members.join(', ')}.` }
  })
}

/**
 * Moves a learner to another group of the same épreuve (or into one, when
 * they have none yet). Refused: the target is full (size max), or the old or
 * the new group's dossier was already handed in. The learner leaves the old
 * group's dossier — it stays with that group, content untouched — and joins
 * the new group's; their REX is theirs and does not move. Says so in French,
 * with what it means for the serious-game theme draws.
 */
export async function moveLearner(
  sessionId: string,
  evaluationId: string,
  learnerId: string,
  toGroupId: string,
  db: DbHandle = getDb(),
): Promise<{ message: string }> {
  const size = requireGroupEpreuve(evaluationId)
  return await transaction(db, async (tx) => {
    await requireSession(sessionId, tx)
    const all = await groupsOf(sessionId, evaluationId, tx)
    const to = all.find((g) => g.id === toGroupId)
    if (!to) throw new GroupsError(NO_GROUP, 404, 'toGroupId')
    const learner = (await enrolledLearners(sessionId, tx)).find((l) => l.id === learnerId)
    if (!learner) throw new GroupsError('Ce·tte candidat·e n’est pas inscrit·e à cette session.', 404)
    const from = all.find((g) => g.members.some((m) => m.id === learnerId))
    if (from?.id === to.id) throw new GroupsError(`${learner.name} est déjà dans ${to.name}.`, 400, 'toGroupId')
    if (to.members.length + 1 > size.max)
      throw new GroupsError(
        `${to.name} compte déjà ${plural(to.members.length, 'membre', 'membres')}, le maximum pour cette épreuve\u00a0: déplacez d’abord un de ses membres ailleurs.`,
        409,
        'toGroupId',
      )
    const frozen = await handedInGroups(evaluationId, from ? [from.id, to.id] : [to.id], tx)
    for (const g of [from, to]) {
      if (g && frozen.has(g.id))
        throw new GroupsError(`Le dossier de ${g.name} est déjà déposé\u00a0: les dépôts sont figés, la composition de ce groupe ne change plus.`, 409)
    }
    if (from) await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, from.id), eq(groupMembers.learnerId, learnerId)))
    await addGroupMembers(tx, to.id, [learnerId])

    const rex = referentielIndex.evaluations.get(evaluationId)?.parts.rex ?? false
    const parts = [
      from
        ? `${learner.name} passe de ${from.name} à ${to.name}\u00a0: son accès au dossier commun de ${from.name} s’arrête (ce dossier reste à ${from.name}, avec tout son contenu) et ${learner.name} rejoint le dossier commun de ${to.name}.`
        : `${learner.name} rejoint ${to.name} et son dossier commun.`,
    ]
    if (rex) parts.push('Son REX individuel reste le sien, avec son contenu.')
    if (from && from.members.length - 1 < size.min)
      parts.push(`Attention\u00a0: ${from.name} n’a plus que ${plural(from.members.length - 1, 'membre', 'membres')}, moins que le minimum de ${size.min}.`)
    if (evaluationId === SERIOUS_GAME_ID) {
      const current = async (id: string) => (await drawHistory(id, tx)).find((d) => d.supersededAt === null)
      parts.push(
        (await current(to.id))
          ? `Aucun tirage n’est remplacé automatiquement\u00a0: ${learner.name} n’a pas de thème dans le tirage de ${to.name}, qui ne pourra pas déposer avant un nouveau tirage (avec sa raison).`
          : `${to.name} n’a pas encore de tirage des thèmes\u00a0: tirez-les avant le dépôt.`,
      )
      if (from && (await current(from.id))) parts.push(`Le tirage de ${from.name} n’est pas modifié non plus.`)
    }
    return { message: parts.join(' ') }
  })
}

/**
 * What a serious-game group dossier says about the themes, for the user who
 * opens it: a member reads their own theme (« Votre thème tiré au sort : … »),
 * anyone else the group's. Null for any other dossier.
 */
export async function themeNotice(dossier: { evaluationId: string; groupId: string | null }, userId: string, db: DbHandle = getDb()): Promise<string | null> {
  if (dossier.evaluationId !== SERIOUS_GAME_ID || !dossier.groupId) return null
  const draw = (await drawHistory(dossier.groupId, db)).find((d) => d.supersededAt === null)
  if (!draw) return 'Le tirage des thèmes n’est pas encore fait.'
  const when = `tirage du ${formatDate(draw.drawnAt)}`
  const label = (theme: string) => (isTheme(theme) ? THEME_LABELS[theme] : theme)
  const [isMember] = await db
    .select({ id: groupMembers.learnerId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, dossier.groupId), eq(groupMembers.learnerId, userId)))
  if (isMember) {
    const mine = draw.result.find((r) => r.learnerId === userId)
    return mine
      ? `Votre thème tiré au sort\u00a0: ${label(mine.theme)} (${when}).`
      : `Vous n’avez pas encore de thème\u00a0: le ${when} a eu lieu avant votre arrivée dans le groupe. L’administration doit refaire le tirage.`
  }
  const ids = draw.result.map((r) => r.learnerId)
  const names = new Map(
    ids.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]) : [],
  )
  return `Thèmes tirés au sort (${when})\u00a0: ${draw.result.map((r) => `${names.get(r.learnerId) ?? 'compte supprimé'}, ${label(r.theme)}`).join(' · ')}.`
}
