import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('comments')
const schema = await import('#db/schema')
const { learnerDossiers } = await import('./dossiers.server')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { dossierRelations } = await import('./dossier-access.server')
const { saveSection } = await import('./dossier-sections.server')
const { describePassage } = await import('~/domain/anchoring')
const { anchoringText } = await import('~/kinds/rich-text/anchoring')
const { templatesById } = await import('./templates.server')
const { entryOf, itemsOf } = await import('~/kinds/registry')
const comments = await import('./comments.server')
const { createThread, deleteMessage, editMessage, openThreadCounts, refreshItemLabels, reopenThread, reply, resolveThread, threadsOfDossier } = comments

type Who = 'owner' | 'partner' | 'otherLearner' | 'tutor' | 'tutorOfPartner' | 'otherTutor' | 'juror' | 'admin'
const ROLES: Record<Who, Role[]> = {
  owner: ['learner'],
  partner: ['learner'],
  otherLearner: ['learner'],
  tutor: ['tutor'],
  tutorOfPartner: ['tutor'],
  otherTutor: ['tutor'],
  juror: ['juror'],
  admin: ['admin'],
}
type User = { id: string; name: string; email: string; roles: Role[] }
const users = {} as Record<Who, User>
const dossiers = { veille: '', ux: '', group: '' }

beforeAll(async () => {
  const db = getDb()
  for (const who of Object.keys(ROLES) as Who[]) {
    const email = `${who}@test.fr`
    const id = (await db.insert(schema.users).values({ email, name: who, passwordHash: 'x' }).returning())[0]!.id
    await db.insert(schema.userRoles).values(ROLES[who].map((role) => ({ userId: id, role })))
    users[who] = { id, name: who, email, roles: ROLES[who] }
  }
  const s = (await db.insert(schema.examSessions).values({ name: 'S', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  const { owner, partner, otherLearner } = users
  await enrollLearners(db, s, [owner.id, partner.id, otherLearner.id])
  const group = (await db.insert(schema.groups).values({ examSessionId: s, evaluationId: 'msp-a2', name: 'G' }).returning())[0]!.id
  await addGroupMembers(db, group, [owner.id, partner.id])
  await db.insert(schema.tutorAssignments).values([
    { examSessionId: s, tutorId: users.tutor.id, learnerId: owner.id },
    { examSessionId: s, tutorId: users.tutorOfPartner.id, learnerId: partner.id },
    { examSessionId: s, tutorId: users.otherTutor.id, learnerId: otherLearner.id },
  ])
  await db.insert(schema.jurorAssignments).values({ examSessionId: s, jurorId: users.juror.id, evaluationId: 'fiche-veille', learnerId: owner.id })
  const mine = await learnerDossiers(owner.id, s)
  dossiers.veille = mine.find((d) => d.templateId === 'fiche-veille')!.id
  dossiers.ux = mine.find((d) => d.templateId === 'fiche-ux')!.id
  dossiers.group = mine.find((d) => d.templateId === 'msp-a2')!.id
})

/** Who `who` is to a dossier, as the routes get it from the access rule. */
const accessOf = async (who: Who, dossierId: string) => (await dossierRelations(users[who], dossierId))!
const as = async (who: Who, dossierId = dossiers.veille) => [await accessOf(who, dossierId), users[who]] as const
const okThread = (r: Awaited<ReturnType<typeof createThread>>) => {
  expect(r).toMatchObject({ ok: true })
  return (r as { threadId: string }).threadId
}
const threadsFor = async (who: Who, dossierId = dossiers.veille) => await threadsOfDossier(dossierId, users[who], (await accessOf(who, dossierId)).relations)
const threadOf = async (who: Who, id: string, dossierId = dossiers.veille) => (await threadsFor(who, dossierId)).find((t) => t.id === id)
const notificationsOf = async (who: Who, threadId: string) =>
  await getDb()
    .select({ type: schema.notifications.type, actorId: schema.notifications.actorId })
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, users[who].id), eq(schema.notifications.threadId, threadId)))
const doc = (...paragraphs: string[]) => ({
  type: 'doc' as const,
  content: paragraphs.map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })),
})
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

describe('starting threads', () => {
  it('lets the assigned tutor comment a section, and tells the learner', async () => {
    const id = okThread(await createThread(...(await as('tutor')), { target: 'section', sectionId: 'contexte', body: '  Précisez le marché visé.  ' }))
    const thread = (await threadOf('owner', id))!
    expect(thread).toMatchObject({ target: 'section', sectionId: 'contexte', status: 'open', authorName: 'tutor', canResolve: false, canReply: true })
    expect(thread.messages).toEqual([
      expect.objectContaining({ body: 'Précisez le marché visé.', authorName: 'tutor', deleted: false, mine: false, canEdit: false }),
    ])
    expect(await threadOf('tutor', id)).toMatchObject({ canResolve: true, canReply: true, messages: [expect.objectContaining({ mine: true, canEdit: true })] })
    expect(await notificationsOf('owner', id)).toEqual([{ type: 'comment', actorId: users.tutor.id }])
    expect(await notificationsOf('tutor', id)).toEqual([])
  })

  it('refuses learners, other tutors, jurors and admins', async () => {
    const input = { target: 'section', sectionId: 'contexte', body: 'Bonjour' }
    expect(await createThread(...(await as('owner')), input)).toMatchObject({ ok: false, status: 403 })
    expect(await createThread(...(await as('juror')), input)).toMatchObject({ ok: false, status: 403 })
    expect(await createThread(...(await as('admin')), input)).toMatchObject({ ok: false, status: 403 })
    // Not assigned to this learner: no relation at all.
    expect((await accessOf('otherTutor', dossiers.veille)).relations).toEqual([])
    expect(await createThread(...(await as('otherTutor')), input)).toMatchObject({ ok: false, status: 403 })
    expect((await threadsFor('owner')).filter((t) => t.messages[0]?.body === 'Bonjour')).toEqual([])
  })

  it('comments an item with the label the server reads, and keeps the last label of a deleted item', async () => {
    const rows = [
      { id: 'row-a-00000001', cells: { theme: 'Marché', besoin: 'Taille du marché', nature: 'Quantitatif' } },
      { id: 'row-b-00000001', cells: { theme: 'Concurrence', besoin: 'Prix pratiqués', nature: 'Quantitatif' } },
    ]
    expect(await saveSection({ dossierId: dossiers.veille, sectionId: 'besoins', baseVersion: 0, content: { rows }, authorId: users.owner.id })).toMatchObject({
      ok: true,
    })
    const field = templatesById.get('fiche-veille')!.sections.find((s) => s.id === 'besoins')!.field
    const label = (content: unknown, id: string) => itemsOf(entryOf(field, content)).find((i) => i.id === id)!.label
    const id = okThread(
      await createThread(...(await as('tutor')), {
        target: 'item',
        sectionId: 'besoins',
        itemId: 'row-b-00000001',
        itemLabel: 'Mensonge du client',
        body: 'Sources ?',
      }),
    )
    expect(await threadOf('owner', id)).toMatchObject({ target: 'item', itemId: 'row-b-00000001', itemLabel: label({ rows }, 'row-b-00000001') })
    expect((await threadOf('owner', id))!.itemLabel).not.toContain('Mensonge')

    // Renamed: the label follows.
    const renamed = [rows[0]!, { ...rows[1]!, cells: { ...rows[1]!.cells, theme: 'Concurrents directs' } }]
    const db = getDb()
    await refreshItemLabels(dossiers.veille, 'besoins', itemsOf(entryOf(field, { rows: renamed })), db)
    const renamedLabel = label({ rows: renamed }, 'row-b-00000001')
    expect(renamedLabel).not.toBe(label({ rows }, 'row-b-00000001'))
    expect((await threadOf('owner', id))!.itemLabel).toBe(renamedLabel)
    // Deleted: the last label stays.
    await refreshItemLabels(dossiers.veille, 'besoins', itemsOf(entryOf(field, { rows: [rows[0]!] })), db)
    expect((await threadOf('owner', id))!.itemLabel).toBe(renamedLabel)
  })

  it('comments a passage of the current text, stored as the server reads it', async () => {
    const content = doc('Notre entreprise vend du café.', 'La veille éclaire les achats de café vert.')
    expect(await saveSection({ dossierId: dossiers.veille, sectionId: 'contexte', baseVersion: 0, content, authorId: users.owner.id })).toMatchObject({
      ok: true,
    })
    const text = anchoringText(content)
    const start = text.indexOf('achats de café vert')
    const selectors = describePassage(text, start, start + 'achats de café vert'.length)
    // As a form sends it: a JSON string.
    const id = okThread(
      await createThread(...(await as('tutor')), { target: 'passage', sectionId: 'contexte', selectors: JSON.stringify(selectors), body: 'Quel volume ?' }),
    )
    const thread = (await threadOf('owner', id))!
    expect(thread).toMatchObject({ target: 'passage', sectionId: 'contexte' })
    expect(thread.selectors![0].exact).toBe('achats de café vert')
    expect(thread.selectors![1]).toEqual({ type: 'TextPositionSelector', start, end: start + 'achats de café vert'.length })

    // Selected in a page loaded before the learner added a sentence in front: stored where the words are now.
    const before = anchoringText(doc('La veille éclaire les achats de café vert.'))
    const stale = describePassage(before, before.indexOf('achats'), before.indexOf(' vert') + 5)
    expect(stale[0].exact).toBe('achats de café vert')
    const moved = okThread(await createThread(...(await as('tutor')), { target: 'passage', sectionId: 'contexte', selectors: stale, body: 'Toujours là ?' }))
    expect((await threadOf('owner', moved))!.selectors![1]).toEqual({ type: 'TextPositionSelector', start, end: start + 'achats de café vert'.length })

    // Words that are not in the section: refused, nothing written.
    const absent = describePassage('Un tout autre texte sans rapport aucun.', 3, 13)
    const refused = await createThread(...(await as('tutor')), { target: 'passage', sectionId: 'contexte', selectors: absent, body: 'Perdu' })
    expect(refused).toMatchObject({ ok: false, status: 400 })
    expect(plain((refused as { error: string }).error)).toMatch(/n’est plus dans la section/)
  })

  it('comments a criterion the dossier serves, with no section', async () => {
    const criterionId = templatesById.get('fiche-veille')!.sections[0]!.criteria[0]!
    const id = okThread(await createThread(...(await as('tutor')), { target: 'criterion', criterionId, sectionId: 'contexte', body: 'À justifier.' }))
    expect(await threadOf('owner', id)).toMatchObject({ target: 'criterion', criterionId, sectionId: null })
  })

  it('refuses bad input with a French message, writing nothing', async () => {
    const before = (await threadsFor('tutor')).length
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ target: 'section', sectionId: 'contexte', body: '   ' }, /^Écrivez un message/],
      [{ target: 'section', sectionId: 'contexte' }, /^Écrivez un message/],
      [{ target: 'section', sectionId: 'contexte', body: 'x'.repeat(5001) }, /dépasse 5 000 caractères/],
      [{ target: 'page', sectionId: 'contexte', body: 'Bonjour' }, /^Choisissez ce que vous commentez/],
      [{ target: 'section', sectionId: 'inconnue', body: 'Bonjour' }, /n’existe pas dans ce dossier/],
      [{ target: 'section', body: 'Bonjour' }, /^Choisissez la section/],
      [{ target: 'passage', sectionId: 'besoins', selectors: describePassage('abc', 0, 1), body: 'Bonjour' }, /que dans une section de texte/],
      [{ target: 'passage', sectionId: 'contexte', selectors: '{"pas":"un sélecteur"}', body: 'Bonjour' }, /n’a pas pu être lu/],
      [{ target: 'passage', sectionId: 'contexte', selectors: 'pas du JSON', body: 'Bonjour' }, /n’a pas pu être lu/],
      [{ target: 'item', sectionId: 'besoins', itemId: 'row-inconnue', body: 'Bonjour' }, /n’existe plus dans la section/],
      [{ target: 'item', sectionId: 'besoins', body: 'Bonjour' }, /^Choisissez l’élément/],
      [{ target: 'criterion', criterionId: 'C9.9-9', body: 'Bonjour' }, /n’est pas évalué dans ce dossier/],
      [{ target: 'criterion', body: 'Bonjour' }, /^Choisissez le critère/],
    ]
    for (const [input, message] of cases) {
      const result = await createThread(...(await as('tutor')), input)
      expect(result, JSON.stringify(input).slice(0, 120)).toMatchObject({ ok: false, status: 400 })
      expect(plain((result as { error: string }).error)).toMatch(message)
    }
    expect(await threadsFor('tutor')).toHaveLength(before)
  })
})

describe('replies, edits and deletions', () => {
  it('lets the learner reply and tells the tutor; the tutor replies and tells the learner', async () => {
    const id = okThread(await createThread(...(await as('tutor')), { target: 'section', sectionId: 'sources', body: 'Ajoutez des sources internes.' }))
    expect(await reply(...(await as('owner')), { threadId: id, body: 'C’est fait : https://exemple.fr' })).toEqual({ ok: true, threadId: id })
    expect(await notificationsOf('tutor', id)).toEqual([{ type: 'reply', actorId: users.owner.id }])
    expect(await reply(...(await as('tutor')), { threadId: id, body: 'Merci.' })).toMatchObject({ ok: true })
    expect(await notificationsOf('owner', id)).toEqual([
      { type: 'comment', actorId: users.tutor.id },
      { type: 'reply', actorId: users.tutor.id },
    ])
    expect((await threadOf('owner', id))!.messages.map((m) => [m.authorName, m.body, m.mine])).toEqual([
      ['tutor', 'Ajoutez des sources internes.', false],
      ['owner', 'C’est fait : https://exemple.fr', true],
      ['tutor', 'Merci.', false],
    ])
  })

  it('tells every learner and tutor of a group dossier of a reply, and nobody of their own', async () => {
    const id = okThread(await createThread(...(await as('tutor', dossiers.group)), { target: 'section', sectionId: 'pestel', body: 'Complétez le P.' }))
    expect(await notificationsOf('owner', id)).toHaveLength(1)
    expect(await notificationsOf('partner', id)).toHaveLength(1)
    expect(await reply(...(await as('partner', dossiers.group)), { threadId: id, body: 'Ajouté.' })).toMatchObject({ ok: true })
    expect(await notificationsOf('tutor', id)).toEqual([{ type: 'reply', actorId: users.partner.id }])
    expect(await notificationsOf('tutorOfPartner', id)).toEqual([{ type: 'reply', actorId: users.partner.id }])
    expect(await notificationsOf('owner', id)).toHaveLength(2)
    expect(await notificationsOf('partner', id)).toHaveLength(1)
    expect(await notificationsOf('otherTutor', id)).toEqual([])
  })

  it('refuses replies from jurors, admins, other learners and other tutors, and threads of another dossier', async () => {
    const id = okThread(await createThread(...(await as('tutor')), { target: 'section', sectionId: 'contexte', body: 'Une question.' }))
    for (const who of ['juror', 'admin', 'otherLearner', 'otherTutor'] as const) {
      expect(await reply(...(await as(who)), { threadId: id, body: 'Moi aussi' }), who).toMatchObject({ ok: false, status: 403 })
    }
    // The thread exists, but not in this dossier: not found, not written.
    const elsewhere = await reply(...(await as('owner', dossiers.ux)), { threadId: id, body: 'Ailleurs' })
    expect(elsewhere).toMatchObject({ ok: false, status: 404 })
    expect(await resolveThread(...(await as('tutor', dossiers.ux)), { threadId: id })).toMatchObject({ ok: false, status: 404 })
    expect(await reply(...(await as('owner')), { threadId: 'inconnu', body: 'Bonjour' })).toMatchObject({ ok: false, status: 404 })
    expect(await reply(...(await as('owner')), { threadId: id, body: '' })).toMatchObject({ ok: false, status: 400 })
    expect((await threadOf('owner', id))!.messages).toHaveLength(1)
  })

  it('lets authors edit and delete only their own messages', async () => {
    const id = okThread(await createThread(...(await as('tutor')), { target: 'section', sectionId: 'contexte', body: 'Premier jet.' }))
    const tutorMessage = (await threadOf('tutor', id))!.messages[0]!.id
    expect(await reply(...(await as('owner')), { threadId: id, body: 'Ma réponse' })).toMatchObject({ ok: true })
    const learnerMessage = (await threadOf('owner', id))!.messages[1]!.id

    // The learner cannot touch the tutor's message, nor resolve the thread.
    for (const result of [
      await editMessage(...(await as('owner')), { messageId: tutorMessage, body: 'Réécrit' }),
      await deleteMessage(...(await as('owner')), { messageId: tutorMessage }),
    ]) {
      expect(result).toEqual({ ok: false, status: 403, error: 'Vous ne pouvez modifier que vos propres messages.' })
    }
    expect(await resolveThread(...(await as('owner')), { threadId: id })).toMatchObject({ ok: false, status: 403 })
    // Nor can the tutor touch the learner's.
    expect(await editMessage(...(await as('tutor')), { messageId: learnerMessage, body: 'Réécrit' })).toMatchObject({ ok: false, status: 403 })
    // Another dossier's view of the message: not found.
    expect(await editMessage(...(await as('owner', dossiers.ux)), { messageId: learnerMessage, body: 'Ailleurs' })).toMatchObject({ ok: false, status: 404 })
    expect((await threadOf('owner', id))!.messages.map((m) => m.body)).toEqual(['Premier jet.', 'Ma réponse'])

    expect(await editMessage(...(await as('tutor')), { messageId: tutorMessage, body: 'Second jet.' })).toEqual({ ok: true, threadId: id })
    const edited = (await threadOf('owner', id))!.messages[0]!
    expect(edited).toMatchObject({ body: 'Second jet.', deleted: false })
    expect(edited.editedAt).toBeGreaterThanOrEqual(edited.createdAt)
    expect((await threadOf('owner', id))!.messages[1]!.editedAt).toBeNull()
    expect(await editMessage(...(await as('tutor')), { messageId: tutorMessage, body: ' ' })).toMatchObject({ ok: false, status: 400 })
  })

  it('keeps a deleted message that has replies as « message supprimé », and removes what nothing follows', async () => {
    const id = okThread(await createThread(...(await as('tutor')), { target: 'section', sectionId: 'contexte', body: 'À supprimer.' }))
    const first = (await threadOf('tutor', id))!.messages[0]!.id
    await reply(...(await as('owner')), { threadId: id, body: 'Réponse 1' })
    await reply(...(await as('owner')), { threadId: id, body: 'Réponse 2' })
    const [, r1, r2] = (await threadOf('owner', id))!.messages.map((m) => m.id)

    expect(await deleteMessage(...(await as('tutor')), { messageId: first })).toEqual({ ok: true, threadId: id })
    expect((await threadOf('owner', id))!.messages.map((m) => [m.deleted, m.body, m.canEdit])).toEqual([
      [true, '', false],
      [false, 'Réponse 1', true],
      [false, 'Réponse 2', true],
    ])
    // The stored text is gone too.
    expect((await getDb().select().from(schema.commentMessages).where(eq(schema.commentMessages.id, first)))[0]!.body).toBe('')
    // A deleted message cannot be edited or deleted again.
    expect(await editMessage(...(await as('tutor')), { messageId: first, body: 'Revenu' })).toMatchObject({ ok: false, status: 404 })

    // The middle reply has a reply after it: kept as deleted.
    expect(await deleteMessage(...(await as('owner')), { messageId: r1! })).toMatchObject({ ok: true })
    expect((await threadOf('owner', id))!.messages.map((m) => m.deleted)).toEqual([true, true, false])
    // The last one: nothing follows, so it goes, and so do the deleted ones before it, and the thread.
    expect(await deleteMessage(...(await as('owner')), { messageId: r2! })).toEqual({ ok: true, threadId: id, removed: true })
    expect(await threadOf('owner', id)).toBeUndefined()
    expect((await getDb().select().from(schema.commentThreads).where(eq(schema.commentThreads.id, id)))[0]).toBeUndefined()
  })

  it('removes a thread whose only message is deleted, and only the last reply when it is deleted', async () => {
    const lone = okThread(await createThread(...(await as('tutor')), { target: 'section', sectionId: 'contexte', body: 'Seul.' }))
    expect(await deleteMessage(...(await as('tutor')), { messageId: (await threadOf('tutor', lone))!.messages[0]!.id })).toMatchObject({
      ok: true,
      removed: true,
    })
    expect(await threadOf('tutor', lone)).toBeUndefined()

    const id = okThread(await createThread(...(await as('tutor')), { target: 'section', sectionId: 'contexte', body: 'Question.' }))
    await reply(...(await as('owner')), { threadId: id, body: 'Oups' })
    expect(await deleteMessage(...(await as('owner')), { messageId: (await threadOf('owner', id))!.messages[1]!.id })).toEqual({ ok: true, threadId: id })
    expect((await threadOf('owner', id))!.messages.map((m) => m.body)).toEqual(['Question.'])
  })
})

describe('resolving and counting', () => {
  it('lets the tutor resolve and reopen; counts open threads per section and criterion', async () => {
    const counts = async () => await openThreadCounts(dossiers.ux)
    expect(await counts()).toEqual(new Map())
    const a = okThread(await createThread(...(await as('tutor', dossiers.ux)), { target: 'section', sectionId: 'contexte-persona', body: 'Un.' }))
    okThread(await createThread(...(await as('tutor', dossiers.ux)), { target: 'section', sectionId: 'contexte-persona', body: 'Deux.' }))
    const criterionId = templatesById.get('fiche-ux')!.sections[0]!.criteria[0]!
    okThread(await createThread(...(await as('tutor', dossiers.ux)), { target: 'criterion', criterionId, body: 'Trois.' }))
    expect(await counts()).toEqual(
      new Map([
        ['contexte-persona', 2],
        [`criterion:${criterionId}`, 1],
      ]),
    )

    expect(await resolveThread(...(await as('tutor', dossiers.ux)), { threadId: a })).toEqual({ ok: true, threadId: a })
    expect(await threadOf('owner', a, dossiers.ux)).toMatchObject({ status: 'resolved', resolvedByName: 'tutor' })
    expect((await threadOf('owner', a, dossiers.ux))!.resolvedAt).toEqual(expect.any(Number))
    expect((await counts()).get('contexte-persona')).toBe(1)
    // Learners and jurors neither resolve nor reopen.
    expect(await reopenThread(...(await as('owner', dossiers.ux)), { threadId: a })).toMatchObject({ ok: false, status: 403 })
    expect(await reopenThread(...(await as('tutor', dossiers.ux)), { threadId: a })).toMatchObject({ ok: true })
    expect(await threadOf('owner', a, dossiers.ux)).toMatchObject({ status: 'open', resolvedAt: null, resolvedByName: null })
    expect((await counts()).get('contexte-persona')).toBe(2)
  })

  it('lists threads oldest first, each with its messages oldest first', async () => {
    const list = await threadsFor('owner')
    expect(list.length).toBeGreaterThan(3)
    const times = list.map((t) => t.createdAt)
    expect([...times].sort((x, y) => x - y)).toEqual(times)
    for (const t of list) expect(t.messages.map((m) => m.createdAt)).toEqual([...t.messages.map((m) => m.createdAt)].sort((x, y) => x - y))
    // A juror reads the threads but may neither reply nor resolve.
    expect((await threadsFor('juror')).every((t) => !t.canReply && !t.canResolve && t.messages.every((m) => !m.canEdit))).toBe(true)
  })
})
