import type { BeneficiaryDetails, Funder, PaymentKind, Scheme } from '@aides/domain';
import type { SessionMinutes } from './session-record.ts';

export interface BureauSession {
  id: string;
  number: string;
  date: string;
  status: 'open' | 'closed';
  createdAt: string;
  createdBy: string;
  /** What the secretary recorded for the extract (bureau/session-record.ts). */
  minutes?: SessionMinutes;
  /** Set when the final extract was issued: the session is closed then. */
  extractIssuedAt?: string;
}

/** One dossier on a session's agenda, with the Bureau's decision once taken. */
export interface AgendaItem {
  sessionId: string;
  dossierId: string;
  reference: string;
  scheme: Scheme;
  beneficiary: string;
  communeInsee?: string;
  proposalKind: 'grant' | 'refusal';
  amountsByFunder: Record<Funder, number>;
  totalCents: number;
  addedAt: string;
  decision?: {
    outcome: 'favourable' | 'unfavourable' | 'adjourned';
    deliberationNumber?: string;
    motivation?: string;
    /** The decision's instant: the start (Europe/Paris) of the session's day. */
    at: string;
    /** The decision date, AAAA-MM-JJ: the session's date. */
    date?: string;
    /** When the secretary typed it in (audit), ISO instant. */
    recordedAt?: string;
    by: string;
  };
}

export interface Envelope {
  id: string;
  scheme: Scheme;
  year: number;
  funder: Funder;
  budgetLine: string;
  label: string;
  amountCents: number;
  committedCents: number;
  paidCents: number;
  /** Always amount − committed: kept as its own attribute so a condition can guard it. */
  availableCents: number;
  /**
   * Released back (balance below a commitment, lapse) since issue 16.3; absent on envelopes
   * created before. `committedCents` is already net of it.
   */
  releasedCents?: number;
  createdAt: string;
  updatedAt: string;
}

export interface Commitment {
  id: string;
  dossierId: string;
  reference: string;
  scheme: Scheme;
  year: number;
  funder: Funder;
  beneficiary: string;
  budgetLine: string;
  amountCents: number;
  paidCents: number;
  remainingCents: number;
  status: 'active' | 'closed' | 'lapsed';
  sessionId: string;
  sessionNumber: string;
  deliberationNumber: string;
  /** The commitment's instant: the decision's (start of the session's day, Europe/Paris). */
  committedAt: string;
  /** The decision date, AAAA-MM-JJ (the session's date); absent on commitments made before issue 13§4. */
  decisionDate?: string;
  /** When the decision was typed in (audit), ISO instant. */
  recordedAt?: string;
  /** Who the beneficiary is and the project's figures, as at the decision (exports). */
  details?: BeneficiaryDetails;
  payments: { id: string; kind: 'advance' | 'instalment' | 'balance'; amountCents: number; at: string }[];
  /** Released to the envelope at balance (below the commitment) or lapse. */
  releasedCents: number;
}

export interface Payment {
  id: string;
  dossierId: string;
  commitmentId: string;
  reference: string;
  scheme: Scheme;
  year: number;
  funder: Funder;
  beneficiary: string;
  budgetLine: string;
  kind: PaymentKind;
  amountCents: number;
  at: string;
  by: string;
  sessionId: string;
  sessionNumber?: string;
  deliberationNumber?: string;
  /** The decision date (AAAA-MM-JJ) of the commitment paid. */
  decisionDate?: string;
  /** The bank account paid, as entered from the verified RIB (electronic format). */
  iban?: string;
  details?: BeneficiaryDetails;
}

export const envelopeId = (scheme: string, year: number, funder: string) => `${scheme}-${year}-${funder}`;
