import type { Scheme } from './enums.ts';

export const documentTypesByScheme = {
  FTE: [
    'identity_document',
    'tax_notice',
    'property_proof',
    'france_renov_certificate',
    'quote',
    'rib',
    'invoice',
  ],
  TPE: [
    'identity_document',
    'company_registration',
    'business_plan',
    'quote',
    'de_minimis_declaration',
    'premises_proof',
    'rib',
    'invoice',
    'employment_contract',
  ],
  ESS: [
    'identity_document',
    'statutes',
    'budget',
    'business_plan',
    'rib',
    'employment_contract',
    'activity_report',
    'de_minimis_declaration',
  ],
  HABITAT: [
    'identity_document',
    'tax_notice',
    'property_proof',
    'quote',
    'energy_assessment',
    'autonomy_assessment',
    'rib',
    'invoice',
  ],
} as const satisfies Record<Scheme, readonly string[]>;

export type DocumentTypeOf<S extends Scheme> = (typeof documentTypesByScheme)[S][number];
export type DocumentType = DocumentTypeOf<Scheme>;

export const documentTypeLabels: Record<DocumentType, string> = {
  identity_document: "Pièce d'identité",
  tax_notice: "Dernier avis d'impôt sur le revenu",
  property_proof: 'Justificatif de propriété (taxe foncière ou acte)',
  france_renov_certificate: "Attestation de rendez-vous à l'Espace Conseil France Rénov'",
  quote: 'Devis des travaux',
  rib: 'Relevé d’identité bancaire (RIB)',
  invoice: 'Factures acquittées',
  company_registration: 'Extrait Kbis ou inscription au registre national des entreprises',
  business_plan: 'Plan de financement et prévisionnel',
  de_minimis_declaration: 'Attestation des aides de minimis reçues sur trois ans',
  premises_proof: 'Bail ou titre de propriété du local',
  employment_contract: 'Contrats de travail des emplois créés',
  statutes: 'Statuts de la structure',
  budget: 'Budget prévisionnel',
  activity_report: "Rapport d'activité",
  energy_assessment: 'Évaluation énergétique avant et après travaux',
  autonomy_assessment: "Justificatif de perte d'autonomie (évaluation GIR ou taux d'incapacité)",
};
