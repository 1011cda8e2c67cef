import { EventEmitter, once } from 'node:events';
import type { ServiceContext } from '@aides/services/context';
import type { DeliveryOptions } from '@aides/services/notifications/deliver';
import type { OutboxItem } from '@aides/services/notifications/model';
import { getOutboxItem, type Store } from '@aides/store';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { freePort } from '../../scripts/local/embedded-stores.ts';
import { smtpSender } from '../../scripts/local/smtp-sender.ts';
import { type StreamPoller, startStreamPoller } from '../../scripts/local/stream-poller.ts';

/**
 * Something happened that a test may be waiting for: the catcher accepted or refused a message,
 * or the notifier settled an item. `until` re-checks its condition on each of these events.
 */
const progress = new EventEmitter().setMaxListeners(0);
const signal = () => progress.emit('progress');

/** A message as the catcher received it. */
export interface CaughtMessage {
  readonly messageId: string;
  readonly outboxId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface SmtpCatcher {
  readonly port: number;
  readonly messages: CaughtMessage[];
  /** DATA commands refused on purpose. */
  readonly refused: number;
  /**
   * Refuse every `n`th message (after reading it), with a temporary 451: 0 for none. With
   * `oncePerMessage`, a message already refused once (same outbox id) is accepted when sent again.
   */
  failEvery(n: number, o?: { oncePerMessage?: boolean }): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server (nodemailer's smtp-server) that keeps what it accepts and can refuse one
 * message in `n`, answering 451 to the DATA command: the message is then not delivered and the
 * sender knows it.
 */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const port = await freePort();
  const messages: CaughtMessage[] = [];
  let every = 0;
  let seen = 0;
  let refused = 0;
  let oncePerMessage = false;
  const refusedIds = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream: SMTPServerDataStream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        seen++;
        const raw = Buffer.concat(chunks);
        const id = /^x-aides-outbox-id:[ \t]*(\S+)/im.exec(raw.toString('latin1'))?.[1] ?? '';
        if (every > 0 && seen % every === 0 && !(oncePerMessage && refusedIds.has(id))) {
          refused++;
          refusedIds.add(id);
          signal();
          const e = Object.assign(new Error('Échec simulé, réessayez plus tard'), { responseCode: 451 });
          callback(e);
          return;
        }
        const parsed = await simpleParser(raw);
        messages.push({
          messageId: parsed.messageId ?? '',
          outboxId: String(parsed.headers.get('x-aides-outbox-id') ?? ''),
          to: parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
        });
        callback();
        signal();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    messages,
    get refused() {
      return refused;
    },
    failEvery(n, o = {}) {
      every = n;
      seen = 0;
      oncePerMessage = o.oncePerMessage ?? false;
      refusedIds.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const TEST_DELIVERY: DeliveryOptions = {
  webOrigin: 'http://localhost:3000',
  messageIdDomain: 'aides.test',
  maxAttempts: 8,
  baseDelayMs: 5,
  maxDelayMs: 50,
  leaseMs: 60_000,
};

/** The notifier as `npm start` runs it (stream poller → handler → SMTP), on a test's store. */
export async function startTestNotifier(
  ctx: ServiceContext,
  catcher: SmtpCatcher,
  delivery: Partial<DeliveryOptions> = {},
): Promise<StreamPoller> {
  return startStreamPoller(
    ctx.store,
    {
      ctx,
      sender: smtpSender({ host: '127.0.0.1', port: catcher.port, from: 'ne-pas-repondre@aides.test' }),
      delivery: { ...TEST_DELIVERY, ...delivery },
      concurrency: 8,
      onOutcome: (outcome, item, e) => {
        if (outcome === 'error' || outcome === 'busy') console.error('notifier', outcome, item.id, e);
        signal();
      },
    },
    { idleMs: 50, retryMs: 100, onError: (e) => console.error('notifier', e) },
  );
}

/**
 * Waits until `check` holds, re-checking it on each event of the catcher and the notifier (no
 * fixed sleep). A change made by something else (a retry's backoff, a claim's lease running out)
 * is caught by a re-check at most every second; after `timeoutMs` it fails, naming what it waited for.
 */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = AbortSignal.timeout(timeoutMs);
  for (;;) {
    const v = await check();
    if (v) return v;
    if (deadline.aborted) throw new Error(`Délai dépassé : ${what}`);
    await once(progress, 'progress', {
      signal: AbortSignal.any([deadline, AbortSignal.timeout(1_000)]),
    }).catch(() => undefined);
  }
}

export const outboxItem = (store: Store, dossierId: string, id: string) =>
  getOutboxItem<OutboxItem>(store, dossierId, id);
