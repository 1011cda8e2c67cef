import { normalizeFiscal } from './fiscal.ts';

/**
 * The shape a later call to the DGFiP income API (API Particulier / « API Impôt particulier »,
 * query by numéro fiscal + référence de l'avis) will take and give back. Nothing calls the API
 * yet: the applicant's notices are stored as typed, the instructor checks them by hand, and a
 * future service will fill `DgfipIncomeCertification` on the dossier (not in the application,
 * which the applicant writes) from the answer.
 */
export interface DgfipIncomeQuery {
  numeroFiscal: string;
  referenceAvis: string;
}

export interface DgfipIncomeCertification {
  source: 'dgfip';
  /** The query it answers (one per declarant of the household). */
  queries: DgfipIncomeQuery[];
  /** Revenu fiscal de référence, whole euros, and the year of the income. */
  revenuFiscalReference: number;
  anneeRevenus: number;
  nombreParts?: number;
  /** When the answer was received (ISO instant). */
  certifiedAt: string;
}

/** The queries to send for a household's notices, identifiers normalised (no spaces, upper case). */
export function dgfipQueriesOf(household: {
  notices?: readonly DgfipIncomeQuery[] | undefined;
}): DgfipIncomeQuery[] {
  return (household.notices ?? []).map((n) => ({
    numeroFiscal: normalizeFiscal(n.numeroFiscal),
    referenceAvis: normalizeFiscal(n.referenceAvis),
  }));
}
