/**
 * Checks every write before any route sees it, in one place (server.ts mounts them):
 * - it comes from a page of this site (Origin / Sec-Fetch-Site), and the JSON API gets JSON;
 * - its body stays under a cap, enforced while the body streams in.
 * A refused page request gets a French HTML page, an API request a French JSON `{ error }`.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { MAX_CASE_FILE_BYTES } from '../app/domain/case-material'
import { IMPORT_MAX_BYTES } from '../app/domain/cohort-import'
import { ATTACHMENT_TOO_LARGE, MAX_ATTACHMENT_BYTES } from '../app/domain/attachments'
import { MAX_IMAGE_BYTES } from '../app/domain/images'

const SAFE_METHODS = new Set(['GET', 'HEAD'])

/** Bodies of refused requests are still read (and dropped) up to this size, so the client gets the answer instead of a reset. */
export const DRAIN_BYTES = 16 * 1024 * 1024

/** Size of one section's autosave body (app/routes/api.dossiers.$dossierId.sections.$sectionId.ts checks it too). */
export const MAX_SECTION_BODY_BYTES = 1_000_000

/** The path as the router sees it: decoded and lower-cased (Remix matches routes case-insensitively). */
function routePath(req: Request): string {
  try {
    return decodeURIComponent(req.path).toLowerCase()
  } catch {
    return req.path.toLowerCase()
  }
}

export const isApiPath = (path: string) => path.startsWith('/api/')
const IMAGE_UPLOAD = /^\/api\/dossiers\/[^/]+\/images\/?$/
const ATTACHMENT_UPLOAD = /^\/api\/dossiers\/[^/]+\/pieces-jointes\/?$/
const SECTION_SAVE = /^\/api\/dossiers\/[^/]+\/sections\/[^/]+\/?$/
/** The cohort import: the file itself, then (confirmation) the same file again in base64. */
const COHORT_IMPORT = /^\/admin\/sessions\/[^/]+\/inscriptions(\.data)?\/?$/
/** The documents of a session's cases: a file of 20 MB at most, sent as multipart. */
const CASE_FILE_UPLOAD = /^\/admin\/sessions\/[^/]+\/documents(\.data)?\/?$/
const LOGIN = /^\/connexion(\.data)?\/?$/

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A standalone French error page with the app's stylesheet, in the look of the root ErrorBoundary. */
export function errorPage(title: string, message: string, stylesheet: string | null): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Atelier</title>
${stylesheet ? `<link rel="stylesheet" href="${escapeHtml(stylesheet)}">` : ''}
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<header class="site-header"><div class="site-header__inner">
<a href="/" class="brand"><span class="brand__mark" aria-hidden="true">A</span><span class="brand__name">Atelier</span></a>
</div></header>
<main id="contenu" class="page">
<div class="error-page">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/" class="button">Revenir à l’accueil</a></p>
</div>
</main>
</body>
</html>
`
}

export type Refuse = (req: Request, res: Response, status: number, refusal: { title: string; message: string }) => void

/** Answers a refusal: JSON `{ error }` for the API, an HTML page otherwise. */
export function refuser(stylesheet: string | null): Refuse {
  return (req, res, status, { title, message }) => {
    if (res.headersSent) return
    if (isApiPath(routePath(req))) res.status(status).json({ error: message })
    else
      res
        .status(status)
        .type('html')
        .send(errorPage(title, message, stylesheet))
  }
}

/** The host the browser addressed: X-Forwarded-Host only behind a trusted proxy. */
export function requestHost(req: Request, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? req.get('X-Forwarded-Host')?.split(',')[0]?.trim() : undefined
  return forwarded || req.get('Host')
}

/**
 * True when the request comes from this site. Browsers send Origin with every cross-origin
 * POST (`null` from opaque origins); a request without Origin is accepted only when
 * Sec-Fetch-Site is absent (curl, server to server) or says same-origin / none (typed by the user).
 */
export function isSameOrigin(req: Request, trustProxy: boolean): boolean {
  const origin = req.get('Origin')
  if (origin === undefined) {
    const site = req.get('Sec-Fetch-Site')
    return site === undefined || site === 'same-origin' || site === 'none'
  }
  const host = requestHost(req, trustProxy)
  if (!host) return false
  try {
    const from = new URL(origin)
    if (from.protocol !== 'http:' && from.protocol !== 'https:') return false
    return new URL(`${from.protocol}//${host}`).host === from.host
  } catch {
    return false
  }
}

const mediaType = (req: Request) => (req.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()

/** Refuses writes from other sites (403) and non-JSON bodies on the JSON API (415; uploads of images and evidence files are multipart). */
export function sameOriginWrites({ trustProxy, refuse }: { trustProxy: boolean; refuse: Refuse }): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next()
    const path = routePath(req)
    if (!isSameOrigin(req, trustProxy)) {
      return refuse(req, res, 403, {
        title: 'Requête refusée',
        message: isApiPath(path)
          ? 'Cette requête vient d’un autre site : elle a été refusée.'
          : 'Cette action a été envoyée depuis un autre site : elle a été refusée pour protéger votre compte. ' +
            'Si elle venait de vous, revenez à l’Atelier et recommencez depuis ses pages.',
      })
    }
    if (isApiPath(path) && !IMAGE_UPLOAD.test(path) && !ATTACHMENT_UPLOAD.test(path) && mediaType(req) !== 'application/json') {
      return refuse(req, res, 415, {
        title: 'Format refusé',
        message: 'Cette adresse n’accepte que du JSON (en-tête Content-Type: application/json).',
      })
    }
    next()
  }
}

export type BodyCap = { bytes: number; message: string }

/** The largest body each kind of write may send. */
export function bodyCapFor(req: Request): BodyCap {
  const path = routePath(req)
  if (IMAGE_UPLOAD.test(path)) return { bytes: MAX_IMAGE_BYTES + 64 * 1024, message: 'L’image dépasse 2 Mo : réduisez-la avant de l’insérer.' }
  if (ATTACHMENT_UPLOAD.test(path)) return { bytes: MAX_ATTACHMENT_BYTES + 64 * 1024, message: ATTACHMENT_TOO_LARGE }
  if (SECTION_SAVE.test(path)) {
    return { bytes: MAX_SECTION_BODY_BYTES, message: 'Le contenu dépasse la taille maximale d’une section (1 Mo). Scindez-le ou allégez les images.' }
  }
  if (COHORT_IMPORT.test(path)) {
    return {
      bytes: Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 64 * 1024,
      message: 'Le fichier dépasse 5\u00a0Mo\u00a0: scindez la promotion en plusieurs fichiers.',
    }
  }
  if (CASE_FILE_UPLOAD.test(path)) {
    return {
      bytes: MAX_CASE_FILE_BYTES + 256 * 1024,
      message: 'Le fichier dépasse 20\u00a0Mo\u00a0: compressez le PDF ou scindez le document, puis joignez-le de nouveau.',
    }
  }
  if (LOGIN.test(path)) return { bytes: 16 * 1024, message: 'La demande de connexion est trop volumineuse.' }
  if (isApiPath(path)) return { bytes: 64 * 1024, message: 'La requête est trop volumineuse (64\u00a0Ko au maximum).' }
  return { bytes: 64 * 1024, message: 'Le formulaire envoyé est trop volumineux (64\u00a0Ko au maximum) : raccourcissez-le et réessayez.' }
}

/** What a route reading a refused body gets; the server has already answered 413. */
export class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError'
  status = 413
}

/**
 * Caps every request body while it is read. A declared Content-Length over the cap is
 * refused before the body is read; a chunked body is counted as it streams (the `data`
 * events through which Remix's Express adapter reads `req`), and the route reading it
 * gets an error instead of the chunk that goes over the cap. Refused bodies are dropped
 * (never kept) up to DRAIN_BYTES, then the connection is cut.
 */
export function limitBodies({ capFor = bodyCapFor, refuse }: { capFor?: (req: Request) => BodyCap; refuse: Refuse }): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next()
    const cap = capFor(req)
    const tooLarge = { title: 'Contenu trop volumineux', message: cap.message }
    const declared = req.get('Content-Length')
    if (declared !== undefined) {
      // Node's HTTP parser never reads more than the declared length.
      const length = Number(declared)
      if (length <= cap.bytes) return next()
      res.locals.bodyRefused = true
      // Node drops the unread rest of the body; beyond DRAIN_BYTES the connection is closed instead.
      if (length > DRAIN_BYTES) res.setHeader('Connection', 'close')
      return refuse(req, res, 413, tooLarge)
    }
    let received = 0
    const emit = req.emit
    req.emit = function (this: Request, event: string | symbol, ...args: unknown[]) {
      if (event !== 'data') return emit.call(this, event, ...args)
      received += (args[0] as Buffer).length
      if (res.locals.bodyRefused) {
        if (received > cap.bytes + DRAIN_BYTES) req.socket.destroy()
        return false
      }
      if (received <= cap.bytes) return emit.call(this, event, ...args)
      res.locals.bodyRefused = true
      if (res.headersSent) {
        req.socket.destroy()
        return false
      }
      refuse(req, res, 413, tooLarge)
      // The route reading the body fails instead of seeing a truncated body; what follows is dropped.
      if (this.listenerCount('error') > 0) emit.call(this, 'error', new PayloadTooLargeError(cap.message))
      req.resume()
      return false
    } as typeof req.emit
    next()
  }
}

/** After a refusal the route may still fail on the body it could not read: that answer is already sent. */
export function ignoreRefusedBodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction) {
  if (res.locals.bodyRefused) return
  next(error)
}
