import { byDefault, DELIBERATION_TO_COMPLETE, fig } from './figures.ts';
import type { EssCallRuleSet, EssJobsRuleSet } from './rule-set.ts';

const ESS_RULE =
  'Règle locale publiée : 5 000 € par emploi CDI temps plein créé (4 max) + 1 000 € par emploi (2 max) pour une embauche de moins de 26 ans, handicapée ou résidente';

export const ess2017: EssJobsRuleSet = {
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

/** The agglomeration's ESS page, read for the 2024 set (wording and figures). */
export const ESS_PAGE =
  'bethunebruay.fr/fr/economie-sociale-et-solidaire : « 5 000 € par emploi créé (limité à 4 emplois en CDI ETP) ; bonification de 1 000 € supplémentaire par emploi, dans la limite de 2 emplois : embauche d’une personne de moins de 26 ans, en situation de handicap, ou résidant sur la CABBALR »';
const DE_MINIMIS_2024 = 'Règlement (UE) 2023/2831 : 300 000 € sur trois années glissantes';

/**
 * From 2024: jobs in full-time equivalents of CDI (a half-time CDI earns half), the bonus for a
 * resident of the agglomeration (as the page says), and the de minimis check. The page gives no
 * date for the FTE wording: the set starts with the 2024 de minimis regulation (date by default).
 */
export const ess2024: EssJobsRuleSet = {
  ...ess2017,
  mode: 'jobs',
  version: '2024',
  label: "Création et développement de structures de l'ESS — emplois en équivalent temps plein",
  effectiveFrom: '2024-01-01',
  deliberation: {
    reference: DELIBERATION_TO_COMPLETE,
    date: '2024-01-01',
    source: `${byDefault(0).source} (date d’effet) ; chiffres : ${ESS_PAGE}`,
  },
  documents: {
    ...ess2017.documents,
    beforeDecision: [...ess2017.documents.beforeDecision, 'de_minimis_declaration'],
  },
  eligibility: {
    ...ess2017.eligibility,
    deMinimis: {
      ceilingCents: fig(30_000_000, DE_MINIMIS_2024),
      windowYears: fig(3, DE_MINIMIS_2024),
      declarationRequired: true,
    },
  },
  amounts: {
    perJobCents: fig(500_000, ESS_PAGE),
    maxJobs: fig(4, ESS_PAGE),
    bonusPerJobCents: fig(100_000, ESS_PAGE),
    maxBonusJobs: fig(2, ESS_PAGE),
    jobCounting: 'cdi_fte',
    bonusResidence: { area: 'agglomeration', source: ESS_PAGE },
  },
};

const CALL_SOURCE =
  'Appel à projets ESS de la CABBALR 2022 : « une bourse de 5 000 à 10 000 euros » selon la taille et les besoins du projet (RTES, 15 juin 2022, rtes.fr ; La Gazette, lagazettefrance.fr)';

/** The yearly call for projects: the jury names laureates, each gets 5,000 to 10,000 €. */
export const essCall2022: EssCallRuleSet = {
  scheme: 'ESS',
  mode: 'call_for_projects',
  version: 'AAP-2022',
  label: 'Appel à projets ESS — bourse aux lauréats',
  effectiveFrom: '2022-01-01',
  deliberation: { reference: DELIBERATION_TO_COMPLETE, date: '2022-01-01', source: CALL_SOURCE },
  documents: {
    beforeDecision: ['identity_document', 'statutes', 'budget', 'business_plan'],
    beforeAdvance: ['rib'],
    beforePayment: ['rib', 'activity_report'],
  },
  payment: {
    advanceMaxBp: byDefault(5000),
    instalmentsMax: byDefault(0),
    prepaymentTotalMaxBp: byDefault(5000),
    worksDeadlineMonths: byDefault(12),
  },
  eligibility: {
    legalForms: ess2017.eligibility.legalForms,
    source: `${ess2017.eligibility.source} ; ${CALL_SOURCE}`,
  },
  amounts: { minGrantCents: fig(500_000, CALL_SOURCE), maxGrantCents: fig(1_000_000, CALL_SOURCE) },
};

/** From 2024 the call's grants fall under the same de minimis check. */
export const essCall2024: EssCallRuleSet = {
  ...essCall2022,
  version: 'AAP-2024',
  label: 'Appel à projets ESS — bourse aux lauréats (de minimis 2024)',
  effectiveFrom: '2024-01-01',
  documents: {
    ...essCall2022.documents,
    beforeDecision: [...essCall2022.documents.beforeDecision, 'de_minimis_declaration'],
  },
  eligibility: {
    ...essCall2022.eligibility,
    deMinimis: {
      ceilingCents: fig(30_000_000, DE_MINIMIS_2024),
      windowYears: fig(3, DE_MINIMIS_2024),
      declarationRequired: true,
    },
  },
};
