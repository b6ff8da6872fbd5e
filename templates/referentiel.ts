import data from './referentiel.json' with { type: 'json' }
import { referentielSchema, type Referentiel } from './referentiel.schema'

/** The référentiel, validated when first imported: a malformed data file fails at start. */
export const referentiel: Referentiel = referentielSchema.parse(data)

export * from './referentiel.schema'
