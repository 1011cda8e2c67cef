import { byDefault, DELIBERATION_TO_COMPLETE } from './figures.ts';
import type { FteRuleSet, PaymentLimits } from './rule-set.ts';

const fteDocuments: FteRuleSet['documents'] = {
  beforeDecision: ['identity_document', 'tax_notice', 'property_proof', 'france_renov_certificate', 'quote'],
  beforeAdvance: ['rib'],
  beforePayment: ['invoice', 'rib'],
};

/**
 * FTE: an advance of at most 30 % (the deposit a company usually asks on a quote), up to two
 * instalments, 70 % in all before the balance on invoices (defaults).
 */
const ftePayment: PaymentLimits = {
  advanceMaxBp: byDefault(3000),
  instalmentsMax: byDefault(2),
  prepaymentTotalMaxBp: byDefault(7000),
  worksDeadlineMonths: byDefault(24),
};

const fteEligibility: FteRuleSet['eligibility'] = {
  incomeCategories: ['intermediate'],
  redirectToHabitat: ['very_modest', 'modest'],
  adviceAppointmentRequired: true,
  source: 'Rapport développement durable CABBALR (FTE : ménages aux revenus intermédiaires)',
};

/**
 * Before 2020 the ANAH had no « intermédiaire » band (it appeared with MaPrimeRénov' in 2020):
 * what the 2017 regulation called « revenus intermédiaires » is to be confirmed against the 2017
 * deliberation. Until then the 2017 set applies the ANAH bands of the filing year.
 */
const fte2017Eligibility: FteRuleSet['eligibility'] = {
  ...fteEligibility,
  source: `${fteEligibility.source} ; définition des « revenus intermédiaires » avant la tranche Anah de 2020 à confirmer par la délibération de 2017`,
};

export const fte2017: FteRuleSet = {
  scheme: 'FTE',
  version: '2017',
  label: 'Fonds de Transition Énergétique — règlement 2017',
  // The report: the fund starts in December 2017.
  effectiveFrom: '2017-12-01',
  deliberation: {
    reference: DELIBERATION_TO_COMPLETE,
    date: '2017-12-01',
    source:
      'Rapport développement durable CABBALR 2022 : Fonds de Transition Énergétique lancé en décembre 2017',
  },
  documents: fteDocuments,
  payment: ftePayment,
  eligibility: fte2017Eligibility,
  amounts: {
    works: {
      roof_insulation: {
        kind: 'per_unit',
        unit: 'm2',
        centsPerUnit: byDefault(1000),
        capCents: byDefault(150000),
      },
      wall_insulation: {
        kind: 'per_unit',
        unit: 'm2',
        centsPerUnit: byDefault(1000),
        capCents: byDefault(200000),
      },
      attic_insulation: {
        kind: 'per_unit',
        unit: 'm2',
        centsPerUnit: byDefault(500),
        capCents: byDefault(50000),
      },
      vmc: { kind: 'flat', amountCents: byDefault(20000) },
      efficient_heating: { kind: 'rate', rateBp: byDefault(2000), capCents: byDefault(100000) },
    },
    bouquet: { minDistinctWorks: byDefault(3), bonusCents: byDefault(150000) },
    dossierCapCents: byDefault(400000),
  },
};

export const fte2021: FteRuleSet = {
  ...fte2017,
  version: '2021',
  label: 'Fonds de Transition Énergétique — règlement 2021',
  effectiveFrom: '2021-01-01',
  eligibility: fteEligibility,
  deliberation: { reference: DELIBERATION_TO_COMPLETE, date: '2021-01-01', source: byDefault(0).source },
  amounts: {
    works: {
      roof_insulation: {
        kind: 'per_unit',
        unit: 'm2',
        centsPerUnit: byDefault(1000),
        capCents: byDefault(150000),
      },
      wall_insulation: {
        kind: 'per_unit',
        unit: 'm2',
        centsPerUnit: byDefault(1000),
        capCents: byDefault(200000),
      },
      // raised in 2021
      attic_insulation: {
        kind: 'per_unit',
        unit: 'm2',
        centsPerUnit: byDefault(1000),
        capCents: byDefault(100000),
      },
      vmc: { kind: 'flat', amountCents: byDefault(40000) },
      efficient_heating: { kind: 'rate', rateBp: byDefault(2000), capCents: byDefault(100000) },
      // added in 2021 (the bouquet is removed)
      solar_water_heating: { kind: 'flat', amountCents: byDefault(80000) },
      bbc_renovation: { kind: 'rate', rateBp: byDefault(1500), capCents: byDefault(400000) },
    },
    dossierCapCents: byDefault(500000),
  },
};
