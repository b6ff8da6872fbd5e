/**
 * Client JavaScript per route, gzip-compressed: the entry, the root and the
 * route's own chunks (with everything they import), read from the Remix
 * manifest of the production build. Prints one line per page route, then
 * the chunks loaded on demand (dynamic imports: charts, read-only rich text)
 * with what they add to the page that loads them.
 *
 *   npm run bench:bundle
 */
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

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
const onDemand: { chunk: string; route: string; kb: number }[] = []
for (const route of Object.values(manifest.routes)) {
  if (route.id === 'root') continue
  const assets = closure([...base, route.module, ...(route.imports ?? [])])
  const bytes = [...assets].reduce((sum, a) => sum + size(a), 0)
  // Resource routes (no UI) have an empty client module.
  if (fs.readFileSync(path.join(dir, route.module), 'utf8').trim().length === 0) continue
  rows.push({ route: `/${route.path ?? ''}`, kb: bytes / 1024 })
  for (const lazy of new Set([...assets].flatMap(dynamicImportsOf))) {
    const extra = [...closure([lazy])].filter((a) => !assets.has(a)).reduce((sum, a) => sum + size(a), 0)
    onDemand.push({ chunk: path.basename(lazy).replace(/-[\w-]{8}\.js$/, ''), route: `/${route.path ?? ''}`, kb: extra / 1024 })
  }
}
rows.sort((a, b) => b.kb - a.kb)
const width = Math.max(...rows.map((r) => r.route.length))
for (const r of rows) console.log(`${r.route.padEnd(width)}  ${r.kb.toFixed(1).padStart(6)} KB gzip`)
if (onDemand.length) {
  console.log('\nLoaded on demand, on top of the route (charts, rich text outside the editor):')
  onDemand.sort((a, b) => a.chunk.localeCompare(b.chunk) || b.kb - a.kb)
  for (const o of onDemand) console.log(`  ${`${o.chunk} on ${o.route}`.padEnd(width + 22)}  +${o.kb.toFixed(1).padStart(5)} KB gzip`)
}
