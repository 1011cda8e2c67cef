import { MailDev } from 'maildev';
import { freePort } from './embedded-stores.ts';

/**
 * The local mail catcher: maildev, in this process (so Ctrl-C leaves nothing behind), listening
 * on loopback. Its web inbox lists every e-mail the notifier sent; its SMTP port receives them.
 */
export interface MailCatcher {
  readonly smtpPort: number;
  readonly webPort: number;
  readonly inboxUrl: string;
  stop(): Promise<void>;
}

export async function startMailCatcher(
  o: { smtpPort?: number; webPort?: number; mailDirectory?: string } = {},
): Promise<MailCatcher> {
  const smtpPort = o.smtpPort ?? (await freePort());
  const webPort = o.webPort ?? (await freePort());
  const maildev = new MailDev({
    smtp: smtpPort,
    ip: '127.0.0.1',
    web: webPort,
    webIp: '127.0.0.1',
    silent: true,
    ...(o.mailDirectory ? { mailDirectory: o.mailDirectory } : {}),
  });
  await maildev.start();
  let stopped = false;
  return {
    smtpPort,
    webPort,
    inboxUrl: `http://localhost:${webPort}/`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await maildev.stop();
    },
  };
}
