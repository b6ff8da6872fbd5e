import { and, eq, inArray, or } from 'drizzle-orm'
import { getDb, schema } from './db.server'
import { templatesById } from './templates.server'

const { dossiers, groupMembers, users } = schema

export type Dossier = typeof dossiers.$inferSelect

/** The dossiers a learner may open (their own and their groups'), scoped in the query. */
function learnerScope(learnerId: string) {
  const db = getDb()
  return or(
    eq(dossiers.learnerId, learnerId),
    inArray(dossiers.groupId, db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.learnerId, learnerId))),
  )
}

export async function learnerDossiers(learnerId: string, examSessionId: string) {
  return await getDb()
    .select()
    .from(dossiers)
    .where(and(eq(dossiers.examSessionId, examSessionId), learnerScope(learnerId)))
}

export function templateOfDossier(dossier: Dossier) {
  const template = templatesById.get(dossier.templateId)
  if (!template) throw new Error(`Unknown template ${dossier.templateId}`)
  return template
}

/** The members of a group with their learner ids, by name (an oral's speakers are stored by id). */
export async function groupMemberList(groupId: string | null): Promise<{ id: string; name: string }[]> {
  if (!groupId) return []
  return (
    await getDb()
      .select({ id: users.id, name: users.name })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.learnerId))
      .where(eq(groupMembers.groupId, groupId))
  ).sort((a, b) => a.name.localeCompare(b.name, 'fr'))
}

export async function groupMemberNames(groupId: string | null): Promise<string[]> {
  return (await groupMemberList(groupId)).map((m) => m.name)
}
