import { defineConfig, devices } from '@playwright/test'

import { isPostgresUrl } from './db/dialect'
import { E2E_DATABASE, E2E_PORT, E2E_SECRET } from './tests/e2e/env'

const SEED_FILE = 'data/e2e-seed.db'

/**
 * e2e tests drive Debian's chromium (Playwright cannot download browsers here)
 * against the production build, served on its own port with its own database.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/artifacts',
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: Boolean(process.env.CI),
  // On CI, a test that fails is run once more and reported « flaky » if it then passes (see the stop notes:
  // grid.spec's add-a-row focus lost on loaded 2-core runs is one, still to be understood).
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // On PostgreSQL (scripts/e2e-postgres.ts), the demo is seeded into SQLite, then moved up with db:copy, as a school would.
    command: isPostgresUrl(E2E_DATABASE)
      ? `rm -f ${SEED_FILE} ${SEED_FILE}-wal ${SEED_FILE}-shm && DATABASE_URL=${SEED_FILE} tsx db/seed.ts && tsx db/copy-cli.ts --from ${SEED_FILE} --to ${E2E_DATABASE} > /dev/null && tsx server.ts`
      : `rm -f ${E2E_DATABASE} ${E2E_DATABASE}-wal ${E2E_DATABASE}-shm && tsx db/seed.ts && tsx server.ts`,
    url: `http://localhost:${E2E_PORT}/connexion`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(E2E_PORT),
      DATABASE_URL: E2E_DATABASE,
      SESSION_SECRET: E2E_SECRET,
      RATE_LIMIT_FACTOR: '100',
    },
  },
})
