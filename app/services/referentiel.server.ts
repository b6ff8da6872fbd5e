import { referentiel } from '#templates/referentiel'
import { indexReferentiel } from '~/domain/referentiel'

export { referentiel }
export const referentielIndex = indexReferentiel(referentiel)
