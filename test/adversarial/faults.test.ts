import { createContext } from '@aides/services/context';
import { createStore, getItem, keys } from '@aides/store';
import { s3Client } from '@aides/store/objects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiGateway } from '../../scripts/local/api-gateway.ts';
import { createTestApi } from '../support/api.ts';
import { type ApiResponse, apiClient } from '../support/api-client.ts';
import { type FaultMode, type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import {
  approvedDossier,
  BUREAU,
  clonePartition,
  cloneScheduled,
  ensureEnvelope,
  FINANCE,
  HOUSEHOLD,
  newSession,
  PDF,
  postToS3,
  readyDraft,
  reload,
  scanAll,
  scheduledDossier,
} from './fixtures.ts';

/**
 * DynamoDB and S3 failures injected at every call of submit, decision and payment (and of the
 * upload confirm), through a proxy in front of the embedded stores: each failed operation leaves
 * nothing half-written, answers a 5xx problem+json, and a retry completes it.
 */
let api: Awaited<ReturnType<typeof createTestApi>>;
let ddbProxy: FaultProxy;
let s3Proxy: FaultProxy;
let faulty: ReturnType<typeof apiClient>;

beforeAll(async () => {
  api = await createTestApi();
  const endpoint = (api.store.ddb.config as { endpoint?: unknown }).endpoint;
  const ep = typeof endpoint === 'function' ? await endpoint() : endpoint;
  const dynamoUrl = `${ep.protocol}//${ep.hostname}:${ep.port}`;
  const s3ep = await (
    (await s3Client(api.store)).config.endpoint as () => Promise<{
      protocol: string;
      hostname: string;
      port?: number;
    }>
  )();
  ddbProxy = await startFaultProxy(dynamoUrl);
  s3Proxy = await startFaultProxy(`${s3ep.protocol}//${s3ep.hostname}:${s3ep.port}`);
  const store = createStore({ ...api.store.config, dynamoEndpoint: ddbProxy.url, s3Endpoint: s3Proxy.url });
  const app = createApiGateway({ deps: { ctx: createContext(store) }, issuer: api.issuer });
  faulty = apiClient({ app, tokenFor: api.tokenFor });
}, 120_000);
afterAll(async () => {
  await Promise.allSettled([ddbProxy?.close(), s3Proxy?.close()]);
});

/** The calls an operation makes, as (operation, nth) pairs. */
async function stepsOf(run: () => Promise<ApiResponse>) {
  ddbProxy.reset();
  const r = await run();
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  const seen = new Map<string, number>();
  return ddbProxy.calls.map((op) => {
    const nth = (seen.get(op) ?? 0) + 1;
    seen.set(op, nth);
    return { op, nth };
  });
}

const faultsFor = (steps: { op: string; nth: number }[]) =>
  steps.flatMap((s) => {
    const modes: FaultMode[] =
      s.op === 'TransactWriteItems' ? ['500', 'drop', 'drop-after'] : ['500', 'drop'];
    return modes.map((mode) => ({ ...s, mode }));
  });

/** This year's FTE envelope of the agglomeration, which the payment scenario draws on. */
const paymentEnvelopeKey = () => keys.envelope('FTE', new Date().getUTCFullYear(), 'agglomeration');
const paymentEnvelope = async () =>
  (await getItem(api.store, paymentEnvelopeKey())) as unknown as {
    committedCents: number;
    availableCents: number;
    amountCents: number;
    paidCents: number;
  };

function expectProblem(r: ApiResponse) {
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(JSON.stringify(r.body)).not.toMatch(/\bat .+:\d+:\d+/);
}

describe('faults', () => {
  it('submit: a failure at any DynamoDB call leaves a draft or a complete filing; a retry files it once', async () => {
    const probe = await readyDraft(api.ctx);
    const steps = await stepsOf(() =>
      faulty.call(HOUSEHOLD, 'POST', `/api/dossiers/${probe.id}/submit`, undefined, {
        'if-match': `"${probe.version}"`,
        'idempotency-key': `probe-${probe.id}`,
      }),
    );
    expect(steps.some((s) => s.op === 'TransactWriteItems')).toBe(true);
    const drafts = await clonePartition(api.store, probe.id, 0);
    expect(drafts).toEqual([]);
    for (const fault of faultsFor(steps)) {
      const d = await readyDraft(api.ctx);
      const key = `fault-${d.id}`;
      const send = () =>
        faulty.call(HOUSEHOLD, 'POST', `/api/dossiers/${d.id}/submit`, undefined, {
          'if-match': `"${d.version}"`,
          'idempotency-key': key,
        });
      ddbProxy.reset();
      ddbProxy.fail({ op: fault.op, nth: fault.nth, times: 3, mode: fault.mode });
      const failed = await send();
      const label = `${fault.op}#${fault.nth} ${fault.mode}: ${failed.status}`;
      if (failed.status >= 300) {
        expect(failed.status, label).toBeGreaterThanOrEqual(500);
        expectProblem(failed);
      }
      const items = (await scanAll(api.store)).filter((i) => i.dossierId === d.id || i.id === d.id);
      const now = await reload(api.store, d.id);
      const claims = items.filter((i) => i.type === 'reference');
      const submitEvents = items.filter((i) => i.type === 'event' && i.action === 'submit');
      if (now.status === 'draft') {
        expect(now.version, label).toBe(d.version);
        expect(claims, label).toHaveLength(0);
        expect(submitEvents, label).toHaveLength(0);
        // A number taken for a write that failed is recorded as void, with its reason.
        const voids = items.filter((i) => i.type === 'reference-void');
        expect(voids, label).toHaveLength(fault.op === 'TransactWriteItems' ? 1 : 0);
        for (const v of voids) expect(String(v.reason), label).toMatch(/^Échec technique/);
      } else {
        expect(now.status, label).toBe('submitted');
        expect(
          claims.map((c) => c.pk),
          label,
        ).toEqual([`REFERENCE#${now.reference}`]);
        expect(submitEvents, label).toHaveLength(1);
        expect(await getItem(api.store, keys.idempotency(HOUSEHOLD, key)), label).toBeDefined();
      }
      ddbProxy.reset();
      const retry = await send();
      expect(
        retry.status,
        `${label} → retry ${retry.status} ${JSON.stringify(retry.body).slice(0, 200)}`,
      ).toBe(201);
      const after = await reload(api.store, d.id);
      expect(after.status).toBe('submitted');
      expect(retry.body.acknowledgement.reference).toBe(after.reference);
    }
  }, 400_000); // 180 s ran out at load 25 on two cores (a busy CI machine)

  it('decision: never a commitment without its state change; a retry commits once', async () => {
    const session = await newSession(api.ctx);
    const template = await scheduledDossier(api.ctx, session.id);
    const amount = template.proposal?.amountsByFunder.agglomeration ?? 0;
    const envelope = await ensureEnvelope(api.ctx, amount * 200);
    const decide = (id: string, version: number) =>
      faulty.call(
        BUREAU,
        'POST',
        `/api/sessions/${session.id}/decisions`,
        { dossierId: id, outcome: 'favourable', deliberationNumber: `F-${id.slice(0, 8)}` },
        { 'if-match': `"${version}"` },
      );
    // Twins are cloned before the probe decides the template.
    const spare = await cloneScheduled(api.store, template, session.id, 40);
    const steps = await stepsOf(() => decide(template.id, template.version));
    const faults = faultsFor(steps);
    expect(faults.length).toBeLessThanOrEqual(spare.length);
    const clones = spare.slice(0, faults.length);
    for (const [i, fault] of faults.entries()) {
      const d = clones[i] as (typeof clones)[number];
      ddbProxy.reset();
      ddbProxy.fail({ op: fault.op, nth: fault.nth, times: 3, mode: fault.mode });
      const failed = await decide(d.id, d.version);
      const label = `${fault.op}#${fault.nth} ${fault.mode}: ${failed.status}`;
      if (failed.status >= 300) {
        expect(failed.status, label).toBeGreaterThanOrEqual(500);
        expectProblem(failed);
      }
      const now = await reload(api.store, d.id);
      const commitment = await getItem(api.store, keys.commitment(d.id, 'agglomeration'));
      expect(Boolean(commitment), label).toBe(now.status === 'approved');
      if (now.status !== 'approved') expect(now.status, label).toBe('scheduled');
      ddbProxy.reset();
      if (now.status !== 'approved') {
        const retry = await decide(d.id, d.version);
        expect(retry.status, `${label} → retry ${JSON.stringify(retry.body).slice(0, 200)}`).toBe(200);
      }
    }
    const items = await scanAll(api.store);
    const commitments = items.filter((i) => i.type === 'commitment');
    const approved = items.filter((i) => i.type === 'dossier' && i.status === 'approved');
    expect(commitments.length).toBe(approved.length);
    expect(commitments.filter((c) => clones.some((d) => d.id === c.dossierId))).toHaveLength(faults.length);
    const env = items.find((i) => i.type === 'envelope' && i.id === envelope.id) as unknown as Record<
      string,
      number
    > & { committedCents: number; availableCents: number; amountCents: number; paidCents: number };
    expect(env.committedCents).toBe(commitments.reduce((s, c) => s + Number(c.amountCents), 0));
    expect(env.committedCents + env.availableCents).toBe(env.amountCents);
  }, 400_000); // 180 s ran out at load 25 on two cores (a busy CI machine)

  it('payment: never a payment without its ledger entry; a retry pays once', async () => {
    const session = await newSession(api.ctx);
    if (!(await getItem(api.store, paymentEnvelopeKey()))) await ensureEnvelope(api.ctx, 1);
    await api.call(FINANCE, 'POST', `/api/envelopes/FTE-${new Date().getUTCFullYear()}-agglomeration/raise`, {
      amountCents: 50_000_000,
    });
    const template = await approvedDossier(api.ctx, session.id);
    const advance = Math.floor((template.committedByFunder?.agglomeration ?? 0) * 0.3);
    expect(advance).toBeGreaterThan(0);
    const pay = (id: string, version: number) =>
      faulty.call(
        FINANCE,
        'POST',
        `/api/dossiers/${id}/payments`,
        { funder: 'agglomeration', kind: 'advance', amountCents: advance },
        { 'if-match': `"${version}"` },
      );
    const probe = (await clonePartition(api.store, template.id, 1))[0] as string;
    const steps = await stepsOf(() => pay(probe, template.version));
    const faults = faultsFor(steps);
    const clones = await clonePartition(api.store, template.id, faults.length);
    const envBefore = await paymentEnvelope();
    for (const [i, fault] of faults.entries()) {
      const id = clones[i] as string;
      ddbProxy.reset();
      ddbProxy.fail({ op: fault.op, nth: fault.nth, times: 3, mode: fault.mode });
      const failed = await pay(id, template.version);
      const label = `${fault.op}#${fault.nth} ${fault.mode}: ${failed.status}`;
      if (failed.status >= 300) {
        expect(failed.status, label).toBeGreaterThanOrEqual(500);
        expectProblem(failed);
      }
      const part = (await scanAll(api.store)).filter((x) => x.dossierId === id || x.id === id);
      const ledger = part.filter((x) => x.type === 'payment');
      const commitment = part.find((x) => x.type === 'commitment') as {
        payments: unknown[];
        paidCents: number;
      };
      const dossier = part.find((x) => x.type === 'dossier') as {
        status: string;
        paidByFunder?: Record<string, number>;
      };
      expect(ledger.length, label).toBe(commitment.payments.length);
      expect(commitment.paidCents, label).toBe(ledger.reduce((s, p) => s + Number(p.amountCents), 0));
      expect(dossier.paidByFunder?.agglomeration ?? 0, label).toBe(commitment.paidCents);
      expect(dossier.status, label).toBe(ledger.length ? 'partly_paid' : 'approved');
      ddbProxy.reset();
      if (!ledger.length) {
        const retry = await pay(id, template.version);
        expect(retry.status, `${label} → retry ${JSON.stringify(retry.body).slice(0, 200)}`).toBe(201);
      }
    }
    const items = await scanAll(api.store);
    const env = await paymentEnvelope();
    const ledger = items.filter((x) => x.type === 'payment' && clones.includes(String(x.dossierId)));
    expect(ledger.length).toBe(clones.length);
    expect(env.paidCents - envBefore.paidCents).toBe(ledger.reduce((s, p) => s + Number(p.amountCents), 0));
  }, 400_000); // 180 s ran out at load 25 on two cores (a busy CI machine)

  it('upload confirm: an S3 failure keeps the piece pending and unserved; a retry confirms it', async () => {
    const d = await readyDraft(api.ctx);
    for (const op of ['HEAD', 'GET']) {
      const grant = await faulty.call(HOUSEHOLD, 'POST', `/api/dossiers/${d.id}/attachments`, {
        documentType: 'quote',
        fileName: 'devis.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
      });
      expect(grant.status).toBe(201);
      await postToS3(grant.body.upload, PDF, 'application/pdf');
      const aid = grant.body.attachment.id as string;
      s3Proxy.reset();
      s3Proxy.fail({ op, nth: 1, times: 5, mode: '500' });
      const failed = await faulty.call(HOUSEHOLD, 'POST', `/api/dossiers/${d.id}/attachments/${aid}/confirm`);
      expect(failed.status, `${op}: ${failed.status}`).toBeGreaterThanOrEqual(500);
      expectProblem(failed);
      expect((await getItem(api.store, keys.attachment(d.id, aid)))?.status).toBe('pending');
      const dl = await faulty.call(HOUSEHOLD, 'GET', `/api/dossiers/${d.id}/attachments/${aid}/download`);
      expect(dl.status).toBe(409);
      s3Proxy.reset();
      const retry = await faulty.call(HOUSEHOLD, 'POST', `/api/dossiers/${d.id}/attachments/${aid}/confirm`);
      expect(retry.status).toBe(200);
      expect(retry.body.status).toBe('available');
    }
  }, 60_000);
});
