import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type express from 'express'

/** Serves an Express app on a free port for one test file. */
export async function listen(app: express.Express) {
  const server = http.createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  return { port, base: `http://127.0.0.1:${port}`, close }
}
