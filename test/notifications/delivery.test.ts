import { randomUUID } from 'node:crypto';
import { createContext } from '@aides/services/context';
import { deliverOutboxItem } from '@aides/services/notifications/deliver';
import { recordMailEvent } from '@aides/services/notifications/mail-events';
import type { OutboxItem } from '@aides/services/notifications/model';
import { claimOutboxItem, getOutboxItem, outboxItemTx, transact } from '@aides/store';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleStreamRecords } from '../../functions/src/notifier/records.ts';
import { smtpSender } from '../../scripts/local/smtp-sender.ts';
import { type StreamPoller, startStreamPoller } from '../../scripts/local/stream-poller.ts';
import { createTestApi } from '../support/api.ts';
import {
  type SmtpCatcher,
  startSmtpCatcher,
  startTestNotifier,
  TEST_DELIVERY,
  until,
} from '../support/notifier.ts';

/** Issue 13 §2: a retried delivery never sends twice; what cannot be sent is shown to staff. */
let api: Awaited<ReturnType<typeof createTestApi>>;
let catcher: SmtpCatcher;
let poller: StreamPoller | undefined;
beforeAll(async () => {
  api = await createTestApi();
  catcher = await startSmtpCatcher();
});
afterAll(async () => {
  await poller?.stop();
  await catcher?.close();
});

function newItem(email = `demandeur-${randomUUID().slice(0, 6)}@example.fr`): OutboxItem {
  return {
    id: randomUUID(),
    dossierId: randomUUID(),
    createdAt: new Date().toISOString(),
    kind: 'lapsed',
    audience: 'applicant',
    to: { email },
    reference: 'FTE-2026-00099',
    scheme: 'FTE',
    dossierStatus: 'lapsed',
    params: { kind: 'lapsed' },
    status: 'pending',
  };
}
const write = (o: OutboxItem) => transact(api.store, [outboxItemTx(api.store, o)]);
const sender = () =>
  smtpSender({ host: '127.0.0.1', port: catcher.port, from: 'ne-pas-repondre@aides.test' });
const countOf = (id: string) => catcher.messages.filter((m) => m.outboxId === id).length;
const settled = (o: OutboxItem) =>
  until(`élément ${o.id} réglé`, async () => {
    const cur = await getOutboxItem<OutboxItem>(api.store, o.dossierId, o.id);
    return cur && !['pending', 'sending'].includes(cur.status) ? cur : undefined;
  });

describe('idempotent delivery', () => {
  it('the same stream record handled again (a retried batch, a restarted poller) sends nothing more', async () => {
    const o = newItem();
    await write(o);
    const record = {
      eventName: 'INSERT',
      dynamodb: { NewImage: marshall({ ...o, type: 'outbox', status: 'pending' }), SequenceNumber: '1' },
    };
    const deps = { ctx: api.ctx, sender: sender(), delivery: TEST_DELIVERY };
    expect(await handleStreamRecords([record], deps)).toEqual({ batchItemFailures: [] });
    expect(countOf(o.id)).toBe(1);
    // Lambda retries the batch; a second deliverer reads the same record at once.
    await Promise.all([handleStreamRecords([record], deps), handleStreamRecords([record], deps)]);
    // A poller restarted from the stream's start sees the INSERT again.
    poller = await startStreamPoller(api.store, deps, { idleMs: 20 });
    const marker = newItem();
    await write(marker);
    await until('le marqueur est passé', () => countOf(marker.id) === 1);
    await poller.stop();
    poller = undefined;
    expect(countOf(o.id)).toBe(1);
    expect((await getOutboxItem<OutboxItem>(api.store, o.dossierId, o.id))?.status).toBe('sent');
  });

  it('ten deliverers racing on one item: one sends', async () => {
    const o = newItem();
    await write(o);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => deliverOutboxItem(api.ctx, sender(), o, TEST_DELIVERY)),
    );
    expect(outcomes.filter((x) => x === 'sent')).toHaveLength(1);
    expect(outcomes.filter((x) => x !== 'sent').every((x) => x === 'done-before' || x === 'busy')).toBe(true);
    expect(countOf(o.id)).toBe(1);
  });

  it('a claim held by a live sender is left alone (busy); one whose lease ran out is taken over', async () => {
    const o = newItem();
    await write(o);
    const now = new Date();
    const first = await claimOutboxItem(api.store, {
      dossierId: o.dossierId,
      id: o.id,
      token: 'mort',
      now: now.toISOString(),
      staleBefore: new Date(now.getTime() - 60_000).toISOString(),
    });
    expect(first.claimed).toBe(true);
    expect(await deliverOutboxItem(api.ctx, sender(), o, TEST_DELIVERY)).toBe('busy');
    expect(countOf(o.id)).toBe(0);
    // The first sender died: once its lease is over, the item is sent, once.
    expect(await deliverOutboxItem(api.ctx, sender(), o, { ...TEST_DELIVERY, leaseMs: 0 })).toBe('sent');
    expect(countOf(o.id)).toBe(1);
  });
});

describe('failures', () => {
  it('retries with backoff, then lists the failure for staff; a retry sends it once', {
    timeout: 120_000,
  }, async () => {
    poller = await startTestNotifier(api.ctx, catcher, { maxAttempts: 3 });
    catcher.failEvery(1);
    const o = newItem();
    await write(o);
    const failed = await settled(o);
    expect(failed.status).toBe('failed');
    expect(failed.sendAttempts).toBe(3);
    expect(failed.lastError).toMatch(/451/);
    expect(countOf(o.id)).toBe(0);

    const list = await api.call('demo-instructrice', 'GET', '/api/notifications/failed');
    expect(list.status).toBe(200);
    const line = list.body.items.find((i: { id: string }) => i.id === o.id);
    expect(line).toMatchObject({
      dossierId: o.dossierId,
      reference: 'FTE-2026-00099',
      to: o.to.email,
      attempts: 3,
    });
    expect(line.subject).toBe('Demande FTE-2026-00099 : l’aide est devenue caduque');
    expect((await api.call('demo-menage', 'GET', '/api/notifications/failed')).status).toBe(403);

    catcher.failEvery(0);
    const retried = await api.call(
      'demo-finances',
      'POST',
      `/api/dossiers/${o.dossierId}/notifications/${o.id}/retry`,
    );
    expect(retried.status).toBe(204);
    await until('renvoyé', () => countOf(o.id) === 1);
    expect((await settled(o)).status).toBe('sent');
    const after = await api.call('demo-instructrice', 'GET', '/api/notifications/failed');
    expect(after.body.items.some((i: { id: string }) => i.id === o.id)).toBe(false);
    // A second retry of an item no longer failed: 404, nothing sent.
    expect(
      (await api.call('demo-finances', 'POST', `/api/dossiers/${o.dossierId}/notifications/${o.id}/retry`))
        .status,
    ).toBe(404);
    expect(countOf(o.id)).toBe(1);
    await poller.stop();
    poller = undefined;
  });

  it('an address SES reported as bouncing is not written to again, and says why', async () => {
    const o = newItem('rebond@example.fr');
    const marked = await recordMailEvent(createContext(api.store), {
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        timestamp: '2026-12-01T10:00:00.000Z',
        bouncedRecipients: [
          { emailAddress: 'Rebond@Example.fr', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
        ],
      },
    });
    expect(marked).toBe(1);
    // A transient bounce marks nothing.
    expect(
      await recordMailEvent(api.ctx, {
        eventType: 'Bounce',
        bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'autre@example.fr' }] },
      }),
    ).toBe(0);
    await write(o);
    expect(await deliverOutboxItem(api.ctx, sender(), o, TEST_DELIVERY)).toBe('skipped');
    const cur = await getOutboxItem<OutboxItem>(api.store, o.dossierId, o.id);
    expect(cur?.reason).toMatch(/non distribuable/);
    expect(countOf(o.id)).toBe(0);
  });
});
