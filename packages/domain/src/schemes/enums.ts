export const SCHEMES = ['FTE', 'TPE', 'ESS', 'HABITAT'] as const;
export type Scheme = (typeof SCHEMES)[number];

export const schemeLabels: Record<Scheme, string> = {
  FTE: 'Fonds de Transition Énergétique',
  TPE: 'Aide aux TPE en commune rurale et en quartier prioritaire',
  ESS: "Création et développement de structures de l'économie sociale et solidaire",
  HABITAT: 'Aides à l’habitat privé (Anah et agglomération)',
};

export const FUNDERS = ['agglomeration', 'anah', 'region', 'etat'] as const;
export type Funder = (typeof FUNDERS)[number];
export const funderLabels: Record<Funder, string> = {
  agglomeration: 'Agglomération',
  anah: 'Anah',
  region: 'Région Hauts-de-France',
  /** Aides à la pierre of the State (e.g. ERBM, Plan de relance credits of the 2022 report). */
  etat: 'État (aides à la pierre)',
};

export const PAYMENT_KINDS = ['advance', 'instalment', 'balance'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const paymentKindLabels: Record<PaymentKind, string> = {
  advance: 'Avance',
  instalment: 'Acompte',
  balance: 'Solde',
};

/** « a, b ou c »: the labels people read, for messages that list the accepted choices. */
export const oneOfFr = (labels: readonly string[]): string =>
  labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} ou ${labels.at(-1)}`;

/** Default source text for any figure no public text gave (DOMAIN.md). */
export const DEFAULT_SOURCE = 'par défaut, à confirmer par délibération';

export const FTE_WORK_TYPES = [
  'roof_insulation',
  'wall_insulation',
  'attic_insulation',
  'vmc',
  'efficient_heating',
  'solar_water_heating',
  'bbc_renovation',
] as const;
export type FteWorkType = (typeof FTE_WORK_TYPES)[number];
export const fteWorkTypeLabels: Record<FteWorkType, string> = {
  roof_insulation: 'Isolation de la toiture',
  wall_insulation: 'Isolation des murs',
  attic_insulation: 'Isolation des combles perdus',
  vmc: 'Ventilation mécanique contrôlée (VMC)',
  efficient_heating: 'Système de chauffage performant',
  solar_water_heating: 'Chauffe-eau solaire (solaire thermique)',
  bbc_renovation: 'Rénovation globale basse consommation (BBC)',
};

export const TPE_SECTORS = ['artisanat', 'commerce', 'services'] as const;
export type TpeSector = (typeof TPE_SECTORS)[number];

export const LEGAL_FORMS = [
  'association',
  'scop',
  'scic',
  'cooperative',
  'mutual',
  'foundation',
  'esus_company',
  'sarl',
  'sas',
  'sa',
  'ei',
  'eurl',
  'sasu',
  'other',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];
export const legalFormLabels: Record<LegalForm, string> = {
  association: 'Association loi 1901',
  scop: 'SCOP',
  scic: 'SCIC',
  cooperative: 'Autre coopérative',
  mutual: 'Mutuelle',
  foundation: 'Fondation',
  esus_company: 'Entreprise agréée ESUS',
  sarl: 'SARL',
  sas: 'SAS',
  sa: 'SA',
  ei: 'Entreprise individuelle (dont micro-entreprise)',
  eurl: 'EURL (SARL à associé unique)',
  sasu: 'SASU (SAS à associé unique)',
  other: 'Autre forme',
};

/** MaPrimeAdapt' assistance (AMO) offers: diagnosis only, full follow-up, full with an occupational therapist's report. */
export const AMO_OFFERS = ['socle', 'complet', 'complet_ergo'] as const;
export type AmoOffer = (typeof AMO_OFFERS)[number];
export const amoOfferLabels: Record<AmoOffer, string> = {
  socle: 'Socle (diagnostic et vérification du dossier)',
  complet: 'Complet (socle, montage financier et suivi des travaux)',
  complet_ergo: 'Complet avec rapport d’ergothérapeute',
};
