import { moodleCsv } from '~/domain/moodle-csv'
import { referentiel } from '~/services/referentiel.server'

/** Public: the competency framework in Moodle's import format. */
export async function loader() {
  return new Response(moodleCsv(referentiel), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="referentiel-charge-marketing-communication-moodle.csv"',
      'Cache-Control': 'public, max-age=3600',
    },
  })
}
