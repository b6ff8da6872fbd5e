import { referentiel } from '~/services/referentiel.server'

/** Public: the référentiel is public information. */
export async function loader() {
  return new Response(JSON.stringify(referentiel), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      'Access-Control-Allow-Origin': '*',
    },
  })
}
