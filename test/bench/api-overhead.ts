import type { ServiceContext } from '@aides/services/context';
import {
  BatchWriteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { createApiGateway } from '../../scripts/local/api-gateway.ts';
import { createDevIssuer } from '../../scripts/local/dev-issuer.ts';
import { type Persona, personaBySub } from '../../scripts/local/personas.ts';
import {
  BUREAU,
  clonePartition,
  cloneScheduled,
  ensureEnvelope,
  HOUSEHOLD,
  newSession,
  readyDraft,
  reload,
  scheduledDossier,
} from '../adversarial/fixtures.ts';
import { type BenchResult, type BenchStack, percentile } from './stack.ts';

const COMMANDS: Record<string, new (input: never) => unknown> = {
  GetItemCommand,
  QueryCommand,
  PutItemCommand,
  UpdateItemCommand,
  TransactWriteItemsCommand,
  BatchWriteItemCommand,
};

/** Records the DynamoDB commands (wire level, marshalled) an operation issues. */
function recorder(ctx: ServiceContext) {
  let log: { name: string; input: unknown }[] | null = null;
  ctx.store.ddb.middlewareStack.add(
    (next, context) => async (args) => {
      if (log) log.push({ name: String(context.commandName), input: structuredClone(args.input) });
      return next(args);
    },
    { step: 'build', name: 'benchRecorder' },
  );
  return {
    async during<T>(fn: () => Promise<T>) {
      log = [];
      const r = await fn();
      const ops = log;
      log = null;
      return { result: r, ops };
    },
  };
}

/** Issues recorded commands again, with strings substituted (ids, references) and values patched. */
async function replay(
  ctx: ServiceContext,
  ops: { name: string; input: unknown }[],
  replace: [string, string][],
  patch?: (json: string) => string,
) {
  for (const op of ops) {
    let json = JSON.stringify(op.input);
    for (const [a, b] of replace) json = json.replaceAll(a, b);
    if (patch) json = patch(json);
    const Ctor = COMMANDS[op.name];
    if (!Ctor) throw new Error(`commande non rejouable : ${op.name}`);
    await ctx.store.ddb.send(new Ctor(JSON.parse(json) as never) as never);
  }
}

export async function apiOverhead(stack: BenchStack, n = 200): Promise<BenchResult> {
  const ctx = await stack.newContext();
  const issuer = await createDevIssuer(null);
  const app = createApiGateway({ deps: { ctx }, issuer });
  const rec = recorder(ctx);
  const token = async (sub: string) => issuer.sign(personaBySub(sub) as Persona);
  const household = await token(HOUSEHOLD);
  const bureau = await token(BUREAU);
  const post = async (path: string, tok: string, headers: Record<string, string>, body?: unknown) => {
    const res = await app.request(`http://localhost${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
    return JSON.parse(text);
  };

  // Submit: one API submit, then the very same DynamoDB commands replayed for a twin draft.
  const template = await readyDraft(ctx);
  const drafts = await clonePartition(ctx.store, template.id, 2 * n + 12);
  // A first filing outside the measure: later ones guard the counter with `#n = :previous` and
  // their turn (`#served = :before`), which the replay patches.
  const primer = drafts[2 * n + 11] as string;
  await post(`/api/dossiers/${primer}/submit`, household, {
    'if-match': `"${template.version}"`,
    'idempotency-key': `bench-${primer}`,
  });
  const apiSubmit: number[] = [];
  const directSubmit: number[] = [];
  for (let i = 0; i < n + 5; i++) {
    const a = drafts[2 * i] as string;
    const b = drafts[2 * i + 1] as string;
    const t0 = performance.now();
    const { result, ops } = await rec.during(() =>
      post(`/api/dossiers/${a}/submit`, household, {
        'if-match': `"${template.version}"`,
        'idempotency-key': `bench-${a}`,
      }),
    );
    const t1 = performance.now();
    const ref = result.acknowledgement.reference as string;
    const seq = Number(ref.slice(-5));
    const nextRef = `${ref.slice(0, -5)}${String(seq + 1).padStart(5, '0')}`;
    const t2 = performance.now();
    await replay(
      ctx,
      ops,
      [
        [a, b],
        [ref, nextRef],
      ],
      (json) =>
        json
          .replace(`":previous":{"N":"${seq - 1}"}`, `":previous":{"N":"${seq}"}`)
          .replace(`":next":{"N":"${seq}"}`, `":next":{"N":"${seq + 1}"}`)
          // The turn (packages/store/src/reference-turns.ts): one ticket per filing, so the API's
          // filing held ticket `seq` and its twin holds the next one.
          .replace(`":before":{"N":"${seq - 1}"}`, `":before":{"N":"${seq}"}`)
          .replace(`":ticket":{"N":"${seq}"}`, `":ticket":{"N":"${seq + 1}"}`),
    );
    const t3 = performance.now();
    if (i >= 5) {
      apiSubmit.push(t1 - t0);
      directSubmit.push(t3 - t2);
    }
  }

  // Decision: same, on twin scheduled dossiers.
  const session = await newSession(ctx);
  const scheduled = await scheduledDossier(ctx, session.id);
  await ensureEnvelope(ctx, 1e12);
  const twins = await cloneScheduled(ctx.store, scheduled, session.id, 2 * n + 10);
  const apiDecision: number[] = [];
  const directDecision: number[] = [];
  for (let i = 0; i < n + 5; i++) {
    const a = twins[2 * i] as { id: string; version: number };
    const b = twins[2 * i + 1] as { id: string; version: number };
    const t0 = performance.now();
    const { ops } = await rec.during(() =>
      post(
        `/api/sessions/${session.id}/decisions`,
        bureau,
        { 'if-match': `"${a.version}"` },
        { dossierId: a.id, outcome: 'favourable', deliberationNumber: 'B-1' },
      ),
    );
    const t1 = performance.now();
    await replay(ctx, ops, [[a.id, b.id]]);
    const t2 = performance.now();
    if (i >= 5) {
      apiDecision.push(t1 - t0);
      directDecision.push(t2 - t1);
    }
  }
  const check = await reload(ctx.store, (twins[1] as { id: string }).id);
  if (check.status !== 'approved') throw new Error('le rejeu direct n’a pas produit le même état');

  const rows: BenchResult['rows'] = [];
  for (const [name, apiT, direct] of [
    ['submit', apiSubmit, directSubmit],
    ['Bureau decision', apiDecision, directDecision],
  ] as const) {
    for (const p of [50, 99]) {
      const ratio = percentile([...apiT], p) / percentile([...direct], p);
      rows.push({
        benchmark: 'API overhead',
        metric: `${name} p${p}: API ${percentile([...apiT], p).toFixed(1)} ms / direct ${percentile([...direct], p).toFixed(1)} ms`,
        value: `${ratio.toFixed(2)}×`,
        target: '≤ 1.3×',
        met: ratio <= 1.3,
      });
    }
  }
  return {
    name: 'API overhead',
    command: 'npm run bench -- api-overhead',
    rows,
    notes: [
      `${n} sequential operations each; "direct" replays the exact DynamoDB commands the API call issued (recorded with SDK middleware) on a twin dossier, so the DynamoDB work is identical and the difference is the API layer (JWT check, event mapping, middy, zod, domain rules, JSON).`,
    ],
  };
}
