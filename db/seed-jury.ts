/**
 * Demo data of the hand-in and the jury (called by db/seed.ts inside its
 * transaction): an evaluation instance per référentiel evaluation with its
 * deadline and cut-off in Paris time — the first ones past (their copies are
 * handed in), the others ahead (learners can still hand in) —, anonymous
 * marking for the cas pratiques, one extension with its reason, and handed-in
 * snapshots with plausible French content for most learners of the past
 * instances (individual épreuves, the group MSP and its REX), frozen by
 * freezeSnapshot as a hand-in does. Learner 1 (candidat1) hands in an image in
 * her anonymous cas pratique; every future instance stays a draft for everyone.
 * Then (seedGradings, after the transaction) jure1 has one grid under way and
 * one closed, written through the grading service.
 *
 * Importing this module needs templates/dossiers.ts: from a tsx script, import
 * ./vite-glob first (db/seed.ts does).
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { and, eq, inArray } from 'drizzle-orm'
import type { DossierTemplate } from '#templates/template.schema'
import { addDays } from '../app/domain/calendar'
import { handInStatement, handInTiming, parisInstant, parisLocal } from '../app/domain/hand-in'
import { emptyValue, entryOf, itemsOf } from '../app/kinds/registry'
import type { FieldValue } from '../app/kinds/values'
import type { SessionUser } from '../app/services/auth.server'
import { getDb, type DbHandle } from '../app/services/db.server'
import { closeGrading, gridOf, saveCell } from '../app/services/grading.server'
import { candidateCode, freezeSnapshot, windowFor, type Instance } from '../app/services/submissions.server'
import { templatesById } from '../app/services/templates.server'
import { uploadsDir } from '../app/services/uploads.server'
import { referentiel } from '../templates/referentiel'
import * as schema from './schema'

// ——— Deadlines ———

/**
 * Days from today (Paris) to each instance's deadline, at 18 h; the cut-off
 * comes CUTOFF_DAYS later. Negative: past, so its copies are handed in.
 */
export const DEADLINE_OFFSETS: Record<string, number> = {
  'msp-a2': -30,
  'fiche-veille': -21,
  'cas-pratique-a3': -14,
  'cas-pratique-a10': -5,
  'msp-a4': 12,
  'cas-pratique-a12': 19,
  'fiche-ux': 26,
  'msp-a5': 33,
  'fiche-event': 40,
  'projet-com-a9': 47,
  'serious-game-a11': 54,
  'projet-com-a11': 61,
  'fiche-manageriale': 68,
  'msp-a6': 75,
  'projet-com-a13': 82,
  'projet-com-a14': 89,
  'cas-pratique-a15': 96,
}
export const CUTOFF_DAYS = 3
const DEADLINE_TIME = '18:00'

/** The individual épreuves whose copies are handed in (past deadlines). */
export const HANDED_IN_INDIVIDUAL = ['fiche-veille', 'cas-pratique-a3', 'cas-pratique-a10'] as const
/** The group épreuve whose dossiers and REX are handed in. */
export const HANDED_IN_GROUP = 'msp-a2'
/** The extension: this learner (index) on this instance, until EXTENSION_DAYS from today. */
export const EXTENSION = {
  evaluationId: 'cas-pratique-a10',
  learnerIndex: 1,
  days: 10,
  reason: 'Arrêt maladie justifié (certificat médical transmis à la scolarité) : délai de quinze jours accordé par le jury.',
}

/** A Paris wall-clock day and time, `days` after `today` (« YYYY-MM-DD »), as an instant. */
function parisAt(today: string, days: number, time = DEADLINE_TIME): Date {
  return parisInstant(`${addDays(today, days)}T${time}`)!
}

// ——— Content ———

type Inline = string | { bold: string }
type Node = Record<string, unknown>
const textOf = (part: Inline): Node => (typeof part === 'string' ? { type: 'text', text: part } : { type: 'text', text: part.bold, marks: [{ type: 'bold' }] })
const p = (...parts: Inline[]): Node => ({ type: 'paragraph', content: parts.map(textOf) })
const ul = (...items: string[]): Node => ({ type: 'bulletList', content: items.map((i) => ({ type: 'listItem', content: [p(i)] })) })
const h3 = (text: string): Node => ({ type: 'heading', attrs: { level: 3 }, content: [textOf(text)] })
const doc = (...blocks: Node[]) => ({ type: 'doc', content: blocks }) as unknown as FieldValue
const rows = (columns: string[], lines: (string | number | null)[][]) =>
  ({ rows: lines.map((cells, i) => ({ id: `ligne-${i + 1}`, cells: Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? null])) })) }) as FieldValue

/** A wave of a media plan (app/kinds/media-plan): medium, name, commercial phase, dates, budget, insertions, format, objective. */
const wave = (
  id: string,
  mediumId: string,
  name: string,
  phaseId: string,
  start: string,
  end: string,
  budget: number,
  insertions: number,
  format: string,
  objective: string,
) => ({
  id,
  mediumId,
  name,
  phaseId,
  start,
  end,
  budget,
  insertions,
  format,
  objective,
})

/** One of a few wordings, by learner, so that copies differ. */
const pick = <T>(options: readonly T[], i: number): T => options[i % options.length]!

type Content = (i: number) => Record<string, FieldValue>

/** What the demo learners wrote, by template (sections not listed stay empty). Names nobody. */
export const DEMO_CONTENT: Record<string, Content> = {
  'cas-pratique-a3': (i) => ({
    'besoins-information': rows(
      ['theme', 'besoin', 'nature', 'recueil'],
      [
        ['Consommation', 'Fréquence d’achat de bougies parfumées par tranche d’âge', 'Quantitatif', 'Données du cas'],
        ['Prix', 'Prix psychologique d’un coffret rechargeable et d’une recharge', 'Quantitatif', 'Questionnaire'],
        ['Motivations', 'Raisons du choix d’un produit consigné plutôt que jetable', 'Qualitatif', 'Entretien'],
        ['Distribution', 'Attentes des concept-stores sur le présentoir et l’argumentaire', 'Qualitatif', pick(['Entretien', 'Observation'] as const, i)],
      ],
    ),
    'attitudes-comportements': doc(
      p(
        'Les 25-34 ans sont les plus gros acheteurs : ',
        { bold: '64 %' },
        ' achètent au moins une bougie par trimestre, contre 41 % des 50-64 ans. Ils achètent d’abord en ligne (46 %) et dans les concept-stores (29 %).',
      ),
      p(
        pick(
          [
            'Leur attitude envers le réemploi est favorable : 58 % privilégient un produit rechargeable à prix égal, mais seuls 23 % paieraient 10 % de plus. Le prix reste donc un frein à lever.',
            'Ils se disent prêts au réemploi (58 % à prix égal), mais l’écart entre l’intention et l’achat est net : 23 % seulement accepteraient un surcoût de 10 %.',
          ],
          i,
        ),
      ),
      p(
        'Leur inspiration vient d’Instagram (52 %) et des recommandations d’amis (41 %) : la marque, absente des réseaux sociaux, doit y construire sa présence.',
      ),
    ),
    cible: rows(
      ['niveau', 'description', 'taille', 'justification'],
      [
        [
          'Cœur de cible',
          'Urbain·es de 25 à 34 ans, actifs, sensibles à l’éco-conception',
          1_800_000,
          '64 % d’acheteurs trimestriels et 58 % d’intention pour le rechargeable',
        ],
        [
          'Cible secondaire',
          'Clientèle fidèle de 45 à 64 ans des boutiques de décoration',
          950_000,
          'Base actuelle à ne pas perdre : 78 % du chiffre d’affaires en boutique',
        ],
        ['Prescripteurs', 'Concept-stores et créateurs de contenu « déco »', 210, 'Les 210 boutiques partenaires demandent un argumentaire vérifiable'],
      ],
    ),
    inclusion: doc(
      p(
        '12 % des répondants signalent une gêne avec les parfums forts : la gamme proposera une recharge « sans parfum » et une intensité indiquée de 1 à 3 sur chaque sachet.',
      ),
      p(
        '8 % déclarent une déficience visuelle : étiquettes en corps 14 au minimum, contraste renforcé, pictogramme en relief sur la recharge et fiche produit compatible lecteur d’écran.',
      ),
      ul('Photos du site décrites par un texte alternatif', 'Vidéos sous-titrées', 'Langage inclusif dans les fiches produits'),
    ),
    'fiches-personae': doc(
      h3(pick(['Persona principal : la citadine engagée', 'Persona principal : le jeune actif en quête de sens'], i)),
      p(
        pick(
          [
            'Camille, 29 ans, cheffe de projet à Lyon, vit en colocation. Elle achète une bougie par mois, souvent en cadeau, et suit des comptes « slow living » sur Instagram.',
            'Karim, 31 ans, développeur à Lille, équipe son premier appartement. Il compare les prix en ligne et veut des produits durables qu’il peut recharger.',
          ],
          i,
        ),
      ),
      p(
        'Freins : le prix du coffret de départ, le doute sur l’origine des parfums. Leviers : la consigne de la céramique, la transparence sur la fabrication à Grasse.',
      ),
    ),
    'coherence-mix': doc(
      p(
        'Le mix reste cohérent d’un canal à l’autre : même prix conseillé (',
        { bold: pick(['32 €', '29 €', '35 €'], i) },
        ' le coffret, 15 € la recharge) en boutique et en ligne, même promesse « rechargeable et fabriqué à Grasse ».',
      ),
      p(
        'Le parcours omnicanal relie le site marchand, les concept-stores (présentoir compact avec QR code vers la fiche produit) et Instagram, où la marque lance sa présence avec des créateurs de contenu.',
      ),
    ),
  }),

  'cas-pratique-a10': (i) => ({
    'plan-publipromotionnel': doc(
      p(
        'Le plan publi-promotionnel suit les quatre temps forts : un salon professionnel pour convaincre les distributeurs, un lancement grand public, les fêtes, puis la Saint-Valentin.',
      ),
      p(
        pick(['Le budget de 85 000 € va pour 60 % au digital', 'Le budget de 85 000 € va pour deux tiers au digital'], i),
        ', où se trouve le cœur de cible, et pour le reste à la presse déco et au hors-média en boutique.',
      ),
    ),
    'calendrier-media': {
      year: 2027,
      firstMonth: 9,
      media: [
        { id: 'media-instagram', name: 'Instagram', type: 'Réseaux sociaux' },
        { id: 'media-presse-deco', name: 'Marie Claire Maison', type: 'Presse' },
        { id: 'media-google-ads', name: 'Google Ads', type: 'Digital' },
        { id: 'media-concept-stores', name: 'Concept-stores (PLV)', type: 'Hors média' },
      ],
      phases: [
        {
          id: 'phase-salon-mo',
          name: 'Salon Maison & Objet',
          nature: 'Salon',
          start: '2028-01-15',
          end: '2028-01-19',
          stake: 'Présenter la gamme aux acheteurs des concept-stores',
        },
        {
          id: 'phase-lancement',
          name: 'Lancement national',
          nature: 'Lancement',
          start: '2027-09-20',
          end: '2027-10-17',
          stake: 'Installer la gamme dans 210 points de vente',
        },
        {
          id: 'phase-fetes',
          name: 'Fêtes de fin d’année',
          nature: 'Temps fort',
          start: '2027-11-22',
          end: '2027-12-24',
          stake: 'Réaliser 35\u00a0% des ventes annuelles de coffrets',
        },
        {
          id: 'phase-st-valentin',
          name: 'Saint-Valentin',
          nature: 'Temps fort',
          start: '2028-02-01',
          end: '2028-02-14',
          stake: 'Relancer les recharges en cadeau',
        },
      ],
      waves: [
        wave(
          'vague-insta-lancement',
          'media-instagram',
          'Lancement',
          'phase-lancement',
          '2027-09-20',
          '2027-10-17',
          18_000,
          12,
          'Carrousel sponsorisé',
          '400 000 personnes touchées',
        ),
        wave(
          'vague-presse-lancement',
          'media-presse-deco',
          'Lancement',
          'phase-lancement',
          '2027-10-01',
          '2027-10-31',
          14_500,
          1,
          'Page quadri',
          'Notoriété auprès de la cible secondaire',
        ),
        wave(
          'vague-google-fetes',
          'media-google-ads',
          'Fêtes',
          'phase-fetes',
          '2027-11-22',
          '2027-12-24',
          pick([16_000, 15_000], i),
          30,
          'Annonces Shopping',
          '2 500 ventes en ligne',
        ),
        wave(
          'vague-plv-fetes',
          'media-concept-stores',
          'Fêtes',
          'phase-fetes',
          '2027-11-15',
          '2027-12-31',
          21_000,
          210,
          'Présentoir et PLV',
          'Visibilité en point de vente',
        ),
        wave(
          'vague-insta-valentin',
          'media-instagram',
          'Saint-Valentin',
          'phase-st-valentin',
          '2028-02-01',
          '2028-02-14',
          6_000,
          8,
          'Stories sponsorisées',
          'Relancer les recharges',
        ),
      ],
      marronniers: ['saint-valentin', 'black-friday', 'noel', 'soldes-hiver'],
    },
    'justification-media': doc(
      p(
        'Instagram touche 52 % de la cible là où elle s’inspire ; Google Shopping capte la demande au moment de l’achat de cadeaux. La presse déco rassure la clientèle fidèle.',
      ),
      p('Le hors-média en boutique répond à la demande des commerciaux : un présentoir compact et un argumentaire éco-responsable vérifiable.'),
    ),
    'cadre-editorial': doc(
      p(
        'Ligne éditoriale : « la lumière qui dure ». Ton chaleureux et précis ; chaque publication donne une preuve (origine de la cire, nombre de recharges, durée de combustion).',
      ),
      ul(
        'Piliers : savoir-faire de Grasse, rituels du soir, zéro déchet',
        'Fréquence : trois publications par semaine',
        'Validation : la responsable marketing, 48 h avant publication',
      ),
    ),
  }),

  'fiche-veille': (i) => ({
    contexte: doc(
      p(
        pick(
          [
            'En alternance au service marketing d’une coopérative agricole de 120 salariés, je suis chargé·e de la veille concurrentielle sur les produits laitiers bio vendus en grande surface.',
            'En alternance dans une agence de communication de 25 personnes, je mets en place la veille sectorielle d’un client, réseau de 40 salles de sport en Île-de-France.',
          ],
          i,
        ),
      ),
      p('La direction veut savoir comment se positionnent les concurrents sur le prix, la promesse et les canaux, pour préparer la campagne de l’an prochain.'),
    ),
    besoins: rows(
      ['theme', 'besoin', 'nature', 'priorite'],
      [
        ['Concurrence', 'Prix et promotions des cinq principaux concurrents', 'Quantitatif', 'Haute'],
        ['Clients', 'Avis publiés sur les produits et le service', 'Qualitatif', 'Haute'],
        ['Marché', 'Évolution des ventes du secteur', 'Quantitatif', 'Moyenne'],
        ['Réglementation', 'Règles d’étiquetage et allégations environnementales', 'Qualitatif', 'Basse'],
      ],
    ),
    requetes: rows(
      ['requete', 'outil', 'frequence', 'objectif'],
      [
        ['"prix" AND ("promotion" OR "remise") AND nom du concurrent', 'Google Alertes', 'Quotidienne', 'Repérer les opérations promotionnelles'],
        ['avis clients sur les cinq marques, notes de 1 à 3 étoiles', 'Outil d’écoute sociale', 'Hebdomadaire', 'Comprendre les insatisfactions'],
        ['panorama du secteur, dernières études publiées', 'Xerfi, Insee', 'Mensuelle', 'Suivre la taille du marché'],
      ],
    ),
    analyse: doc(
      p(
        'Trois concurrents sur cinq ont baissé leurs prix de 5 à 8 % sur six mois ; deux misent au contraire sur une promesse « local et responsable » sans promotion.',
      ),
      p('Les avis négatifs portent d’abord sur les délais de livraison (41 %), puis sur l’emballage (23 %) : c’est un angle que la marque peut occuper.'),
    ),
    consolidation: doc(
      p(
        'Synthèse : la marque a intérêt à se positionner sur la qualité de service et l’emballage responsable plutôt que sur le prix, où elle ne peut pas suivre.',
      ),
      p('Prochaine étape : une note mensuelle d’une page à la direction, avec les trois signaux forts du mois.'),
    ),
    'support-oral': {
      parts: [
        ['Le besoin de la direction', 'Une veille pour décider du positionnement, pas pour tout surveiller.', 3],
        ['La méthode de veille', 'Cinq axes, des requêtes ciblées, une note mensuelle.', 4],
        ['Trois résultats chiffrés', 'Les prix baissent chez trois concurrents sur cinq ; les avis négatifs visent la livraison.', 5],
        ['La recommandation et ses limites', 'Se positionner sur le service et l’emballage responsable plutôt que sur le prix.', 4],
        ['Mon auto-évaluation des compétences acquises', 'Ce que je maîtrise, ce que je dois encore consolider.', 4],
      ].map(([title, message, minutes], n) => ({
        id: `part-veille-${n + 1}`,
        title: title as string,
        message: message as string,
        minutes: minutes as number,
        speakers: [],
        notes: '',
        visuals: [],
      })),
      questions: [],
      rehearsals: [],
    },
  }),

  'msp-a2': (i) => ({
    contexte: doc(
      p(
        pick(
          [
            'L’entreprise étudiée, une brasserie artisanale de 18 salariés, veut lancer une bière sans alcool dans les bars de sa région.',
            'L’entreprise étudiée, un réseau de 12 crèches privées, veut ouvrir une offre de garde en horaires décalés pour les soignants.',
          ],
          i,
        ),
      ),
      p('Notre groupe a analysé l’environnement du projet, ses risques et ses opportunités, puis préparé l’enquête auprès des équipes et des clients.'),
    ),
    pestel: rows(
      ['facteur', 'element', 'source', 'effet', 'intensite'],
      [
        ['Économique', 'Hausse des coûts de l’énergie et des matières premières', 'Insee, 2026', 'Menace', 'Forte'],
        ['Sociologique', 'Consommation en baisse de l’alcool chez les moins de 35 ans', 'Santé publique France', 'Opportunité', 'Forte'],
        ['Légal', 'Loi Évin : publicité encadrée pour les boissons alcoolisées', 'Code de la santé publique', 'Neutre', 'Moyenne'],
        ['Environnemental', 'Attente de circuits courts et d’emballages consignés', 'Étude ADEME', 'Opportunité', 'Moyenne'],
      ],
    ),
    'risques-opportunites': rows(
      ['type', 'description', 'constats', 'probabilite', 'reponse'],
      [
        [
          'Opportunité',
          'Nouvelle clientèle qui ne boit pas d’alcool',
          'Demande exprimée par 6 bars sur 10 interrogés',
          'Forte',
          'Gamme dédiée et carte commune avec les bars',
        ],
        [
          'Risque',
          'Marge plus faible que sur la gamme historique',
          'Coût de désalcoolisation élevé',
          'Moyenne',
          'Prix positionné au niveau des bières premium',
        ],
      ],
    ),
    'conclusion-analyse': doc(
      p(
        'Le projet est porté par une tendance de fond ; son principal risque est économique. Nous recommandons un test sur vingt bars avant un lancement régional.',
      ),
    ),
    'culture-rse': doc(
      p(
        'L’entreprise affiche des engagements locaux (fournisseurs à moins de 100 km, consigne des bouteilles) que le projet doit prolonger et rendre visibles.',
      ),
    ),
    // The speakers are chosen by the group in the editor: the seed knows no member ids here.
    'support-oral': {
      parts: [
        ['Le contexte du projet', 'Un projet porté par une tendance de fond.', 5],
        ['L’analyse PESTEL', 'Le principal risque est économique.', 5],
        ['Les apports de l’enquête', 'Tester sur vingt bars avant un lancement régional.', 5],
      ].map(([title, message, minutes], n) => ({
        id: `part-msp-${n + 1}`,
        title: title as string,
        message: message as string,
        minutes: minutes as number,
        speakers: [],
        notes: '',
        visuals: [],
      })),
      questions: [
        {
          id: 'question-msp-1',
          question: 'Pourquoi un test sur vingt bars ?',
          answer: 'Pour mesurer la demande avant d’engager le coût de désalcoolisation.',
          criteria: ['C2.1-4'],
        },
      ],
      rehearsals: [],
    },
  }),

  'msp-a2-rex': (i) => ({
    'retour-jury': doc(
      p(
        'Le jury a salué la qualité de l’analyse PESTEL mais a relevé que nos sources n’étaient pas toujours datées, et que l’enquête manquait d’un échantillon précis.',
      ),
    ),
    'analyse-travail-groupe': doc(
      p(
        pick(
          [
            'La répartition des tâches a bien fonctionné au début ; en fin de projet, nous avons manqué d’un point hebdomadaire pour relire ensemble le livrable.',
            'Nous avons travaillé avec un tableau de suivi partagé ; j’ai pris en charge l’enquête, ce qui m’a demandé de coordonner les entretiens avec l’entreprise.',
            'Notre principale difficulté a été le calendrier : deux membres étaient en entreprise la même semaine. Un planning partagé dès le départ l’aurait évité.',
          ],
          i,
        ),
      ),
    ),
    'regard-livrable': doc(p('Avec le recul, la conclusion aurait dû chiffrer davantage les risques et proposer un calendrier de test.')),
    'actions-correctives': rows(
      ['action', 'retour-jury', 'echeance', 'indicateur'],
      [
        ['Dater et hiérarchiser chaque source citée', 'Sources non datées', '2027-01-15', '100 % des sources datées dans le prochain dossier'],
        ['Définir l’échantillon avant toute enquête', 'Échantillon imprécis', '2027-02-01', 'Taille et mode de sélection écrits dans le guide'],
      ],
    ),
  }),
}

// ——— An image handed in ———

/** A small PNG (a candle on a warm background), made here so the seed needs no binary file. */
export function demoPng(width = 160, height = 100): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    raw[row] = 0 // no filter
    for (let x = 0; x < width; x++) {
      const candle = x > 64 && x < 96 && y > 40
      const flame = Math.hypot(x - 80, (y - 28) * 0.6) < 8
      const [r, g, b] = flame ? [255, 190, 60] : candle ? [245, 240, 230] : [120 + Math.round((60 * y) / height), 70, 60]
      raw[row + 1 + x * 3] = r
      raw[row + 2 + x * 3] = g
      raw[row + 3 + x * 3] = b
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits, RGB
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', zlib.deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  )
}

// ——— Seeding ———

type Learner = { id: string; name: string }
type DossierRow = { id: string; evaluationId: string; templateId: string; learnerId: string | null; groupId: string | null }
type HandInPlan = { dossier: DossierRow; by: Learner; index: number; at: Date; learnerIds: string[] }

export type JurySeedSummary = { instances: number; submissions: number; late: number; extensions: number; files: number; ms: number }

/**
 * Writes the instances, the extension and the hand-ins of the demo session.
 * `learners` in seed order (index 0 is candidat1); `now` fixes « today ».
 */
export async function seedJury(
  tx: DbHandle,
  input: { examSessionId: string; learners: readonly Learner[]; adminId: string; now?: Date },
): Promise<JurySeedSummary> {
  const started = performance.now()
  const { examSessionId, learners } = input
  const now = input.now ?? new Date()
  const today = parisLocal(now).slice(0, 10)
  const indexOf = new Map(learners.map((l, i) => [l.id, i]))

  // Instances: every evaluation of the référentiel.
  const instances = new Map<string, Instance>()
  for (const [n, evaluation] of referentiel.evaluations.entries()) {
    const offset = DEADLINE_OFFSETS[evaluation.id] ?? 100 + 7 * n
    const instance = (
      await tx
        .insert(schema.evaluationInstances)
        .values({
          examSessionId,
          evaluationId: evaluation.id,
          dueAt: parisAt(today, offset),
          cutoffAt: parisAt(today, offset + CUTOFF_DAYS),
          anonymous: evaluation.type === 'cas-pratique',
        })
        .returning()
    )[0]!
    instances.set(evaluation.id, instance)
  }

  let extensions = 0
  const extended = learners[EXTENSION.learnerIndex]
  if (extended) {
    await tx.insert(schema.deadlineExtensions).values({
      instanceId: instances.get(EXTENSION.evaluationId)!.id,
      learnerId: extended.id,
      dueAt: parisAt(today, EXTENSION.days),
      cutoffAt: parisAt(today, EXTENSION.days + CUTOFF_DAYS),
      reason: EXTENSION.reason,
      grantedBy: input.adminId,
    })
    extensions++
  }

  // What is handed in, by whom and when.
  const handedIn = [...HANDED_IN_INDIVIDUAL, HANDED_IN_GROUP]
  const dossiers: DossierRow[] = await tx
    .select({
      id: schema.dossiers.id,
      evaluationId: schema.dossiers.evaluationId,
      templateId: schema.dossiers.templateId,
      learnerId: schema.dossiers.learnerId,
      groupId: schema.dossiers.groupId,
    })
    .from(schema.dossiers)
    .where(and(eq(schema.dossiers.examSessionId, examSessionId), inArray(schema.dossiers.evaluationId, handedIn)))
  const members = new Map<string, string[]>()
  for (const m of await tx
    .select({ groupId: schema.groupMembers.groupId, learnerId: schema.groupMembers.learnerId })
    .from(schema.groupMembers)
    .innerJoin(schema.groups, eq(schema.groups.id, schema.groupMembers.groupId))
    .where(and(eq(schema.groups.examSessionId, examSessionId), eq(schema.groups.evaluationId, HANDED_IN_GROUP)))) {
    members.set(m.groupId, [...(members.get(m.groupId) ?? []), m.learnerId])
  }
  // Members in seed order; groups in the order of their first member.
  const byIndex = (a: string, b: string) => (indexOf.get(a) ?? 0) - (indexOf.get(b) ?? 0)
  for (const team of members.values()) team.sort(byIndex)
  const groupIndex = new Map([...members.keys()].sort((a, b) => byIndex(members.get(a)![0]!, members.get(b)![0]!)).map((id, g) => [id, g]))
  const groupOf = new Map([...members.entries()].flatMap(([groupId, team]) => team.map((learnerId) => [learnerId, groupId])))

  const plans: HandInPlan[] = []
  const HOUR = 3_600_000
  for (const dossier of dossiers) {
    const instance = instances.get(dossier.evaluationId)!
    if (dossier.groupId) {
      // A group's dossier: handed in by its first member, except one group in four.
      const g = groupIndex.get(dossier.groupId) ?? 0
      const team = members.get(dossier.groupId) ?? []
      if (g % 4 === 3 || team.length === 0) continue
      const first = learners[indexOf.get(team[0]!)!]!
      plans.push({ dossier, by: first, index: g, at: new Date(instance.dueAt.getTime() - (6 + (g % 30)) * HOUR), learnerIds: team })
      continue
    }
    const i = indexOf.get(dossier.learnerId!)
    if (i === undefined) continue
    const rex = dossier.templateId !== dossier.evaluationId
    if (rex) {
      // A member's REX: handed in unless their group did not hand in, or one learner in six.
      const groupId = groupOf.get(dossier.learnerId!)
      if (!groupId || groupIndex.get(groupId)! % 4 === 3 || i % 6 === 5) continue
      plans.push({ dossier, by: learners[i]!, index: i, at: new Date(instance.dueAt.getTime() - (2 + (i % 20)) * HOUR), learnerIds: [dossier.learnerId!] })
      continue
    }
    // Individual épreuves: one learner in five has not handed in; the extended learner not yet either; one in seven is late.
    if (i % 5 === 4) continue
    if (i === EXTENSION.learnerIndex && dossier.evaluationId === EXTENSION.evaluationId) continue
    const late = i % 7 === 3
    const at = late ? instance.dueAt.getTime() + (1 + (i % 40)) * HOUR : instance.dueAt.getTime() - (1 + ((i * 7) % 60)) * HOUR
    plans.push({ dossier, by: learners[i]!, index: i, at: new Date(at), learnerIds: [dossier.learnerId!] })
  }

  // Candidat1's anonymous cas pratique shows an image (its file is copied into the snapshot).
  const withImage = plans.find((pl) => pl.index === 0 && pl.dossier.learnerId && pl.dossier.templateId === 'cas-pratique-a3')
  let imageSrc: string | null = null
  if (withImage) {
    const bytes = demoPng()
    const upload = (
      await tx
        .insert(schema.uploads)
        .values({ dossierId: withImage.dossier.id, uploaderId: withImage.by.id, mime: 'image/png', size: bytes.byteLength })
        .returning({ id: schema.uploads.id })
    )[0]!
    fs.mkdirSync(uploadsDir(), { recursive: true })
    fs.writeFileSync(path.join(uploadsDir(), upload.id), bytes)
    imageSrc = `/fichiers/${upload.id}`
  }

  // Her anonymous cas pratique A10 joins an evidence file named after her: a juror reads it as « piece-jointe-1.png ».
  const withFile = plans.find((pl) => pl.index === 0 && pl.dossier.learnerId && pl.dossier.templateId === 'cas-pratique-a10')
  let evidence: FieldValue | null = null
  if (withFile) {
    const bytes = demoPng()
    const name = `Rétroplanning ${withFile.by.name}.png`
    const upload = (
      await tx
        .insert(schema.uploads)
        .values({ dossierId: withFile.dossier.id, uploaderId: withFile.by.id, mime: 'image/png', size: bytes.byteLength, name })
        .returning({ id: schema.uploads.id })
    )[0]!
    fs.mkdirSync(uploadsDir(), { recursive: true })
    fs.writeFileSync(path.join(uploadsDir(), upload.id), bytes)
    const fichier = { src: `/fichiers/${upload.id}`, name, mime: 'image/png', size: bytes.byteLength }
    evidence = {
      rows: [
        { id: 'row-evidence-1', cells: { fichier, usage: 'Rétroplanning', outil: 'Tableur', fonctions: 'Diagramme de Gantt, mise en forme conditionnelle' } },
      ],
    }
  }

  let late = 0
  const drafts = new Drafts(tx)
  for (const plan of plans) {
    const { dossier } = plan
    const template = templatesById.get(dossier.templateId)
    if (!template) throw new Error(`Unknown template ${dossier.templateId}`)
    const written = DEMO_CONTENT[template.id]?.(plan.index) ?? {}
    if (imageSrc && plan === withImage) written['fiches-personae'] = withPicture(written['fiches-personae']!, imageSrc)
    if (evidence && plan === withFile) written['fichiers-bureautiques'] = evidence
    await drafts.add(dossier.id, written, plan.by.id, new Date(plan.at.getTime() - 2 * HOUR))

    const instance = instances.get(dossier.evaluationId)!
    const timing = handInTiming(plan.at, await windowFor(instance, plan.learnerIds, tx))
    if (timing === 'closed') throw new Error(`Seed: hand-in after the cut-off (${dossier.templateId})`)
    if (timing === 'late') late++
    await freezeSnapshot(tx, {
      dossierId: dossier.id,
      instanceId: instance.id,
      template,
      sections: sectionsOf(template, written),
      submittedBy: plan.by,
      submittedAt: plan.at,
      timing,
      statement: handInStatement(dossier.groupId !== null),
    })
    await candidateCode(instance.id, dossier.learnerId ?? dossier.groupId!, tx)
  }
  await drafts.flush()
  return { instances: instances.size, submissions: plans.length, late, extensions, files: imageSrc ? 1 : 0, ms: Math.round(performance.now() - started) }
}

/** Every section of the template, as a hand-in freezes them: what was written, else the field's empty value. */
function sectionsOf(template: DossierTemplate, written: Record<string, FieldValue>) {
  return template.sections.map((s) => ({ sectionId: s.id, content: written[s.id] ?? emptyValue(s.field) }))
}

/** The drafts the learners wrote before handing in: their sections and one revision each, inserted in batches. */
class Drafts {
  private sections: (typeof schema.dossierSections.$inferInsert)[] = []
  private revisions: (typeof schema.dossierRevisions.$inferInsert)[] = []
  constructor(private readonly tx: DbHandle) {}

  async add(dossierId: string, written: Record<string, FieldValue>, authorId: string, at: Date) {
    for (const [sectionId, content] of Object.entries(written)) {
      this.sections.push({ dossierId, sectionId, content, version: 1, updatedAt: at, updatedBy: authorId })
      this.revisions.push({ dossierId, sectionId, version: 1, kind: 'save', content, authorId, createdAt: at, updatedAt: at })
    }
    if (this.sections.length >= 400) await this.flush()
  }

  async flush() {
    if (this.sections.length) await this.tx.insert(schema.dossierSections).values(this.sections)
    if (this.revisions.length) await this.tx.insert(schema.dossierRevisions).values(this.revisions)
    this.sections = []
    this.revisions = []
  }
}

/** A rich text with an image after its first block. */
function withPicture(value: FieldValue, src: string): FieldValue {
  const content = [...((value as { content?: Node[] }).content ?? [])]
  content.splice(1, 0, { type: 'image', attrs: { src, alt: 'Planche d’ambiance du persona : une bougie allumée sur fond brique' } })
  return { type: 'doc', content } as unknown as FieldValue
}

// ——— Grids under way ———

/** The copies jure1 has started (in progress) and finished (closed): learner index and évaluation. */
export const DEMO_GRADINGS = {
  inProgress: { learnerIndex: 6, evaluationId: 'fiche-veille' },
  closed: { learnerIndex: 8, evaluationId: 'cas-pratique-a10' },
}

/**
 * Grades a few demo copies through the grading service, as a juror does on
 * the grid (so the audit trail is the real one): one grid under way, with a
 * cited item, one closed. Runs after the seed's transaction, on the app's
 * connection. Skipped for a copy the cohort does not have.
 */
export async function seedGradings(input: { examSessionId: string; juror: SessionUser; learners: readonly Learner[]; now?: Date }): Promise<{
  gradings: number
  cells: number
}> {
  const now = input.now ?? new Date()
  const DAY = 86_400_000
  let gradings = 0
  let cells = 0
  const assignmentOf = async (learnerIndex: number, evaluationId: string) => {
    const learner = input.learners[learnerIndex]
    if (!learner) return null
    return (
      (
        await getDb()
          .select({ id: schema.jurorAssignments.id })
          .from(schema.jurorAssignments)
          .where(
            and(
              eq(schema.jurorAssignments.examSessionId, input.examSessionId),
              eq(schema.jurorAssignments.jurorId, input.juror.id),
              eq(schema.jurorAssignments.evaluationId, evaluationId),
              eq(schema.jurorAssignments.learnerId, learner.id),
            ),
          )
      )[0]?.id ?? null
    )
  }

  // Under way: three criteria of the written work, the first citing a row of the candidate’s table.
  const started = await assignmentOf(DEMO_GRADINGS.inProgress.learnerIndex, DEMO_GRADINGS.inProgress.evaluationId)
  if (started) {
    const grid = await gridOf(input.juror, started)
    const snapshot = grid.snapshots[0]
    const needs = snapshot?.sections.find((s) => s.section.id === 'besoins')
    const item = needs ? itemsOf(entryOf(needs.section.field, needs.value))[0] : undefined
    const written = grid.rows.filter((r) => r.part === 'written').slice(0, 3)
    const grades = [
      { level: 'acquis', comment: 'Besoins d’information clairement hiérarchisés et reliés à la demande de la direction.' },
      { level: 'acquis', comment: 'Requêtes précises, avec les opérateurs et la fréquence de chaque recherche.' },
      { level: 'non-acquis', comment: 'La feuille de route ne dit pas qui diffuse la synthèse ni à quel rythme.' },
    ]
    for (const [i, row] of written.entries()) {
      const evidence =
        i === 0 && item && snapshot
          ? [{ kind: 'item' as const, submissionId: snapshot.submissionId, sectionId: 'besoins', itemId: item.id, label: item.label }]
          : undefined
      await saveCell(
        input.juror,
        started,
        { criterionId: row.criterionId, part: row.part, learnerId: '', baseVersion: 0, ...grades[i]!, ...(evidence ? { evidence } : {}) },
        new Date(now.getTime() - 3 * DAY + i * 60_000),
      )
      cells++
    }
    gradings++
  }

  // Finished: every criterion graded, then the grid closed.
  const done = await assignmentOf(DEMO_GRADINGS.closed.learnerIndex, DEMO_GRADINGS.closed.evaluationId)
  if (done) {
    const grid = await gridOf(input.juror, done)
    const at = now.getTime() - DAY
    for (const [i, row] of grid.rows.entries()) {
      const level = i === 2 ? 'non-acquis' : 'acquis'
      const comment = i === 2 ? 'Le planning éditorial ne précise pas qui valide chaque publication.' : ''
      await saveCell(
        input.juror,
        done,
        { criterionId: row.criterionId, part: row.part, learnerId: '', baseVersion: 0, level, comment },
        new Date(at + i * 30_000),
      )
      cells++
    }
    await closeGrading(input.juror, done, new Date(at + grid.rows.length * 30_000))
    gradings++
  }
  return { gradings, cells }
}
