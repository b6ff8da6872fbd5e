import { eq, getTableColumns, sql } from 'drizzle-orm'
import { DOSSIER_RELATIONS, dossierGrants, RELATION_ROLE, type DossierAction, type DossierRelation } from '~/domain/permissions'
import { forbidden, requireUser, type SessionUser } from './auth.server'
import { getDb, schema } from './db.server'
import type { Dossier } from './dossiers.server'

const { dossiers } = schema

export type DossierAccess = { dossier: Dossier; relations: DossierRelation[] }

/**
 * A dossier and who `user` is to it, in one query: each relation is an
 * `exists` scoped by the user and the dossier's own columns, so nothing is
 * loaded to be checked afterwards. Null when the dossier does not exist.
 * A relation counts only if the user holds its role (RELATION_ROLE).
 *
 * - owner: the dossier's learner;
 * - member: a member of the dossier's group;
 * - tutor: assigned, in the dossier's session, to its learner or to a member of its group;
 * - juror: assigned, in the dossier's session, to its evaluation for its learner or its group
 *   (an individual REX belongs to the work of the learner's group: the group's juror grades it too);
 * - admin: holds the admin role.
 */
export async function dossierRelations(user: SessionUser, dossierId: string): Promise<DossierAccess | null> {
  const uid = user.id
  const [row] = await getDb()
    .select({
      ...getTableColumns(dossiers),
      // Written with table names: drizzle leaves columns unqualified in a one-table select, which subqueries would misread.
      owner: sql<number>`dossiers.learner_id is not null and dossiers.learner_id = ${uid}`,
      member: sql<number>`exists (select 1 from group_members gm where gm.group_id = dossiers.group_id and gm.learner_id = ${uid})`,
      tutor: sql<number>`exists (
        select 1 from tutor_assignments ta
        where ta.tutor_id = ${uid} and ta.exam_session_id = dossiers.exam_session_id
          and (ta.learner_id = dossiers.learner_id or ta.learner_id in (select gm.learner_id from group_members gm where gm.group_id = dossiers.group_id)))`,
      juror: sql<number>`exists (
        select 1 from juror_assignments ja
        where ja.juror_id = ${uid} and ja.exam_session_id = dossiers.exam_session_id and ja.evaluation_id = dossiers.evaluation_id
          and (ja.learner_id = dossiers.learner_id or ja.group_id = dossiers.group_id
            or ja.group_id in (select gm.group_id from group_members gm where gm.learner_id = dossiers.learner_id)))`,
    })
    .from(dossiers)
    .where(eq(dossiers.id, dossierId))
  if (!row) return null
  const { owner, member, tutor, juror, ...dossier } = row
  const found: Record<DossierRelation, boolean> = { owner: Boolean(owner), member: Boolean(member), tutor: Boolean(tutor), juror: Boolean(juror), admin: true }
  const relations = DOSSIER_RELATIONS.filter((r) => found[r] && user.roles.includes(RELATION_ROLE[r]))
  return { dossier, relations }
}

const REFUSALS: Record<DossierAction, string> = {
  read: 'Vous n’avez pas accès à ce dossier.',
  export: 'Vous n’avez pas accès à ce dossier.',
  update: 'Seul·es le ou la candidat·e et les membres de son groupe peuvent modifier ce dossier.',
  comment: 'Seul·e le tuteur ou la tutrice du candidat ou de la candidate peut commenter ce dossier.',
  reply: 'Seul·es le ou la candidat·e, son groupe et son tuteur ou sa tutrice peuvent répondre aux commentaires de ce dossier.',
  grade: 'Seul·e un·e juré·e affecté·e à cette épreuve peut évaluer ce dossier.',
}

/**
 * The one dossier access rule: the dossier if `user`'s relations to it grant
 * `action` (DOSSIER_GRANTS); 404 when it does not exist, 403 otherwise.
 */
export async function authorizeDossier(user: SessionUser, dossierId: string, action: DossierAction): Promise<DossierAccess> {
  const access = await dossierRelations(user, dossierId)
  if (!access) throw new Response('Ce dossier n’existe pas.', { status: 404 })
  if (access.relations.length === 0) forbidden(REFUSALS.read)
  if (!dossierGrants(access.relations, action)) forbidden(REFUSALS[action])
  return access
}

/** For loaders and actions: the logged-in user (anonymous → login page) and the dossier, if the user may do `action` to it. */
export async function requireDossierAccess(request: Request, dossierId: string | undefined, action: DossierAction) {
  const user = await requireUser(request)
  return { user, ...(await authorizeDossier(user, dossierId ?? '', action)) }
}

/**
 * The learner whose self-assessment, objectives and name a view or an export
 * of the dossier shows: the user when they work on it, else its learner (a
 * group dossier seen by someone outside the group has none).
 */
export function learnerOf({ dossier, relations }: DossierAccess, user: SessionUser): string | null {
  if (relations.includes('owner') || relations.includes('member')) return user.id
  return dossier.learnerId
}
