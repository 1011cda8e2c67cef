import {
  AMO_OFFERS,
  amoOfferLabels,
  DPE_CLASSES,
  ESS_MODES,
  essModeLabels,
  essResidenceQuestion,
  FTE_WORK_TYPES,
  fteWorkTypeLabels,
  LEGAL_FORMS,
  type LegalForm,
  legalFormLabels,
  loadAgglomerationCommunes,
  ruleSetInForce,
  type Scheme,
  TPE_PROJECTS,
  TPE_SECTORS,
  tpeProjectLabels,
} from '@aides/domain';
import { groupIsRequired, isRequired, isRequiredInRow } from './required.ts';

/** One input of the applicant's form; `path` is where its value lives in the application. */
export interface FieldDef {
  readonly path: string;
  readonly label: string;
  readonly kind: 'text' | 'email' | 'tel' | 'date' | 'int' | 'euros' | 'select' | 'bool' | 'commune' | 'qpv';
  readonly options?: readonly (readonly [string, string])[];
  readonly hint?: string;
  /**
   * Derived from the domain schema (required.ts), never written by hand. In a repeated block:
   * required in every line that is filled in.
   */
  readonly required?: boolean;
  /** A select whose values are stored as numbers (GIR 1 to 6…). */
  readonly numeric?: boolean;
  /** A select whose values `true` / `false` are stored as booleans (an answered yes/no question). */
  readonly boolean?: boolean;
}

/**
 * A repeated block (works, investments, jobs…): at least `rows` lines are shown, more with
 * « Ajouter une ligne » (up to MAX_ROWS); empty lines are dropped.
 */
export interface GroupDef {
  readonly path: string;
  readonly legend: string;
  readonly rowLabel: string;
  readonly rows: number;
  readonly fields: readonly FieldDef[];
  /** At least one line is needed (derived from the domain schema). */
  readonly required?: boolean;
}

export interface StepDef {
  readonly slug: string;
  readonly title: string;
  readonly intro?: string;
  readonly fields: readonly FieldDef[];
  readonly groups?: readonly GroupDef[];
}

const f = (
  path: string,
  label: string,
  kind: FieldDef['kind'] = 'text',
  extra: Partial<FieldDef> = {},
): FieldDef => ({
  path,
  label,
  kind,
  ...extra,
});

const YES_NO_OWNER = [
  ['occupant', 'Propriétaire occupant'],
  ['landlord', 'Propriétaire bailleur'],
] as const;
const HABITAT_STATUS = [
  ['occupant', 'Propriétaire occupant'],
  ['landlord', 'Propriétaire bailleur'],
  ['tenant', 'Locataire du parc privé (adaptation à la perte d’autonomie)'],
] as const;
const DPE_OPTIONS = DPE_CLASSES.map((c) => [c, `Classe ${c}`] as const);

/** « Les travaux ont-ils commencé ? », asked, never assumed (stored as `worksNotStarted`). */
const worksQuestion = f('worksNotStarted', 'Les travaux ont-ils déjà commencé ?', 'select', {
  options: [
    ['true', 'Non, ils ne sont pas commencés'],
    ['false', 'Oui, ils ont commencé'],
  ],
  boolean: true,
  hint: 'Une aide ne peut financer des travaux commencés avant le dépôt de la demande (devis signé compris).',
});

/** The same question for a business: its works or investments (TPE, issue 14). */
const tpeWorksQuestion = f(
  'worksNotStarted',
  'Les travaux ou les investissements ont-ils déjà commencé ?',
  'select',
  {
    options: [
      ['true', 'Non, ils ne sont pas commencés'],
      ['false', 'Oui, ils ont commencé'],
    ],
    boolean: true,
    hint: 'L’aide ne peut financer des travaux ou des achats commencés avant le dépôt de la demande (devis signé ou commande compris).',
  },
);

/** The income notices, so the instructor can check the income (and later the DGFiP API). */
const fiscalNotices: GroupDef = {
  path: 'household.notices',
  legend: 'Avis d’impôt sur le revenu',
  rowLabel: 'Déclarant',
  rows: 1,
  fields: [
    f('numeroFiscal', 'Numéro fiscal', 'text', { hint: '13 chiffres, en haut à gauche de l’avis d’impôt' }),
    f('referenceAvis', 'Référence de l’avis d’impôt', 'text', {
      hint: '13 caractères, sous le numéro fiscal',
    }),
  ],
};

const PROJECT = [
  ['creation', 'Création'],
  ['development', 'Développement'],
] as const;
const CONTRACTS = [
  ['cdi', 'CDI'],
  ['cdd', 'CDD'],
  ['apprenticeship', 'Apprentissage'],
  ['other', 'Autre'],
] as const;
/** For a business (TPE), the business forms first; the social-economy ones after. */
const BUSINESS_FORMS_FIRST: readonly LegalForm[] = [
  'ei',
  'eurl',
  'sarl',
  'sasu',
  'sas',
  'sa',
  ...LEGAL_FORMS.filter((l) => !['ei', 'eurl', 'sarl', 'sasu', 'sas', 'sa', 'other'].includes(l)),
  'other',
];

const GENDERS = [
  ['female', 'Femme'],
  ['male', 'Homme'],
  ['other', 'Autre'],
  ['undisclosed', 'Non renseigné'],
] as const;

const identity: StepDef = {
  slug: 'identite',
  title: 'Vous',
  fields: [
    f('applicant.civility', 'Civilité', 'select', {
      options: [
        ['Mme', 'Madame'],
        ['M.', 'Monsieur'],
      ],
    }),
    f('applicant.lastName', 'Nom', 'text'),
    f('applicant.firstName', 'Prénom', 'text'),
    f('applicant.birthDate', 'Date de naissance', 'date'),
    f('contact.email', 'Adresse électronique', 'email'),
    f('contact.phone', 'Téléphone', 'tel', { hint: 'Par exemple 06 12 34 56 78' }),
  ],
};

const address = [
  f('address.line1', 'Adresse', 'text'),
  f('address.postalCode', 'Code postal', 'text'),
  f('address.communeInsee', 'Commune', 'commune', {
    hint: 'Une des 100 communes de l’agglomération',
  }),
];
const household = [
  f('household.size', 'Nombre de personnes du foyer', 'int'),
  f('household.taxIncomeEuros', 'Revenu fiscal de référence (en euros)', 'int', {
    hint: 'Montant inscrit sur votre dernier avis d’impôt',
  }),
  f('household.taxIncomeYear', 'Année des revenus', 'int', { hint: 'Par exemple 2024' }),
];
/**
 * The ESS bonus names one residence (the agglomeration, or a QPV): the form asks exactly what the
 * rule set in force says (ESS 2024: a resident of the agglomeration, as its page publishes).
 */
const essResidence = (() => {
  const rs = ruleSetInForce('ESS', new Date().toISOString());
  const area = rs?.mode !== 'call_for_projects' ? rs?.amounts.bonusResidence?.area : undefined;
  return area ? essResidenceQuestion[area] : 'Habite l’agglomération';
})();
const jobs: GroupDef = {
  path: 'jobs',
  legend: 'Emplois créés (CDI comptés en équivalent temps plein ; un mi-temps compte pour moitié)',
  rowLabel: 'Emploi',
  rows: 1,
  fields: [
    f('title', 'Intitulé du poste'),
    f('contract', 'Contrat', 'select', { options: CONTRACTS }),
    f('workingTimePct', 'Temps de travail (%)', 'int', {
      hint: '100 pour un temps plein, 50 pour un mi-temps',
    }),
    f('under26', 'Personne de moins de 26 ans', 'bool'),
    f('disabled', 'Personne en situation de handicap', 'bool'),
    f('resident', essResidence, 'bool'),
  ],
};
/** TPE: permanent jobs in full-time equivalents; the founder is not a job created. */
const tpeJobs: GroupDef = {
  path: 'jobs',
  legend: 'Emplois créés (CDI comptés en équivalent temps plein, hors créateur)',
  rowLabel: 'Emploi',
  rows: 1,
  fields: [
    f('title', 'Intitulé du poste'),
    f('contract', 'Contrat', 'select', { options: CONTRACTS }),
    f('workingTimePct', 'Temps de travail (%)', 'int', {
      hint: '100 pour un temps plein, 50 pour un mi-temps',
    }),
    f('founder', 'C’est le poste du créateur ou de la créatrice (non compté)', 'bool'),
  ],
};
const TPE_PROJECT = TPE_PROJECTS.map((p) => [p, tpeProjectLabels[p]] as const);
const ESS_MODE = ESS_MODES.map((m) => [m, essModeLabels[m]] as const);
const deMinimisDeclared = f(
  'deMinimisDeclared',
  'Je déclare sur l’honneur les aides de minimis reçues ces trois dernières années (liste ci-dessous, vide si aucune)',
  'bool',
);
const company = [f('company.name', 'Entreprise'), f('company.siret', 'SIRET de l’entreprise')];

/** EU de minimis aid already received (300 000 € over three rolling years, since 2024). */
const deMinimisAids: GroupDef = {
  path: 'deMinimisAids',
  legend: 'Aides de minimis reçues ces trois dernières années',
  rowLabel: 'Aide de minimis',
  rows: 1,
  fields: [
    f('grantor', 'Organisme qui a versé l’aide', 'text', { hint: 'Par exemple : Région Hauts-de-France' }),
    f('date', 'Date d’attribution', 'date'),
    f('amountCents', 'Montant (€)', 'euros'),
  ],
};

const GIR_LEVELS = [
  ['1', 'GIR 1 (dépendance la plus forte)'],
  ['2', 'GIR 2'],
  ['3', 'GIR 3'],
  ['4', 'GIR 4'],
  ['5', 'GIR 5'],
  ['6', 'GIR 6 (autonomie la plus grande)'],
] as const;

const RAW_STEPS: Record<Scheme, readonly StepDef[]> = {
  FTE: [
    identity,
    {
      slug: 'logement',
      title: 'Logement et foyer',
      fields: [...address, f('ownerStatus', 'Vous êtes', 'select', { options: YES_NO_OWNER }), ...household],
      groups: [fiscalNotices],
    },
    {
      slug: 'conseil',
      title: 'Rendez-vous France Rénov’',
      intro: 'Un rendez-vous à l’Espace Conseil France Rénov’ est obligatoire avant le dépôt.',
      fields: [
        f('adviceAppointment.date', 'Date du rendez-vous', 'date'),
        f('adviceAppointment.adviser', 'Conseiller ou lieu du rendez-vous', 'text'),
      ],
    },
    {
      slug: 'travaux',
      title: 'Travaux',
      fields: [worksQuestion],
      groups: [
        {
          path: 'works',
          legend: 'Postes de travaux',
          rowLabel: 'Poste',
          rows: 1,
          fields: [
            f('type', 'Type de travaux', 'select', {
              options: FTE_WORK_TYPES.map((t) => [t, fteWorkTypeLabels[t]] as const),
            }),
            f('surfaceM2', 'Surface (m²)', 'int'),
            f('amountHtCents', 'Montant HT (€)', 'euros'),
            f('amountTtcCents', 'Montant TTC (€)', 'euros'),
            ...company,
          ],
        },
      ],
    },
  ],
  TPE: [
    identity,
    {
      slug: 'entreprise',
      title: 'Entreprise',
      fields: [
        f('company.name', 'Raison sociale', 'text'),
        f('company.siret', 'SIRET', 'text', { hint: '14 chiffres' }),
        f('company.legalForm', 'Forme juridique', 'select', {
          options: BUSINESS_FORMS_FIRST.map((l) => [l, legalFormLabels[l]] as const),
        }),
        f('company.creationDate', 'Date de création', 'date'),
        f('company.employees', 'Nombre de salariés', 'int'),
        f('company.sector', 'Secteur', 'select', {
          options: TPE_SECTORS.map((s) => [s, s[0]?.toUpperCase() + s.slice(1)] as const),
        }),
        f('project', 'Projet', 'select', {
          options: TPE_PROJECT,
          hint: 'Création ou reprise : une subvention. Développement : une avance remboursable à taux zéro.',
        }),
        ...address,
        f('qpvCode', 'Quartier prioritaire (QPV)', 'qpv', {
          hint: 'Seulement si l’entreprise est en QPV : un quartier de sa commune',
        }),
      ],
    },
    {
      slug: 'projet',
      title: 'Investissements, emplois et aides reçues',
      intro:
        'Indiquez aussi les aides de minimis déjà reçues : le plafond européen est de 300 000 € sur trois ans.',
      fields: [tpeWorksQuestion, deMinimisDeclared],
      groups: [
        {
          path: 'investments',
          legend: 'Investissements',
          rowLabel: 'Investissement',
          rows: 1,
          fields: [
            f('label', 'Libellé'),
            f('amountHtCents', 'Montant HT (€)', 'euros'),
            f('supplier', 'Fournisseur'),
          ],
        },
        tpeJobs,
        deMinimisAids,
      ],
    },
  ],
  ESS: [
    identity,
    {
      slug: 'structure',
      title: 'Structure',
      fields: [
        f('structure.name', 'Nom de la structure', 'text'),
        f('structure.siret', 'SIRET'),
        f('structure.legalForm', 'Forme juridique', 'select', {
          options: LEGAL_FORMS.map((l) => [l, legalFormLabels[l]] as const),
        }),
        f('structure.creationDate', 'Date de création', 'date'),
        f('project', 'Projet', 'select', { options: PROJECT }),
        f('mode', 'Dispositif demandé', 'select', {
          options: ESS_MODE,
          hint: 'L’aide à l’emploi finance des CDI créés ; l’appel à projets annuel accorde une bourse de 5 000 à 10 000 € aux lauréats.',
        }),
        ...address,
      ],
    },
    {
      slug: 'appel-a-projets',
      title: 'Appel à projets (seulement si vous y répondez)',
      intro: 'Le jury de l’appel à projets ESS désigne les lauréats ; la bourse va de 5 000 à 10 000 €.',
      fields: [
        f('callForProjects.projectTitle', 'Intitulé du projet présenté', 'text'),
        f('callForProjects.requestedCents', 'Bourse demandée (€)', 'euros'),
      ],
    },
    {
      slug: 'emplois',
      title: 'Dirigeants, emplois et aides reçues',
      intro:
        'Indiquez aussi les aides de minimis déjà reçues : le plafond européen est de 300 000 € sur trois ans.',
      fields: [deMinimisDeclared],
      groups: [
        {
          path: 'leaders',
          legend: 'Dirigeants',
          rowLabel: 'Dirigeant',
          rows: 1,
          fields: [
            f('firstName', 'Prénom'),
            f('lastName', 'Nom'),
            f('gender', 'Genre', 'select', { options: GENDERS }),
            f('role', 'Fonction'),
          ],
        },
        jobs,
        deMinimisAids,
      ],
    },
  ],
  HABITAT: [
    identity,
    {
      slug: 'logement',
      title: 'Logement et foyer',
      fields: [
        ...address,
        f('ownerStatus', 'Vous êtes', 'select', { options: HABITAT_STATUS }),
        f('programme', 'Programme', 'select', {
          options: [
            ['diffus', 'Hors programme (diffus)'],
            ['PIG', 'Programme d’intérêt général (PIG)'],
            ['OPAH-RU', 'OPAH renouvellement urbain'],
          ],
        }),
        ...household,
      ],
    },
    {
      slug: 'travaux',
      title: 'Travaux',
      fields: [
        f('workKind', 'Nature des travaux', 'select', {
          options: [
            ['energy', 'Rénovation énergétique'],
            ['autonomy', 'Adaptation à la perte d’autonomie'],
          ],
        }),
        f('dpe.before', 'Classe DPE du logement avant travaux', 'select', {
          options: DPE_OPTIONS,
          hint: 'Pour une rénovation énergétique : la classe du diagnostic de performance énergétique actuel',
        }),
        f('dpe.after', 'Classe DPE visée après travaux', 'select', {
          options: DPE_OPTIONS,
          hint: 'La classe que l’audit énergétique prévoit après les travaux (au moins deux classes gagnées)',
        }),
        f('dpe.assessmentReference', 'Numéro du DPE ou référence de l’audit énergétique', 'text', {
          hint: 'Le numéro à 13 caractères inscrit sur le DPE, ou la référence de l’audit',
        }),
        f('energyGainPct', 'Gain énergétique prévu par l’audit (%)', 'int', {
          hint: 'Pour l’abondement de l’agglomération, accordé au-delà de 35 % de gain',
        }),
        f('autonomy.beneficiaryBirthDate', 'Date de naissance de la personne concernée', 'date', {
          hint: 'Pour une adaptation à la perte d’autonomie',
        }),
        f('autonomy.girAssessment.gir', 'Niveau de dépendance (grille AGGIR)', 'select', {
          options: GIR_LEVELS,
          numeric: true,
          hint: 'Si une évaluation de la dépendance a été faite (personne de 60 à 69 ans)',
        }),
        f('autonomy.girAssessment.assessedOn', 'Date de l’évaluation de la dépendance', 'date'),
        f('autonomy.disabilityRatePct', 'Taux d’incapacité (%)', 'int', {
          hint: 'Si la personne a un taux d’incapacité reconnu (50 % ou plus ouvre droit à l’aide)',
        }),
        f(
          'autonomy.pch',
          'La personne bénéficie-t-elle de la prestation de compensation du handicap (PCH) ?',
          'select',
          {
            options: [
              ['true', 'Oui'],
              ['false', 'Non'],
            ],
            boolean: true,
          },
        ),
        f('autonomy.amoOffer', 'Accompagnement choisi avec votre conseiller (AMO)', 'select', {
          options: AMO_OFFERS.map((o) => [o, amoOfferLabels[o]] as const),
          hint: 'Son forfait fait partie de l’aide MaPrimeAdapt’',
        }),
        worksQuestion,
      ],
      groups: [
        {
          path: 'works',
          legend: 'Postes de travaux',
          rowLabel: 'Poste',
          rows: 1,
          fields: [
            f('label', 'Libellé'),
            f('amountHtCents', 'Montant HT (€)', 'euros'),
            f('amountTtcCents', 'Montant TTC (€)', 'euros'),
            ...company,
          ],
        },
      ],
    },
  ],
};

/** Marks what the domain schema requires (see required.ts): the only source of "required". */
function withRequired(scheme: Scheme, step: StepDef): StepDef {
  return {
    ...step,
    fields: step.fields.map((x) => ({ ...x, required: isRequired(scheme, x.path) })),
    groups: (step.groups ?? []).map((g) => ({
      ...g,
      required: groupIsRequired(scheme, g.path),
      fields: g.fields.map((x) => ({ ...x, required: isRequiredInRow(scheme, g.path, x.path) })),
    })),
  };
}

export const STEPS = Object.fromEntries(
  Object.entries(RAW_STEPS).map(([scheme, steps]) => [
    scheme,
    steps.map((s) => withRequired(scheme as Scheme, s)),
  ]),
) as unknown as Record<Scheme, readonly StepDef[]>;

export const communeOptions = (() => {
  let cache: (readonly [string, string])[] | undefined;
  return () => {
    cache ??= [...loadAgglomerationCommunes()]
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .map((c) => [c.insee, c.name] as const);
    return cache;
  };
})();

export const communeName = (insee: string) => communeOptions().find(([i]) => i === insee)?.[1];

/** The most lines a repeated block takes (a generous bound on what one application lists). */
export const MAX_ROWS = 30;

/** Every input name of a step, in order (group rows expanded, up to MAX_ROWS). */
export function fieldNames(step: StepDef): string[] {
  return [
    ...step.fields.map((x) => x.path),
    ...(step.groups ?? []).flatMap((g) =>
      Array.from({ length: MAX_ROWS }, (_, i) => g.fields.map((x) => `${g.path}.${i}.${x.path}`)).flat(),
    ),
  ];
}

/** Every field of a step with its full name and label, for summaries and error lists. */
export function labelledFields(step: StepDef): { name: string; label: string; def: FieldDef }[] {
  return [
    ...step.fields.map((def) => ({ name: def.path, label: def.label, def })),
    ...(step.groups ?? []).flatMap((g) =>
      Array.from({ length: MAX_ROWS }, (_, i) =>
        g.fields.map((def) => ({
          name: `${g.path}.${i}.${def.path}`,
          label: `${g.rowLabel} ${i + 1} — ${def.label}`,
          def,
        })),
      ).flat(),
    ),
  ];
}
