import { markAddressUndeliverable } from '@aides/store';
import type { ServiceContext } from '../context.ts';

/**
 * SES's bounce and complaint notifications (the configuration set's event destination, through
 * SNS): a permanent bounce or a complaint marks each address concerned undeliverable; staff see it
 * on the dossier and the notifier stops writing to it. Transient bounces change nothing (SES
 * retried them already). The shape read is SES's event publishing format (`eventType`, or
 * `notificationType` for identity notifications).
 */
export interface SesMailEvent {
  eventType?: string;
  notificationType?: string;
  bounce?: {
    bounceType?: string;
    bounceSubType?: string;
    timestamp?: string;
    bouncedRecipients?: { emailAddress: string; diagnosticCode?: string }[];
  };
  complaint?: {
    timestamp?: string;
    complaintFeedbackType?: string;
    complainedRecipients?: { emailAddress: string }[];
  };
}

export async function recordMailEvent(ctx: ServiceContext, e: SesMailEvent): Promise<number> {
  const type = e.eventType ?? e.notificationType;
  const at = ctx.now().toISOString();
  let marked = 0;
  if (type === 'Bounce' && e.bounce?.bounceType === 'Permanent') {
    for (const r of e.bounce.bouncedRecipients ?? []) {
      await markAddressUndeliverable(ctx.store, {
        address: r.emailAddress,
        undeliverable: true,
        reason: 'bounce',
        detail: `Rejet définitif (${e.bounce.bounceSubType ?? 'General'})${r.diagnosticCode ? ` : ${r.diagnosticCode.slice(0, 300)}` : ''}`,
        at: e.bounce.timestamp ?? at,
      });
      marked++;
    }
  }
  if (type === 'Complaint') {
    for (const r of e.complaint?.complainedRecipients ?? []) {
      await markAddressUndeliverable(ctx.store, {
        address: r.emailAddress,
        undeliverable: true,
        reason: 'complaint',
        detail: `Signalé comme indésirable${e.complaint?.complaintFeedbackType ? ` (${e.complaint.complaintFeedbackType})` : ''}`,
        at: e.complaint?.timestamp ?? at,
      });
      marked++;
    }
  }
  return marked;
}
