import * as z from 'zod';
import { isValidNumeroFiscal, isValidReferenceAvis, normalizeFiscal } from '../identifiers/fiscal.ts';
import { isValidSiret } from '../identifiers/siret.ts';
import { postalCodeMismatch } from '../reference/postal-codes.ts';
import { oneOfFr } from '../schemes/enums.ts';

/**
 * Plausibility bound of a household's revenu fiscal de référence: far above every ANAH ceiling (the
 * highest category starts near 60,000 € for five persons), it only catches typing errors.
 */
export const MAX_TAX_INCOME_EUROS = 1_000_000;

export const isoDate = z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ' });
export const cents = (what: string) =>
  z
    .number({ error: `${what} : montant en centimes attendu` })
    .int(`${what} : montant en centimes entiers attendu`)
    .nonnegative(`${what} : montant positif attendu`);
const text = (what: string, max = 200) =>
  z
    .string({ error: `${what} : texte attendu` })
    .trim()
    .min(1, `${what} : obligatoire`)
    .max(max, `${what} : trop long`);

export const siretSchema = z
  .string({ error: 'SIRET : texte attendu' })
  .transform((s) => s.replace(/\s/g, ''))
  .refine(isValidSiret, 'SIRET invalide (14 chiffres, clé de contrôle)');

export const inseeCodeSchema = z
  .string({ error: 'Code INSEE : texte attendu' })
  .regex(/^(\d{5}|2[AB]\d{3})$/, 'Code INSEE de la commune invalide (5 caractères)');

export const identitySchema = z.object({
  civility: z.enum(['Mme', 'M.'], { error: 'Civilité : « Mme » ou « M. »' }).optional(),
  lastName: text('Nom'),
  firstName: text('Prénom'),
  birthDate: isoDate.optional(),
});

export const contactSchema = z.object({
  email: z.email({ error: 'Adresse électronique invalide' }),
  phone: z
    .string()
    .regex(/^(\+33\s?|0)[1-9](\s?\d{2}){4}$/, 'Numéro de téléphone invalide')
    .optional(),
});

export const addressSchema = z
  .object({
    line1: text('Adresse'),
    line2: z.string().max(200).optional(),
    postalCode: z.string().regex(/^\d{5}$/, 'Code postal invalide (5 chiffres)'),
    communeInsee: inseeCodeSchema,
    communeName: text('Commune'),
  })
  .superRefine((a, ctx) => {
    // Official data (@etalab/decoupage-administratif): a member commune's postal codes.
    const message = postalCodeMismatch(a.postalCode, a.communeInsee, a.communeName);
    if (message) ctx.addIssue({ code: 'custom', path: ['postalCode'], message });
  });

/** One declarant's notice, as the DGFiP income API is queried (identifiers/dgfip.ts). */
export const fiscalNoticeSchema = z.object({
  numeroFiscal: z
    .string({ error: 'Numéro fiscal attendu' })
    .refine(isValidNumeroFiscal, 'Numéro fiscal invalide (13 chiffres, clé de contrôle)')
    .transform(normalizeFiscal),
  referenceAvis: z
    .string({ error: "Référence de l'avis d'impôt attendue" })
    .refine(isValidReferenceAvis, "Référence de l'avis invalide (13 caractères)")
    .transform(normalizeFiscal),
});

export const householdSchema = z.object({
  size: z
    .number({ error: 'Nombre de personnes du foyer attendu' })
    .int('Nombre de personnes entier attendu')
    .min(1, 'Le foyer compte au moins une personne')
    .max(20, 'Nombre de personnes improbable'),
  /** Revenu fiscal de référence, whole euros. */
  taxIncomeEuros: z
    .number({ error: 'Revenu fiscal de référence attendu (en euros)' })
    .int('Revenu fiscal de référence en euros entiers')
    .nonnegative('Revenu fiscal de référence positif attendu')
    .max(
      MAX_TAX_INCOME_EUROS,
      `Revenu fiscal de référence improbable (plus de ${MAX_TAX_INCOME_EUROS.toLocaleString('fr-FR')} €) : vérifiez la saisie`,
    ),
  taxIncomeYear: z
    .number()
    .int('Année entière attendue')
    .min(2000, 'Année invalide')
    .max(2100, 'Année invalide'),
  /** Numéro fiscal and référence de l'avis of each declarant (two for an unmarried couple). */
  notices: z.array(fiscalNoticeSchema).max(4, 'Quatre avis d’impôt au plus').optional(),
});

export const companyRefSchema = z.object({ name: text('Entreprise'), siret: siretSchema.optional() });

export const JOB_CONTRACTS = ['cdi', 'cdd', 'apprenticeship', 'other'] as const;
export const jobContractLabels: Record<(typeof JOB_CONTRACTS)[number], string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  apprenticeship: 'Apprentissage',
  other: 'Autre',
};
export const jobSchema = z.object({
  title: text('Intitulé du poste'),
  contract: z.enum(JOB_CONTRACTS, {
    error: `Type de contrat : choisissez ${oneOfFr(Object.values(jobContractLabels))}`,
  }),
  workingTimePct: z.number().int('Temps de travail en % entier').min(1).max(100, 'Temps de travail ≤ 100 %'),
  under26: z.boolean().default(false),
  disabled: z.boolean().default(false),
  resident: z.boolean().default(false),
  /** The founder (or a co-founder) of the business: never counted as a job created (TPE 2026). */
  founder: z.boolean().optional(),
});
export type Job = z.infer<typeof jobSchema>;

/** Date fields set by the services layer, not by the applicant. */
export const filingMeta = { filingDate: isoDate.optional() };
