/**
 * The tables every service queries, for the database DATABASE_URL names:
 * db/schema.sqlite.ts (the default) or its PostgreSQL twin db/schema.pg.ts
 * for a `postgres://` URL (issue 18). Both describe the same tables with the
 * same property names (db/schema-drift.test.ts), so the services are written
 * once, against the SQLite types; which engine runs is chosen here, once,
 * when the process starts.
 */
import { isPostgresUrl } from './dialect'
import * as pg from './schema.pg'
import * as sqlite from './schema.sqlite'

export * from './schema.sqlite'

const tables = (isPostgresUrl(process.env.DATABASE_URL) ? pg : sqlite) as unknown as typeof sqlite

export const users = tables.users
export const passwordLinks = tables.passwordLinks
export const userRoles = tables.userRoles
export const loginSessions = tables.loginSessions
export const loginAttempts = tables.loginAttempts
export const examSessions = tables.examSessions
export const enrollments = tables.enrollments
export const groups = tables.groups
export const groupMembers = tables.groupMembers
export const tutorAssignments = tables.tutorAssignments
export const jurorAssignments = tables.jurorAssignments
export const dossiers = tables.dossiers
export const dossierSections = tables.dossierSections
export const sectionYdocs = tables.sectionYdocs
export const dossierPresences = tables.dossierPresences
export const dossierRevisions = tables.dossierRevisions
export const selfAssessments = tables.selfAssessments
export const caseMaterials = tables.caseMaterials
export const caseMaterialFiles = tables.caseMaterialFiles
export const uploads = tables.uploads
export const commentThreads = tables.commentThreads
export const commentMessages = tables.commentMessages
export const commentBank = tables.commentBank
export const reviewRounds = tables.reviewRounds
export const reviewRoundSections = tables.reviewRoundSections
export const notifications = tables.notifications
export const evaluationInstances = tables.evaluationInstances
export const deadlineExtensions = tables.deadlineExtensions
export const submissions = tables.submissions
export const submissionSections = tables.submissionSections
export const submissionFiles = tables.submissionFiles
export const candidateCodes = tables.candidateCodes
export const gradings = tables.gradings
export const gradeEntries = tables.gradeEntries
export const competencyOverrides = tables.competencyOverrides
export const gradeAudit = tables.gradeAudit
export const reconciliations = tables.reconciliations
export const reconciledEntries = tables.reconciledEntries
export const competencyBlocs = tables.competencyBlocs
export const blocCompetencies = tables.blocCompetencies
export const deliberations = tables.deliberations
export const themeDraws = tables.themeDraws
export const groupFormations = tables.groupFormations
export const adminAudit = tables.adminAudit
