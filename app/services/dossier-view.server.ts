import { and, asc, eq, inArray } from 'drizzle-orm'
import { hasCaseMaterial } from '~/domain/case-material'
import { caseFilesForDossier, caseMaterialFor } from './case-materials.server'
import type { SessionUser } from './auth.server'
import { getDb, schema } from './db.server'
import type { DossierAccess } from './dossier-access.server'
import { learnersOfDossier } from './dossier-people.server'
import { loadDossier } from './dossier-content.server'
import { learnerDossiers, templateOfDossier, type Dossier } from './dossiers.server'

const { tutorAssignments, users } = schema

/**
 * The learner whose self-assessment and objectives the dossier page shows to
 * `user`: themselves when they work on it; for a tutor, the dossier's learner,
 * or in a group dossier the first member (by name) assigned to that tutor.
 */
export async function learnerShownTo({ dossier, relations }: DossierAccess, user: SessionUser): Promise<{ id: string; name: string } | null> {
  const db = getDb()
  const nameOf = async (id: string) => ({ id, name: (await db.select({ name: users.name }).from(users).where(eq(users.id, id)))[0]?.name ?? '' })
  if (relations.includes('owner') || relations.includes('member')) return { id: user.id, name: user.name }
  if (dossier.learnerId) return await nameOf(dossier.learnerId)
  const members = await learnersOfDossier(dossier)
  if (members.length === 0) return null
  const [mine] = await db
    .select({ id: users.id, name: users.name })
    .from(tutorAssignments)
    .innerJoin(users, eq(users.id, tutorAssignments.learnerId))
    .where(and(eq(tutorAssignments.tutorId, user.id), eq(tutorAssignments.examSessionId, dossier.examSessionId), inArray(tutorAssignments.learnerId, members)))
    .orderBy(asc(users.name))
  return mine ?? null
}

/** Everything the dossier page shows about the dossier, with `learnerId`'s self-assessment and objectives. */
export async function dossierView(dossier: Dossier, learnerId: string | null) {
  const { template, evaluation, sections, competencies, discussed, members, memberList, pictures, objectives, personas } = await loadDossier(dossier, learnerId)
  const siblings = (learnerId ? await learnerDossiers(learnerId, dossier.examSessionId) : [])
    .filter((d) => d.evaluationId === dossier.evaluationId && d.id !== dossier.id)
    .map((d) => ({ id: d.id, title: templateOfDossier(d).title, kind: templateOfDossier(d).kind }))
  const showCaseMaterial = hasCaseMaterial(evaluation)

  return {
    dossier: { id: dossier.id, kind: template.kind, isGroup: dossier.groupId !== null },
    template: { id: template.id, title: template.title, intro: template.intro, sections: template.sections },
    evaluation: {
      id: evaluation.id,
      title: evaluation.title,
      competencyIds: evaluation.competencyIds,
      context: evaluation.context,
      deliverables: evaluation.deliverables,
      workMode: evaluation.workMode,
      type: evaluation.type,
    },
    sections: sections.map((s) => ({ id: s.section.id, state: s.state })),
    competencies,
    discussed,
    members,
    /** An oral's speakers and the sections it may show. */
    memberList,
    pictures,
    caseMaterial: showCaseMaterial ? await caseMaterialFor(dossier.examSessionId, evaluation.id) : null,
    /** The files of the case (none for other épreuves), to download and, for CSV and Excel, to import into a table. */
    caseFiles: await caseFilesForDossier(dossier),
    showCaseMaterial,
    siblings,
    objectives,
    personas,
  }
}
