import * as z from 'zod';
import { DPE_CLASSES } from '../reference/dpe.ts';
import {
  AMO_OFFERS,
  FTE_WORK_TYPES,
  LEGAL_FORMS,
  oneOfFr,
  type Scheme,
  TPE_SECTORS,
} from '../schemes/enums.ts';
import { TPE_PROJECTS, tpeProjectLabels } from '../schemes/rule-set.ts';
import {
  addressSchema,
  cents,
  companyRefSchema,
  contactSchema,
  filingMeta,
  householdSchema,
  identitySchema,
  isoDate,
  jobSchema,
  siretSchema,
} from './common.ts';

const person = { applicant: identitySchema, contact: contactSchema };

export const fteWorkSchema = z
  .object({
    type: z.enum(FTE_WORK_TYPES, { error: 'Type de travaux inconnu' }),
    surfaceM2: z.number().int('Surface en m² entiers').positive('Surface positive attendue').optional(),
    units: z.number().int().positive().optional(),
    amountHtCents: cents('Montant HT'),
    amountTtcCents: cents('Montant TTC'),
    company: companyRefSchema,
    quoteDate: isoDate.optional(),
    startDate: isoDate.optional(),
  })
  .refine((w) => w.amountTtcCents >= w.amountHtCents, {
    message: 'Le montant TTC ne peut être inférieur au montant HT',
    path: ['amountTtcCents'],
  });

export const fteApplicationSchema = z.object({
  scheme: z.literal('FTE'),
  ...filingMeta,
  ...person,
  address: addressSchema,
  household: householdSchema,
  ownerStatus: z.enum(['occupant', 'landlord']).default('occupant'),
  adviceAppointment: z.object({
    date: isoDate,
    adviser: z.string().trim().min(1, 'Nom du conseiller obligatoire'),
  }),
  works: z.array(fteWorkSchema).min(1, 'Au moins un poste de travaux'),
  /** The applicant's answer to « Les travaux ont-ils commencé ? » (true: not started). */
  worksNotStarted: z.boolean().optional(),
});

export const investmentSchema = z.object({
  label: z.string().trim().min(1, 'Libellé obligatoire'),
  amountHtCents: cents('Montant HT'),
  supplier: z.string().optional(),
  quoteDate: isoDate.optional(),
});

export const deMinimisAidSchema = z.object({
  grantor: z.string().trim().min(1, 'Financeur obligatoire'),
  date: isoDate,
  amountCents: cents('Montant de minimis'),
});

export const tpeApplicationSchema = z.object({
  scheme: z.literal('TPE'),
  ...filingMeta,
  ...person,
  company: z.object({
    name: z.string().trim().min(1, 'Raison sociale obligatoire'),
    siret: siretSchema,
    legalForm: z.enum(LEGAL_FORMS).optional(),
    creationDate: isoDate,
    employees: z.number().int('Effectif entier').nonnegative('Effectif positif'),
    sector: z.enum(TPE_SECTORS, { error: 'Secteur : artisanat, commerce ou services' }),
    nafCode: z
      .string()
      .regex(/^\d{2}\.?\d{2}[A-Z]$/, 'Code NAF invalide')
      .optional(),
  }),
  project: z.enum(TPE_PROJECTS, {
    error: `Projet : ${oneOfFr(Object.values(tpeProjectLabels).map((l) => l.toLowerCase()))}`,
  }),
  address: addressSchema,
  /** QPV code declared by the applicant; checked by the instructor against the configured list. */
  qpvCode: z.string().optional(),
  investments: z.array(investmentSchema).min(1, "Au moins une ligne d'investissement"),
  jobs: z.array(jobSchema).default([]),
  deMinimisAids: z.array(deMinimisAidSchema).default([]),
  /** « Je déclare sur l'honneur les aides de minimis reçues sur trois ans » (the list may be empty). */
  deMinimisDeclared: z.boolean({ error: 'Déclaration des aides de minimis : oui ou non' }).optional(),
  /**
   * « Les travaux ou investissements ont-ils commencé ? » (true = not started), asked at filing
   * (issue 14); optional in the schema so that dossiers filed before the question stay valid.
   */
  worksNotStarted: z.boolean({ error: 'Travaux commencés : oui ou non' }).optional(),
  worksStartDate: isoDate.optional(),
});

export const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;

export const ESS_MODES = ['jobs', 'call_for_projects'] as const;
export type EssMode = (typeof ESS_MODES)[number];
export const essModeLabels: Record<EssMode, string> = {
  jobs: 'Aide à la création d’emplois',
  call_for_projects: 'Appel à projets ESS (lauréats)',
};

export const essApplicationSchema = z
  .object({
    scheme: z.literal('ESS'),
    ...filingMeta,
    ...person,
    structure: z.object({
      name: z.string().trim().min(1, 'Nom de la structure obligatoire'),
      siret: siretSchema.optional(),
      /** Répertoire national des associations (W + 9 digits): an association's identifier when it has no SIRET. */
      rna: z
        .string({ error: 'Numéro RNA : texte attendu' })
        .transform((s) => s.replace(/\s/g, '').toUpperCase())
        .refine(
          (s) => /^W\d{9}$/.test(s),
          'Numéro RNA invalide (W suivi de 9 chiffres, par exemple W623001234)',
        )
        .optional(),
      legalForm: z.enum(LEGAL_FORMS, { error: 'Forme juridique inconnue' }),
      creationDate: isoDate.optional(),
    }),
    project: z.enum(['creation', 'development']),
    address: addressSchema,
    leaders: z
      .array(
        z.object({
          firstName: z.string().trim().min(1, 'Prénom obligatoire'),
          lastName: z.string().trim().min(1, 'Nom obligatoire'),
          gender: z.enum(GENDERS, { error: 'Genre : femme, homme, autre ou non renseigné' }),
          role: z.string().trim().min(1, 'Fonction obligatoire'),
        }),
      )
      .min(1, 'Au moins un dirigeant'),
    /** `jobs`: aid per job created; `call_for_projects`: the yearly call (« appel à projets ESS »). */
    mode: z.enum(ESS_MODES, { error: 'Dispositif : aide à l’emploi ou appel à projets' }).default('jobs'),
    callForProjects: z
      .object({
        projectTitle: z
          .string({ error: 'Intitulé du projet : texte attendu' })
          .trim()
          .min(1, 'Intitulé du projet obligatoire')
          .max(200, 'Intitulé du projet : trop long'),
        /** Grant asked, cents; the rule set bounds it. */
        requestedCents: cents('Bourse demandée'),
      })
      .optional(),
    jobs: z.array(jobSchema).default([]),
    deMinimisAids: z.array(deMinimisAidSchema).default([]),
    /** « Je déclare sur l'honneur les aides de minimis reçues sur trois ans » (the list may be empty). */
    deMinimisDeclared: z.boolean({ error: 'Déclaration des aides de minimis : oui ou non' }).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.mode === 'jobs' && a.jobs.length === 0)
      ctx.addIssue({ code: 'custom', path: ['jobs'], message: 'Au moins un emploi à créer' });
    if (a.mode === 'call_for_projects' && !a.callForProjects)
      ctx.addIssue({
        code: 'custom',
        path: ['callForProjects'],
        message: 'Projet présenté à l’appel à projets : intitulé et bourse demandée obligatoires',
      });
  });

export const habitatWorkSchema = z.object({
  label: z.string().trim().min(1, 'Libellé des travaux obligatoire'),
  amountHtCents: cents('Montant HT'),
  amountTtcCents: cents('Montant TTC'),
  company: companyRefSchema,
  startDate: isoDate.optional(),
});

export const habitatApplicationSchema = z
  .object({
    scheme: z.literal('HABITAT'),
    ...filingMeta,
    ...person,
    address: addressSchema,
    ownerStatus: z.enum(['occupant', 'landlord', 'tenant'], {
      error: 'Statut : propriétaire occupant, propriétaire bailleur ou locataire du parc privé',
    }),
    household: householdSchema.optional(),
    programme: z.enum(['PIG', 'OPAH-RU', 'diffus']).default('diffus'),
    workKind: z.enum(['energy', 'autonomy'], { error: 'Nature des travaux : énergie ou autonomie' }),
    /** DPE class before the works and the one the energy assessment (audit) projects after them. */
    dpe: z
      .object({
        before: z.enum(DPE_CLASSES, { error: 'Classe DPE avant travaux : une lettre de A à G' }),
        after: z.enum(DPE_CLASSES, { error: 'Classe DPE visée après travaux : une lettre de A à G' }),
        /** Numéro du DPE (ADEME, 13 caractères) or reference of the energy audit. */
        assessmentReference: z
          .string({ error: 'Référence du DPE ou de l’audit énergétique attendue' })
          .trim()
          .min(4, 'Référence du DPE ou de l’audit énergétique : au moins 4 caractères')
          .max(40, 'Référence du DPE ou de l’audit énergétique : 40 caractères au plus'),
      })
      .optional(),
    /** Energy gain the assessment projects; used for the agglomeration's top-up (> 35 %). */
    energyGainPct: z
      .number()
      .int('Gain énergétique en % entier')
      .min(0, 'Gain énergétique entre 0 et 100 %')
      .max(100, 'Gain énergétique entre 0 et 100 %')
      .optional(),
    autonomy: z
      .object({
        beneficiaryBirthDate: isoDate,
        girAssessment: z.object({ gir: z.number().int().min(1).max(6), assessedOn: isoDate }).optional(),
        disabilityRatePct: z.number().int().min(0).max(100).optional(),
        /** Beneficiary of the prestation de compensation du handicap. */
        pch: z.boolean().optional(),
        /** MaPrimeAdapt' assistance (AMO) chosen with the adviser; its lump sum is part of the aid. */
        amoOffer: z
          .enum(AMO_OFFERS, { error: 'Accompagnement : socle, complet ou complet avec ergothérapeute' })
          .optional(),
      })
      .optional(),
    works: z.array(habitatWorkSchema).min(1, 'Au moins un poste de travaux'),
    /** The applicant's answer to « Les travaux ont-ils commencé ? » (true: not started). */
    worksNotStarted: z.boolean().optional(),
  })
  .superRefine((a, ctx) => {
    if (a.ownerStatus !== 'landlord' && !a.household)
      ctx.addIssue({
        code: 'custom',
        path: ['household'],
        message: 'Foyer et revenu fiscal obligatoires pour un occupant (propriétaire ou locataire)',
      });
    // A legacy dossier (filed under the Habiter Mieux set) gave only the gain; a new one gives the DPE.
    if (a.workKind === 'energy' && !a.dpe && a.energyGainPct === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['dpe'],
        message: 'Classes DPE avant et après travaux attendues pour une rénovation énergétique',
      });
    if (a.workKind === 'autonomy' && !a.autonomy)
      ctx.addIssue({
        code: 'custom',
        path: ['autonomy'],
        message: "Situation d'autonomie attendue pour des travaux d'adaptation",
      });
  });

export const applicationSchemas = {
  FTE: fteApplicationSchema,
  TPE: tpeApplicationSchema,
  ESS: essApplicationSchema,
  HABITAT: habitatApplicationSchema,
} as const;

export const applicationSchema = z.discriminatedUnion('scheme', [
  fteApplicationSchema,
  tpeApplicationSchema,
  essApplicationSchema,
  habitatApplicationSchema,
]);

export type FteApplication = z.infer<typeof fteApplicationSchema>;
export type TpeApplication = z.infer<typeof tpeApplicationSchema>;
export type EssApplication = z.infer<typeof essApplicationSchema>;
export type HabitatApplication = z.infer<typeof habitatApplicationSchema>;
export type Application = z.infer<typeof applicationSchema>;
export type ApplicationOf<S extends Scheme> = Extract<Application, { scheme: S }>;
export type ApplicationInput = z.input<typeof applicationSchema>;
