import type {
  Action,
  ComputedAmounts,
  DossierState,
  EligibilityResult,
  Funder,
  PaymentKind,
  Role,
  Scheme,
  TpeLocationConfirmation,
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
  /** Filed though ineligible: the applicant confirmed they knew (issue 14). */
  ineligibleAcknowledged?: boolean;
  /** TPE: the instructor's confirmation of rural or QPV (issue 14); an import carries the historical one. */
  locationConfirmation?: TpeLocationConfirmation;
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
  /** The last payment's id: its payment notice is linked from the payment e-mail (issue 13 §3). */
  lastPaymentId?: string;
  // ---- Personal data (issue 20, services/privacy) ----
  /** An appeal (recours) against the decision: while open, the dossier is never purged. */
  appeal?: { status: 'open' | 'closed'; receivedAt: string; closedAt?: string; note?: string };
  /** The draft's deletion was announced (outbox hook) for the draft as it was at `forUpdatedAt`. */
  retentionWarning?: { at: string; forUpdatedAt: string; deletionDue: string };
  /** On an elimination list awaiting the archives' visa. */
  eliminationListId?: string;
  /** Set when the purge starts (pending) and when it ends (done): the dossier is then a tombstone. */
  purge?: PurgeRecord;
}

/** How and why a dossier was purged; kept on its tombstone. */
export interface PurgeRecord {
  state: 'pending' | 'done';
  kind: 'delete' | 'tombstone';
  rule: string;
  startedAt: string;
  doneAt?: string;
  /** The archives' visa (elimination list) that allowed it, for granted dossiers. */
  visaReference?: string;
  eliminationListId?: string;
  /** Objects deleted from the bucket (versions included), for the record. */
  objectsDeleted?: number;
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
  /** The decision's instant: the start (Europe/Paris) of the session's day (reports count by it). */
  at: string;
  /** The decision date, AAAA-MM-JJ: the session's date (letters, extract, exports). */
  date?: string;
  /** When it was typed in (audit), ISO instant. */
  recordedAt?: string;
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
  action:
    | Action
    | 'create'
    | 'update'
    | 'assign'
    /** TPE: the instructor confirmed (or changed, with a reason) the rural / QPV classification. */
    | 'confirm_location'
    | 'verdict'
    | 'schedule_agenda'
    | 'payment'
    /** An official document issued (letters/issue.ts): `detail` names it, `sha256` is its checksum. */
    | 'issue_letter'
    /** Written by an import of earlier dossiers (services/imports): names the file and its SHA-256. */
    | 'import'
    // Personal data (issue 20)
    | 'rectify'
    | 'appeal'
    | 'purge'
    /** An e-mail sent by the notifier (issue 13 §2). */
    | 'email_sent';
  /** For `email_sent`: whom the e-mail was for (the applicant sees only theirs). */
  audience?: 'applicant' | 'staff';
  from: DossierState;
  to: DossierState;
  why?: string;
  detail?: string;
  /** For `issue_letter`: the document's id and SHA-256 (hex). */
  letterId?: string;
  sha256?: string;
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
