/**
 * Every route of the app, requested as anonymous, learner, tutor, juror and
 * admin, and every dossier route and API requested by each relation to a
 * dossier (owner, group member, other learner, assigned and other tutor,
 * assigned and other juror, admin). The tables are checked against the real
 * route manifest of the build, so a route added without an entry fails this test.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import type { APIRequestContext } from '@playwright/test'
import type { ServerBuild } from '@remix-run/node'
import { and, eq, like } from 'drizzle-orm'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { Role } from '../../app/domain/permissions'
import { DEMO_DOMAIN } from '../../db/seed'
import { BASE_URL, DEMO_ACCOUNTS, dossierIdOf, e2eDb, expect, sessionCookieFor, test, userIdByEmail } from './fixtures'
import * as schema from '../../db/schema'

type Who = 'anonymous' | Role
/** 'login' is a redirect to the login page; `redirect:` any other redirect. */
type Outcome = 200 | 201 | 400 | 403 | 404 | 405 | 409 | 413 | 'login' | `redirect:${string}`
type Body = { form?: Record<string, string>; json?: unknown; multipart?: Record<string, string | { name: string; mimeType: string; buffer: Buffer }> }
type Case = { route: string; method: 'GET' | 'POST'; path: () => string; body?: () => Body; expect: Record<Who, Outcome> }

const WHO: Who[] = ['anonymous', 'learner', 'tutor', 'juror', 'admin']
const all = (o: Outcome): Record<Who, Outcome> => ({ anonymous: o, learner: o, tutor: o, juror: o, admin: o })
const loggedIn = (o: Outcome): Record<Who, Outcome> => ({ ...all(o), anonymous: 'login' })
const only = (role: Role): Record<Who, Outcome> => ({ ...loggedIn(403), [role]: 200 })
const adminOnly = (admin: Outcome): Record<Who, Outcome> => ({ ...loggedIn(403), admin })
const learnerId = () => ids.learner
const tutorId = () => ids.tutor
const learnerOnly = (learner: Outcome, others: Outcome = 403): Record<Who, Outcome> => ({ ...loggedIn(others), learner })

// Made in beforeAll: the demo learner's exam session, the demo learner's and tutor's ids.
const ids = { session: '', learner: '', tutor: '' }
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a0a1e0a50000000049454e44ae426082',
  'hex',
)
const image = () => ({ multipart: { image: { name: 'point.png', mimeType: 'image/png', buffer: PNG } } })
const attachment = () => ({ multipart: { file: { name: 'preuve.png', mimeType: 'image/png', buffer: PNG } } })

const CASES: Case[] = [
  // Issue 13 §8, the follow-up of a session and its Excel export (admins only; unknown filters fall back to the defaults).
  { route: 'routes/admin.sessions.$sessionId_.suivi', method: 'GET', path: () => `/admin/sessions/${ids.session}/suivi`, expect: adminOnly(200) },
  {
    route: 'routes/admin.sessions.$sessionId_.suivi',
    method: 'GET',
    path: () => `/admin/sessions/${ids.session}/suivi?q=zo%C3%A9&epreuve=cas-pratique-a3&etat=en-retard&groupe=Groupe%201&page=2`,
    expect: adminOnly(200),
  },
  // Unknown filter values fall back to the defaults: still 200, never 400/500.
  {
    route: 'routes/admin.sessions.$sessionId_.suivi',
    method: 'GET',
    path: () => `/admin/sessions/${ids.session}/suivi?epreuve=inconnue&etat=nimporte&page=-3`,
    expect: adminOnly(200),
  },
  { route: 'routes/admin.sessions.$sessionId_.suivi', method: 'GET', path: () => '/admin/sessions/inconnue/suivi', expect: adminOnly(404) },
  {
    route: 'routes/admin.sessions.$sessionId_.suivi[.]xlsx',
    method: 'GET',
    path: () => `/admin/sessions/${ids.session}/suivi.xlsx`,
    expect: adminOnly(200),
  },
  {
    route: 'routes/admin.sessions.$sessionId_.suivi[.]xlsx',
    method: 'GET',
    path: () => `/admin/sessions/${ids.session}/suivi.xlsx?etat=en-retard`,
    expect: adminOnly(200),
  },
  {
    route: 'routes/admin.sessions.$sessionId_.suivi[.]xlsx',
    method: 'GET',
    path: () => '/admin/sessions/inconnue/suivi.xlsx',
    expect: adminOnly(404),
  },
  // Issue 13 §6: the case material of a session (admins only). Invalid input: 400, nothing written.
  { route: 'routes/admin.sessions.$sessionId_.documents', method: 'GET', path: () => `/admin/sessions/${ids.session}/documents`, expect: adminOnly(200) },
  { route: 'routes/admin.sessions.$sessionId_.documents', method: 'GET', path: () => '/admin/sessions/inconnue/documents', expect: adminOnly(404) },
  // A fiche de compétences has no case: refused, nothing written.
  {
    route: 'routes/admin.sessions.$sessionId_.documents',
    method: 'POST',
    path: () => `/admin/sessions/${ids.session}/documents`,
    body: () => ({ form: { intent: 'text', evaluationId: 'fiche-veille', title: 'Matrice', body: 'Matrice' } }),
    expect: adminOnly(400),
  },
  // A « PDF » that is a PNG: refused from its content, nothing stored.
  {
    route: 'routes/admin.sessions.$sessionId_.documents',
    method: 'POST',
    path: () => `/admin/sessions/${ids.session}/documents?cas=faux-pdf`,
    body: () => ({
      multipart: {
        intent: 'upload',
        evaluationId: 'cas-pratique-a15',
        file: { name: 'faux.pdf', mimeType: 'application/pdf', buffer: PNG },
      },
    }),
    expect: adminOnly(400),
  },
  {
    route: 'routes/admin.sessions.$sessionId_.documents',
    method: 'POST',
    path: () => '/admin/sessions/inconnue/documents',
    body: () => ({ form: { intent: 'delete', evaluationId: 'cas-pratique-a15', fileId: 'inconnu' } }),
    expect: adminOnly(404),
  },
  // Issue 13 §9: a learner's data as a zip (admins only; unknown account 404, not a learner's account 409).
  {
    route: 'routes/admin.utilisateurs.$userId_.donnees[.]zip',
    method: 'GET',
    path: () => `/admin/utilisateurs/${learnerId()}/donnees.zip`,
    expect: adminOnly(200),
  },
  { route: 'routes/admin.utilisateurs.$userId_.donnees[.]zip', method: 'GET', path: () => '/admin/utilisateurs/inconnu/donnees.zip', expect: adminOnly(404) },
  {
    route: 'routes/admin.utilisateurs.$userId_.donnees[.]zip',
    method: 'GET',
    path: () => `/admin/utilisateurs/${tutorId()}/donnees.zip`,
    expect: adminOnly(409),
  },
  // Anonymising or deleting before the retention period has elapsed: 409, nothing written; an unknown account: 404.
  {
    route: 'routes/admin.utilisateurs.$userId',
    method: 'POST',
    path: () => `/admin/utilisateurs/${learnerId()}?anonymiser`,
    body: () => ({ form: { intent: 'anonymise', confirmation: DEMO_ACCOUNTS.learner.email } }),
    expect: adminOnly(409),
  },
  {
    route: 'routes/admin.utilisateurs.$userId',
    method: 'POST',
    path: () => `/admin/utilisateurs/${learnerId()}?supprimer`,
    body: () => ({ form: { intent: 'delete', confirmation: DEMO_ACCOUNTS.learner.email } }),
    expect: adminOnly(409),
  },
  {
    route: 'routes/admin.utilisateurs.$userId',
    method: 'POST',
    path: () => '/admin/utilisateurs/inconnu',
    body: () => ({ form: { intent: 'delete', confirmation: 'x@y.fr' } }),
    expect: adminOnly(404),
  },
  // The data protection journal (admin audit log): admins only; unknown filters are ignored.
  { route: 'routes/admin.journal', method: 'GET', path: () => '/admin/journal', expect: adminOnly(200) },
  { route: 'routes/admin.journal', method: 'GET', path: () => '/admin/journal?action=pirate&compte=inconnu&page=-3', expect: adminOnly(200) },
  {
    route: 'routes/_index',
    method: 'GET',
    path: () => '/',
    expect: { anonymous: 'login', learner: 'redirect:/candidat', tutor: 'redirect:/tuteur', juror: 'redirect:/jury', admin: 'redirect:/admin' },
  },
  {
    route: 'routes/connexion',
    method: 'GET',
    path: () => '/connexion',
    expect: { anonymous: 200, learner: 'redirect:/candidat', tutor: 'redirect:/tuteur', juror: 'redirect:/jury', admin: 'redirect:/admin' },
  },
  // A logged-in user posting the form is sent home (the page's loader redirects).
  {
    route: 'routes/connexion',
    method: 'POST',
    path: () => '/connexion',
    body: () => ({ form: { email: '', password: '' } }),
    expect: { anonymous: 400, learner: 'redirect:/candidat', tutor: 'redirect:/tuteur', juror: 'redirect:/jury', admin: 'redirect:/admin' },
  },
  { route: 'routes/deconnexion', method: 'GET', path: () => '/deconnexion', expect: all('redirect:/') },
  { route: 'routes/deconnexion', method: 'POST', path: () => '/deconnexion', expect: all('login') },
  { route: 'routes/referentiel', method: 'GET', path: () => '/referentiel', expect: all(200) },
  { route: 'routes/referentiel[.]json', method: 'GET', path: () => '/referentiel.json', expect: all(200) },
  { route: 'routes/referentiel[.]moodle[.]csv', method: 'GET', path: () => '/referentiel.moodle.csv', expect: all(200) },
  { route: 'routes/candidat', method: 'GET', path: () => '/candidat', expect: only('learner') },
  { route: 'routes/tuteur', method: 'GET', path: () => '/tuteur', expect: only('tutor') },
  { route: 'routes/tuteur', method: 'GET', path: () => '/tuteur?q=x&filtre=pirate&tri=rien&page=-3', expect: only('tutor') },
  // Everyone has their own notifications; opening someone else's (or none) is not found.
  { route: 'routes/notifications', method: 'GET', path: () => '/notifications', expect: loggedIn(200) },
  {
    route: 'routes/notifications',
    method: 'POST',
    path: () => '/notifications?cas=inconnue',
    body: () => ({ form: { intent: 'open', id: '999999999' } }),
    expect: loggedIn(404),
  },
  {
    route: 'routes/notifications',
    method: 'POST',
    path: () => '/notifications?cas=invalide',
    body: () => ({ form: { intent: 'pirate' } }),
    expect: loggedIn(400),
  },
  { route: 'routes/tuteur_.banque', method: 'GET', path: () => '/tuteur/banque', expect: only('tutor') },
  {
    route: 'routes/tuteur_.banque',
    method: 'POST',
    path: () => '/tuteur/banque',
    body: () => ({ form: { intent: 'create', body: '', criterionIds: 'C1.1-2' } }),
    expect: { ...loggedIn(403), tutor: 400 },
  },
  { route: 'routes/admin.banque', method: 'GET', path: () => '/admin/banque', expect: adminOnly(200) },
  {
    route: 'routes/admin.banque',
    method: 'POST',
    path: () => '/admin/banque',
    body: () => ({ form: { intent: 'create', body: '', criterionIds: 'C1.1-2' } }),
    expect: adminOnly(400),
  },
  { route: 'routes/jury', method: 'GET', path: () => '/jury', expect: only('juror') },
  { route: 'routes/jury', method: 'GET', path: () => '/jury?epreuve=pirate&page=-3', expect: only('juror') },
  { route: 'routes/admin._index', method: 'GET', path: () => '/admin', expect: adminOnly(200) },
  // An exam session's deadlines, extensions and grading scale.
  { route: 'routes/admin.sessions.$sessionId', method: 'GET', path: () => `/admin/sessions/${ids.session}`, expect: adminOnly(200) },
  { route: 'routes/admin.sessions.$sessionId', method: 'GET', path: () => '/admin/sessions/inconnue', expect: adminOnly(404) },
  {
    route: 'routes/admin.sessions.$sessionId',
    method: 'POST',
    path: () => `/admin/sessions/${ids.session}`,
    body: () => ({ form: { intent: 'instance', evaluationId: 'fiche-veille', dueAt: '', cutoffAt: '' } }),
    expect: adminOnly(400),
  },
  { route: 'routes/admin.utilisateurs._index', method: 'GET', path: () => '/admin/utilisateurs', expect: adminOnly(200) },
  { route: 'routes/admin.utilisateurs.nouveau', method: 'GET', path: () => '/admin/utilisateurs/nouveau', expect: adminOnly(200) },
  // Invalid input: the admin gets a 400 with messages and nothing is written.
  {
    route: 'routes/admin.utilisateurs.nouveau',
    method: 'POST',
    path: () => '/admin/utilisateurs/nouveau',
    body: () => ({ form: { name: '', email: 'x' } }),
    expect: adminOnly(400),
  },
  { route: 'routes/admin.utilisateurs.$userId', method: 'GET', path: () => `/admin/utilisateurs/${learnerId()}`, expect: adminOnly(200) },
  { route: 'routes/admin.utilisateurs.$userId', method: 'GET', path: () => '/admin/utilisateurs/inconnu', expect: adminOnly(404) },
  {
    route: 'routes/admin.utilisateurs.$userId',
    method: 'POST',
    path: () => `/admin/utilisateurs/${learnerId()}`,
    body: () => ({ form: { intent: 'roles', roles: 'pirate' } }),
    expect: adminOnly(400),
  },

  // Issue 13: creating a session and editing its information (invalid input: 400, nothing written).
  { route: 'routes/admin.sessions.nouvelle', method: 'GET', path: () => '/admin/sessions/nouvelle', expect: adminOnly(200) },
  {
    route: 'routes/admin.sessions.nouvelle',
    method: 'POST',
    path: () => '/admin/sessions/nouvelle',
    body: () => ({ form: { name: '', startsOn: '', endsOn: '', retentionMonths: '' } }),
    expect: adminOnly(400),
  },
  {
    route: 'routes/admin.sessions.$sessionId_.informations',
    method: 'GET',
    path: () => `/admin/sessions/${ids.session}/informations`,
    expect: adminOnly(200),
  },
  { route: 'routes/admin.sessions.$sessionId_.informations', method: 'GET', path: () => '/admin/sessions/inconnue/informations', expect: adminOnly(404) },
  {
    route: 'routes/admin.sessions.$sessionId_.informations',
    method: 'POST',
    path: () => `/admin/sessions/${ids.session}/informations`,
    body: () => ({ form: { intent: 'save', name: '', startsOn: '2026-09-01', endsOn: '2026-01-01', retentionMonths: '0' } }),
    expect: adminOnly(400),
  },
  // Issue 13 §2, the cohort import: the admin's enrolments page and roster, the public one-time password page.
  { route: 'routes/admin.sessions.$sessionId_.inscriptions', method: 'GET', path: () => `/admin/sessions/${ids.session}/inscriptions`, expect: adminOnly(200) },
  { route: 'routes/admin.sessions.$sessionId_.inscriptions', method: 'GET', path: () => '/admin/sessions/inconnue/inscriptions', expect: adminOnly(404) },
  // A preview without a file: 400 with a message, nothing written.
  {
    route: 'routes/admin.sessions.$sessionId_.inscriptions',
    method: 'POST',
    path: () => `/admin/sessions/${ids.session}/inscriptions`,
    body: () => ({ form: { intent: 'preview' } }),
    expect: adminOnly(400),
  },
  {
    route: 'routes/admin.sessions.$sessionId_.inscriptions',
    method: 'POST',
    path: () => '/admin/sessions/inconnue/inscriptions',
    body: () => ({ form: { intent: 'preview' } }),
    expect: adminOnly(404),
  },
  {
    route: 'routes/admin.sessions.$sessionId_.inscriptions[.]xlsx',
    method: 'GET',
    path: () => `/admin/sessions/${ids.session}/inscriptions.xlsx`,
    expect: adminOnly(200),
  },
  {
    route: 'routes/admin.sessions.$sessionId_.inscriptions[.]xlsx',
    method: 'GET',
    path: () => '/admin/sessions/inconnue/inscriptions.xlsx',
    expect: adminOnly(404),
  },
  // Public, logged in or not: a link that does not exist is not found, for everyone, and posting to it changes nothing.
  { route: 'routes/mot-de-passe.$token', method: 'GET', path: () => '/mot-de-passe/inconnu', expect: all(404) },
  {
    route: 'routes/mot-de-passe.$token',
    method: 'GET',
    path: () => '/mot-de-passe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    expect: all(404),
  },
  {
    route: 'routes/mot-de-passe.$token',
    method: 'POST',
    path: () => '/mot-de-passe/inconnu',
    body: () => ({ form: { password: 'Une phrase de passe assez longue', confirm: 'Une phrase de passe assez longue' } }),
    expect: all(404),
  },
  // Issue 13 §4–§5, the groups of a session's group épreuves and the serious game's theme draws.
  { route: 'routes/admin.sessions.$sessionId_.groupes', method: 'GET', path: () => `/admin/sessions/${ids.session}/groupes`, expect: adminOnly(200) },
  { route: 'routes/admin.sessions.$sessionId_.groupes', method: 'GET', path: () => '/admin/sessions/inconnue/groupes', expect: adminOnly(404) },
  {
    route: 'routes/admin.sessions.$sessionId_.groupes',
    method: 'POST',
    path: () => `/admin/sessions/${ids.session}/groupes`,
    body: () => ({ form: { intent: 'pirate' } }),
    expect: adminOnly(400),
  },
  // Issue 13 §7, the assignments of a session: tutors and jurors.
  { route: 'routes/admin.sessions.$sessionId_.affectations', method: 'GET', path: () => `/admin/sessions/${ids.session}/affectations`, expect: adminOnly(200) },
  { route: 'routes/admin.sessions.$sessionId_.affectations', method: 'GET', path: () => '/admin/sessions/inconnue/affectations', expect: adminOnly(404) },
  {
    route: 'routes/admin.sessions.$sessionId_.affectations',
    method: 'POST',
    path: () => `/admin/sessions/${ids.session}/affectations`,
    body: () => ({ form: { intent: 'pirate' } }),
    expect: adminOnly(400),
  },
  {
    route: 'routes/admin.sessions.$sessionId_.affectations',
    method: 'POST',
    path: () => '/admin/sessions/inconnue/affectations',
    body: () => ({ form: { intent: 'bulk', evaluationId: 'fiche-veille', jurorIds: 'x' } }),
    expect: adminOnly(404),
  },
  // Issue 12, the admin's pages of a session: agreement between jurors, blocs and president, publication.
  { route: 'routes/admin.sessions.$sessionId_.accord', method: 'GET', path: () => `/admin/sessions/${ids.session}/accord`, expect: adminOnly(200) },
  { route: 'routes/admin.sessions.$sessionId_.accord', method: 'GET', path: () => '/admin/sessions/inconnue/accord', expect: adminOnly(404) },
  {
    route: 'routes/admin.sessions.$sessionId_.accord[.]xlsx',
    method: 'GET',
    path: () => `/admin/sessions/${ids.session}/accord.xlsx`,
    expect: adminOnly(200),
  },
  { route: 'routes/admin.sessions.$sessionId_.accord[.]xlsx', method: 'GET', path: () => '/admin/sessions/inconnue/accord.xlsx', expect: adminOnly(404) },
  { route: 'routes/admin.sessions.$sessionId_.blocs', method: 'GET', path: () => `/admin/sessions/${ids.session}/blocs`, expect: adminOnly(200) },
  { route: 'routes/admin.sessions.$sessionId_.blocs', method: 'GET', path: () => '/admin/sessions/inconnue/blocs', expect: adminOnly(404) },
  {
    route: 'routes/admin.sessions.$sessionId_.blocs',
    method: 'POST',
    path: () => `/admin/sessions/${ids.session}/blocs`,
    body: () => ({ form: { intent: 'create', title: '' } }),
    expect: adminOnly(400),
  },
  { route: 'routes/admin.sessions.$sessionId_.resultats', method: 'GET', path: () => `/admin/sessions/${ids.session}/resultats`, expect: adminOnly(200) },
  { route: 'routes/admin.sessions.$sessionId_.resultats', method: 'GET', path: () => '/admin/sessions/inconnue/resultats', expect: adminOnly(404) },
  {
    route: 'routes/admin.sessions.$sessionId_.resultats',
    method: 'POST',
    path: () => `/admin/sessions/${ids.session}/resultats`,
    body: () => ({ form: { intent: 'pirate' } }),
    expect: adminOnly(400),
  },
  // The deliberation: the session's jury president (the demo juror presides the demo session) and the admins.
  { route: 'routes/deliberation.$sessionId', method: 'GET', path: () => `/deliberation/${ids.session}`, expect: { ...loggedIn(403), juror: 200, admin: 200 } },
  { route: 'routes/deliberation.$sessionId', method: 'GET', path: () => '/deliberation/inconnue', expect: { ...loggedIn(403), juror: 404, admin: 404 } },
  // Only an admin lifts anonymity, and only once every decision is confirmed (the seed leaves some to do).
  {
    route: 'routes/deliberation.$sessionId',
    method: 'POST',
    path: () => `/deliberation/${ids.session}`,
    body: () => ({ form: { intent: 'lift-anonymity' } }),
    expect: { ...loggedIn(403), admin: 409 },
  },
  {
    route: 'routes/deliberation.$sessionId_.$learnerId',
    method: 'GET',
    path: () => `/deliberation/${ids.session}/${learnerId()}`,
    expect: { ...loggedIn(403), juror: 200, admin: 200 },
  },
  {
    route: 'routes/deliberation.$sessionId_.$learnerId',
    method: 'GET',
    path: () => `/deliberation/${ids.session}/inconnu`,
    expect: { ...loggedIn(403), juror: 404, admin: 404 },
  },
  // Only the president confirms.
  {
    route: 'routes/deliberation.$sessionId_.$learnerId',
    method: 'POST',
    path: () => `/deliberation/${ids.session}/${learnerId()}`,
    body: () => ({ form: { intent: 'confirm', decision: 'pirate' } }),
    expect: { ...loggedIn(403), juror: 400 },
  },
  {
    route: 'routes/deliberation.$sessionId_.proces-verbal[.]docx',
    method: 'GET',
    path: () => `/deliberation/${ids.session}/proces-verbal.docx`,
    expect: { ...loggedIn(403), juror: 200, admin: 200 },
  },
  {
    route: 'routes/deliberation.$sessionId_.resultats[.]xlsx',
    method: 'GET',
    path: () => `/deliberation/${ids.session}/resultats.xlsx`,
    expect: { ...loggedIn(403), juror: 200, admin: 200 },
  },
  {
    route: 'routes/deliberation.$sessionId_.$learnerId_.attestation[.]docx',
    method: 'GET',
    path: () => `/deliberation/${ids.session}/${learnerId()}/attestation.docx`,
    // The demo learner is not deliberated yet: no attestation, even for the officers; not published, so not for the
    // learner either (404); never for a tutor. The downloads themselves: results.spec.ts.
    expect: { ...loggedIn(403), learner: 404, juror: 404, admin: 404 },
  },
  // A learner's results page: « pas encore publiés » until the admin publishes (the seed does not).
  {
    route: 'routes/candidat_.sessions.$sessionId.resultats',
    method: 'GET',
    path: () => `/candidat/sessions/${ids.session}/resultats`,
    expect: learnerOnly(200),
  },
  { route: 'routes/candidat_.sessions.$sessionId.resultats', method: 'GET', path: () => '/candidat/sessions/inconnue/resultats', expect: learnerOnly(404) },

  // The rapport de compétences of a session one is enrolled in (learners only).
  {
    route: 'routes/candidat_.sessions.$sessionId.rapport-de-competences[.]docx',
    method: 'GET',
    path: () => `/candidat/sessions/${ids.session}/rapport-de-competences.docx`,
    expect: learnerOnly(200),
  },
  {
    route: 'routes/candidat_.sessions.$sessionId.rapport-de-competences[.]docx',
    method: 'GET',
    path: () => '/candidat/sessions/inconnue/rapport-de-competences.docx',
    expect: learnerOnly(404),
  },
]

/**
 * Dossier routes and APIs, requested by each relation a user may have to a
 * dossier. Each actor requests their own target: the group member the
 * group's dossier, everyone else the owner's individual dossier (so the other
 * learner, tutor and juror are unrelated to the dossier they ask for).
 */
type Actor = 'anonymous' | 'owner' | 'member' | 'otherLearner' | 'tutor' | 'otherTutor' | 'juror' | 'otherJuror' | 'admin'
const ACTORS: Actor[] = ['anonymous', 'owner', 'member', 'otherLearner', 'tutor', 'otherTutor', 'juror', 'otherJuror', 'admin']
type Target = {
  dossier: string
  revision: string
  file: string
  round: string
  submission: string
  copy: string
  table: string
  print: string
  caseFile: string
  caseTable: string
  foreignCaseFile: string
}
const blank = { dossier: '', revision: '', file: '', round: '', submission: '', copy: '', caseFile: '', caseTable: '', foreignCaseFile: '' }
// The tables saved here are empty in the seed (the first save is accepted); the seed hands both dossiers in.
const targets: { individual: Target; group: Target } = {
  individual: { ...blank, table: 'feuille-de-route', print: 'sources' },
  group: { ...blank, table: 'modalites-enquete', print: 'pestel' },
}
const otherTarget = (t: Target) => (t === targets.group ? targets.individual : targets.group)
const targetOf = (actor: Actor) => (actor === 'member' ? targets.group : targets.individual)
const emails = {} as Record<Exclude<Actor, 'anonymous'>, string>
type DossierCase = { route: string; method: 'GET' | 'POST'; path: (t: Target) => string; body?: (t: Target) => Body; expect: Record<Actor, Outcome> }

// Who may do what: the dossier's authors edit it; its authors, its tutor and admins read and export it (a juror
// never sees a draft: only the frozen snapshots of their assignments, under /jury); its authors and tutor discuss
// it (the dossier page, replies); the tutor comments.
const AUTHORS: Actor[] = ['owner', 'member']
const READERS: Actor[] = ['owner', 'member', 'tutor', 'admin']
const DISCUSSANTS: Actor[] = ['owner', 'member', 'tutor']
const allowed = (who: Actor[], ok: Outcome, refused: Outcome = 403): Record<Actor, Outcome> =>
  Object.fromEntries(ACTORS.map((a) => [a, a === 'anonymous' ? 'login' : who.includes(a) ? ok : refused])) as Record<Actor, Outcome>
const everyone = (o: Outcome) => Object.fromEntries(ACTORS.map((a) => [a, o])) as Record<Actor, Outcome>

const DOSSIER_CASES: DossierCase[] = [
  // Issue 13 §6: a case file, for those who work on (or mark, or tutor) a dossier of its session's épreuve, and admins.
  // Every demo actor works on the demo session's cas pratique A15: all get in; a file of another session: admins only.
  { route: 'routes/documents-de-cas.$fileId', method: 'GET', path: (t) => `/documents-de-cas/${t.caseFile}`, expect: { ...everyone(200), anonymous: 'login' } },
  { route: 'routes/documents-de-cas.$fileId', method: 'GET', path: (t) => `/documents-de-cas/${t.foreignCaseFile}`, expect: allowed(['admin'], 200) },
  { route: 'routes/documents-de-cas.$fileId', method: 'GET', path: () => '/documents-de-cas/inconnu', expect: { ...everyone(404), anonymous: 'login' } },
  {
    route: 'routes/api.documents-de-cas.$fileId.table',
    method: 'GET',
    path: (t) => `/api/documents-de-cas/${t.caseTable}/table`,
    expect: { ...everyone(200), anonymous: 'login' },
  },
  // A PDF has no table: 400 for those who may read it.
  {
    route: 'routes/api.documents-de-cas.$fileId.table',
    method: 'GET',
    path: (t) => `/api/documents-de-cas/${t.caseFile}/table`,
    expect: { ...everyone(400), anonymous: 'login' },
  },
  {
    route: 'routes/api.documents-de-cas.$fileId.table',
    method: 'GET',
    path: (t) => `/api/documents-de-cas/${t.foreignCaseFile}/table`,
    expect: allowed(['admin'], 200),
  },
  {
    route: 'routes/api.documents-de-cas.$fileId.table',
    method: 'GET',
    path: () => '/api/documents-de-cas/inconnu/table',
    expect: { ...everyone(404), anonymous: 'login' },
  },
  // The dossier page: its authors write, its tutor reads and comments (jurors and admins get their own screens).
  { route: 'routes/dossiers.$dossierId', method: 'GET', path: (t) => `/dossiers/${t.dossier}`, expect: allowed(DISCUSSANTS, 200) },
  { route: 'routes/dossiers.$dossierId', method: 'GET', path: () => '/dossiers/inconnu', expect: { ...everyone(404), anonymous: 'login' } },
  {
    route: 'routes/dossiers.$dossierId',
    method: 'POST',
    path: (t) => `/dossiers/${t.dossier}`,
    body: () => ({ form: { intent: 'self-assess', criterionId: 'C1.1-1', status: 'parfait' } }),
    expect: allowed(AUTHORS, 400),
  },
  { route: 'routes/dossiers.$dossierId_.historique', method: 'GET', path: (t) => `/dossiers/${t.dossier}/historique`, expect: allowed(AUTHORS, 200) },
  // Focus mode: one section, read by whoever reads the dossier page.
  {
    route: 'routes/dossiers.$dossierId_.sections.$sectionId',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/sections/contexte`,
    expect: allowed(DISCUSSANTS, 200),
  },
  {
    route: 'routes/dossiers.$dossierId_.sections.$sectionId',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/sections/inconnue`,
    expect: allowed(DISCUSSANTS, 404),
  },
  {
    route: 'routes/dossiers.$dossierId_.historique_.$revisionId',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/historique/${t.revision}`,
    expect: allowed(AUTHORS, 200),
  },
  {
    route: 'routes/dossiers.$dossierId_.historique_.$revisionId',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/historique/999999`,
    expect: allowed(AUTHORS, 404),
  },
  // A revision of another dossier is not found in this one.
  {
    route: 'routes/dossiers.$dossierId_.historique_.$revisionId',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/historique/${otherTarget(t).revision}`,
    expect: allowed(AUTHORS, 404),
  },
  {
    route: 'routes/dossiers.$dossierId_.historique_.$revisionId',
    method: 'POST',
    path: (t) => `/dossiers/${t.dossier}/historique/${t.revision}`,
    expect: allowed(AUTHORS, 'redirect:/dossiers/:id/historique'),
  },
  { route: 'routes/dossiers.$dossierId_.export[.]docx', method: 'GET', path: (t) => `/dossiers/${t.dossier}/export.docx`, expect: allowed(READERS, 200) },
  {
    route: 'routes/dossiers.$dossierId_.export[.]docx',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/export.docx?section=inconnue`,
    expect: allowed(READERS, 404),
  },
  {
    route: 'routes/dossiers.$dossierId_.export[.]xlsx',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/export.xlsx?section=${t.print}`,
    expect: allowed(READERS, 200),
  },
  {
    route: 'routes/dossiers.$dossierId_.imprimer.$sectionId',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/imprimer/${t.print}`,
    expect: allowed(READERS, 200),
  },
  {
    route: 'routes/dossiers.$dossierId_.imprimer.$sectionId',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/imprimer/inconnue`,
    expect: allowed(READERS, 404),
  },
  // An oral support as PowerPoint (issue 16 §3): whoever reads the dossier; a section that is no oral support is not found.
  {
    route: 'routes/dossiers.$dossierId_.oral.$sectionId[.]pptx',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/oral/contexte.pptx`,
    expect: allowed(READERS, 404),
  },
  // Presence in a dossier (issue 17 §2): those who may write it say where they are; readers are never shown.
  { route: 'routes/api.dossiers.$dossierId.presence', method: 'GET', path: (t) => `/api/dossiers/${t.dossier}/presence`, expect: everyone(405) },
  {
    route: 'routes/api.dossiers.$dossierId.presence',
    method: 'POST',
    path: (t) => `/api/dossiers/${t.dossier}/presence`,
    body: () => ({ json: { sectionId: null } }),
    expect: allowed(AUTHORS, 200),
  },
  // A section's picture, as an oral's rehearsal shows it: whoever reads the dossier; a section without picture is not found.
  {
    route: 'routes/dossiers.$dossierId_.visuels.$sectionId',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/visuels/contexte?image=0`,
    expect: allowed(READERS, 404),
  },

  // Rehearsing an oral (issue 16 §2): the dossier's learners only (the times they keep are written into the section).
  {
    route: 'routes/dossiers.$dossierId_.repetition.$sectionId',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/repetition/support-oral`,
    expect: allowed(AUTHORS, 200),
  },
  {
    route: 'routes/dossiers.$dossierId_.repetition.$sectionId',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/repetition/contexte`,
    expect: allowed(AUTHORS, 404),
  },
  {
    route: 'routes/dossiers.$dossierId_.repetition.$sectionId',
    method: 'POST',
    path: (t) => `/dossiers/${t.dossier}/repetition/support-oral`,
    body: () => ({ form: { summary: JSON.stringify({ seconds: 0, parts: {} }) } }),
    expect: allowed(AUTHORS, 200),
  },
  {
    // The section as stored now (a group's members see each other's saves, issue 17 §3): whoever reads the dossier.
    route: 'routes/api.dossiers.$dossierId.sections.$sectionId',
    method: 'GET',
    path: (t) => `/api/dossiers/${t.dossier}/sections/${t.print}`,
    expect: allowed(READERS, 200),
  },
  {
    route: 'routes/api.dossiers.$dossierId.sections.$sectionId',
    method: 'GET',
    path: (t) => `/api/dossiers/${t.dossier}/sections/inconnue`,
    expect: allowed(READERS, 404),
  },
  {
    route: 'routes/api.dossiers.$dossierId.sections.$sectionId',
    method: 'POST',
    path: (t) => `/api/dossiers/${t.dossier}/sections/${t.table}`,
    body: () => ({ json: { baseVersion: 0, content: { rows: [] } } }),
    // The first save is accepted; the others are refused before any write.
    expect: allowed(AUTHORS, 200),
  },
  // Malformed saves: refused, nothing written (413 and details in dossier-api.spec.ts).
  {
    route: 'routes/api.dossiers.$dossierId.sections.$sectionId',
    method: 'POST',
    path: (t) => `/api/dossiers/${t.dossier}/sections/inconnue`,
    body: () => ({ json: { baseVersion: 0, content: { rows: [] } } }),
    expect: allowed(AUTHORS, 400),
  },
  {
    route: 'routes/api.dossiers.$dossierId.sections.$sectionId',
    method: 'POST',
    path: (t) => `/api/dossiers/${t.dossier}/sections/${t.table}`,
    body: () => ({ json: { baseVersion: 1, content: { rows: 'aucune' } } }),
    expect: allowed(AUTHORS, 400),
  },
  { route: 'routes/api.dossiers.$dossierId.images', method: 'GET', path: (t) => `/api/dossiers/${t.dossier}/images`, expect: everyone(405) },
  {
    route: 'routes/api.dossiers.$dossierId.images',
    method: 'POST',
    path: (t) => `/api/dossiers/${t.dossier}/images`,
    body: image,
    expect: allowed(AUTHORS, 201),
  },
  { route: 'routes/api.dossiers.$dossierId.pieces-jointes', method: 'GET', path: (t) => `/api/dossiers/${t.dossier}/pieces-jointes`, expect: everyone(405) },
  {
    route: 'routes/api.dossiers.$dossierId.pieces-jointes',
    method: 'POST',
    path: (t) => `/api/dossiers/${t.dossier}/pieces-jointes`,
    body: attachment,
    expect: allowed(AUTHORS, 201),
  },
  // Comments in the Word export: for those who discuss the dossier.
  {
    route: 'routes/dossiers.$dossierId_.export[.]docx',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/export.docx?commentaires=1`,
    expect: allowed(DISCUSSANTS, 200),
  },
  // Comments: the tutor starts threads; authors and tutor answer; nobody else gets in.
  { route: 'routes/api.dossiers.$dossierId.comments', method: 'GET', path: (t) => `/api/dossiers/${t.dossier}/comments`, expect: everyone(405) },
  {
    route: 'routes/api.dossiers.$dossierId.comments',
    method: 'POST',
    path: (t) => `/api/dossiers/${t.dossier}/comments`,
    body: () => ({ json: { intent: 'create', target: 'section', sectionId: 'contexte', body: 'Matrice' } }),
    expect: allowed(['tutor'], 200),
  },
  {
    route: 'routes/api.dossiers.$dossierId.comments',
    method: 'POST',
    path: (t) => `/api/dossiers/${t.dossier}/comments`,
    body: () => ({ json: { intent: 'reply', threadId: 'inconnu', body: 'x' } }),
    expect: allowed(DISCUSSANTS, 404),
  },
  // Review rounds: everyone who reads the dossier sees them; its authors ask; its tutor closes.
  { route: 'routes/dossiers.$dossierId_.relectures', method: 'GET', path: (t) => `/dossiers/${t.dossier}/relectures`, expect: allowed(READERS, 200) },
  {
    route: 'routes/dossiers.$dossierId_.relectures',
    method: 'POST',
    path: (t) => `/dossiers/${t.dossier}/relectures`,
    body: () => ({ form: { message: 'x'.repeat(2001) } }),
    expect: allowed(AUTHORS, 400),
  },
  {
    route: 'routes/dossiers.$dossierId_.relectures_.$roundId',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/relectures/${t.round}`,
    expect: allowed(READERS, 200),
  },
  // A round of another dossier is not found in this one.
  {
    route: 'routes/dossiers.$dossierId_.relectures_.$roundId',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/relectures/${otherTarget(t).round}`,
    expect: allowed(READERS, 404),
  },
  {
    route: 'routes/dossiers.$dossierId_.relectures_.$roundId',
    method: 'POST',
    path: (t) => `/dossiers/${t.dossier}/relectures/${t.round}`,
    body: () => ({ form: { summary: '' } }),
    expect: allowed(['tutor'], 400),
  },
  { route: 'routes/fichiers.$fileId', method: 'GET', path: (t) => `/fichiers/${t.file}`, expect: allowed(READERS, 200) },
  // Hand-in: the dossier's authors only. Without the statement ticked nothing is handed in.
  { route: 'routes/dossiers.$dossierId_.depot', method: 'GET', path: (t) => `/dossiers/${t.dossier}/depot`, expect: allowed(AUTHORS, 200) },
  {
    route: 'routes/dossiers.$dossierId_.depot',
    method: 'POST',
    path: (t) => `/dossiers/${t.dossier}/depot`,
    body: () => ({ form: { intent: 'hand-in' } }),
    expect: allowed(AUTHORS, 400),
  },
  {
    route: 'routes/dossiers.$dossierId_.depot',
    method: 'POST',
    path: (t) => `/dossiers/${t.dossier}/depot`,
    body: (t) => ({ form: { intent: 'verify', submissionId: t.submission } }),
    expect: allowed(AUTHORS, 200),
  },
  // A hand-in of another dossier is not found in this one.
  {
    route: 'routes/dossiers.$dossierId_.depot',
    method: 'POST',
    path: (t) => `/dossiers/${t.dossier}/depot`,
    body: (t) => ({ form: { intent: 'verify', submissionId: otherTarget(t).submission } }),
    expect: allowed(AUTHORS, 404),
  },
  {
    route: 'routes/dossiers.$dossierId_.depots.$submissionId[.]docx',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/depots/${t.submission}.docx`,
    expect: allowed(AUTHORS, 200),
  },
  {
    route: 'routes/dossiers.$dossierId_.depots.$submissionId[.]docx',
    method: 'GET',
    path: (t) => `/dossiers/${t.dossier}/depots/${otherTarget(t).submission}.docx`,
    expect: allowed(AUTHORS, 404),
  },
  // A copy (the frozen snapshot of the owner's fiche-veille) is for the juror it is assigned to, and nobody else.
  { route: 'routes/jury_.copies.$assignmentId', method: 'GET', path: (t) => `/jury/copies/${t.copy}`, expect: allowed(['juror'], 200) },
  { route: 'routes/jury_.copies.$assignmentId', method: 'GET', path: () => '/jury/copies/inconnue', expect: allowed(['juror', 'otherJuror'], 404) },
  {
    route: 'routes/jury_.copies.$assignmentId_.export[.]docx',
    method: 'GET',
    path: (t) => `/jury/copies/${t.copy}/export.docx`,
    expect: allowed(['juror'], 200),
  },
  {
    route: 'routes/jury_.copies.$assignmentId_.fichiers.$uploadId',
    method: 'GET',
    path: (t) => `/jury/copies/${t.copy}/fichiers/${t.file}`,
    // The live upload is not part of the frozen copy.
    expect: allowed(['juror'], 404),
  },
  // The confrontation of a double-marked copy: the owner's fiche-veille is marked once, so there is none (404) for its juror.
  {
    route: 'routes/jury_.copies.$assignmentId_.confrontation',
    method: 'GET',
    path: (t) => `/jury/copies/${t.copy}/confrontation`,
    expect: allowed(['juror'], 404),
  },
  { route: 'routes/api.jury.$assignmentId_.confrontation', method: 'GET', path: (t) => `/api/jury/${t.copy}/confrontation`, expect: everyone(405) },
  {
    route: 'routes/api.jury.$assignmentId_.confrontation',
    method: 'POST',
    path: (t) => `/api/jury/${t.copy}/confrontation`,
    body: () => ({ json: { op: 'pirate' } }),
    expect: allowed(['juror'], 400),
  },
  { route: 'routes/api.jury.$assignmentId', method: 'GET', path: (t) => `/api/jury/${t.copy}`, expect: everyone(405) },
  {
    route: 'routes/api.jury.$assignmentId',
    method: 'POST',
    path: (t) => `/api/jury/${t.copy}`,
    body: () => ({ json: { op: 'pirate' } }),
    expect: allowed(['juror'], 400),
  },
  { route: 'routes/fichiers.$fileId', method: 'GET', path: () => '/fichiers/inconnu', expect: { ...everyone(404), anonymous: 'login' } },
]

/** Finds (in the demo seed) the users related, or not, to the demo learner's dossiers. */
async function pickActors() {
  const db = e2eDb()
  const owner = await userIdByEmail(DEMO_ACCOUNTS.learner.email)
  const emailOf = async (id: string) => (await db.select({ email: schema.users.email }).from(schema.users).where(eq(schema.users.id, id)))[0]!.email
  const demo = async (role: 'learner' | 'tutor' | 'juror') =>
    (
      await db
        .select({ id: schema.users.id })
        .from(schema.users)
        .innerJoin(schema.userRoles, eq(schema.userRoles.userId, schema.users.id))
        .where(and(eq(schema.userRoles.role, role), like(schema.users.email, `%@${DEMO_DOMAIN}`)))
    ).map((u) => u.id)
  // The owner's group for msp-a2 and one of its other members.
  const group = (
    await db
      .select({ id: schema.groups.id })
      .from(schema.groupMembers)
      .innerJoin(schema.groups, eq(schema.groups.id, schema.groupMembers.groupId))
      .where(and(eq(schema.groupMembers.learnerId, owner), eq(schema.groups.evaluationId, 'msp-a2')))
  )[0]!
  const members = (await db.select({ id: schema.groupMembers.learnerId }).from(schema.groupMembers).where(eq(schema.groupMembers.groupId, group.id))).map(
    (m) => m.id,
  )
  const member = members.find((id) => id !== owner)!
  const otherLearner = (await demo('learner')).find((id) => !members.includes(id))!
  const tutor = (await db.select({ id: schema.tutorAssignments.tutorId }).from(schema.tutorAssignments).where(eq(schema.tutorAssignments.learnerId, owner)))[0]!
    .id
  // The juror of the owner's fiche-veille and their copy (asked for by every actor; only that juror gets in).
  const assignment = (
    await db
      .select({ id: schema.jurorAssignments.id, jurorId: schema.jurorAssignments.jurorId })
      .from(schema.jurorAssignments)
      .where(and(eq(schema.jurorAssignments.learnerId, owner), eq(schema.jurorAssignments.evaluationId, 'fiche-veille')))
  )[0]!
  const juror = assignment.jurorId
  targets.individual.copy = assignment.id
  targets.group.copy = assignment.id
  Object.assign(emails, {
    owner: DEMO_ACCOUNTS.learner.email,
    member: await emailOf(member),
    otherLearner: await emailOf(otherLearner),
    tutor: await emailOf(tutor),
    otherTutor: await emailOf((await demo('tutor')).find((id) => id !== tutor)!),
    juror: await emailOf(juror),
    otherJuror: await emailOf((await demo('juror')).find((id) => id !== juror)!),
    admin: DEMO_ACCOUNTS.admin.email,
  })
}

/** A saved section (hence a revision) and an uploaded image in a dossier, by one of its authors. */
async function fillTarget(target: Target, email: string, evaluationId: string) {
  target.dossier = await dossierIdOf(email, evaluationId)
  const cookie = await sessionCookieFor(email)
  const save = await fetch(`${BASE_URL}/api/dossiers/${target.dossier}/sections/contexte`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ baseVersion: 0, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Contexte.' }] }] } }),
  })
  expect([200, 409]).toContain(save.status)
  const revisions = schema.dossierRevisions
  const revision = (await e2eDb().select({ id: revisions.id }).from(revisions).where(eq(revisions.dossierId, target.dossier)))[0]!
  target.revision = String(revision.id)
  const form = new FormData()
  form.set('image', new Blob([PNG], { type: 'image/png' }), 'point.png')
  const upload = await fetch(`${BASE_URL}/api/dossiers/${target.dossier}/images`, { method: 'POST', headers: { Cookie: cookie }, body: form })
  expect(upload.status).toBe(201)
  target.file = ((await upload.json()) as { src: string }).src.split('/').pop()!
  // An open review round, asked for by the author.
  const round = await fetch(`${BASE_URL}/dossiers/${target.dossier}/relectures`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE_URL },
    body: new URLSearchParams({ message: 'Matrice' }),
    redirect: 'manual',
  })
  expect([200, 302, 303, 409]).toContain(round.status)
  const rounds = schema.reviewRounds
  target.round = (await e2eDb().select({ id: rounds.id }).from(rounds).where(eq(rounds.dossierId, target.dossier)))[0]!.id
  // The seed hands both dossiers in.
  const [submission] = await e2eDb().select({ id: schema.submissions.id }).from(schema.submissions).where(eq(schema.submissions.dossierId, target.dossier))
  expect(submission, `the seed hands ${evaluationId} in`).toBeDefined()
  target.submission = submission!.id
}

test.beforeAll(async () => {
  ids.learner = await userIdByEmail(DEMO_ACCOUNTS.learner.email)
  ids.tutor = await userIdByEmail(DEMO_ACCOUNTS.tutor.email)
  await pickActors()
  await fillTarget(targets.individual, emails.owner, 'fiche-veille')
  await fillTarget(targets.group, emails.member, 'msp-a2')
  const { dossiers } = schema
  ids.session = (
    await e2eDb().select({ examSessionId: dossiers.examSessionId }).from(dossiers).where(eq(dossiers.id, targets.individual.dossier))
  )[0]!.examSessionId
  await attachCaseFiles()
})

/** Case files: a CSV and a PDF on the demo session's cas pratique A15 (no other spec reads it), a CSV on a session of its own. */
async function attachCaseFiles() {
  const cookie = await sessionCookieFor(DEMO_ACCOUNTS.admin.email)
  const attach = async (sessionId: string, evaluationId: string, name: string, mimeType: string, bytes: Buffer) => {
    const form = new FormData()
    form.set('intent', 'upload')
    form.set('evaluationId', evaluationId)
    form.set('file', new Blob([new Uint8Array(bytes)], { type: mimeType }), name)
    const res = await fetch(`${BASE_URL}/admin/sessions/${sessionId}/documents`, { method: 'POST', headers: { Cookie: cookie }, body: form })
    expect(res.status).toBe(200)
    const { caseMaterialFiles } = schema
    return (
      await e2eDb()
        .select({ id: caseMaterialFiles.id })
        .from(caseMaterialFiles)
        .where(and(eq(caseMaterialFiles.examSessionId, sessionId), eq(caseMaterialFiles.name, name)))
    )[0]!.id
  }
  // beforeAll runs in each worker: each attaches its own files (the same bytes twice in one épreuve are refused, 409).
  const nonce = `${Date.now()}-${Math.floor(Math.random() * 1e9)}`
  const csv = Buffer.from(`\ufeffNiveau;Description\nCœur de cible;25-34 ans ${nonce}\n`, 'utf8')
  const pdf = Buffer.from(`%PDF-1.4\n% ${nonce}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`)
  const other = (
    await e2eDb()
      .insert(schema.examSessions)
      .values({ name: `Session matrice documents ${nonce}`, startsOn: '2027-01-04', endsOn: '2027-06-30' })
      .returning()
  )[0]!.id
  const caseTable = await attach(ids.session, 'cas-pratique-a15', `matrice-${nonce}.csv`, 'text/csv', csv)
  const caseFile = await attach(ids.session, 'cas-pratique-a15', `matrice-${nonce}.pdf`, 'application/pdf', pdf)
  const foreignCaseFile = await attach(other, 'cas-pratique-a15', `autre-session-${nonce}.csv`, 'text/csv', csv)
  for (const t of [targets.individual, targets.group]) Object.assign(t, { caseFile, caseTable, foreignCaseFile })
}

async function outcome(status: number, location: string | undefined): Promise<Outcome> {
  if (status >= 300 && status < 400) {
    const to = new URL(location ?? '', 'http://x').pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')
    return to === '/connexion' ? 'login' : `redirect:${to}`
  }
  return status as Outcome
}

test('every route of the manifest has an authorization entry', async () => {
  const buildFile = pathToFileURL(path.resolve('build/server/index.js')).href
  const build = (await import(buildFile)) as ServerBuild
  const routes = Object.values(build.routes).filter((r) => r.id !== 'root')
  expect(routes.length).toBeGreaterThan(0)
  const missing: string[] = []
  for (const route of routes) {
    if (!ALL_CASES.some((c) => c.route === route.id && c.method === 'GET')) missing.push(`GET ${route.id}`)
    if (route.module.action && !ALL_CASES.some((c) => c.route === route.id && c.method === 'POST')) missing.push(`POST ${route.id}`)
  }
  expect(missing, 'routes without an authorization entry').toEqual([])
  // A dossier route is asked of every relation, not only of every role.
  const dossierRoutes = routes.filter((r) => /dossierId|fileId/.test(r.path ?? '')).map((r) => r.id)
  expect(dossierRoutes.length).toBeGreaterThan(0)
  expect(
    dossierRoutes.filter((id) => !DOSSIER_CASES.some((c) => c.route === id)),
    'dossier routes outside the relation matrix',
  ).toEqual([])
  const unknown = ALL_CASES.filter((c) => !build.routes[c.route]).map((c) => c.route)
  expect(unknown, 'entries for routes that do not exist').toEqual([])
})

const ALL_CASES: { route: string; method: 'GET' | 'POST' }[] = [...CASES, ...DOSSIER_CASES]

/** Sends a case's request, without following redirects. */
async function send(request: APIRequestContext, method: 'GET' | 'POST', url: string, headers: Record<string, string>, body: Body) {
  return method === 'GET'
    ? request.get(url, { headers, maxRedirects: 0 })
    : request.post(url, {
        headers,
        maxRedirects: 0,
        ...(body.json !== undefined ? { data: body.json } : body.multipart ? { multipart: body.multipart } : { form: body.form ?? {} }),
      })
}

for (const c of CASES) {
  test(`${c.method} ${c.route} ${c.path.toString().replace(/^\(\) => /, '')}`, async ({ request }) => {
    const results: Record<string, Outcome> = {}
    for (const who of WHO) {
      const headers: Record<string, string> = who === 'anonymous' ? {} : { Cookie: await sessionCookieFor(DEMO_ACCOUNTS[who].email) }
      const response = await send(request, c.method, c.path(), headers, c.body?.() ?? {})
      results[who] = await outcome(response.status(), response.headers()['location'])
    }
    expect(results).toEqual(c.expect)
  })
}

for (const [i, c] of DOSSIER_CASES.entries()) {
  test(`${c.method} ${c.route} ${c.path.toString().replace(/^\(?t?\)? => /, '')} × relations (${i + 1})`, async ({ request }) => {
    const results: Record<string, Outcome> = {}
    for (const who of ACTORS) {
      const headers: Record<string, string> = who === 'anonymous' ? {} : { Cookie: await sessionCookieFor(emails[who]) }
      const target = targetOf(who)
      const response = await send(request, c.method, c.path(target), headers, c.body?.(target) ?? {})
      results[who] = await outcome(response.status(), response.headers()['location'])
    }
    expect(results).toEqual(c.expect)
  })
}

/**
 * What the collaboration server (issue 17 §1) grants a session on a shared
 * document: `read-write`, `readonly`, or `refused` — asked through the
 * WebSocket a browser opens, with the session cookie and the page's origin.
 */
async function collaborationScope(cookie: string, name: string): Promise<string> {
  const socket = new HocuspocusProviderWebsocket({
    url: `${BASE_URL.replace(/^http/, 'ws')}/collaboration`,
    WebSocketPolyfill: class extends WebSocket {
      constructor(address: string | URL) {
        super(address, { headers: { cookie, origin: BASE_URL } })
      }
    } as unknown as typeof WebSocket,
  })
  const scope = await new Promise<string>((resolve) => {
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: new Y.Doc(),
      token: 'session',
      onAuthenticated: ({ scope }) => resolve(scope),
      onAuthenticationFailed: () => resolve('refused'),
    })
    provider.attach()
    setTimeout(() => resolve('no answer'), 10_000)
  })
  socket.destroy()
  return scope
}

test('the shared documents of group dossiers × relations: its members write, its readers read, nobody else gets in', async ({ request }) => {
  const results: Record<string, string> = {}
  const expected: Record<string, string> = {}
  for (const who of ACTORS) {
    const cookie = who === 'anonymous' ? '' : await sessionCookieFor(emails[who])
    // The group dossier's rich text, for every actor; the same rule as the section API (read) and presence (write).
    results[who] = await collaborationScope(cookie, `${targets.group.dossier}/contexte`)
    const reads =
      (await request.get(`/api/dossiers/${targets.group.dossier}/sections/contexte`, { headers: { Cookie: cookie }, maxRedirects: 0 })).status() === 200
    const writes =
      (
        await request.post(`/api/dossiers/${targets.group.dossier}/presence`, { headers: { Cookie: cookie }, data: { sectionId: null }, maxRedirects: 0 })
      ).status() === 200
    expected[who] = writes ? 'read-write' : reads ? 'readonly' : 'refused'
    // An individual dossier is never shared, not even with its owner (issue 17 §4).
    expect(await collaborationScope(cookie, `${targets.individual.dossier}/contexte`), `${who} on an individual dossier`).toBe('refused')
  }
  expect(results).toEqual(expected)
  // (The other tutor follows a member of the group: they read it.)
  expect(results).toMatchObject({
    anonymous: 'refused',
    member: 'read-write',
    otherLearner: 'refused',
    juror: 'refused',
    otherJuror: 'refused',
    admin: 'readonly',
  })
})
