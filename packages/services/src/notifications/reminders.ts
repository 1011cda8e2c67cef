import {
  consumeWorksReminderTx,
  dropWorksReminder,
  getDossier,
  outboxItemTx,
  transact,
  worksRemindersDue,
} from '@aides/store';
import type { ServiceContext } from '../context.ts';
import type { Dossier } from '../dossiers/model.ts';
import { applicantNotification } from './outbox.ts';

/**
 * The daily check: every works reminder due on or before `day` (a Query on the byParent index,
 * never a Scan) becomes an outbox item for the applicant, written in the same transaction as the
 * reminder's removal, so a check run twice (or twice at once) reminds once. A dossier paid in full
 * or lapsed meanwhile gets no reminder.
 */
export async function runWorksReminders(
  ctx: ServiceContext,
  day: string,
): Promise<{ reminded: number; dropped: number }> {
  let reminded = 0;
  let dropped = 0;
  let cursor: string | undefined;
  do {
    const page = await worksRemindersDue(ctx.store, day, cursor);
    for (const r of page.items) {
      const d = await getDossier<Dossier>(ctx.store, r.dossierId);
      if (!d || !['approved', 'partly_paid'].includes(d.status)) {
        await dropWorksReminder(ctx.store, r);
        dropped++;
        continue;
      }
      const item = await applicantNotification(ctx, d, { kind: 'works_reminder', deadline: r.deadline });
      try {
        await transact(ctx.store, [
          consumeWorksReminderTx(ctx.store, r),
          ...(item ? [outboxItemTx(ctx.store, item)] : []),
        ]);
        reminded++;
      } catch (e) {
        // Another run took it first: nothing to do.
        if ((e as Error).name !== 'ConditionFailedError') throw e;
      }
    }
    cursor = page.cursor;
  } while (cursor);
  return { reminded, dropped };
}
