import * as z from 'zod';
import { DPE_CLASSES } from '../reference/dpe.ts';
import { INCOME_CATEGORIES } from '../reference/income-category.ts';
import { documentTypesByScheme } from './documents.ts';
import { AMO_OFFERS, FTE_WORK_TYPES, LEGAL_FORMS, TPE_SECTORS } from './enums.ts';

const isoDate = z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ' });

/** Every figure carries its source; defaults say `par défaut, à confirmer par délibération`. */
export const figureSchema = z.object({
  value: z.number().int().nonnegative(),
  source: z.string().min(1),
});
export type Figure = z.infer<typeof figureSchema>;

const deliberationSchema = z.object({
  reference: z.string().min(1),
  date: isoDate,
  source: z.string().min(1),
});

const paymentLimitsSchema = z.object({
  advanceMaxBp: figureSchema,
  instalmentsMax: figureSchema,
  /** Advance + instalments together, before the balance. */
  prepaymentTotalMaxBp: figureSchema,
  worksDeadlineMonths: figureSchema,
});
export type PaymentLimits = z.infer<typeof paymentLimitsSchema>;

const documentsOf = <T extends readonly [string, ...string[]]>(types: T) =>
  z.object({
    beforeDecision: z.array(z.enum(types)),
    /** An advance is paid before the works: bank details, not invoices. */
    beforeAdvance: z.array(z.enum(types)),
    beforePayment: z.array(z.enum(types)),
  });

const common = {
  version: z.string().min(1),
  label: z.string().min(1),
  effectiveFrom: isoDate,
  deliberation: deliberationSchema,
  payment: paymentLimitsSchema,
};

export const workRuleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('per_unit'),
    unit: z.enum(['m2', 'unit']),
    centsPerUnit: figureSchema,
    capCents: figureSchema,
  }),
  z.object({ kind: z.literal('rate'), rateBp: figureSchema, capCents: figureSchema }),
  z.object({ kind: z.literal('flat'), amountCents: figureSchema }),
]);
export type WorkRule = z.infer<typeof workRuleSchema>;

export const fteRuleSetSchema = z.object({
  scheme: z.literal('FTE'),
  ...common,
  documents: documentsOf(documentTypesByScheme.FTE),
  eligibility: z.object({
    incomeCategories: z.array(z.enum(INCOME_CATEGORIES)),
    /** Categories pointed to Habitat (ANAH) rather than refused outright. */
    redirectToHabitat: z.array(z.enum(INCOME_CATEGORIES)),
    adviceAppointmentRequired: z.boolean(),
    source: z.string().min(1),
  }),
  amounts: z.object({
    works: z.partialRecord(z.enum(FTE_WORK_TYPES), workRuleSchema),
    bouquet: z.object({ minDistinctWorks: figureSchema, bonusCents: figureSchema }).optional(),
    dossierCapCents: figureSchema,
  }),
});

const sharesSchema = z.object({ agglomeration: figureSchema, region: figureSchema });

/**
 * How created jobs count: `cdi_headcount` one per CDI line (TPE before 2026);
 * `full_time_headcount` one per full-time CDI line (ESS 2017); `cdi_fte` CDI in full-time
 * equivalents (a half-time CDI is 0.5), the founder never counted.
 */
export const JOB_COUNTINGS = ['cdi_headcount', 'full_time_headcount', 'cdi_fte'] as const;
const jobCountingSchema = z.enum(JOB_COUNTINGS);

export const TPE_PROJECTS = ['creation', 'takeover', 'development'] as const;
export type TpeProject = (typeof TPE_PROJECTS)[number];
export const tpeProjectLabels: Record<TpeProject, string> = {
  creation: 'Création',
  takeover: 'Reprise',
  development: 'Développement',
};

/** A repayable advance (avance remboursable): zero-rate, repaid in instalments after a deferral. */
export const repayableAdvanceTermsSchema = z.object({
  projects: z.array(z.enum(TPE_PROJECTS)),
  /** Months between the disbursement and the first instalment. */
  deferralMonths: figureSchema,
  instalments: figureSchema,
  /** Months between two instalments (3: quarterly). */
  periodMonths: figureSchema,
});
export type RepayableAdvanceTerms = z.infer<typeof repayableAdvanceTermsSchema>;

export const ESS_RESIDENCE_AREAS = ['agglomeration', 'qpv'] as const;
export type EssResidenceArea = (typeof ESS_RESIDENCE_AREAS)[number];
/** The question the form asks for the bonus, by the residence the rule set names. */
export const essResidenceQuestion: Record<EssResidenceArea, string> = {
  agglomeration: 'Réside dans l’une des 100 communes de l’agglomération',
  qpv: 'Réside dans un quartier prioritaire de la politique de la ville (QPV)',
};

export const tpeRuleSetSchema = z.object({
  scheme: z.literal('TPE'),
  ...common,
  documents: documentsOf(documentTypesByScheme.TPE),
  eligibility: z.object({
    maxEmployees: figureSchema,
    sectors: z.array(z.enum(TPE_SECTORS)),
    /** Rural: a member commune with population strictly below this figure. */
    ruralPopulationBelow: figureSchema,
    populationSource: z.string().min(1),
    deMinimisCeilingCents: figureSchema,
    deMinimisWindowYears: figureSchema,
    /** Projects the set accepts; absent (sets before 2026): creation and development. */
    projects: z.array(z.enum(TPE_PROJECTS)).optional(),
    /** The applicant declares on honour the de minimis aid received (list possibly empty). */
    deMinimisDeclarationRequired: z.boolean().optional(),
  }),
  amounts: z.object({
    rateBp: figureSchema,
    minInvestmentCents: figureSchema,
    maxEligibleInvestmentCents: figureSchema,
    investmentAidCapCents: figureSchema,
    perPermanentJobCents: figureSchema,
    maxJobs: figureSchema,
    funderSharesBp: sharesSchema,
    /** How jobs count; absent (sets before 2026): one per CDI line whatever its working time. */
    jobCounting: jobCountingSchema.optional(),
    /** Projects paid as a repayable advance instead of a grant (a developing business). */
    repayableAdvance: repayableAdvanceTermsSchema.optional(),
  }),
});

const essCommon = {
  scheme: z.literal('ESS'),
  ...common,
  documents: documentsOf(documentTypesByScheme.ESS),
};

const deMinimisRule = z.object({
  ceilingCents: figureSchema,
  windowYears: figureSchema,
  /** The applicant declares on honour the de minimis aid received (list possibly empty). */
  declarationRequired: z.boolean(),
});

/** ESS aid for jobs created (the published local rule). */
export const essJobsRuleSetSchema = z.object({
  ...essCommon,
  /** Absent in sets stored before 2024: the jobs mode. */
  mode: z.literal('jobs').optional(),
  eligibility: z.object({
    legalForms: z.array(z.enum(LEGAL_FORMS)),
    minJobs: figureSchema,
    source: z.string(),
    deMinimis: deMinimisRule.optional(),
  }),
  amounts: z.object({
    perJobCents: figureSchema,
    maxJobs: figureSchema,
    bonusPerJobCents: figureSchema,
    maxBonusJobs: figureSchema,
    /** Absent (ESS 2017): one job per full-time CDI line, part-time CDI not counted. */
    jobCounting: jobCountingSchema.optional(),
    /** Which residence earns the bonus; absent (ESS 2017): « résident », unspecified. */
    bonusResidence: z.object({ area: z.enum(ESS_RESIDENCE_AREAS), source: z.string().min(1) }).optional(),
  }),
});

/** The yearly call for projects (« appel à projets ESS »): laureates get a grant within bounds. */
export const essCallRuleSetSchema = z.object({
  ...essCommon,
  mode: z.literal('call_for_projects'),
  eligibility: z.object({
    legalForms: z.array(z.enum(LEGAL_FORMS)),
    source: z.string(),
    deMinimis: deMinimisRule.optional(),
  }),
  amounts: z.object({ minGrantCents: figureSchema, maxGrantCents: figureSchema }),
});

export const essRuleSetSchema = z.union([essJobsRuleSetSchema, essCallRuleSetSchema]);

const habitatWorksAmounts = z.object({
  anahRateBp: z.object({ very_modest: figureSchema, modest: figureSchema }),
  worksCapHtCents: figureSchema,
  agglomerationRateBp: figureSchema,
  agglomerationCapCents: figureSchema,
});

/**
 * The former Habiter Mieux Sérénité figures (version `2024` as first shipped): kept so that a
 * dossier filed under it is still judged by it; never in force for a new filing (see registry).
 */
export const habitatLegacyRuleSetSchema = z.object({
  scheme: z.literal('HABITAT'),
  regime: z.literal('habiter_mieux'),
  ...common,
  documents: documentsOf(documentTypesByScheme.HABITAT),
  eligibility: z.object({
    ownerOccupierCategories: z.array(z.enum(INCOME_CATEGORIES)),
    energyGainMinPct: figureSchema,
    autonomyAgeMin: figureSchema,
    autonomyAgeWithGirMin: figureSchema,
    disabilityRateMinPct: figureSchema,
  }),
  amounts: z.object({ energy: habitatWorksAmounts, autonomy: habitatWorksAmounts }),
});

/** A step of a table by classes gained: applies from `fromClassesGained` up to the next step. */
const byClassesStep = z.object({ fromClassesGained: z.number().int().min(0), value: figureSchema });
const stepsByCategory = z.partialRecord(z.enum(INCOME_CATEGORIES), z.array(byClassesStep).min(1));
const advanceSchema = z.object({
  rateBp: figureSchema,
  /** Income categories that may receive it (others get no advance). */
  categories: z.array(z.enum(INCOME_CATEGORIES)),
});

/**
 * MaPrimeRénov' Parcours accompagné (energy) and MaPrimeAdapt' (autonomy), ANAH by delegation,
 * plus the agglomeration's own top-up. One dated set per national regime.
 */
export const habitatRuleSetSchema = z.object({
  scheme: z.literal('HABITAT'),
  regime: z.literal('mpr'),
  ...common,
  documents: documentsOf(documentTypesByScheme.HABITAT),
  eligibility: z.object({
    energy: z.object({
      /** Households that may file. */
      incomeCategories: z.array(z.enum(INCOME_CATEGORIES)),
      /** Households that may file only when the national window is open to them: the instructor checks. */
      incomeCategoriesOnOpening: z.array(z.enum(INCOME_CATEGORIES)),
      /** DPE classes the dwelling may have before the works. */
      dpeBeforeAllowed: z.array(z.enum(DPE_CLASSES)).min(1),
      minClassesGained: figureSchema,
      source: z.string().min(1),
    }),
    /** The agglomeration's top-up: an energy gain strictly above this percentage. */
    topUpEnergyGainAbovePct: figureSchema,
    autonomy: z.object({
      incomeCategories: z.array(z.enum(INCOME_CATEGORIES)),
      ageMin: figureSchema,
      ageWithGirMin: figureSchema,
      disabilityRateMinPct: figureSchema,
      /** The prestation de compensation du handicap qualifies on its own. */
      pchQualifies: z.boolean(),
      privateTenantsEligible: z.boolean(),
      source: z.string().min(1),
    }),
    /** Landlords (PB): no computed amount; this sentence says so in the eligibility. */
    landlord: z.object({ message: z.string().min(1), source: z.string().min(1) }),
  }),
  amounts: z.object({
    energy: z.object({
      worksCapHtCents: z.array(byClassesStep).min(1),
      anahRateBp: stepsByCategory,
      /** « Sortie de passoire »: points added when leaving F/G for `toAtWorst` or better. */
      passoireBonus: z
        .object({
          rateBp: figureSchema,
          fromClasses: z.array(z.enum(DPE_CLASSES)),
          toAtWorst: z.enum(DPE_CLASSES),
        })
        .optional(),
      /** Écrêtement: all public aid at most this share of the TTC works, by category. */
      publicAidTtcMaxBp: z.partialRecord(z.enum(INCOME_CATEGORIES), figureSchema),
      advance: advanceSchema,
      agglomerationRateBp: figureSchema,
      agglomerationCapCents: figureSchema,
    }),
    autonomy: z.object({
      anahRateBp: z.partialRecord(z.enum(INCOME_CATEGORIES), figureSchema),
      worksCapHtCents: figureSchema,
      /** Assistance à maîtrise d'ouvrage: a lump sum added to the aid, by offer. */
      amoLumpSumCents: z.record(z.enum(AMO_OFFERS), figureSchema),
      advance: advanceSchema,
      agglomerationRateBp: figureSchema,
      agglomerationCapCents: figureSchema,
    }),
  }),
});

/**
 * A union, not a discriminated one: ESS has two kinds of sets (jobs, call for projects) under the
 * same `scheme`. A zod discriminated union refuses two options with the same discriminator.
 */
export const ruleSetSchema = z.union([
  fteRuleSetSchema,
  tpeRuleSetSchema,
  essJobsRuleSetSchema,
  essCallRuleSetSchema,
  z.discriminatedUnion('regime', [habitatRuleSetSchema, habitatLegacyRuleSetSchema]),
]);

export type FteRuleSet = z.infer<typeof fteRuleSetSchema>;
export type TpeRuleSet = z.infer<typeof tpeRuleSetSchema>;
export type EssRuleSet = z.infer<typeof essRuleSetSchema>;
export type EssJobsRuleSet = z.infer<typeof essJobsRuleSetSchema>;
export type EssCallRuleSet = z.infer<typeof essCallRuleSetSchema>;
export type HabitatRuleSet = z.infer<typeof habitatRuleSetSchema>;
export type HabitatLegacyRuleSet = z.infer<typeof habitatLegacyRuleSetSchema>;
export type AnyHabitatRuleSet = HabitatRuleSet | HabitatLegacyRuleSet;
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleSetOf<S extends RuleSet['scheme']> = Extract<RuleSet, { scheme: S }>;
