/**
 * Import this module first in a script run with tsx that reaches
 * templates/dossiers.ts (through the templates or submissions services): it
 * registers db/vite-glob-hooks.mjs, so that Vite's `import.meta.glob` works
 * there too. Modules imported after it (dynamically) see the hook.
 */
import { register } from 'node:module'

register('./vite-glob-hooks.mjs', import.meta.url)
