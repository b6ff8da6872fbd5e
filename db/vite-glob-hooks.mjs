/**
 * Node module hooks that give scripts run with tsx (the seed, benchmarks) Vite's
 * `import.meta.glob('./dir/*.ext', { eager: true })`, which only Vite and
 * Vitest understand: templates/dossiers.ts loads the templates that way. The
 * call is replaced, when the module loads, by the object Vite would build:
 * `{ './dir/file.ext': { default: <parsed JSON> } }`. JSON files only, one
 * directory level: what the app uses. Registered by db/vite-glob.ts.
 */
import { Buffer } from 'node:buffer'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const GLOB = /import\.meta\.glob\s*(?:<[^>(]*>)?\(\s*(['"])(\.{1,2}\/[^'"*]*)\*(\.json)\1\s*,\s*\{\s*eager\s*:\s*true\s*,?\s*\}\s*\)/g

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context)
  if (!url.startsWith('file:') || result.source == null) return result
  const source = typeof result.source === 'string' ? result.source : Buffer.from(result.source).toString('utf8')
  if (!source.includes('import.meta.glob')) return result
  const dir = path.dirname(fileURLToPath(url))
  const replaced = source.replace(GLOB, (_match, _quote, prefix, extension) => {
    const folder = path.resolve(dir, prefix)
    const entries = fs
      .readdirSync(folder)
      .filter((name) => name.endsWith(extension))
      .sort()
      .map((name) => `${JSON.stringify(prefix + name)}: { default: ${fs.readFileSync(path.join(folder, name), 'utf8')} }`)
    return `({ ${entries.join(',\n')} })`
  })
  return { ...result, source: replaced }
}
