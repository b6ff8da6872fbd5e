/** Settings shared by playwright.config.ts and the e2e fixtures. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100)
export const E2E_DATABASE = 'data/e2e.db'
export const E2E_SECRET = 'e2e-session-secret'
