import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { definitions } from './kinds/registry'
import { provideDefinitions } from './kinds/registry.on-demand'
import { NonceProvider } from './nonce'
import { loggable } from './services/loggable.server'

// Pages that load field kinds on demand in the browser find them all at hand on the server.
provideDefinitions(definitions)

const ABORT_DELAY = 5_000
export const streamTimeout = ABORT_DELAY

/** The collaboration server of group dossiers, mounted by server.ts on its HTTP server (issue 17 §1). */
export { mountCollaboration } from '~/services/collaboration-socket.server'

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce
  const callback = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [callback]() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(loggable(error))
        },
      },
    )
    setTimeout(abort, ABORT_DELAY + 1000)
  })
}

/**
 * Logs server errors, except aborted requests, « no route matches » (a plain 404) and bodies
 * the server cut at their size cap (server/http-guards.ts has already answered 413).
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  if (error instanceof Error && error.name === 'PayloadTooLargeError') return
  if (isRouteErrorResponse(error) && error.status === 404) return
  console.error(loggable(error))
}
