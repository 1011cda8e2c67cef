export const DOSSIER_STATES = [
  'draft',
  'submitted',
  'in_review',
  'awaiting_documents',
  'proposed',
  'scheduled',
  'approved',
  'rejected',
  'adjourned',
  'withdrawn',
  'partly_paid',
  'paid',
  'lapsed',
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export const stateLabels: Record<DossierState, string> = {
  draft: 'Brouillon',
  submitted: 'Déposé',
  in_review: 'En instruction',
  awaiting_documents: 'En attente de pièces',
  proposed: 'Proposé au Bureau',
  scheduled: "Inscrit à l'ordre du jour",
  approved: 'Accordé (engagé)',
  rejected: 'Refusé',
  adjourned: 'Ajourné',
  withdrawn: 'Sans suite',
  partly_paid: 'Avance ou acompte versé',
  paid: 'Soldé',
  lapsed: 'Caduc',
};

/**
 * The state as one dossier's reader sees it: once partly paid, the payment it was (« Avance
 * versée » after an advance, « Acompte versé » after an instalment); lists of a state keep the
 * state's own label.
 */
export function dossierStateLabel(
  status: DossierState,
  lastPaymentKind?: 'advance' | 'instalment' | 'balance',
) {
  if (status === 'partly_paid' && lastPaymentKind === 'advance') return 'Avance versée';
  if (status === 'partly_paid' && lastPaymentKind === 'instalment') return 'Acompte versé';
  return stateLabels[status];
}

export const TERMINAL_STATES: readonly DossierState[] = ['rejected', 'withdrawn', 'paid', 'lapsed'];

export const ROLES = ['applicant', 'instructor', 'bureau', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleLabels: Record<Role, string> = {
  applicant: 'Demandeur',
  instructor: 'Instructeur',
  bureau: 'Bureau communautaire',
  finance: 'Finances',
  admin: 'Administrateur',
};
