import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/services/auth.server'
import { DataProtectionError, learnerExport } from '~/services/data-protection.server'

/** « Donnees-Zoe-Lefevre »: an ASCII file name for clients that do not read `filename*`. */
function asciiName(title: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
  return `${base || 'donnees'}.zip`
}

/**
 * Everything the app holds about one learner, as a zip (donnees.json, their
 * files, a README): admins only; written to the audit log. An unknown account
 * is 404; an account that is not a learner's, or is anonymised, 409.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, 'read:user:any')
  try {
    const { zip, title } = await learnerExport(admin, params.userId ?? '')
    return new Response(new Uint8Array(zip), {
      headers: {
        'Content-Type': 'application/zip',
        'Content-Length': String(zip.byteLength),
        'Content-Disposition': `attachment; filename="${asciiName(title)}"; filename*=UTF-8''${encodeURIComponent(`${title}.zip`)}`,
        'Cache-Control': 'private, no-store',
      },
    })
  } catch (error) {
    if (error instanceof DataProtectionError) throw new Response(error.message, { status: error.status })
    throw error
  }
}
