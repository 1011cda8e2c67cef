import type { DossierState, PaymentKind, Scheme } from '@aides/domain';
import type { OutboxStatus } from '@aides/store';

/**
 * An e-mail to send, as written in the outbox with the change it tells of (see
 * packages/store/src/outbox.ts). It holds what the message needs and nothing more: the
 * recipient's address, the dossier's reference and the few facts of the event. The message
 * itself (subject, text, HTML) is composed when it is sent (./messages.ts).
 */
export type NotificationKind =
  | 'filed'
  | 'documents_requested'
  | 'decision'
  | 'payment'
  | 'works_reminder'
  | 'lapsed'
  | 'draft_deletion'
  | 'assigned'
  | 'answered';

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'filed',
  'documents_requested',
  'decision',
  'payment',
  'works_reminder',
  'lapsed',
  'draft_deletion',
  'assigned',
  'answered',
];

export type NotificationAudience = 'applicant' | 'staff';

export type NotificationParams =
  | { kind: 'filed'; filedAt: string }
  | { kind: 'documents_requested'; documentTypes: string[] }
  | {
      kind: 'decision';
      outcome: 'favourable' | 'unfavourable' | 'adjourned';
      /** The session: names the decision letter the e-mail links to (absent on items written before). */
      sessionId?: string;
    }
  | {
      kind: 'payment';
      paymentKind: PaymentKind;
      amountCents: number;
      /** The payment: names the payment notice the e-mail links to (absent on items written before). */
      paymentId?: string;
    }
  | { kind: 'works_reminder'; deadline: string }
  | { kind: 'lapsed' }
  /** Issue 20: an untouched draft is deleted on `deletionDue` unless the applicant takes it up. */
  | { kind: 'draft_deletion'; deletionDue: string }
  | { kind: 'assigned'; byName: string }
  | { kind: 'answered' };

export interface OutboxItem {
  id: string;
  dossierId: string;
  createdAt: string;
  kind: NotificationKind;
  audience: NotificationAudience;
  /** Who receives it: an address, and for staff whose preference applies, their id. */
  to: { email: string; sub?: string };
  reference: string;
  scheme: Scheme;
  /** The dossier's state once the change is written (for the timeline line). */
  dossierStatus: DossierState;
  params: NotificationParams;
  status: OutboxStatus;
  attempts?: number;
  sendAttempts?: number;
  subject?: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  lastErrorAt?: string;
  failedAt?: string;
  skippedAt?: string;
  reason?: string;
}

/** An e-mail ready to go: the same for SMTP (locally) and SES v2 (on AWS). */
export interface MailMessage {
  /** `<outbox id@domain>`: one outbox item, one Message-ID, however often it is retried. */
  readonly messageId: string;
  readonly outboxId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Sends one message; throws when the message was not accepted. */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
}
