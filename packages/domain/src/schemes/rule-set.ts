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
  }),
  amounts: z.object({
    rateBp: figureSchema,
    minInvestmentCents: figureSchema,
    maxEligibleInvestmentCents: figureSchema,
    investmentAidCapCents: figureSchema,
    perPermanentJobCents: figureSchema,
    maxJobs: figureSchema,
    funderSharesBp: sharesSchema,
  }),
});

export const essRuleSetSchema = z.object({
  scheme: z.literal('ESS'),
  ...common,
  documents: documentsOf(documentTypesByScheme.ESS),
  eligibility: z.object({
    legalForms: z.array(z.enum(LEGAL_FORMS)),
    minJobs: figureSchema,
    source: z.string(),
  }),
  amounts: z.object({
    perJobCents: figureSchema,
    maxJobs: figureSchema,
    bonusPerJobCents: figureSchema,
    maxBonusJobs: figureSchema,
  }),
});

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

export const ruleSetSchema = z.discriminatedUnion('scheme', [
  fteRuleSetSchema,
  tpeRuleSetSchema,
  essRuleSetSchema,
  z.discriminatedUnion('regime', [habitatRuleSetSchema, habitatLegacyRuleSetSchema]),
]);

export type FteRuleSet = z.infer<typeof fteRuleSetSchema>;
export type TpeRuleSet = z.infer<typeof tpeRuleSetSchema>;
export type EssRuleSet = z.infer<typeof essRuleSetSchema>;
export type HabitatRuleSet = z.infer<typeof habitatRuleSetSchema>;
export type HabitatLegacyRuleSet = z.infer<typeof habitatLegacyRuleSetSchema>;
export type AnyHabitatRuleSet = HabitatRuleSet | HabitatLegacyRuleSet;
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleSetOf<S extends RuleSet['scheme']> = Extract<RuleSet, { scheme: S }>;
