/**
 * Waits until `url` answers 2xx (at most 120 s): `tsx scripts/wait-for.ts <url> && …` starts a second app server
 * once the first one has prepared the database (playwright.config.ts).
 */
const url = process.argv[2]
if (!url) throw new Error('usage: tsx scripts/wait-for.ts <url>')
const end = Date.now() + 120_000
for (;;) {
  const ok = await fetch(url).then(
    (response) => response.ok,
    () => false,
  )
  if (ok) break
  if (Date.now() > end) {
    console.error(`${url} ne répond pas.`)
    process.exit(1)
  }
  await new Promise((resolve) => setTimeout(resolve, 250))
}
export {}
