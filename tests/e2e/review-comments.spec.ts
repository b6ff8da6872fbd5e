import type { APIRequestContext, Page } from '@playwright/test'
import { describePassage } from '../../app/domain/anchoring'
import { anchoringText } from '../../app/kinds/rich-text/anchoring'
import type { RichTextDoc } from '../../app/kinds/rich-text/rich-text'
import { createLearner, createTutorFor, dossierIdOf, expect, expectNoAxeViolations, loginAs, openSection, sessionCookieFor, test } from './fixtures'

/**
 * A tutor reads a learner's dossier and comments a passage of rich text and a
 * table row; the learner writes around and inside the passage, then answers;
 * the comment stays on the right words and the tutor resolves it.
 */
const PASSAGE = 'augmenter la notoriété de la marque'
const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const CONTEXTE = {
  type: 'doc',
  content: [
    para('La marque Lumina vend des lampes solaires en ligne.'),
    para(`Notre objectif est d’${PASSAGE} auprès des étudiants, sans augmenter le budget.`),
    { type: 'bulletList', content: [{ type: 'listItem', content: [para('Cible : étudiants de 18 à 25 ans')] }] },
  ],
}
const CONSOLIDATION = { type: 'doc', content: [para('Lumina se distingue par un prix accessible et une fabrication française.')] }
const ROWS = [
  { id: 'row-marche-0001', cells: { theme: 'Marché', besoin: 'Taille du marché', nature: 'Quantitatif', priorite: 'Haute' } },
  { id: 'row-concur-0002', cells: { theme: 'Concurrence', besoin: 'Prix des concurrents', nature: 'Quantitatif', priorite: 'Moyenne' } },
]

async function save(request: APIRequestContext, cookie: string, dossierId: string, section: string, baseVersion: number, content: unknown) {
  const res = await request.post(`/api/dossiers/${dossierId}/sections/${section}`, { headers: { Cookie: cookie }, data: { baseVersion, content } })
  expect(res.status(), await res.text()).toBe(200)
}

/** Selects `text` inside the rich text of a section, as a reader would with the mouse or Shift+arrows. */
async function selectText(page: Page, sectionId: string, text: string) {
  const editor = page.locator(`#section-${sectionId} .rt-editable`)
  await editor.click()
  await editor.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted)
      if (at === -1) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + wanted.length)
      const selection = window.getSelection()!
      selection.removeAllRanges()
      selection.addRange(range)
      return
    }
    throw new Error(`text not found: ${wanted}`)
  }, text)
}

/** Presses Tab until the focused control is called `name` (its label, aria-label or text). */
async function tabTo(page: Page, name: string | RegExp, max = 25) {
  const seen: string[] = []
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el) return ''
      const labels = (el as HTMLInputElement).labels
      return (el.getAttribute('aria-label') ?? (labels?.length ? labels[0]!.textContent : el.textContent) ?? '').trim()
    })
    if (typeof name === 'string' ? focused === name : name.test(focused)) return
    seen.push(focused.slice(0, 40))
  }
  throw new Error(`Tab never reached ${String(name)}; went through: ${seen.join(' | ')}`)
}

/** Waits until the page is interactive (controls are disabled until hydration). */
const hydrated = (page: Page) => page.waitForFunction(() => !document.querySelector('fieldset[disabled]'))

/** Puts the caret `offset` characters into the text of a section's rich text, with the keyboard. */
async function caretAt(page: Page, sectionId: string, offset: number) {
  await page.locator(`#section-${sectionId} .rt-editable`).focus()
  await page.keyboard.press('Control+Home')
  for (let i = 0; i < offset; i++) await page.keyboard.press('ArrowRight')
}

test.describe('tutor review: anchored comments', () => {
  test.describe.configure({ mode: 'serial' })
  let dossierId = ''
  let learner: Awaited<ReturnType<typeof createLearner>>
  let tutor: Awaited<ReturnType<typeof createTutorFor>>

  test.beforeAll(async ({ request }) => {
    learner = await createLearner('relue')
    tutor = await createTutorFor('relue', [learner])
    dossierId = await dossierIdOf(learner.email, 'fiche-veille')
    const cookie = await sessionCookieFor(learner.email)
    await save(request, cookie, dossierId, 'contexte', 0, CONTEXTE)
    await save(request, cookie, dossierId, 'besoins', 0, { rows: ROWS })
    await save(request, cookie, dossierId, 'consolidation', 0, CONSOLIDATION)
  })

  test('a comment on a passage follows its words through the learner’s edits, and is resolved', async ({ browser }) => {
    const tutorPage = await (await browser.newContext()).newPage()
    await loginAs(tutorPage, { email: tutor.email })
    await tutorPage.goto(`/dossiers/${dossierId}`)
    await expect(tutorPage.getByText(/Lecture seule/)).toBeVisible()
    await openSection(tutorPage, 'contexte')
    await openSection(tutorPage, 'besoins')
    // The tutor cannot type in the learner's text.
    const contexte = tutorPage.locator('#section-contexte')
    await expect(contexte.locator('.rt-editable')).toHaveAttribute('aria-readonly', 'true')

    // A passage.
    await selectText(tutorPage, 'contexte', PASSAGE)
    await contexte.getByLabel('Commenter', { exact: true }).selectOption({ label: `Le passage sélectionné : « ${PASSAGE} »` })
    await contexte.getByLabel(/Votre commentaire sur/).fill('Précisez de combien, et d’ici quand.')
    await contexte.getByRole('button', { name: 'Commenter', exact: true }).click()
    await expect(contexte.locator('.rt-passage')).toHaveText(PASSAGE)
    await expect(contexte.getByText('Précisez de combien, et d’ici quand.')).toBeVisible()

    // A table row.
    const besoins = tutorPage.locator('#section-besoins')
    const rowOption = await besoins
      .getByLabel('Commenter', { exact: true })
      .locator('option')
      .filter({ hasText: /Concurrence/ })
      .getAttribute('value')
    await besoins.getByLabel('Commenter', { exact: true }).selectOption(rowOption!)
    await besoins.getByLabel(/Votre commentaire sur/).fill('Ajoutez la source de ces prix.')
    await besoins.getByRole('button', { name: 'Commenter', exact: true }).click()
    await expect(besoins.getByText('Ajoutez la source de ces prix.')).toBeVisible()
    await expect(besoins.locator('[data-item-id="row-concur-0002"]').first()).toHaveAttribute('data-commented', '')
    await expect(tutorPage.locator('.comment-nav__count')).toHaveText('2 commentaires ouverts')
    await expectNoAxeViolations(tutorPage)

    // The learner writes before the passage and changes a word inside it, then answers.
    const learnerPage = await (await browser.newContext()).newPage()
    await loginAs(learnerPage, { email: learner.email })
    await learnerPage.goto(`/dossiers/${dossierId}`)
    const editor = learnerPage.locator('#section-contexte .rt-editable')
    await expect(learnerPage.locator('#section-contexte .rt-passage')).toHaveText(PASSAGE)
    await editor.click()
    await learnerPage.keyboard.press('Control+Home')
    await learnerPage.keyboard.type('En 2026, ')
    await selectText(learnerPage, 'contexte', 'augmenter')
    await learnerPage.keyboard.type('accroître')
    await expect(learnerPage.getByTestId('status-line')).toContainText('Enregistré', { timeout: 10_000 })
    await expect(learnerPage.locator('#section-contexte .rt-passage')).toHaveText('accroître la notoriété de la marque')
    const thread = learnerPage.locator('#section-contexte article[id^="commentaire-"]')
    await thread.getByLabel('Votre réponse').fill('Je vise +20 % de notoriété assistée en 6 mois.')
    await thread.getByRole('button', { name: 'Répondre' }).click()
    await expect(thread.getByText('Je vise +20 % de notoriété assistée en 6 mois.')).toBeVisible()
    // The learner cannot resolve the tutor's comment.
    await expect(thread.getByRole('button', { name: 'Marquer comme résolu' })).toHaveCount(0)

    // The tutor sees the comment on the right words, with the answer, and resolves it.
    await tutorPage.reload()
    await expect(contexte.locator('.rt-passage')).toHaveText('accroître la notoriété de la marque', { timeout: 15_000 })
    const tutorThread = contexte.locator('article[id^="commentaire-"]')
    await expect(tutorThread).toContainText('Passage : « accroître la notoriété de la marque »')
    await expect(tutorThread).toContainText('Je vise +20 % de notoriété assistée en 6 mois.')
    await tutorThread.getByRole('button', { name: 'Marquer comme résolu' }).click()
    await expect(contexte.locator('.rt-passage')).toHaveCount(0)
    await expect(contexte.locator('.margin-comments')).toContainText('tous résolus')
  })
})

test.describe('tutor review with the keyboard only', () => {
  let dossierId = ''
  let learner: Awaited<ReturnType<typeof createLearner>>
  let tutor: Awaited<ReturnType<typeof createTutorFor>>
  const QUOTE = 'une fabrication française'

  test.beforeAll(async ({ request }) => {
    learner = await createLearner('clavier')
    tutor = await createTutorFor('clavier', [learner])
    dossierId = await dossierIdOf(learner.email, 'fiche-veille')
    await save(request, await sessionCookieFor(learner.email), dossierId, 'consolidation', 0, CONSOLIDATION)
    // A passage comment made through the API, as the page would.
    const text = anchoringText(CONSOLIDATION as RichTextDoc)
    const start = text.indexOf(QUOTE)
    const res = await request.post(`/api/dossiers/${dossierId}/comments`, {
      headers: { Cookie: await sessionCookieFor(tutor.email) },
      data: {
        intent: 'create',
        target: 'passage',
        sectionId: 'consolidation',
        selectors: describePassage(text, start, start + QUOTE.length),
        body: 'Prouvez-le.',
      },
    })
    expect(res.status(), await res.text()).toBe(200)
  })

  test('comment, answer, go between a passage and its comment, and resolve', async ({ browser }) => {
    // Three users, keyboard only: close to a minute on 2 loaded cores.
    test.setTimeout(120_000)
    // The tutor comments a section.
    const tutorPage = await (await browser.newContext()).newPage()
    await loginAs(tutorPage, { email: tutor.email })
    await tutorPage.goto(`/dossiers/${dossierId}`)
    await hydrated(tutorPage)
    await openSection(tutorPage, 'analyse')
    const analyse = tutorPage.locator('#section-analyse')
    await analyse.getByLabel('Commenter', { exact: true }).focus()
    await tabTo(tutorPage, /^Votre commentaire sur/)
    await tutorPage.keyboard.type('Structurez l’analyse en trois parties.')
    await tabTo(tutorPage, 'Commenter')
    await tutorPage.keyboard.press('Enter')
    await expect(analyse.locator('article[id^="commentaire-"]')).toContainText('Structurez l’analyse en trois parties.')

    // The learner goes from the highlighted passage to its comment (Alt+Entrée), answers, and comes back.
    const learnerPage = await (await browser.newContext()).newPage()
    await loginAs(learnerPage, { email: learner.email })
    await learnerPage.goto(`/dossiers/${dossierId}`)
    await hydrated(learnerPage)
    const consolidation = learnerPage.locator('#section-consolidation')
    await expect(consolidation.locator('.rt-passage')).toHaveText(QUOTE)
    const offset = 'Lumina se distingue par un prix accessible et '.length + 3
    await caretAt(learnerPage, 'consolidation', offset)
    await learnerPage.keyboard.press('Alt+Enter')
    const thread = consolidation.locator('article[id^="commentaire-"]')
    await expect(thread).toBeFocused()
    await tabTo(learnerPage, 'Votre réponse')
    await learnerPage.keyboard.type('Les lampes sont assemblées à Lyon.')
    await tabTo(learnerPage, 'Répondre')
    await learnerPage.keyboard.press('Enter')
    await expect(thread).toContainText('Les lampes sont assemblées à Lyon.')
    await expect(thread.getByLabel('Votre réponse')).toHaveValue('')
    // Once the page's data is fresh, focus goes back to the reply box: only then is the thread settled.
    await expect(thread.getByLabel('Votre réponse')).toBeFocused()
    await thread.focus()
    await tabTo(learnerPage, 'Voir le passage')
    await learnerPage.keyboard.press('Enter')
    await expect(consolidation.locator('.rt-editable')).toBeFocused()
    expect(await learnerPage.evaluate(() => window.getSelection()?.toString())).toBe(QUOTE)
    // « Commentaire suivant » goes through the open comments.
    await learnerPage.getByRole('button', { name: 'Commentaire suivant' }).focus()
    await learnerPage.keyboard.press('Enter')
    await expect(learnerPage.locator('article[id^="commentaire-"]:focus')).toHaveCount(1)
    const first = await learnerPage.evaluate(() => document.activeElement?.id)
    await learnerPage.getByRole('button', { name: 'Commentaire suivant' }).focus()
    await learnerPage.keyboard.press('Enter')
    await expect.poll(() => learnerPage.evaluate(() => document.activeElement?.id)).not.toBe(first)
    await expectNoAxeViolations(learnerPage)

    // The tutor, from the passage in the read-only text, resolves the comment.
    await tutorPage.reload()
    await hydrated(tutorPage)
    await caretAt(tutorPage, 'consolidation', offset)
    await tutorPage.keyboard.press('Alt+Enter')
    const tutorThread = tutorPage.locator('#section-consolidation article[id^="commentaire-"]')
    await expect(tutorThread).toBeFocused()
    await expect(tutorThread).toContainText('Les lampes sont assemblées à Lyon.')
    await tabTo(tutorPage, 'Marquer comme résolu')
    await tutorPage.keyboard.press('Enter')
    await expect(tutorThread).toHaveAttribute('data-status', 'resolved')
    await expect(tutorPage.locator('#section-consolidation .rt-passage')).toHaveCount(0)
  })
})
