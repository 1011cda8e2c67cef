import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '@aides/services/context';
import { dossierItem, getItem, keys, type Store } from '@aides/store';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createApiGateway } from '../../scripts/local/api-gateway.ts';
import { createDevIssuer } from '../../scripts/local/dev-issuer.ts';
import { type Persona, personaBySub } from '../../scripts/local/personas.ts';
import { INSTRUCTOR, pool, submittedDossier } from '../adversarial/fixtures.ts';
import { type BenchResult, type BenchStack, percentile } from './stack.ts';

/** Writes `count` copies of a submitted dossier (dossier items shaped by dossierItem), 25 per batch. */
async function fill(store: Store, template: Record<string, unknown>, count: number) {
  const entity = Object.fromEntries(
    Object.entries(template).filter(([k]) => !/^(pk|sk|gsi\d(pk|sk)|type)$/.test(k)),
  );
  const batches = Array.from({ length: Math.ceil(count / 25) }, (_, b) => Math.min(25, count - b * 25));
  await pool(batches, 8, async (size) => {
    let requests = Array.from({ length: size }, () => {
      const id = randomUUID();
      // Filing dates spread over a year so the index is not one long run of equal prefixes.
      const filedAt = new Date(
        Date.UTC(2025, 0, 1) + Math.floor(Math.random() * 365 * 86400_000),
      ).toISOString();
      return { PutRequest: { Item: dossierItem({ ...entity, id, filedAt } as never) } };
    });
    while (requests.length) {
      const out = await store.ddb.send(
        new BatchWriteCommand({ RequestItems: { [store.config.tableName]: requests } }),
      );
      requests = (out.UnprocessedItems?.[store.config.tableName] ?? []) as typeof requests;
    }
  });
}

async function requester(ctx: ServiceContext) {
  const issuer = await createDevIssuer(null);
  const app = createApiGateway({ deps: { ctx }, issuer });
  const token = await issuer.sign(personaBySub(INSTRUCTOR) as Persona);
  return async () => {
    const t0 = performance.now();
    const res = await app.request('http://localhost/api/queues?scheme=FTE&status=submitted&limit=25', {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { items: unknown[] };
    if (res.status !== 200 || body.items.length !== 25) throw new Error(`file d’attente : ${res.status}`);
    return performance.now() - t0;
  };
}

export async function queueScaling(
  stack: BenchStack,
  big = 100_000,
  small = 1_000,
  samples = 200,
): Promise<BenchResult> {
  const results: Record<number, number[]> = { [small]: [], [big]: [] };
  const fillTimes: Record<number, number> = {};
  const requesters: Record<number, () => Promise<number>> = {};
  for (const size of [small, big]) {
    const ctx = await stack.newContext();
    const d = await submittedDossier(ctx);
    const template = (await getItem(ctx.store, keys.dossier(d.id))) as Record<string, unknown>;
    const t0 = performance.now();
    await fill(ctx.store, template, size - 1);
    fillTimes[size] = (performance.now() - t0) / 1000;
    requesters[size] = await requester(ctx);
  }
  // Alternate between the two tables (after a warm-up) so both see the same machine state.
  for (let i = 0; i < samples + 20; i++) {
    for (const size of [small, big]) {
      const ms = await (requesters[size] as () => Promise<number>)();
      if (i >= 20) (results[size] as number[]).push(ms);
    }
  }
  const rows: BenchResult['rows'] = [];
  for (const p of [50, 99]) {
    const a = percentile(results[small] as number[], p);
    const b = percentile(results[big] as number[], p);
    rows.push({
      benchmark: 'Queue scaling',
      metric: `first page (25) p${p}: ${small.toLocaleString('en')} → ${a.toFixed(1)} ms, ${big.toLocaleString('en')} → ${b.toFixed(1)} ms`,
      value: `${(b / a).toFixed(2)}`,
      target: p === 50 ? '≤ 1.2' : '(info)',
      met: p === 50 ? b / a <= 1.2 : null,
    });
  }
  return {
    name: 'Queue scaling',
    command: 'npm run bench -- queue-scaling',
    rows,
    notes: [
      `All ${big.toLocaleString('en')} dossiers are in the queried queue partition (FTE, submitted) — the worst case; ${samples} requests through the API on each table, alternating, after 20 warm-up rounds. Loading took ${fillTimes[big]?.toFixed(0)} s.`,
    ],
  };
}
