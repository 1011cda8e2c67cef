import type {
  Action,
  ComputedAmounts,
  DossierState,
  EligibilityResult,
  Funder,
  PaymentKind,
  Role,
  Scheme,
} from '@aides/domain';

/** A dossier as stored (one item) and as services hand it around. */
export interface Dossier {
  id: string;
  scheme: Scheme;
  status: DossierState;
  version: number;
  ownerSub: string;
  ownerName: string;
  /** What the applicant declared; a draft may be incomplete. */
  application: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  /** Set at submission. */
  reference?: string;
  filedAt?: string;
  ruleSetVersion?: string;
  beneficiary?: string;
  communeInsee?: string;
  eligibility?: EligibilityResult;
  /** The engine's amounts at submission (recomputed at proposal). */
  amounts?: ComputedAmounts;
  assigneeSub?: string;
  assigneeName?: string;
  documentRequest?: { message: string; documentTypes: string[]; at: string };
  proposal?: Proposal;
  sessionId?: string;
  decision?: Decision;
  /** Committed and paid per funder once approved. */
  committedByFunder?: Partial<Record<Funder, number>>;
  paidByFunder?: Partial<Record<Funder, number>>;
  /** The kind of the last payment: the state label says « Avance versée » or « Acompte versé ». */
  lastPaymentKind?: PaymentKind;
}

export interface Proposal {
  kind: 'grant' | 'refusal';
  /** Amount per funder proposed to the Bureau (engine's, or adjusted). */
  amountsByFunder: Record<Funder, number>;
  totalCents: number;
  computed?: ComputedAmounts;
  adjustmentMotivation?: string;
  text: string;
  motivation?: string;
  by: string;
  byName: string;
  at: string;
}

export interface Decision {
  outcome: 'favourable' | 'unfavourable' | 'adjourned';
  sessionId: string;
  deliberationNumber?: string;
  motivation?: string;
  at: string;
}

/** One line of the timeline: who did what, when, from which state to which, and why. */
export interface DossierEvent {
  id: string;
  dossierId: string;
  at: string;
  actorSub: string;
  actorName: string;
  /** `system` for what no person did (an e-mail sent by the notifier). */
  role: Role | 'system';
  action: Action | 'create' | 'update' | 'assign' | 'verdict' | 'schedule_agenda' | 'payment' | 'email_sent';
  /** For `email_sent`: whom the e-mail was for (the applicant sees only theirs). */
  audience?: 'applicant' | 'staff';
  from: DossierState;
  to: DossierState;
  why?: string;
  detail?: string;
}

/** A private note on a dossier: staff only, never shown to the applicant (a type: stored as a record). */
export type PrivateNote = {
  id: string;
  dossierId: string;
  at: string;
  authorSub: string;
  authorName: string;
  text: string;
};
