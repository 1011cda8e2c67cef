import { byDefault, DELIBERATION_TO_COMPLETE, fig } from './figures.ts';
import type { EssRuleSet } from './rule-set.ts';

const ESS_RULE =
  'Règle locale publiée : 5 000 € par emploi CDI temps plein créé (4 max) + 1 000 € par emploi (2 max) pour une embauche de moins de 26 ans, handicapée ou résidente';

export const ess2017: EssRuleSet = {
  scheme: 'ESS',
  version: '2017',
  label: "Création et développement de structures de l'ESS",
  effectiveFrom: '2017-01-01',
  deliberation: { reference: DELIBERATION_TO_COMPLETE, date: '2017-01-01', source: byDefault(0).source },
  documents: {
    beforeDecision: ['identity_document', 'statutes', 'budget', 'business_plan'],
    beforeAdvance: ['rib'],
    beforePayment: ['rib', 'employment_contract'],
  },
  payment: {
    advanceMaxBp: byDefault(5000),
    instalmentsMax: byDefault(0),
    prepaymentTotalMaxBp: byDefault(5000),
    worksDeadlineMonths: byDefault(24),
  },
  eligibility: {
    legalForms: ['association', 'scop', 'scic', 'cooperative', 'mutual', 'foundation', 'esus_company'],
    minJobs: byDefault(1),
    source:
      'Loi 2014-856 relative à l’ESS, art. 1 (formes statutaires) ; agrément ESUS pour les sociétés commerciales',
  },
  amounts: {
    perJobCents: fig(500_000, ESS_RULE),
    maxJobs: fig(4, ESS_RULE),
    bonusPerJobCents: fig(100_000, ESS_RULE),
    maxBonusJobs: fig(2, ESS_RULE),
  },
};
