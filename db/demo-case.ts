/** The fictional company case of the demo session (cas pratique A3). */
export const DEMO_CASE = {
  evaluationId: 'cas-pratique-a3',
  title: 'Étude de cas : Maison Lumen, bougies et parfums d’intérieur',
  body: `# L’entreprise

Maison Lumen est une PME familiale de 38 salariés installée à Grasse depuis 1987. Elle fabrique des bougies parfumées à la cire végétale et des diffuseurs de parfum d’intérieur, vendus dans 210 boutiques de décoration en France et sur son site marchand. Chiffre d’affaires 2025 : 6,4 millions d’euros, dont 22 % en ligne.

# Le projet

La direction veut lancer à l’automne 2027 « Lumen Essentiel », une gamme de bougies rechargeables (contenant en céramique consigné, recharges de cire vendues en sachet compostable), pour toucher une clientèle plus jeune et plus urbaine sans perdre sa clientèle fidèle. Vous êtes chargé·e de marketing et communication : vous devez définir la cible, produire les personae et matérialiser le mix marketing de la gamme.

# Données de l’étude de marché (panel de 1 200 répondants, mars 2026)

- 64 % des 25-34 ans achètent au moins une bougie parfumée par trimestre, contre 41 % des 50-64 ans.
- 58 % des 25-34 ans déclarent privilégier un produit rechargeable ou consigné « à prix égal » ; 23 % accepteraient de payer 10 % de plus.
- Le prix moyen d’achat d’une bougie est de 24 € ; 31 % des acheteurs l’offrent en cadeau.
- Canaux d’achat des 25-34 ans : sites marchands 46 %, concept-stores 29 %, grande distribution 18 %, marchés et salons 7 %.
- Sources d’inspiration citées : Instagram 52 %, TikTok 27 %, recommandations d’amis 41 %, presse déco 19 %.
- 12 % des répondants signalent une gêne avec les parfums forts (asthme, allergies) ; 8 % déclarent une déficience visuelle et demandent des étiquettes plus lisibles.

# Remontées des équipes

- Commerciaux : les boutiques réclament un présentoir compact et un argumentaire « éco-responsable » vérifiable.
- Production : la céramique coûte 6,80 € l’unité ; la recharge de cire 3,10 € ; capacité de 40 000 recharges par an sans investissement.
- Service client : 140 demandes par mois sur la durée de combustion et sur l’origine des parfums.

# Contraintes

- Prix de vente conseillé souhaité par la direction : entre 29 € et 35 € pour le coffret de départ, 14 € à 17 € la recharge.
- Budget de lancement : 85 000 € hors salaires.
- La marque ne communique pas sur les réseaux sociaux aujourd’hui et n’a pas de programme de fidélité.`,
}
