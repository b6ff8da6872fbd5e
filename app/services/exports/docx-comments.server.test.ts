import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { templatesById } from '#templates/dossiers'
import type { PassageSelectors } from '~/domain/annotation'
import { describePassage } from '~/domain/anchoring'
import { anchoringText } from '~/kinds/rich-text/anchoring'
import type { RichTextDoc } from '~/kinds/rich-text/rich-text'
import { sanitize } from '~/kinds/rich-text/sanitize'
import { initialsOf, type ExportThread } from './docx-comments.server'
import { dossiersToDocx } from './docx.server'
import type { DossierExport } from './model.server'

/**
 * The Word export with comments (`?commentaires=1`): each thread is a real Word
 * comment (comments.xml) whose range (document.xml) covers its passage, its
 * criterion's row, or its section heading.
 */
const run = promisify(execFile)
const a3 = templatesById.get('cas-pratique-a3')!
const section = (id: string) => a3.sections.find((s) => s.id === id)!

const text = (t: string) => ({ type: 'text', text: t })
const p = (t: string) => ({ type: 'paragraph', content: [text(t)] })
const cellOf = (t: string) => ({ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [p(t)] })
const DOC = {
  type: 'doc',
  content: [
    p('Les acheteuses fidèles préfèrent les produits locaux.'),
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [p('Achat en ligne le soir')] },
        { type: 'listItem', content: [p('Marché le samedi')] },
      ],
    },
    { type: 'table', content: [{ type: 'tableRow', content: [cellOf('Urbaines actives'), cellOf('40 %')] }] },
    p('Conclusion provisoire.'),
  ],
} as unknown as RichTextDoc
const anchoring = anchoringText(sanitize(DOC))
const at = (exact: string): PassageSelectors => {
  const start = anchoring.indexOf(exact)
  if (start < 0) throw new Error(`« ${exact} » absent`)
  return describePassage(anchoring, start, start + exact.length)
}

const T0 = Date.parse('2027-03-02T09:00:00Z')
const DAY = 86_400_000
let n = 0
function thread(partial: Partial<ExportThread> & Pick<ExportThread, 'target'>, ...bodies: (string | null)[]): ExportThread {
  n++
  return {
    id: `fil-${n}`,
    sectionId: null,
    criterionId: null,
    itemId: null,
    itemLabel: null,
    selectors: null,
    status: 'open',
    createdAt: T0 + n * 1000,
    authorName: 'Paul Tuteur',
    messages: bodies.map((body, i) => ({
      authorName: i % 2 ? 'Chloé Lefèvre' : 'Paul Tuteur',
      body: body ?? '',
      deleted: body === null,
      createdAt: T0 + n * 1000 + i * DAY,
    })),
    ...partial,
  }
}

const THREADS = {
  passage: thread({ target: 'passage', sectionId: 'attitudes-comportements', selectors: at('fidèles préfèrent') }, 'Lesquelles ?', 'Celles du panel.'),
  inList: thread({ target: 'passage', sectionId: 'attitudes-comportements', selectors: at('en ligne') }, 'Sur quel site ?'),
  inCell: thread({ target: 'passage', sectionId: 'attitudes-comportements', selectors: at('Urbaines') }, 'Définissez « urbaines ».'),
  across: thread({ target: 'passage', sectionId: 'attitudes-comportements', selectors: at('soirMarché') }, 'Deux habitudes distinctes.'),
  lost: thread(
    {
      target: 'passage',
      sectionId: 'attitudes-comportements',
      selectors: [
        { type: 'TextQuoteSelector', exact: 'une phrase que la candidate a supprimée', prefix: 'Avant ', suffix: ' après' },
        { type: 'TextPositionSelector', start: 400, end: 439 },
      ],
    },
    'Pourquoi l’avoir retirée ?',
  ),
  resolved: thread(
    { target: 'section', sectionId: 'attitudes-comportements', status: 'resolved' },
    'Ajoutez une source.',
    null,
    'C’est fait.\nVoir la note 2.',
  ),
  item: thread({ target: 'item', sectionId: 'cible', itemId: 'row-coeur1', itemLabel: 'Ligne 1 — Cœur de cible' }, 'Chiffrez la taille.'),
  goneItem: thread({ target: 'item', sectionId: 'cible', itemId: 'row-oldrow', itemLabel: 'Ligne 2 — Prescripteurs' }, 'Qui sont-ils ?'),
  criterion: thread({ target: 'criterion', criterionId: 'C3.1-4' }, 'Critère à justifier.'),
}

function model(threads: ExportThread[] | undefined): DossierExport {
  return {
    dossierId: 'dossier-1',
    title: a3.title,
    evaluationId: a3.evaluationId,
    evaluationTitle: a3.title,
    candidate: 'Chloé Lefèvre',
    members: [],
    sessionName: 'Session de printemps 2027',
    competencies: [],
    generatedAt: new Date('2027-03-15T10:00:00Z'),
    sections: [
      { section: section('attitudes-comportements'), value: DOC },
      { section: section('cible'), value: { rows: [{ id: 'row-coeur1', cells: { niveau: 'Cœur de cible', description: 'Actives urbaines', taille: 1200 } }] } },
      { section: section('inclusion'), value: { type: 'doc', content: [{ type: 'paragraph' }] } },
    ],
    selfAssessment: [
      {
        competencyId: 'C3.1',
        heading: 'Analyser la cible',
        criteria: [{ id: 'C3.1-4', text: 'Les attitudes sont décrites', status: 'in_progress', statusLabel: 'En cours', justification: '' }],
      },
    ],
    objectives: new Map(),
    images: new Map(),
    ...(threads ? { comments: threads } : {}),
  }
}

const unescape = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&apos;/g, '’')
const textOf = (xml: string) => unescape([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))

async function open(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer)
  const xml = await zip.file('word/document.xml')!.async('string')
  const commentsXml = (await zip.file('word/comments.xml')?.async('string')) ?? null
  /** Each comment of comments.xml: its id, author, initials and text (paragraphs joined by ¶). */
  const comments = [...(commentsXml ?? '').matchAll(/<w:comment ([^>]*)>(.*?)<\/w:comment>/gs)].map((m) => ({
    id: Number(/w:id="(\d+)"/.exec(m[1]!)![1]),
    author: /w:author="([^"]*)"/.exec(m[1]!)![1],
    initials: /w:initials="([^"]*)"/.exec(m[1]!)?.[1],
    text: [...m[2]!.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((pm) => textOf(pm[0])).join('¶'),
    /** The same with no-break spaces as plain ones, for readable expectations. */
    plain: [...m[2]!.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((pm) => textOf(pm[0]).replace(/[\u00a0\u202f]/g, ' ')).join('¶'),
  }))
  /** The document text inside comment `id`'s range. */
  const around = (id: number) => {
    const start = xml.indexOf(`<w:commentRangeStart w:id="${id}"/>`)
    const end = xml.indexOf(`<w:commentRangeEnd w:id="${id}"/>`)
    expect(start, `range start of ${id}`).toBeGreaterThanOrEqual(0)
    expect(end, `range end of ${id}`).toBeGreaterThan(start)
    expect(xml.indexOf(`<w:commentReference w:id="${id}"/>`), `reference of ${id}`).toBeGreaterThan(end)
    return textOf(xml.slice(start, end))
  }
  const byBody = (fragment: string) => {
    const found = comments.filter((c) => c.text.includes(fragment))
    expect(found, fragment).toHaveLength(1)
    return found[0]!
  }
  return { xml, commentsXml, comments, around, byBody, files: Object.keys(zip.files) }
}

const hasSoffice = await run('sh', ['-c', 'command -v soffice && command -v pdftotext']).then(
  () => true,
  () => false,
)

describe('Word export with comments', () => {
  it('writes each thread as a Word comment on its passage, row or heading', async () => {
    const file = await open(await dossiersToDocx([model(Object.values(THREADS))], a3.title, a3.title))
    expect(file.comments).toHaveLength(Object.keys(THREADS).length)
    expect(new Set(file.comments.map((c) => c.id)).size).toBe(file.comments.length)

    // Passages, on their words: in a paragraph, a list item, a table cell, and from one list item to the next.
    expect(file.around(file.byBody('Lesquelles ?').id)).toBe('fidèles préfèrent')
    expect(file.around(file.byBody('Sur quel site ?').id)).toBe('en ligne')
    expect(file.around(file.byBody('Définissez').id)).toBe('Urbaines')
    expect(file.around(file.byBody('Deux habitudes').id)).toBe('soirMarché')
    const across = file.byBody('Deux habitudes').id
    // Its range starts in one paragraph and ends in the next.
    const paragraphOf = (marker: string) => {
      const i = file.xml.indexOf(marker)
      return Math.max(file.xml.lastIndexOf('<w:p>', i), file.xml.lastIndexOf('<w:p ', i))
    }
    expect(paragraphOf(`<w:commentRangeStart w:id="${across}"/>`)).not.toBe(paragraphOf(`<w:commentRangeEnd w:id="${across}"/>`))

    // The whole thread: first message, replies with their author and date, a deleted message, the resolved marker.
    const passage = file.byBody('Lesquelles ?')
    expect(passage.author).toBe('Paul Tuteur')
    expect(passage.initials).toBe('PT')
    expect(passage.plain).toBe('Lesquelles ?¶Réponse de Chloé Lefèvre (3 mars 2027) : Celles du panel.')
    // French typography: a no-break space before the colon.
    expect(passage.text).toMatch(/\)[\u00a0\u202f]: Celles/)
    const resolved = file.byBody('Ajoutez une source.')
    expect(resolved.plain).toBe(
      '[résolu]¶Ajoutez une source.¶Réponse de Chloé Lefèvre (3 mars 2027) : message supprimé¶Réponse de Paul Tuteur (4 mars 2027) : C’est fait.¶Voir la note 2.',
    )

    // On the section heading: the section itself, a passage no longer found (with its quote), items (a deleted one said so).
    expect(file.around(resolved.id)).toBe('Attitudes et comportements')
    const lost = file.byBody('Pourquoi l’avoir retirée ?')
    expect(lost.plain).toBe('Passage modifié ou supprimé : “une phrase que la candidate a supprimée”¶Pourquoi l’avoir retirée ?')
    expect(file.around(lost.id)).toBe(file.around(resolved.id))
    const item = file.byBody('Chiffrez la taille.')
    expect(item.plain).toBe('Sur : Ligne 1 — Cœur de cible¶Chiffrez la taille.')
    expect(file.around(item.id)).toBe('Cible retenue')
    expect(file.byBody('Qui sont-ils ?').plain).toBe('Sur : Ligne 2 — Prescripteurs (élément supprimé)¶Qui sont-ils ?')

    // A criterion, on its row of the self-assessment appendix.
    const criterion = file.byBody('Critère à justifier.')
    expect(file.around(criterion.id)).toBe('C3.1-4')
    expect(criterion.text).toBe('Critère à justifier.')
  })

  it('puts a criterion on the section heading in a one-section export, with the threads of that section only', async () => {
    const file = await open(await dossiersToDocx([model(Object.values(THREADS))], a3.title, a3.title, { sectionId: 'attitudes-comportements' }))
    const criterion = file.byBody('Critère à justifier.')
    expect(criterion.plain).toBe('Sur : critère C3.1-4¶Critère à justifier.')
    expect(file.around(criterion.id)).toBe('Attitudes et comportements')
    expect(file.comments.some((c) => c.text.includes('Chiffrez'))).toBe(false)
    expect(file.around(file.byBody('Lesquelles ?').id)).toBe('fidèles préfèrent')
  })

  it('writes no comments by default, and the same document text', async () => {
    const plain = await open(await dossiersToDocx([model(undefined)], a3.title, a3.title))
    const none = await open(await dossiersToDocx([model([])], a3.title, a3.title))
    const withComments = await open(await dossiersToDocx([model(Object.values(THREADS))], a3.title, a3.title))
    expect(plain.commentsXml).toBeNull()
    expect(plain.xml).not.toContain('comment')
    // The same document (bookmark ids count up across documents).
    const ids = (xml: string) => xml.replace(/ w:id="\d+"/g, '')
    expect(ids(none.xml)).toBe(ids(plain.xml))
    expect(textOf(withComments.xml)).toBe(textOf(plain.xml))
  })

  it('gives authors their initials', () => {
    expect(initialsOf('Chloé Lefèvre')).toBe('CL')
    expect(initialsOf('Jean-Pierre N’Diaye')).toBe('JPN')
    expect(initialsOf('')).toBe('?')
  })

  it.skipIf(!hasSoffice && !process.env.CI)(
    'opens in LibreOffice: a document with comments converts to PDF',
    async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-docx-comments-'))
      try {
        const docx = path.join(out, 'commentaires.docx')
        fs.writeFileSync(docx, await dossiersToDocx([model(Object.values(THREADS))], a3.title, a3.title))
        await run('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, docx], {
          timeout: 120_000,
        })
        const { stdout } = await run('pdftotext', [path.join(out, 'commentaires.pdf'), '-'])
        expect(stdout).toContain('fidèles préfèrent')
        expect(stdout).toContain('Urbaines actives')
      } finally {
        fs.rmSync(out, { recursive: true, force: true })
      }
    },
    180_000,
  )
})
