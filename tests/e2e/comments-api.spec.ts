/**
 * The comments API (app/routes/api.dossiers.$dossierId.comments.ts) over HTTP:
 * who may start, answer, edit, delete, resolve and reopen threads, and how
 * bad input is refused (a French message, nothing written). The dossier page
 * that uses it is tested elsewhere.
 */
import type { APIRequestContext } from '@playwright/test'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { describePassage } from '../../app/domain/anchoring'
import { anchoringText } from '../../app/kinds/rich-text/anchoring'
import { createLearner, createTutorFor, DEMO_ACCOUNTS, dossierIdOf, e2eDb, expect, sessionCookieFor, test } from './fixtures'

type Account = { id: string; email: string }
const people = {} as Record<'learner' | 'otherLearner' | 'tutor' | 'otherTutor' | 'juror', Account>
const cookies = {} as Record<keyof typeof people | 'admin', string>
let dossierId = ''
let otherDossierId = ''

/** A new juror (assigned below). */
async function createJuror(label: string): Promise<Account> {
  const db = e2eDb()
  const email = `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@test.local`
  const user = (
    await db
      .insert(schema.users)
      .values({ email, name: `Juré ${label}`, passwordHash: 'x' })
      .returning()
  )[0]!
  await db.insert(schema.userRoles).values({ userId: user.id, role: 'juror' })
  return { id: user.id, email }
}

const CONTEXT = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Notre PME torréfie du café de spécialité à Lyon.' }] }] }
const ROWS = [
  { id: 'row-api-00000001', cells: { theme: 'Marché', besoin: 'Taille du marché lyonnais', nature: 'Quantitatif' } },
  { id: 'row-api-00000002', cells: { theme: 'Concurrence', besoin: 'Prix des concurrents', nature: 'Quantitatif' } },
]

test.beforeAll(async ({ request }) => {
  const learner = await createLearner('comments-api')
  const otherLearner = await createLearner('comments-other')
  people.learner = learner
  people.otherLearner = otherLearner
  // The other tutor is assigned to the other learner only.
  people.tutor = await createTutorFor('comments-tutor', [learner])
  people.otherTutor = await createTutorFor('comments-other-tutor', [otherLearner])
  people.juror = await createJuror('comments-juror')
  await e2eDb()
    .insert(schema.jurorAssignments)
    .values({ examSessionId: learner.examSessionId, jurorId: people.juror.id, evaluationId: 'fiche-veille', learnerId: learner.id })
  for (const who of Object.keys(people) as (keyof typeof people)[]) cookies[who] = await sessionCookieFor(people[who].email)
  cookies.admin = await sessionCookieFor(DEMO_ACCOUNTS.admin.email)
  dossierId = await dossierIdOf(learner.email, 'fiche-veille')
  otherDossierId = await dossierIdOf(otherLearner.email, 'fiche-veille')

  // The learner's work: a text and a table.
  for (const [section, content] of [
    ['contexte', CONTEXT],
    ['besoins', { rows: ROWS }],
  ] as const) {
    const res = await request.post(`/api/dossiers/${dossierId}/sections/${section}`, {
      headers: { Cookie: cookies.learner },
      data: { baseVersion: 0, content },
    })
    expect(res.status()).toBe(200)
  }
})

const post = (request: APIRequestContext, who: keyof typeof cookies, data: Record<string, unknown>, dossier = dossierId) =>
  request.post(`/api/dossiers/${dossier}/comments`, { headers: { Cookie: cookies[who] }, data, maxRedirects: 0 })

/** Posts and expects success: the thread id. */
async function ok(request: APIRequestContext, who: keyof typeof cookies, data: Record<string, unknown>, dossier = dossierId): Promise<string> {
  const res = await post(request, who, data, dossier)
  const body = await res.json()
  expect(res.status(), JSON.stringify(body)).toBe(200)
  expect(body).toMatchObject({ ok: true, threadId: expect.any(String) })
  return body.threadId
}

const threadRow = async (id: string) => (await e2eDb().select().from(schema.commentThreads).where(eq(schema.commentThreads.id, id)))[0]
const messagesOf = async (threadId: string) =>
  await e2eDb().select().from(schema.commentMessages).where(eq(schema.commentMessages.threadId, threadId)).orderBy(schema.commentMessages.createdAt)
const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

test('the tutor comments a section, an item, a passage and a criterion; the learner is told', async ({ request }) => {
  const section = await ok(request, 'tutor', { intent: 'create', target: 'section', sectionId: 'contexte', body: 'Précisez votre clientèle.' })
  expect(await threadRow(section)).toMatchObject({ dossierId, target: 'section', sectionId: 'contexte', status: 'open', authorId: people.tutor.id })

  // The label is the server's, whatever the client says.
  const item = await ok(request, 'tutor', {
    intent: 'create',
    target: 'item',
    sectionId: 'besoins',
    itemId: ROWS[1]!.id,
    itemLabel: 'Faux',
    body: 'Quelle source ?',
  })
  expect(await threadRow(item)).toMatchObject({ target: 'item', itemId: ROWS[1]!.id })
  expect((await threadRow(item))!.itemLabel).toContain('Concurrence')

  const text = anchoringText(CONTEXT)
  const start = text.indexOf('café de spécialité')
  const selectors = describePassage(text, start, start + 'café de spécialité'.length)
  const passage = await ok(request, 'tutor', {
    intent: 'create',
    target: 'passage',
    sectionId: 'contexte',
    selectors: JSON.stringify(selectors),
    body: 'Définissez-le.',
  })
  expect((await threadRow(passage))!.selectors![0].exact).toBe('café de spécialité')

  const criterion = await ok(request, 'tutor', { intent: 'create', target: 'criterion', criterionId: 'C1.1-2', body: 'À justifier.' })
  expect(await threadRow(criterion)).toMatchObject({ target: 'criterion', criterionId: 'C1.1-2', sectionId: null })

  const told = await e2eDb()
    .select({ threadId: schema.notifications.threadId, type: schema.notifications.type })
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, people.learner.id), eq(schema.notifications.dossierId, dossierId)))
  for (const id of [section, item, passage, criterion]) expect(told).toContainEqual({ threadId: id, type: 'comment' })
})

test('the learner replies, but cannot edit, delete or resolve the tutor’s message', async ({ request }) => {
  const thread = await ok(request, 'tutor', { intent: 'create', target: 'section', sectionId: 'besoins', body: 'Ajoutez un besoin qualitatif.' })
  const [tutorMessage] = await messagesOf(thread)
  expect(await ok(request, 'learner', { intent: 'reply', threadId: thread, body: 'Ajouté : la perception du prix.' })).toBe(thread)

  const refusals: [Record<string, unknown>, string | RegExp][] = [
    [{ intent: 'edit', messageId: tutorMessage!.id, body: 'Réécrit' }, 'Vous ne pouvez modifier que vos propres messages.'],
    [{ intent: 'delete', messageId: tutorMessage!.id }, 'Vous ne pouvez modifier que vos propres messages.'],
    [{ intent: 'resolve', threadId: thread }, /tuteur ou la tutrice/],
    [{ intent: 'create', target: 'section', sectionId: 'besoins', body: 'Moi aussi' }, /tuteur ou la tutrice/],
  ]
  for (const [data, message] of refusals) {
    const res = await post(request, 'learner', data)
    expect(res.status(), JSON.stringify(data)).toBe(403)
    const body = await res.json()
    expect(body.ok).toBe(false)
    if (typeof message === 'string') expect(body.error).toBe(message)
    else expect(body.error).toMatch(message)
  }
  expect((await messagesOf(thread)).map((m) => m.body)).toEqual(['Ajoutez un besoin qualitatif.', 'Ajouté : la perception du prix.'])
  expect((await threadRow(thread))!.status).toBe('open')

  // The tutor resolves and reopens; each edits and deletes their own.
  expect(await ok(request, 'tutor', { intent: 'resolve', threadId: thread })).toBe(thread)
  expect(await threadRow(thread)).toMatchObject({ status: 'resolved', resolvedBy: people.tutor.id })
  expect(await ok(request, 'tutor', { intent: 'reopen', threadId: thread })).toBe(thread)
  expect(await threadRow(thread)).toMatchObject({ status: 'open', resolvedBy: null })
  expect(await ok(request, 'tutor', { intent: 'edit', messageId: tutorMessage!.id, body: 'Ajoutez deux besoins qualitatifs.' })).toBe(thread)
  expect((await messagesOf(thread))[0]).toMatchObject({ body: 'Ajoutez deux besoins qualitatifs.', editedAt: expect.any(Date) })
  // Deleted with a reply after it: kept, emptied.
  expect(await ok(request, 'tutor', { intent: 'delete', messageId: tutorMessage!.id })).toBe(thread)
  expect((await messagesOf(thread))[0]).toMatchObject({ body: '', deletedAt: expect.any(Date) })
  // The learner deletes the last message: nothing is left, the thread goes.
  const res = await post(request, 'learner', { intent: 'delete', messageId: (await messagesOf(thread))[1]!.id })
  expect(await res.json()).toEqual({ ok: true, threadId: thread, removed: true })
  expect(await threadRow(thread)).toBeUndefined()
})

test('a tutor of someone else, a juror, another learner and an admin are refused', async ({ request }) => {
  const thread = await ok(request, 'tutor', { intent: 'create', target: 'section', sectionId: 'contexte', body: 'Pour tout le monde ?' })
  const [message] = await messagesOf(thread)
  for (const who of ['otherTutor', 'juror', 'otherLearner', 'admin'] as const) {
    for (const data of [
      { intent: 'create', target: 'section', sectionId: 'contexte', body: 'Intrus' },
      { intent: 'reply', threadId: thread, body: 'Intrus' },
      { intent: 'resolve', threadId: thread },
      { intent: 'edit', messageId: message!.id, body: 'Intrus' },
      { intent: 'delete', messageId: message!.id },
    ]) {
      const res = await post(request, who, data)
      expect(res.status(), `${who} ${data.intent}`).toBe(403)
      expect((await res.json()).ok).toBe(false)
    }
  }
  expect((await messagesOf(thread)).map((m) => m.body)).toEqual(['Pour tout le monde ?'])
  expect((await threadRow(thread))!.status).toBe('open')
})

test('a thread or message of another dossier is not found in this one', async ({ request }) => {
  const elsewhere = await ok(request, 'otherTutor', { intent: 'create', target: 'section', sectionId: 'contexte', body: 'Ailleurs.' }, otherDossierId)
  const [message] = await messagesOf(elsewhere)
  for (const [who, data] of [
    ['learner', { intent: 'reply', threadId: elsewhere, body: 'Ici ?' }],
    ['tutor', { intent: 'resolve', threadId: elsewhere }],
    ['tutor', { intent: 'reopen', threadId: elsewhere }],
    ['learner', { intent: 'edit', messageId: message!.id, body: 'Ici ?' }],
    ['tutor', { intent: 'reply', threadId: 'inconnu', body: 'Ici ?' }],
  ] as const) {
    const res = await post(request, who, data)
    expect(res.status(), JSON.stringify(data)).toBe(404)
    expect(plainSpaces((await res.json()).error)).toMatch(/n’existe pas/)
  }
  expect(await messagesOf(elsewhere)).toHaveLength(1)
  expect((await threadRow(elsewhere))!.status).toBe('open')
  // An unknown dossier.
  expect((await post(request, 'tutor', { intent: 'reply', threadId: elsewhere, body: 'x' }, 'inconnu')).status()).toBe(404)
})

test('bad input gets a 400 and a French message, and nothing is written', async ({ request }) => {
  const count = async () => (await e2eDb().select().from(schema.commentThreads).where(eq(schema.commentThreads.dossierId, dossierId))).length
  const before = await count()
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ intent: 'create', target: 'section', sectionId: 'contexte', body: '   ' }, /^Écrivez un message avant de l’envoyer\.$/],
    [{ intent: 'create', target: 'section', sectionId: 'contexte', body: 'x'.repeat(5001) }, /dépasse 5 000 caractères/],
    [{ intent: 'create', target: 'section', sectionId: 'inconnue', body: 'Bonjour' }, /^Cette section n’existe pas dans ce dossier\.$/],
    [{ intent: 'create', target: 'chapitre', sectionId: 'contexte', body: 'Bonjour' }, /^Choisissez ce que vous commentez/],
    [{ intent: 'create', target: 'passage', sectionId: 'contexte', selectors: '{]', body: 'Bonjour' }, /sélectionnez-le de nouveau/],
    [
      {
        intent: 'create',
        target: 'passage',
        sectionId: 'contexte',
        selectors: describePassage('Un texte qui n’est pas celui du dossier.', 3, 8),
        body: 'Bonjour',
      },
      /n’est plus dans la section/,
    ],
    [{ intent: 'create', target: 'passage', sectionId: 'besoins', selectors: describePassage('abc', 0, 2), body: 'Bonjour' }, /section de texte/],
    [{ intent: 'create', target: 'item', sectionId: 'besoins', itemId: 'row-disparue', body: 'Bonjour' }, /n’existe plus/],
    [{ intent: 'create', target: 'criterion', criterionId: 'C9.9-9', body: 'Bonjour' }, /n’est pas évalué dans ce dossier/],
    [{ intent: 'publier', body: 'Bonjour' }, /^Action inconnue/],
    [{ body: 'Bonjour' }, /^Action inconnue/],
  ]
  for (const [data, message] of cases) {
    const res = await post(request, 'tutor', data)
    const body = await res.json()
    expect(res.status(), JSON.stringify(data).slice(0, 100)).toBe(400)
    expect(body.ok).toBe(false)
    expect(plainSpaces(body.error), JSON.stringify(data).slice(0, 100)).toMatch(message)
  }
  // Not JSON at all, though declared so.
  const broken = await request.post(`/api/dossiers/${dossierId}/comments`, {
    headers: { Cookie: cookies.tutor, 'Content-Type': 'application/json' },
    data: '{"intent":',
  })
  expect(broken.status()).toBe(400)
  expect(await count()).toBe(before)
})

test('GET answers 405; anonymous requests go to the login page', async ({ request }) => {
  const get = await request.get(`/api/dossiers/${dossierId}/comments`, { headers: { Cookie: cookies.tutor } })
  expect(get.status()).toBe(405)
  expect((await get.json()).error).toContain('POST')
  const anonymous = await request.post(`/api/dossiers/${dossierId}/comments`, {
    data: { intent: 'create', target: 'section', sectionId: 'contexte', body: 'x' },
    maxRedirects: 0,
  })
  expect(anonymous.status()).toBe(302)
  expect(anonymous.headers()['location']).toMatch(/^\/connexion/)
})
