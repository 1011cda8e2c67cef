import type { Funder, Scheme } from '@aides/domain';
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
    at: string;
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
  committedAt: string;
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
  kind: 'advance' | 'instalment' | 'balance';
  amountCents: number;
  at: string;
  by: string;
  sessionId: string;
}

export const envelopeId = (scheme: string, year: number, funder: string) => `${scheme}-${year}-${funder}`;
