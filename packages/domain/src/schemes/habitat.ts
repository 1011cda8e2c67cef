import { byDefault, DELIBERATION_TO_COMPLETE, fig } from './figures.ts';
import type { HabitatRuleSet } from './rule-set.ts';

const ADAPT =
  "Anah, MaPrimeAdapt' (2024) : 70 % (très modestes) / 50 % (modestes) sur 22 000 € HT de travaux";
const ENERGY =
  'Anah, Habiter Mieux Sérénité (gain ≥ 35 %) : 50 % / 35 % sur 30 000 € HT — à vérifier contre la convention de délégation';
const TOPUP = 'Rapport CABBALR : abondement de l’agglomération pour les travaux à gain énergétique > 35 %';

export const habitat2024: HabitatRuleSet = {
  scheme: 'HABITAT',
  version: '2024',
  label: 'Habitat privé — Anah par délégation et abondement de l’agglomération',
  effectiveFrom: '2024-01-01',
  deliberation: { reference: DELIBERATION_TO_COMPLETE, date: '2024-01-01', source: byDefault(0).source },
  documents: {
    beforeDecision: ['identity_document', 'tax_notice', 'property_proof', 'quote'],
    beforeAdvance: ['rib'],
    beforePayment: ['invoice', 'rib'],
  },
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
      anahRateBp: { very_modest: fig(5000, ENERGY), modest: fig(3500, ENERGY) },
      worksCapHtCents: fig(3_000_000, ENERGY),
      agglomerationRateBp: byDefault(1000),
      agglomerationCapCents: byDefault(200_000),
    },
    autonomy: {
      anahRateBp: { very_modest: fig(7000, ADAPT), modest: fig(5000, ADAPT) },
      worksCapHtCents: fig(2_200_000, ADAPT),
      agglomerationRateBp: byDefault(500),
      agglomerationCapCents: byDefault(100_000),
    },
  },
};
