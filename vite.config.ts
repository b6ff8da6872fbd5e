import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vitest/config'
import tsconfigPaths from 'vite-tsconfig-paths'
import remixConfig from './remix.config.js'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  plugins: [!process.env.VITEST && remix(remixConfig), tsconfigPaths()],
  optimizeDeps: { include: ['react', 'react-dom'] },
  // Kept for bench:bundle, which reads which chunk holds each kind's editor (Remix moves it to build/.vite, outside what is served).
  build: { manifest: true },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'templates/**/*.test.ts', 'db/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
    // `npm run test:unit:pg`: the same service tests on a PostgreSQL server (issue 18).
    globalSetup: process.env.TEST_DATABASE === 'postgres' ? ['tests/unit/pg-global-setup.ts'] : [],
  },
})
