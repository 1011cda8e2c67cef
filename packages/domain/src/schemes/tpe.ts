import { POPULATION_SOURCE } from '../reference/communes.ts';
import { byDefault, DELIBERATION_TO_COMPLETE, fig } from './figures.ts';
import type { TpeRuleSet } from './rule-set.ts';

const DOMAIN_TPE =
  'Rapport développement durable CABBALR (TPE < 10 salariés, artisanat/commerce/services, commune < 3 000 hab. ou QPV)';

export const tpe2017: TpeRuleSet = {
  scheme: 'TPE',
  version: '2017',
  label: 'Aide aux TPE rurales et en QPV — convention Région 2017',
  effectiveFrom: '2017-01-01',
  deliberation: {
    reference: DELIBERATION_TO_COMPLETE,
    date: '2017-01-01',
    source: 'Convention de partenariat Région Hauts-de-France 2017',
  },
  documents: {
    beforeDecision: [
      'identity_document',
      'company_registration',
      'business_plan',
      'quote',
      'de_minimis_declaration',
      'premises_proof',
    ],
    beforeAdvance: ['rib'],
    beforePayment: ['invoice', 'rib', 'employment_contract'],
  },
  payment: {
    advanceMaxBp: byDefault(3000),
    instalmentsMax: byDefault(1),
    prepaymentTotalMaxBp: byDefault(7000),
    worksDeadlineMonths: byDefault(24),
  },
  eligibility: {
    maxEmployees: fig(9, DOMAIN_TPE),
    sectors: ['artisanat', 'commerce', 'services'],
    ruralPopulationBelow: fig(3000, DOMAIN_TPE),
    populationSource: POPULATION_SOURCE,
    deMinimisCeilingCents: fig(20_000_000, 'Règlement (UE) 1407/2013 : 200 000 € sur trois exercices'),
    deMinimisWindowYears: fig(3, 'Règlement (UE) 1407/2013'),
  },
  amounts: {
    // As the neighbouring co-financed scheme quoted in DOMAIN.md: 30 % of 4,000–25,000 € HT, cap 7,500 €, + 1,000 €/job.
    rateBp: byDefault(3000),
    minInvestmentCents: byDefault(400_000),
    maxEligibleInvestmentCents: byDefault(2_500_000),
    investmentAidCapCents: byDefault(750_000),
    perPermanentJobCents: byDefault(100_000),
    maxJobs: byDefault(5),
    funderSharesBp: { agglomeration: byDefault(5000), region: byDefault(5000) },
  },
};

export const tpe2024: TpeRuleSet = {
  ...tpe2017,
  version: '2024',
  label: 'Aide aux TPE rurales et en QPV — plafond de minimis 2024',
  effectiveFrom: '2024-01-01',
  eligibility: {
    ...tpe2017.eligibility,
    deMinimisCeilingCents: fig(
      30_000_000,
      'Règlement (UE) 2023/2831 : 300 000 € sur trois années glissantes',
    ),
    deMinimisWindowYears: fig(3, 'Règlement (UE) 2023/2831'),
  },
};

const SITE_TPE =
  "bethunebruay.fr/fr/actualites/des-aides-pour-les-nouvelles-entreprises : TPE « créé[e]s ou repris[es] » dans une commune de moins de 3 000 habitants ou un QPV ; « les aides financières varient en fonction du montant de l'investissement et le nombre d'emplois créés. Les entreprises (TPE uniquement) qui développent leur activité bénéficient d'une avance remboursable » (ni montant, ni échéancier, ni date d'effet publiés : chiffres de l'avance « par défaut ») ; emplois en CDI équivalent temps plein, hors créateur (DOMAIN.md)";

/**
 * 2026: creation, takeover (reprise) and development; a developing business gets a repayable
 * advance, not a grant. No published text gave the advance's terms nor the set's start date:
 * they are defaults to be confirmed by a deliberation, as the rate and caps already were.
 */
export const tpe2026: TpeRuleSet = {
  ...tpe2024,
  version: '2026',
  label: 'Aide aux TPE rurales et en QPV — création, reprise, avance remboursable au développement',
  effectiveFrom: '2026-01-01',
  deliberation: {
    reference: DELIBERATION_TO_COMPLETE,
    date: '2026-01-01',
    source: `${byDefault(0).source} (date d’effet) ; ${SITE_TPE}`,
  },
  eligibility: {
    ...tpe2024.eligibility,
    projects: ['creation', 'takeover', 'development'],
    deMinimisDeclarationRequired: true,
  },
  amounts: {
    ...tpe2024.amounts,
    jobCounting: 'cdi_fte',
    repayableAdvance: {
      projects: ['development'],
      deferralMonths: byDefault(12),
      instalments: byDefault(12),
      periodMonths: byDefault(3),
    },
  },
};
