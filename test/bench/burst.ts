import type { AddressInfo } from 'node:net';
import type { ServiceContext } from '@aides/services/context';
import { getItem, keys, transact, tx } from '@aides/store';
import { createAdaptorServer } from '@hono/node-server';
import { createDevIssuer } from '../../scripts/local/dev-issuer.ts';
import { createLocalApp } from '../../scripts/local/server.ts';
import { clonePartition, HOUSEHOLD, PDF, readyDraft, scanAll } from '../adversarial/fixtures.ts';
import { type BenchResult, type BenchRow, type BenchStack, percentile } from './stack.ts';

/** fetch, with the step and the network cause in the error ("fetch failed" alone says nothing). */
async function step(name: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`${name}: ${(e as Error).message} (${cause?.code ?? cause?.message ?? 'sans cause'})`);
  }
}

/** The burst at 200 filers, then at 1,000, each on a fresh table (one result, one section). */
export async function burst(stack: BenchStack, sizes: readonly number[] = [200, 1000]): Promise<BenchResult> {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  for (const users of sizes) {
    const r = await burstOf(stack, users);
    rows.push(...r.rows);
    notes.push(...r.notes);
  }
  return { name: 'Burst', command: 'npm run bench -- burst', rows, notes };
}

/**
 * `users` applicants at once against the local server over real HTTP: each uploads one document
 * (presigned POST to s3rver + confirm) and submits. Drafts with the other documents are prepared
 * beforehand (clones of one service-built draft, one owner each). Then every filed dossier's
 * reference is read back from the table: each must be there, and no two alike.
 */
async function burstOf(stack: BenchStack, users: number): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const ctx: ServiceContext = await stack.newContext();
  const issuer = await createDevIssuer(null);
  const app = createLocalApp({ deps: { ctx }, issuer });
  // Node listens with a backlog of 511 connections; 1,000 applicants connecting at once overflow
  // it and some connections are reset (ECONNRESET on the first request). API Gateway has no such
  // queue: give the local server one as long as the burst.
  const server = createAdaptorServer({ fetch: app.fetch });
  server.listen({ port: 0, host: '127.0.0.1', backlog: Math.max(511, users * 2) });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const template = await readyDraft(ctx);
    // The last document is the one each applicant uploads during the burst.
    const rib = (
      await ctx.store.ddb.send(
        new (
          await import('@aws-sdk/lib-dynamodb')
        ).QueryCommand({
          TableName: ctx.store.config.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
          ExpressionAttributeValues: { ':pk': keys.dossierPartition(template.id), ':a': 'ATTACHMENT#' },
        }),
      )
    ).Items?.at(-1);
    if (!rib) throw new Error('aucune pièce sur le brouillon modèle');
    const lastType = String(rib.documentType);
    await transact(ctx.store, [
      { label: 'a', item: tx.delete(ctx.store, { pk: String(rib.pk), sk: String(rib.sk) }) },
    ]);
    const ids = await clonePartition(ctx.store, template.id, users);
    const subs = ids.map((_, i) => `bench-applicant-${i}`);
    // One owner per draft.
    for (const [i, id] of ids.entries()) {
      const d = (await getItem(ctx.store, keys.dossier(id))) as Record<string, unknown>;
      const owned = JSON.parse(JSON.stringify(d).replaceAll(HOUSEHOLD, subs[i] as string));
      await ctx.store.ddb.send(
        new (await import('@aws-sdk/lib-dynamodb')).PutCommand({
          TableName: ctx.store.config.tableName,
          Item: owned,
        }),
      );
    }
    const tokens = await Promise.all(
      subs.map((sub) =>
        issuer.sign({ sub, name: sub, email: `${sub}@example.fr`, groups: ['applicant'], description: '' }),
      ),
    );

    const one = async (i: number) => {
      const auth = { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' };
      const id = ids[i] as string;
      const t0 = performance.now();
      const g = await step('grant', `${base}/api/dossiers/${id}/attachments`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          documentType: lastType,
          fileName: 'rib.pdf',
          contentType: 'application/pdf',
          size: PDF.length,
        }),
      });
      if (g.status !== 201) throw new Error(`grant ${g.status} ${await g.text()}`);
      const grant = (await g.json()) as {
        attachment: { id: string };
        upload: { url: string; fields: Record<string, string> };
      };
      const form = new FormData();
      for (const [k, v] of Object.entries(grant.upload.fields)) form.append(k, v);
      form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'rib.pdf');
      const s3 = await step('s3', grant.upload.url, { method: 'POST', body: form });
      if (s3.status >= 300) throw new Error(`s3 ${s3.status}`);
      const c = await step(
        'confirm',
        `${base}/api/dossiers/${id}/attachments/${grant.attachment.id}/confirm`,
        {
          method: 'POST',
          headers: auth,
        },
      );
      if (c.status !== 200) throw new Error(`confirm ${c.status} ${await c.text()}`);
      const s = await step('submit', `${base}/api/dossiers/${id}/submit`, {
        method: 'POST',
        headers: { ...auth, 'if-match': `"${template.version}"`, 'idempotency-key': `burst-${id}` },
      });
      if (s.status !== 201) throw new Error(`submit ${s.status} ${(await s.text()).slice(0, 200)}`);
      return performance.now() - t0;
    };
    const t0 = performance.now();
    const results = await Promise.allSettled(ids.map((_, i) => one(i)));
    const seconds = (performance.now() - t0) / 1000;
    const ok = results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<number>).value);
    const errors = results
      .filter((r) => r.status === 'rejected')
      .map((r) => String((r as PromiseRejectedResult).reason?.message ?? r));
    // What the table says after the burst: the filed dossiers among the clones, and their numbers.
    const cloned = new Set(ids);
    const filed = (await scanAll(ctx.store)).filter(
      (i) => i.type === 'dossier' && cloned.has(String(i.id)) && i.status === 'submitted',
    );
    const references = filed.map((d) => String(d.reference ?? ''));
    const distinct = new Set(references.filter((r) => /^[A-Z]+-\d{4}-\d{5}$/.test(r)));
    const who = `${users.toLocaleString('en')} concurrent applicants`;
    return {
      rows: [
        {
          benchmark: 'Burst',
          metric: `${who} (upload + confirm + submit): errors`,
          value: String(errors.length),
          target: '0',
          met: errors.length === 0,
        },
        {
          benchmark: 'Burst',
          metric: `${who}: filed dossiers with a reference / distinct references`,
          value: `${references.length} / ${distinct.size}`,
          target: `${users} / ${users}`,
          met: references.length === users && distinct.size === users,
        },
        {
          benchmark: 'Burst',
          metric: `${who}: throughput (${ok.length} submissions in ${seconds.toFixed(1)} s)`,
          value: `${(ok.length / seconds).toFixed(1)} submissions/s`,
          target: '(info)',
          met: null,
        },
        {
          benchmark: 'Burst',
          metric: `${who}: per-applicant flow p50 / p99`,
          value: `${percentile(ok, 50).toFixed(0)} / ${percentile(ok, 99).toFixed(0)} ms`,
          target: '(info)',
          met: null,
        },
      ],
      notes: errors.length ? [`${who}, first errors: ${[...new Set(errors)].slice(0, 3).join(' | ')}`] : [],
    };
  } finally {
    server.close();
  }
}
