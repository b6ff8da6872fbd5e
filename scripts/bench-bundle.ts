/**
 * Client JavaScript per route, gzip-compressed: the entry, the root and the
 * route's own chunks (with everything they import), read from the Remix
 * manifest of the production build. Prints one line per page route; then
 * the dossier page of each template with the definitions and editors of the
 * field kinds it uses (each a chunk loaded on demand); then the other chunks
 * loaded on demand (charts, read-only rich text). Fails when a page is over
 * its budget: a dossier page with its editors 300 KB, the jury's grid (a
 * workbench too: the snapshot's views, the grid, evidence anchoring; its
 * read-only editors load later) 120 KB, any other page 100 KB.
 *
 *   npm run bench:bundle
 */
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { dossierTemplates } from '#templates/dossiers'

const DOSSIER_BUDGET_KB = 300
const PAGE_BUDGET_KB = 100
const WORKBENCH_BUDGET_KB: Record<string, number> = { '/jury/copies/:assignmentId': 120 }

const dir = 'build/client'
const manifestFile = fs.readdirSync(path.join(dir, 'assets')).find((f) => /^manifest-.*\.js$/.test(f))
if (!manifestFile) throw new Error('No Remix manifest: run `npm run build` first.')
const source = fs.readFileSync(path.join(dir, 'assets', manifestFile), 'utf8')
type Entry = { module: string; imports?: string[] }
const manifest = JSON.parse(source.replace(/^window\.__remixManifest=/, '').replace(/;\s*$/, '')) as {
  entry: Entry
  routes: Record<string, Entry & { id: string; path?: string; index?: boolean; hasLoader: boolean; hasAction: boolean; hasDefaultExport?: boolean }>
}

const gz = new Map<string, number>()
const size = (asset: string) => {
  if (!gz.has(asset)) gz.set(asset, gzipSync(fs.readFileSync(path.join(dir, asset))).length)
  return gz.get(asset)!
}
/** Static imports of a chunk, found in its code (Vite writes them as `from"./x.js"`). */
const importsOf = (asset: string): string[] => {
  const code = fs.readFileSync(path.join(dir, asset), 'utf8')
  return [...code.matchAll(/from\s*"\.\/([^"]+\.js)"/g)].map((m) => `/assets/${m[1]}`)
}
const closure = (start: string[]) => {
  const seen = new Set<string>()
  const stack = [...start]
  while (stack.length) {
    const a = stack.pop()!
    if (seen.has(a)) continue
    seen.add(a)
    stack.push(...importsOf(a))
  }
  return seen
}

const base = [manifest.entry.module, ...(manifest.entry.imports ?? []), manifest.routes.root!.module, ...(manifest.routes.root!.imports ?? [])]
/** Chunks a chunk may load later (Vite writes them as `import("./x.js")`). */
const dynamicImportsOf = (asset: string): string[] => {
  const code = fs.readFileSync(path.join(dir, asset), 'utf8')
  return [...code.matchAll(/import\("\.\/([^"]+\.js)"\)/g)].map((m) => `/assets/${m[1]}`)
}

const rows: { route: string; kb: number }[] = []
for (const route of Object.values(manifest.routes)) {
  if (route.id === 'root') continue
  const assets = closure([...base, route.module, ...(route.imports ?? [])])
  const bytes = [...assets].reduce((sum, a) => sum + size(a), 0)
  // Resource routes (no UI) have an empty client module.
  if (fs.readFileSync(path.join(dir, route.module), 'utf8').trim().length === 0) continue
  rows.push({ route: `/${route.path ?? ''}`, kb: bytes / 1024 })
}
rows.sort((a, b) => b.kb - a.kb)
const width = Math.max(...rows.map((r) => r.route.length))
for (const r of rows) console.log(`${r.route.padEnd(width)}  ${r.kb.toFixed(1).padStart(6)} KB gzip`)

// The dossier page of each template: the route, plus the editors of the kinds its sections use.
const vite = JSON.parse(fs.readFileSync('build/.vite/client-manifest.json', 'utf8')) as Record<string, { file: string }>
const dossierRoute = Object.values(manifest.routes).find((r) => r.path === 'dossiers/:dossierId')!
const dossierAssets = closure([...base, dossierRoute.module, ...(dossierRoute.imports ?? [])])
const folder = (kind: string) => kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
/**
 * The chunk of each kind's definition, read from registry.on-demand.ts's
 * loaders in the built code (`mix:()=>…import("./definition-x.js")`): Rollup
 * may merge a definition into a chunk it shares with the kind's view, which
 * the Vite manifest then names after no source.
 */
const definitionChunks = new Map(
  fs
    .readdirSync(path.join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .flatMap((f) => [...fs.readFileSync(path.join(dir, 'assets', f), 'utf8').matchAll(/(\w+):\(\)=>\w+\(\(\)=>import\("\.\/(definition-[\w-]+\.js)"\)/g)])
    .map((m) => [m[1]!, `/assets/${m[2]}`]),
)
const kindChunk = (kind: string, part: 'editor' | 'view' | 'definition') => {
  if (part === 'definition') {
    const chunk = definitionChunks.get(kind)
    if (!chunk) throw new Error(`No chunk for the ${kind} definition in the on-demand registry`)
    return chunk
  }
  const entry = vite[`app/kinds/${folder(kind)}/${part}.tsx`]
  if (!entry) throw new Error(`No chunk for the ${kind} ${part} in the Vite manifest`)
  return `/${entry.file}`
}
// Specialised kinds are edited in focus mode: the dossier page loads their view, the focus route their editor.
const FOCUS_KINDS = new Set([
  'persona',
  'smart',
  'mix',
  'retroplanning',
  'kpi',
  'positioningMap',
  'meetingMinutes',
  'leadFunnel',
  'mediaPlan',
  'budget',
  'experienceMap',
  'oralSupport',
])
const focusRoute = Object.values(manifest.routes).find((r) => r.path === 'dossiers/:dossierId/sections/:sectionId')!
const focusAssets = closure([...base, focusRoute.module, ...(focusRoute.imports ?? [])])
const pages = dossierTemplates.flatMap((t) => {
  const kinds = [...new Set(t.sections.map((s) => s.field.kind))]
  // Each kind's definition loads with the page (registry.on-demand.ts), its editor or view when a section opens.
  const assets = new Set([
    ...dossierAssets,
    ...kinds.flatMap((k) => [...closure([kindChunk(k, 'definition'), kindChunk(k, FOCUS_KINDS.has(k) ? 'view' : 'editor')])]),
  ])
  const page = { template: t.id, kinds, kb: [...assets].reduce((sum, a) => sum + size(a), 0) / 1024 }
  const focused = kinds
    .filter((k) => FOCUS_KINDS.has(k))
    .map((k) => {
      const withEditor = new Set([...focusAssets, ...closure([kindChunk(k, 'definition'), kindChunk(k, 'editor')])])
      return { template: `${t.id} (focus ${k})`, kinds: [k], kb: [...withEditor].reduce((sum, a) => sum + size(a), 0) / 1024 }
    })
  return [page, ...focused]
})
pages.sort((a, b) => b.kb - a.kb)
console.log('\nDossier page with the editors (views for specialised kinds) of its kinds, by template; focus mode with each specialised editor:')
const tw = Math.max(...pages.map((p) => p.template.length))
for (const p of pages) console.log(`  ${p.template.padEnd(tw)}  ${p.kb.toFixed(1).padStart(6)} KB gzip  (${p.kinds.join(', ')})`)

// What the editors load later on top of that (charts, read-only rich text), once per chunk.
const editors = new Set(
  Object.keys(vite)
    .filter((k) => /^app\/kinds\/[^/]+\/(editor|view)\.tsx$/.test(k))
    .map((k) => `/${vite[k]!.file}`)
    .concat([...definitionChunks.values()]),
)
const withEditors = new Set([...dossierAssets, ...[...editors].flatMap((e) => [...closure([e])])])
const later = new Set([...withEditors].flatMap(dynamicImportsOf).filter((c) => !editors.has(c) && !withEditors.has(c)))
console.log('\nLoaded later, on top of the dossier page and its editors (charts, rich text outside the editor):')
for (const chunk of later) {
  const extra = [...closure([chunk])].filter((a) => !withEditors.has(a)).reduce((sum, a) => sum + size(a), 0)
  console.log(
    `  ${path
      .basename(chunk)
      .replace(/-[\w-]{8}\.js$/, '')
      .padEnd(tw)}  +${(extra / 1024).toFixed(1).padStart(5)} KB gzip`,
  )
}

const over = [
  ...pages.filter((p) => p.kb > DOSSIER_BUDGET_KB).map((p) => `dossier ${p.template}: ${p.kb.toFixed(1)} KB > ${DOSSIER_BUDGET_KB} KB`),
  ...rows
    .filter(
      (r) =>
        r.route !== '/dossiers/:dossierId' && r.route !== '/dossiers/:dossierId/sections/:sectionId' && r.kb > (WORKBENCH_BUDGET_KB[r.route] ?? PAGE_BUDGET_KB),
    )
    .map((r) => `${r.route}: ${r.kb.toFixed(1)} KB > ${WORKBENCH_BUDGET_KB[r.route] ?? PAGE_BUDGET_KB} KB`),
]
console.log(
  over.length
    ? `\nOver budget:\n  ${over.join('\n  ')}`
    : `\nBudgets met: dossier pages ≤ ${DOSSIER_BUDGET_KB} KB, the jury's grid ≤ ${WORKBENCH_BUDGET_KB['/jury/copies/:assignmentId']} KB, other pages ≤ ${PAGE_BUDGET_KB} KB (gzip).`,
)
if (over.length) process.exitCode = 1
