import { createServer } from 'node:net';
import type { ServiceContext } from '@aides/services/context';
import { DEFAULT_DELIVERY } from '@aides/services/notifications/deliver';
import { runWorksReminders } from '@aides/services/notifications/reminders';
import { freePort } from '../embedded-stores.ts';
import { type MailCatcher, startMailCatcher } from '../mail-catcher.ts';
import { smtpSender } from '../smtp-sender.ts';
import { type StreamPoller, startStreamPoller } from '../stream-poller.ts';

/**
 * E-mail on one machine, as `npm start` runs it: the mail catcher (maildev, in process), the
 * stream poller handing DynamoDB Local's stream to the notifier's handler (SMTP to the catcher),
 * and the daily works-reminder check (at start, then every 24 hours; by hand:
 * `npm run reminders -- --now 2027-01-15`).
 */
export interface LocalNotifier {
  readonly catcher: MailCatcher;
  stop(): Promise<void>;
}

/** The port wanted if it is free, else any free one (a second `npm start`, a busy 1025). */
async function portOr(wanted: number): Promise<number> {
  const free = await new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(wanted, '127.0.0.1', () => s.close(() => resolve(true)));
  });
  return free ? wanted : freePort();
}

export const MAIL_FROM_LOCAL = 'ne-pas-repondre@aides.localhost';

export async function startLocalNotifier(
  ctx: ServiceContext,
  o: { webOrigin: string; smtpPort?: number; webPort?: number; log: (m: string) => void },
): Promise<LocalNotifier> {
  const catcher = await startMailCatcher({
    smtpPort: await portOr(o.smtpPort ?? 1025),
    webPort: await portOr(o.webPort ?? 1080),
  });
  let poller: StreamPoller | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    poller = await startStreamPoller(
      ctx.store,
      {
        ctx,
        sender: smtpSender({ host: '127.0.0.1', port: catcher.smtpPort, from: MAIL_FROM_LOCAL }),
        delivery: {
          ...DEFAULT_DELIVERY,
          webOrigin: o.webOrigin,
          messageIdDomain: 'aides.localhost',
        },
        onOutcome: (outcome, item, e) => {
          if (outcome === 'failed')
            o.log(`Courriel ${item.id} (${item.kind}) en échec : voir /notifications/echecs`);
          if (outcome === 'error') o.log(`Courriel ${item.id} non traité : ${(e as Error)?.message}`);
        },
      },
      { onError: (e) => o.log(`Lecture du flux DynamoDB : ${(e as Error).message}`) },
    );
    const daily = () =>
      runWorksReminders(ctx, new Date().toISOString().slice(0, 10))
        .then(
          (r) => r.reminded > 0 && o.log(`Rappels de fin de travaux : ${r.reminded} courriel(s) préparé(s).`),
        )
        .catch((e: Error) => o.log(`Rappels de fin de travaux : ${e.message}`));
    void daily();
    timer = setInterval(daily, 24 * 3600_000);
    timer.unref();
  } catch (e) {
    await poller?.stop();
    await catcher.stop();
    throw e;
  }
  return {
    catcher,
    stop: async () => {
      if (timer) clearInterval(timer);
      await poller?.stop();
      await catcher.stop();
    },
  };
}
