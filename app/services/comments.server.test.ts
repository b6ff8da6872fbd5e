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

beforeAll(() => {
  const db = getDb()
  for (const who of Object.keys(ROLES) as Who[]) {
    const email = `${who}@test.fr`
    const id = db.insert(schema.users).values({ email, name: who, passwordHash: 'x' }).returning().get().id
    db.insert(schema.userRoles)
      .values(ROLES[who].map((role) => ({ userId: id, role })))
      .run()
    users[who] = { id, name: who, email, roles: ROLES[who] }
  }
  const s = db.insert(schema.examSessions).values({ name: 'S', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning().get().id
  const { owner, partner, otherLearner } = users
  enrollLearners(db, s, [owner.id, partner.id, otherLearner.id])
  const group = db.insert(schema.groups).values({ examSessionId: s, evaluationId: 'msp-a2', name: 'G' }).returning().get().id
  addGroupMembers(db, group, [owner.id, partner.id])
  db.insert(schema.tutorAssignments)
    .values([
      { examSessionId: s, tutorId: users.tutor.id, learnerId: owner.id },
      { examSessionId: s, tutorId: users.tutorOfPartner.id, learnerId: partner.id },
      { examSessionId: s, tutorId: users.otherTutor.id, learnerId: otherLearner.id },
    ])
    .run()
  db.insert(schema.jurorAssignments).values({ examSessionId: s, jurorId: users.juror.id, evaluationId: 'fiche-veille', learnerId: owner.id }).run()
  const mine = learnerDossiers(owner.id, s)
  dossiers.veille = mine.find((d) => d.templateId === 'fiche-veille')!.id
  dossiers.ux = mine.find((d) => d.templateId === 'fiche-ux')!.id
  dossiers.group = mine.find((d) => d.templateId === 'msp-a2')!.id
})

/** Who `who` is to a dossier, as the routes get it from the access rule. */
const accessOf = (who: Who, dossierId: string) => dossierRelations(users[who], dossierId)!
const as = (who: Who, dossierId = dossiers.veille) => [accessOf(who, dossierId), users[who]] as const
const okThread = (r: ReturnType<typeof createThread>) => {
  expect(r).toMatchObject({ ok: true })
  return (r as { threadId: string }).threadId
}
const threadsFor = (who: Who, dossierId = dossiers.veille) => threadsOfDossier(dossierId, users[who], accessOf(who, dossierId).relations)
const threadOf = (who: Who, id: string, dossierId = dossiers.veille) => threadsFor(who, dossierId).find((t) => t.id === id)
const notificationsOf = (who: Who, threadId: string) =>
  getDb()
    .select({ type: schema.notifications.type, actorId: schema.notifications.actorId })
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, users[who].id), eq(schema.notifications.threadId, threadId)))
    .all()
const doc = (...paragraphs: string[]) => ({
  type: 'doc' as const,
  content: paragraphs.map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })),
})
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

describe('starting threads', () => {
  it('lets the assigned tutor comment a section, and tells the learner', () => {
    const id = okThread(createThread(...as('tutor'), { target: 'section', sectionId: 'contexte', body: '  Précisez le marché visé.  ' }))
    const thread = threadOf('owner', id)!
    expect(thread).toMatchObject({ target: 'section', sectionId: 'contexte', status: 'open', authorName: 'tutor', canResolve: false, canReply: true })
    expect(thread.messages).toEqual([
      expect.objectContaining({ body: 'Précisez le marché visé.', authorName: 'tutor', deleted: false, mine: false, canEdit: false }),
    ])
    expect(threadOf('tutor', id)).toMatchObject({ canResolve: true, canReply: true, messages: [expect.objectContaining({ mine: true, canEdit: true })] })
    expect(notificationsOf('owner', id)).toEqual([{ type: 'comment', actorId: users.tutor.id }])
    expect(notificationsOf('tutor', id)).toEqual([])
  })

  it('refuses learners, other tutors, jurors and admins', () => {
    const input = { target: 'section', sectionId: 'contexte', body: 'Bonjour' }
    expect(createThread(...as('owner'), input)).toMatchObject({ ok: false, status: 403 })
    expect(createThread(...as('juror'), input)).toMatchObject({ ok: false, status: 403 })
    expect(createThread(...as('admin'), input)).toMatchObject({ ok: false, status: 403 })
    // Not assigned to this learner: no relation at all.
    expect(accessOf('otherTutor', dossiers.veille).relations).toEqual([])
    expect(createThread(...as('otherTutor'), input)).toMatchObject({ ok: false, status: 403 })
    expect(threadsFor('owner').filter((t) => t.messages[0]?.body === 'Bonjour')).toEqual([])
  })

  it('comments an item with the label the server reads, and keeps the last label of a deleted item', () => {
    const rows = [
      { id: 'row-a-00000001', cells: { theme: 'Marché', besoin: 'Taille du marché', nature: 'Quantitatif' } },
      { id: 'row-b-00000001', cells: { theme: 'Concurrence', besoin: 'Prix pratiqués', nature: 'Quantitatif' } },
    ]
    expect(saveSection({ dossierId: dossiers.veille, sectionId: 'besoins', baseVersion: 0, content: { rows }, authorId: users.owner.id })).toMatchObject({
      ok: true,
    })
    const field = templatesById.get('fiche-veille')!.sections.find((s) => s.id === 'besoins')!.field
    const label = (content: unknown, id: string) => itemsOf(entryOf(field, content)).find((i) => i.id === id)!.label
    const id = okThread(
      createThread(...as('tutor'), { target: 'item', sectionId: 'besoins', itemId: 'row-b-00000001', itemLabel: 'Mensonge du client', body: 'Sources ?' }),
    )
    expect(threadOf('owner', id)).toMatchObject({ target: 'item', itemId: 'row-b-00000001', itemLabel: label({ rows }, 'row-b-00000001') })
    expect(threadOf('owner', id)!.itemLabel).not.toContain('Mensonge')

    // Renamed: the label follows.
    const renamed = [rows[0]!, { ...rows[1]!, cells: { ...rows[1]!.cells, theme: 'Concurrents directs' } }]
    const db = getDb()
    refreshItemLabels(dossiers.veille, 'besoins', itemsOf(entryOf(field, { rows: renamed })), db)
    const renamedLabel = label({ rows: renamed }, 'row-b-00000001')
    expect(renamedLabel).not.toBe(label({ rows }, 'row-b-00000001'))
    expect(threadOf('owner', id)!.itemLabel).toBe(renamedLabel)
    // Deleted: the last label stays.
    refreshItemLabels(dossiers.veille, 'besoins', itemsOf(entryOf(field, { rows: [rows[0]!] })), db)
    expect(threadOf('owner', id)!.itemLabel).toBe(renamedLabel)
  })

  it('comments a passage of the current text, stored as the server reads it', () => {
    const content = doc('Notre entreprise vend du café.', 'La veille éclaire les achats de café vert.')
    expect(saveSection({ dossierId: dossiers.veille, sectionId: 'contexte', baseVersion: 0, content, authorId: users.owner.id })).toMatchObject({ ok: true })
    const text = anchoringText(content)
    const start = text.indexOf('achats de café vert')
    const selectors = describePassage(text, start, start + 'achats de café vert'.length)
    // As a form sends it: a JSON string.
    const id = okThread(createThread(...as('tutor'), { target: 'passage', sectionId: 'contexte', selectors: JSON.stringify(selectors), body: 'Quel volume ?' }))
    const thread = threadOf('owner', id)!
    expect(thread).toMatchObject({ target: 'passage', sectionId: 'contexte' })
    expect(thread.selectors![0].exact).toBe('achats de café vert')
    expect(thread.selectors![1]).toEqual({ type: 'TextPositionSelector', start, end: start + 'achats de café vert'.length })

    // Selected in a page loaded before the learner added a sentence in front: stored where the words are now.
    const before = anchoringText(doc('La veille éclaire les achats de café vert.'))
    const stale = describePassage(before, before.indexOf('achats'), before.indexOf(' vert') + 5)
    expect(stale[0].exact).toBe('achats de café vert')
    const moved = okThread(createThread(...as('tutor'), { target: 'passage', sectionId: 'contexte', selectors: stale, body: 'Toujours là ?' }))
    expect(threadOf('owner', moved)!.selectors![1]).toEqual({ type: 'TextPositionSelector', start, end: start + 'achats de café vert'.length })

    // Words that are not in the section: refused, nothing written.
    const absent = describePassage('Un tout autre texte sans rapport aucun.', 3, 13)
    const refused = createThread(...as('tutor'), { target: 'passage', sectionId: 'contexte', selectors: absent, body: 'Perdu' })
    expect(refused).toMatchObject({ ok: false, status: 400 })
    expect(plain((refused as { error: string }).error)).toMatch(/n’est plus dans la section/)
  })

  it('comments a criterion the dossier serves, with no section', () => {
    const criterionId = templatesById.get('fiche-veille')!.sections[0]!.criteria[0]!
    const id = okThread(createThread(...as('tutor'), { target: 'criterion', criterionId, sectionId: 'contexte', body: 'À justifier.' }))
    expect(threadOf('owner', id)).toMatchObject({ target: 'criterion', criterionId, sectionId: null })
  })

  it('refuses bad input with a French message, writing nothing', () => {
    const before = threadsFor('tutor').length
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
      const result = createThread(...as('tutor'), input)
      expect(result, JSON.stringify(input).slice(0, 120)).toMatchObject({ ok: false, status: 400 })
      expect(plain((result as { error: string }).error)).toMatch(message)
    }
    expect(threadsFor('tutor')).toHaveLength(before)
  })
})

describe('replies, edits and deletions', () => {
  it('lets the learner reply and tells the tutor; the tutor replies and tells the learner', () => {
    const id = okThread(createThread(...as('tutor'), { target: 'section', sectionId: 'sources', body: 'Ajoutez des sources internes.' }))
    expect(reply(...as('owner'), { threadId: id, body: 'C’est fait : https://exemple.fr' })).toEqual({ ok: true, threadId: id })
    expect(notificationsOf('tutor', id)).toEqual([{ type: 'reply', actorId: users.owner.id }])
    expect(reply(...as('tutor'), { threadId: id, body: 'Merci.' })).toMatchObject({ ok: true })
    expect(notificationsOf('owner', id)).toEqual([
      { type: 'comment', actorId: users.tutor.id },
      { type: 'reply', actorId: users.tutor.id },
    ])
    expect(threadOf('owner', id)!.messages.map((m) => [m.authorName, m.body, m.mine])).toEqual([
      ['tutor', 'Ajoutez des sources internes.', false],
      ['owner', 'C’est fait : https://exemple.fr', true],
      ['tutor', 'Merci.', false],
    ])
  })

  it('tells every learner and tutor of a group dossier of a reply, and nobody of their own', () => {
    const id = okThread(createThread(...as('tutor', dossiers.group), { target: 'section', sectionId: 'pestel', body: 'Complétez le P.' }))
    expect(notificationsOf('owner', id)).toHaveLength(1)
    expect(notificationsOf('partner', id)).toHaveLength(1)
    expect(reply(...as('partner', dossiers.group), { threadId: id, body: 'Ajouté.' })).toMatchObject({ ok: true })
    expect(notificationsOf('tutor', id)).toEqual([{ type: 'reply', actorId: users.partner.id }])
    expect(notificationsOf('tutorOfPartner', id)).toEqual([{ type: 'reply', actorId: users.partner.id }])
    expect(notificationsOf('owner', id)).toHaveLength(2)
    expect(notificationsOf('partner', id)).toHaveLength(1)
    expect(notificationsOf('otherTutor', id)).toEqual([])
  })

  it('refuses replies from jurors, admins, other learners and other tutors, and threads of another dossier', () => {
    const id = okThread(createThread(...as('tutor'), { target: 'section', sectionId: 'contexte', body: 'Une question.' }))
    for (const who of ['juror', 'admin', 'otherLearner', 'otherTutor'] as const) {
      expect(reply(...as(who), { threadId: id, body: 'Moi aussi' }), who).toMatchObject({ ok: false, status: 403 })
    }
    // The thread exists, but not in this dossier: not found, not written.
    const elsewhere = reply(...as('owner', dossiers.ux), { threadId: id, body: 'Ailleurs' })
    expect(elsewhere).toMatchObject({ ok: false, status: 404 })
    expect(resolveThread(...as('tutor', dossiers.ux), { threadId: id })).toMatchObject({ ok: false, status: 404 })
    expect(reply(...as('owner'), { threadId: 'inconnu', body: 'Bonjour' })).toMatchObject({ ok: false, status: 404 })
    expect(reply(...as('owner'), { threadId: id, body: '' })).toMatchObject({ ok: false, status: 400 })
    expect(threadOf('owner', id)!.messages).toHaveLength(1)
  })

  it('lets authors edit and delete only their own messages', () => {
    const id = okThread(createThread(...as('tutor'), { target: 'section', sectionId: 'contexte', body: 'Premier jet.' }))
    const tutorMessage = threadOf('tutor', id)!.messages[0]!.id
    expect(reply(...as('owner'), { threadId: id, body: 'Ma réponse' })).toMatchObject({ ok: true })
    const learnerMessage = threadOf('owner', id)!.messages[1]!.id

    // The learner cannot touch the tutor's message, nor resolve the thread.
    for (const result of [
      editMessage(...as('owner'), { messageId: tutorMessage, body: 'Réécrit' }),
      deleteMessage(...as('owner'), { messageId: tutorMessage }),
    ]) {
      expect(result).toEqual({ ok: false, status: 403, error: 'Vous ne pouvez modifier que vos propres messages.' })
    }
    expect(resolveThread(...as('owner'), { threadId: id })).toMatchObject({ ok: false, status: 403 })
    // Nor can the tutor touch the learner's.
    expect(editMessage(...as('tutor'), { messageId: learnerMessage, body: 'Réécrit' })).toMatchObject({ ok: false, status: 403 })
    // Another dossier's view of the message: not found.
    expect(editMessage(...as('owner', dossiers.ux), { messageId: learnerMessage, body: 'Ailleurs' })).toMatchObject({ ok: false, status: 404 })
    expect(threadOf('owner', id)!.messages.map((m) => m.body)).toEqual(['Premier jet.', 'Ma réponse'])

    expect(editMessage(...as('tutor'), { messageId: tutorMessage, body: 'Second jet.' })).toEqual({ ok: true, threadId: id })
    const edited = threadOf('owner', id)!.messages[0]!
    expect(edited).toMatchObject({ body: 'Second jet.', deleted: false })
    expect(edited.editedAt).toBeGreaterThanOrEqual(edited.createdAt)
    expect(threadOf('owner', id)!.messages[1]!.editedAt).toBeNull()
    expect(editMessage(...as('tutor'), { messageId: tutorMessage, body: ' ' })).toMatchObject({ ok: false, status: 400 })
  })

  it('keeps a deleted message that has replies as « message supprimé », and removes what nothing follows', () => {
    const id = okThread(createThread(...as('tutor'), { target: 'section', sectionId: 'contexte', body: 'À supprimer.' }))
    const first = threadOf('tutor', id)!.messages[0]!.id
    reply(...as('owner'), { threadId: id, body: 'Réponse 1' })
    reply(...as('owner'), { threadId: id, body: 'Réponse 2' })
    const [, r1, r2] = threadOf('owner', id)!.messages.map((m) => m.id)

    expect(deleteMessage(...as('tutor'), { messageId: first })).toEqual({ ok: true, threadId: id })
    expect(threadOf('owner', id)!.messages.map((m) => [m.deleted, m.body, m.canEdit])).toEqual([
      [true, '', false],
      [false, 'Réponse 1', true],
      [false, 'Réponse 2', true],
    ])
    // The stored text is gone too.
    expect(getDb().select().from(schema.commentMessages).where(eq(schema.commentMessages.id, first)).get()!.body).toBe('')
    // A deleted message cannot be edited or deleted again.
    expect(editMessage(...as('tutor'), { messageId: first, body: 'Revenu' })).toMatchObject({ ok: false, status: 404 })

    // The middle reply has a reply after it: kept as deleted.
    expect(deleteMessage(...as('owner'), { messageId: r1! })).toMatchObject({ ok: true })
    expect(threadOf('owner', id)!.messages.map((m) => m.deleted)).toEqual([true, true, false])
    // The last one: nothing follows, so it goes, and so do the deleted ones before it, and the thread.
    expect(deleteMessage(...as('owner'), { messageId: r2! })).toEqual({ ok: true, threadId: id, removed: true })
    expect(threadOf('owner', id)).toBeUndefined()
    expect(getDb().select().from(schema.commentThreads).where(eq(schema.commentThreads.id, id)).get()).toBeUndefined()
  })

  it('removes a thread whose only message is deleted, and only the last reply when it is deleted', () => {
    const lone = okThread(createThread(...as('tutor'), { target: 'section', sectionId: 'contexte', body: 'Seul.' }))
    expect(deleteMessage(...as('tutor'), { messageId: threadOf('tutor', lone)!.messages[0]!.id })).toMatchObject({ ok: true, removed: true })
    expect(threadOf('tutor', lone)).toBeUndefined()

    const id = okThread(createThread(...as('tutor'), { target: 'section', sectionId: 'contexte', body: 'Question.' }))
    reply(...as('owner'), { threadId: id, body: 'Oups' })
    expect(deleteMessage(...as('owner'), { messageId: threadOf('owner', id)!.messages[1]!.id })).toEqual({ ok: true, threadId: id })
    expect(threadOf('owner', id)!.messages.map((m) => m.body)).toEqual(['Question.'])
  })
})

describe('resolving and counting', () => {
  it('lets the tutor resolve and reopen; counts open threads per section and criterion', () => {
    const counts = () => openThreadCounts(dossiers.ux)
    expect(counts()).toEqual(new Map())
    const a = okThread(createThread(...as('tutor', dossiers.ux), { target: 'section', sectionId: 'contexte-persona', body: 'Un.' }))
    okThread(createThread(...as('tutor', dossiers.ux), { target: 'section', sectionId: 'contexte-persona', body: 'Deux.' }))
    const criterionId = templatesById.get('fiche-ux')!.sections[0]!.criteria[0]!
    okThread(createThread(...as('tutor', dossiers.ux), { target: 'criterion', criterionId, body: 'Trois.' }))
    expect(counts()).toEqual(
      new Map([
        ['contexte-persona', 2],
        [`criterion:${criterionId}`, 1],
      ]),
    )

    expect(resolveThread(...as('tutor', dossiers.ux), { threadId: a })).toEqual({ ok: true, threadId: a })
    expect(threadOf('owner', a, dossiers.ux)).toMatchObject({ status: 'resolved', resolvedByName: 'tutor' })
    expect(threadOf('owner', a, dossiers.ux)!.resolvedAt).toEqual(expect.any(Number))
    expect(counts().get('contexte-persona')).toBe(1)
    // Learners and jurors neither resolve nor reopen.
    expect(reopenThread(...as('owner', dossiers.ux), { threadId: a })).toMatchObject({ ok: false, status: 403 })
    expect(reopenThread(...as('tutor', dossiers.ux), { threadId: a })).toMatchObject({ ok: true })
    expect(threadOf('owner', a, dossiers.ux)).toMatchObject({ status: 'open', resolvedAt: null, resolvedByName: null })
    expect(counts().get('contexte-persona')).toBe(2)
  })

  it('lists threads oldest first, each with its messages oldest first', () => {
    const list = threadsFor('owner')
    expect(list.length).toBeGreaterThan(3)
    const times = list.map((t) => t.createdAt)
    expect([...times].sort((x, y) => x - y)).toEqual(times)
    for (const t of list) expect(t.messages.map((m) => m.createdAt)).toEqual([...t.messages.map((m) => m.createdAt)].sort((x, y) => x - y))
    // A juror reads the threads but may neither reply nor resolve.
    expect(threadsFor('juror').every((t) => !t.canReply && !t.canResolve && t.messages.every((m) => !m.canEdit))).toBe(true)
  })
})
