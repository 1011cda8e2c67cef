import { byDefault, DELIBERATION_TO_COMPLETE, fig } from './figures.ts';
import type { HabitatLegacyRuleSet, HabitatRuleSet } from './rule-set.ts';

// Sources. The national figures were checked against betagouv/reno (Mes Aides Réno, the State's
// simulator; its publicodes rules cite the Anah guides and the arrêtés) at the commits named, and
// against the Anah pages they quote. Reference copies: docs/reference/habitat-sources.md.
const RENO = 'betagouv/reno app/règles';
const MPRA_2024 = `${RENO}/MPRA.publicodes et index.yaml @ceba1fd8 (état 2024) ; Anah, Guide des aides financières 2024 (anah.gouv.fr, 202402_Guide_des_aides_WEBA.pdf)`;
const MPRA_2025 = `${RENO}/MPRA.publicodes @94cc51de (2025-01 : taux des ménages aux revenus supérieurs abaissés) ; Anah, Panorama des aides 2025 ; arrêté JORFTEXT000050731904`;
const MPRA_2025_09 = `${RENO}/MPRA.publicodes @f5507efe, index.yaml @49f90530, @2632a94f, @c5c4b0db (réouverture du 30 septembre 2025 : DPE E à G, plafonds 30 000 / 40 000 € HT, taux uniques, bonus supprimé) ; décret de septembre 2025 et page Anah de la réouverture`;
const ECRETEMENT_2024 = `${RENO}/ampleur.publicodes, « pourcent d'écrêtement » avant @75982076 (2024 : 100 / 80 / 60 / 40 % du TTC)`;
const ECRETEMENT_2025 = `${RENO}/ampleur.publicodes @75982076 (2025 : 100 / 80 / 80 / 50 % du TTC)`;
const ECRETEMENT_2025_08 = `${RENO}/ampleur.publicodes @06da1b01 (décret paru en août 2025 : ménages modestes 90 % du TTC)`;
const ADAPT = `${RENO}/mpa/ma-prime-adapt.publicodes @c4beb368 ; Anah, MaPrimeAdapt' (depuis le 1er janvier 2024) : 70 % (très modestes) / 50 % (modestes) de 22 000 € HT de travaux`;
const ADAPT_WHO =
  "Anah, MaPrimeAdapt' : 70 ans et plus ; 60 à 69 ans avec un GIR de 1 à 6 ; taux d'incapacité d'au moins 50 % ou bénéficiaire de la PCH ; propriétaires occupants et locataires du parc privé";
const ADAPT_AMO = `${RENO}/mpa/ma-prime-adapt.publicodes @c4beb368 (« accompagnement » : socle 350 €, complet 600 €, complet et rapport d'ergothérapie 800 €) — montants de 2024 à confirmer contre le guide Anah 2024`;
const ADVANCE_2024 = `${RENO}/MPRA.publicodes @dbf229b8 : « En 2024, l'avance était de 70 % » (ménages très modestes et modestes)`;
const ADVANCE_2025 = `${RENO}/MPRA.publicodes @5357b2d9 : avance de 30 % (ménages très modestes et modestes) selon le guide Anah 2025 du 3 janvier ; l'arrêté JORFTEXT000050731904 parle de 50 %, à confirmer`;
const ADVANCE_ADAPT = `${RENO}/mpa/ma-prime-adapt.publicodes @c4beb368 : « mpa . occupant . avance: 30% »`;
const TOPUP =
  'Rapport développement durable CABBALR 2022 : abondement de l’agglomération pour les travaux à gain énergétique supérieur à 35 % (strictement)';
const LANDLORD =
  "Propriétaire bailleur : l'aide de l'Anah dépend du conventionnement du logement (Loc'Avantages) ou de MaPrimeAdapt' bailleur ; l'instructeur en fixe le montant, aucun montant n'est calculé automatiquement.";

const documents: HabitatRuleSet['documents'] = {
  beforeDecision: ['identity_document', 'tax_notice', 'property_proof', 'quote'],
  beforeAdvance: ['rib'],
  beforePayment: ['invoice', 'rib'],
};

const payment = (advanceBp: number, source: string): HabitatRuleSet['payment'] => ({
  advanceMaxBp: fig(advanceBp, source),
  instalmentsMax: fig(3, 'DOMAIN.md : trois acomptes au plus'),
  prepaymentTotalMaxBp: fig(7000, 'DOMAIN.md : acomptes totalisant 70 % au plus, solde sur factures'),
  worksDeadlineMonths: fig(36, 'DOMAIN.md : travaux dans les trois ans de la décision'),
});

const autonomyEligibility: HabitatRuleSet['eligibility']['autonomy'] = {
  incomeCategories: ['very_modest', 'modest'],
  ageMin: fig(70, ADAPT_WHO),
  ageWithGirMin: fig(60, ADAPT_WHO),
  disabilityRateMinPct: fig(50, ADAPT_WHO),
  pchQualifies: true,
  privateTenantsEligible: true,
  source: ADAPT_WHO,
};

const autonomyAmounts: HabitatRuleSet['amounts']['autonomy'] = {
  anahRateBp: { very_modest: fig(7000, ADAPT), modest: fig(5000, ADAPT) },
  worksCapHtCents: fig(2_200_000, ADAPT),
  amoLumpSumCents: {
    socle: fig(35_000, ADAPT_AMO),
    complet: fig(60_000, ADAPT_AMO),
    complet_ergo: fig(80_000, ADAPT_AMO),
  },
  advance: { rateBp: fig(3000, ADVANCE_ADAPT), categories: ['very_modest', 'modest'] },
  agglomerationRateBp: byDefault(500),
  agglomerationCapCents: byDefault(100_000),
};

const step = (fromClassesGained: number, value: number, source: string) => ({
  fromClassesGained,
  value: fig(value, source),
});

/** 1 January 2024: MaPrimeRénov' Parcours accompagné replaces Habiter Mieux Sérénité. */
export const habitatMpr2024: HabitatRuleSet = {
  scheme: 'HABITAT',
  regime: 'mpr',
  version: 'mpr-2024',
  label:
    "Habitat privé — MaPrimeRénov' Parcours accompagné et MaPrimeAdapt' 2024, abondement de l’agglomération",
  effectiveFrom: '2024-01-01',
  deliberation: { reference: DELIBERATION_TO_COMPLETE, date: '2024-01-01', source: byDefault(0).source },
  documents,
  payment: payment(7000, ADVANCE_2024),
  eligibility: {
    energy: {
      incomeCategories: ['very_modest', 'modest', 'intermediate', 'high'],
      incomeCategoriesOnOpening: [],
      dpeBeforeAllowed: ['C', 'D', 'E', 'F', 'G'],
      minClassesGained: fig(2, MPRA_2024),
      source: `${MPRA_2024} ; DPE avant travaux C à G (« DPE . actuel > 2 »), gain d'au moins deux classes`,
    },
    topUpEnergyGainAbovePct: fig(35, TOPUP),
    autonomy: autonomyEligibility,
    landlord: {
      message: LANDLORD,
      source: 'Anah, Loc’Avantages et MaPrimeAdapt’ bailleur : instruits au cas par cas',
    },
  },
  amounts: {
    energy: {
      worksCapHtCents: [
        step(2, 4_000_000, MPRA_2024),
        step(3, 5_500_000, MPRA_2024),
        step(4, 7_000_000, MPRA_2024),
      ],
      anahRateBp: {
        very_modest: [step(2, 8000, MPRA_2024)],
        modest: [step(2, 6000, MPRA_2024)],
        intermediate: [step(2, 4500, MPRA_2024), step(3, 5000, MPRA_2024)],
        high: [step(2, 3000, MPRA_2024), step(3, 3500, MPRA_2024)],
      },
      passoireBonus: { rateBp: fig(1000, MPRA_2024), fromClasses: ['F', 'G'], toAtWorst: 'D' },
      publicAidTtcMaxBp: {
        very_modest: fig(10000, ECRETEMENT_2024),
        modest: fig(8000, ECRETEMENT_2024),
        intermediate: fig(6000, ECRETEMENT_2024),
        high: fig(4000, ECRETEMENT_2024),
      },
      advance: { rateBp: fig(7000, ADVANCE_2024), categories: ['very_modest', 'modest'] },
      agglomerationRateBp: byDefault(1000),
      agglomerationCapCents: byDefault(200_000),
    },
    autonomy: autonomyAmounts,
  },
};

/** 1 January 2025: the higher-income rates fall (10 / 15 / 20 %), the advance falls to 30 %. */
export const habitatMpr2025: HabitatRuleSet = {
  ...habitatMpr2024,
  version: 'mpr-2025',
  label:
    "Habitat privé — MaPrimeRénov' Parcours accompagné et MaPrimeAdapt' 2025, abondement de l’agglomération",
  effectiveFrom: '2025-01-01',
  deliberation: { reference: DELIBERATION_TO_COMPLETE, date: '2025-01-01', source: byDefault(0).source },
  payment: payment(3000, ADVANCE_2025),
  eligibility: {
    ...habitatMpr2024.eligibility,
    energy: {
      ...habitatMpr2024.eligibility.energy,
      minClassesGained: fig(2, MPRA_2025),
      source: `${MPRA_2025} ; DPE avant travaux C à G, gain d'au moins deux classes`,
    },
  },
  amounts: {
    ...habitatMpr2024.amounts,
    energy: {
      ...habitatMpr2024.amounts.energy,
      worksCapHtCents: [
        step(2, 4_000_000, MPRA_2025),
        step(3, 5_500_000, MPRA_2025),
        step(4, 7_000_000, MPRA_2025),
      ],
      anahRateBp: {
        very_modest: [step(2, 8000, MPRA_2025)],
        modest: [step(2, 6000, MPRA_2025)],
        intermediate: [step(2, 4500, MPRA_2025), step(3, 5000, MPRA_2025)],
        high: [step(2, 1000, MPRA_2025), step(3, 1500, MPRA_2025), step(4, 2000, MPRA_2025)],
      },
      passoireBonus: { rateBp: fig(1000, MPRA_2025), fromClasses: ['F', 'G'], toAtWorst: 'D' },
      publicAidTtcMaxBp: {
        very_modest: fig(10000, ECRETEMENT_2025),
        modest: fig(8000, ECRETEMENT_2025),
        intermediate: fig(8000, ECRETEMENT_2025),
        high: fig(5000, ECRETEMENT_2025),
      },
      advance: { rateBp: fig(3000, ADVANCE_2025), categories: ['very_modest', 'modest'] },
    },
  },
};

/**
 * 30 September 2025: reopening after the summer suspension. Dwellings classed E, F or G only,
 * ceilings 30,000 / 40,000 € HT for 2 / 3+ classes, one rate per category, no « sortie de
 * passoire » bonus; very modest households first, modest ones as the national window allows.
 */
export const habitatMpr2025Reopening: HabitatRuleSet = {
  ...habitatMpr2025,
  version: 'mpr-2025-09',
  label:
    "Habitat privé — MaPrimeRénov' Parcours accompagné (réouverture du 30 septembre 2025) et MaPrimeAdapt', abondement de l’agglomération",
  effectiveFrom: '2025-09-30',
  deliberation: { reference: DELIBERATION_TO_COMPLETE, date: '2025-09-30', source: byDefault(0).source },
  payment: payment(3000, `${ADVANCE_2025} ; inchangée à la réouverture, à confirmer`),
  eligibility: {
    ...habitatMpr2025.eligibility,
    energy: {
      incomeCategories: ['very_modest'],
      incomeCategoriesOnOpening: ['modest'],
      dpeBeforeAllowed: ['E', 'F', 'G'],
      minClassesGained: fig(2, MPRA_2025_09),
      source: `${MPRA_2025_09} ; ménages très modestes d'abord, modestes « en fonction de la dynamique de dépôt » (ministère du Logement, septembre 2025)`,
    },
  },
  amounts: {
    ...habitatMpr2025.amounts,
    energy: {
      worksCapHtCents: [step(2, 3_000_000, MPRA_2025_09), step(3, 4_000_000, MPRA_2025_09)],
      anahRateBp: {
        very_modest: [step(2, 8000, MPRA_2025_09)],
        modest: [step(2, 6000, MPRA_2025_09)],
        intermediate: [step(2, 4500, MPRA_2025_09)],
        high: [step(2, 1000, MPRA_2025_09)],
      },
      publicAidTtcMaxBp: {
        very_modest: fig(10000, ECRETEMENT_2025),
        modest: fig(9000, ECRETEMENT_2025_08),
        intermediate: fig(8000, ECRETEMENT_2025),
        high: fig(5000, ECRETEMENT_2025),
      },
      advance: {
        rateBp: fig(3000, `${ADVANCE_2025} ; inchangée à la réouverture, à confirmer`),
        categories: ['very_modest', 'modest'],
      },
      agglomerationRateBp: habitatMpr2025.amounts.energy.agglomerationRateBp,
      agglomerationCapCents: habitatMpr2025.amounts.energy.agglomerationCapCents,
    },
  },
};

const LEGACY_ADAPT =
  "Anah, MaPrimeAdapt' (2024) : 70 % (très modestes) / 50 % (modestes) sur 22 000 € HT de travaux";
const LEGACY_ENERGY =
  'Anah, Habiter Mieux Sérénité (gain ≥ 35 %) : 50 % / 35 % sur 30 000 € HT — à vérifier contre la convention de délégation';

/**
 * The set first shipped as `2024`, on the former Habiter Mieux Sérénité figures: wrong for 2024
 * (see issue 14), kept only so that a dossier filed under it keeps it. Listed before the sets that
 * replace it, so it is never the one in force for a new filing (same `effectiveFrom`, earlier).
 */
export const habitat2024: HabitatLegacyRuleSet = {
  scheme: 'HABITAT',
  regime: 'habiter_mieux',
  version: '2024',
  label: 'Habitat privé — Anah par délégation et abondement de l’agglomération (ancien barème, remplacé)',
  effectiveFrom: '2024-01-01',
  deliberation: { reference: DELIBERATION_TO_COMPLETE, date: '2024-01-01', source: byDefault(0).source },
  documents,
  payment: {
    advanceMaxBp: fig(7000, 'DOMAIN.md : avance de 70 % au plus'),
    instalmentsMax: fig(3, 'DOMAIN.md : trois acomptes au plus'),
    prepaymentTotalMaxBp: fig(7000, 'DOMAIN.md : acomptes totalisant 70 % au plus, solde sur factures'),
    worksDeadlineMonths: fig(36, 'DOMAIN.md : travaux dans les trois ans de la décision'),
  },
  eligibility: {
    ownerOccupierCategories: ['very_modest', 'modest'],
    energyGainMinPct: fig(35, TOPUP),
    autonomyAgeMin: fig(70, 'DOMAIN.md / Anah : 70 ans et plus'),
    autonomyAgeWithGirMin: fig(60, 'DOMAIN.md / Anah : 60–69 ans avec évaluation GIR'),
    disabilityRateMinPct: fig(50, "DOMAIN.md / Anah : taux d'incapacité ≥ 50 %"),
  },
  amounts: {
    energy: {
      anahRateBp: { very_modest: fig(5000, LEGACY_ENERGY), modest: fig(3500, LEGACY_ENERGY) },
      worksCapHtCents: fig(3_000_000, LEGACY_ENERGY),
      agglomerationRateBp: byDefault(1000),
      agglomerationCapCents: byDefault(200_000),
    },
    autonomy: {
      anahRateBp: { very_modest: fig(7000, LEGACY_ADAPT), modest: fig(5000, LEGACY_ADAPT) },
      worksCapHtCents: fig(2_200_000, LEGACY_ADAPT),
      agglomerationRateBp: byDefault(500),
      agglomerationCapCents: byDefault(100_000),
    },
  },
};
