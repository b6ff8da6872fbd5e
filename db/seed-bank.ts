/**
 * Demo comment bank: a few school-wide entries (ownerId null) and one of the demo tutor, tagged with
 * criteria of the référentiel. Called by db/seed.ts inside its transaction; idempotent (the school's
 * demo entries are found again by their text, the tutor's go with the tutor's account).
 */
import { and, inArray, isNull } from 'drizzle-orm'
import type { DbHandle } from '../app/services/db.server'
import * as schema from './schema'

type Entry = { body: string; criterionIds: string[] }

export const DEMO_SCHOOL_BANK: Entry[] = [
  {
    body: 'Vos requêtes de recherche restent trop générales. Pour chacune, précisez les mots-clés, les opérateurs (ET, OU, guillemets), les sources interrogées et la période couverte, puis présentez-les dans un tableau lisible.',
    criterionIds: ['C1.1-4'],
  },
  {
    body: 'Votre analyse PESTEL énumère des facteurs sans les relier au projet. Pour chacun, dites en une phrase s’il crée un risque ou une opportunité pour la commande étudiée, et citez votre source.',
    criterionIds: ['C2.1-2', 'C2.1-3'],
  },
  {
    body: 'Votre persona manque d’éléments de profilage : âge, localisation, CSP, goûts, rapport aux marques, consommation médiatique. Complétez-le pour qu’une personne extérieure au projet puisse se le représenter.',
    criterionIds: ['C3.2-1', 'C3.2-4'],
  },
  {
    body: 'Reprenez chaque objectif : il doit être mesurable (un indicateur et sa valeur cible), atteignable, limité dans le temps (une échéance), individualisé (un ou une responsable) et négociable.',
    criterionIds: ['C6.2-2'],
  },
  {
    body: 'L’ordre de vos actions ne suit pas le calendrier du projet. Classez-les selon leurs dépendances (ce qui doit être fini avant de commencer la suite) et indiquez les dates clés.',
    criterionIds: ['C5.1-3'],
  },
  {
    body: 'Relisez-vous : plusieurs fautes d’orthographe et de syntaxe nuisent à la crédibilité du document. Un correcteur puis une relecture à voix haute suffisent souvent.',
    criterionIds: ['C4.3-3'],
  },
]

export const DEMO_TUTOR_BANK: Entry[] = [
  {
    body: 'Bonne conclusion. Pour aller plus loin, hiérarchisez les risques et les opportunités selon leur probabilité et leur impact sur le projet.',
    criterionIds: ['C2.1-3'],
  },
]

/** Replaces the demo entries of the school's bank and gives the demo tutor theirs. */
export async function seedCommentBank(db: DbHandle, tutorId: string) {
  const { commentBank } = schema
  await db.delete(commentBank).where(
    and(
      isNull(commentBank.ownerId),
      inArray(
        commentBank.body,
        DEMO_SCHOOL_BANK.map((e) => e.body),
      ),
    ),
  )
  const updatedAt = new Date()
  await db
    .insert(commentBank)
    .values([...DEMO_SCHOOL_BANK.map((e) => ({ ...e, ownerId: null, updatedAt })), ...DEMO_TUTOR_BANK.map((e) => ({ ...e, ownerId: tutorId, updatedAt }))])
  return DEMO_SCHOOL_BANK.length + DEMO_TUTOR_BANK.length
}
