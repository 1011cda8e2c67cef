/**
 * Fast setup for the adversarial suites: dossiers in a given state built through the real
 * services (like scripts/local/seed.ts), and clones of a service-built dossier written straight
 * to the table (same shape, new ids) when hundreds are needed.
 */
import { randomUUID } from 'node:crypto';
import { builtInRuleSets, type RuleSet } from '@aides/domain';
import { fteApplication, tpeApplication } from '@aides/domain/testing/fixtures';
import { listAttachments } from '@aides/services/attachments/attachments';
import { confirmUpload, requestUpload } from '@aides/services/attachments/files';
import { recordDecision } from '@aides/services/bureau/decisions';
import { createSession, scheduleDossier } from '@aides/services/bureau/sessions';
import type { Caller } from '@aides/services/caller';
import type { ServiceContext } from '@aides/services/context';
import { createDraft } from '@aides/services/dossiers/applications';
import type { Dossier } from '@aides/services/dossiers/model';
import { submitDossier } from '@aides/services/dossiers/submit';
import { openRepayableAdvance } from '@aides/services/finance/advances';
import { createEnvelope } from '@aides/services/finance/envelopes';
import { assign, propose, recordVerdict } from '@aides/services/instruction/instruction';
import { confirmTpeLocation } from '@aides/services/instruction/location';
import { deliverOutboxItem } from '@aides/services/notifications/deliver';
import type { OutboxItem } from '@aides/services/notifications/model';
import { dossierItem, getItem, keys, type Store } from '@aides/store';
import { listDossierOutbox } from '@aides/store/outbox';
import { BatchWriteCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type Persona, personaBySub } from '../../scripts/local/personas.ts';

export const asCaller = (sub: string): Caller => {
  const p = personaBySub(sub) as Persona;
  if (!p) throw new Error(`persona ${sub} inconnue`);
  return { sub: p.sub, name: p.name, email: p.email, roles: [...p.groups] };
};

export const HOUSEHOLD = 'demo-menage';
export const OTHER_APPLICANT = 'demo-entreprise';
export const INSTRUCTOR = 'demo-instructrice';
export const BUREAU = 'demo-bureau';
export const FINANCE = 'demo-finances';
export const ADMIN = 'demo-admin';

export const FTE_RULES = builtInRuleSets.filter((r) => r.scheme === 'FTE').at(-1) as RuleSet;
const TPE_RULES = builtInRuleSets.filter((r) => r.scheme === 'TPE').at(-1) as RuleSet;
export const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n% pièce de test\n'), Buffer.alloc(600, 0x20)]);

export function fteDraftInput() {
  const { filingDate: _f, ...application } = fteApplication();
  return { scheme: 'FTE' as const, application };
}

export async function uploadAll(
  ctx: ServiceContext,
  owner: Caller,
  dossierId: string,
  types: readonly string[],
) {
  for (const documentType of types) {
    const { attachment, upload } = await requestUpload(ctx, owner, dossierId, {
      documentType,
      fileName: `${documentType}.pdf`,
      contentType: 'application/pdf',
      size: PDF.length,
    });
    await postToS3(upload, PDF, 'application/pdf');
    await confirmUpload(ctx, owner, dossierId, attachment.id);
  }
}

/** A browser-style upload with the presigned POST (no S3 SDK needed). */
export async function postToS3(
  upload: { url: string; fields: Record<string, string> },
  file: Uint8Array,
  contentType: string,
  fileName = 'piece.pdf',
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
  form.append('file', new Blob([file as Uint8Array<ArrayBuffer>], { type: contentType }), fileName);
  const res = await fetch(upload.url, { method: 'POST', body: form });
  if (res.status >= 300) throw new Error(`Dépôt S3 refusé : ${res.status} ${await res.text()}`);
}

export const reload = async (store: Store, id: string) =>
  (await getItem(store, keys.dossier(id))) as unknown as Dossier;

/** A complete FTE draft with every document required before the decision, ready to submit. */
export async function readyDraft(ctx: ServiceContext, ownerSub = HOUSEHOLD): Promise<Dossier> {
  const owner = asCaller(ownerSub);
  const d = await createDraft(ctx, owner, fteDraftInput());
  await uploadAll(ctx, owner, d.id, FTE_RULES.documents.beforeDecision);
  return reload(ctx.store, d.id);
}

export async function submittedDossier(ctx: ServiceContext, ownerSub = HOUSEHOLD): Promise<Dossier> {
  const d = await readyDraft(ctx, ownerSub);
  await submitDossier(ctx, asCaller(ownerSub), d.id, d.version, undefined);
  return reload(ctx.store, d.id);
}

export async function newSession(ctx: ServiceContext) {
  const year = ctx.now().getUTCFullYear();
  return createSession(ctx, asCaller(BUREAU), {
    number: `${year}-${randomUUID().slice(0, 6)}`,
    date: ctx.now().toISOString().slice(0, 10),
  });
}

/** Submitted → in review → documents verified → grant proposed. */
export async function proposedDossier(ctx: ServiceContext, ownerSub = HOUSEHOLD): Promise<Dossier> {
  const instructor = asCaller(INSTRUCTOR);
  let d = await submittedDossier(ctx, ownerSub);
  d = await assign(ctx, instructor, d.id, d.version, {});
  for (const a of await listAttachments(ctx, instructor, d.id))
    await recordVerdict(ctx, instructor, d.id, a.id, { valid: true });
  d = await reload(ctx.store, d.id);
  return propose(ctx, instructor, d.id, d.version, {
    kind: 'grant',
    text: 'Dossier complet et conforme.',
  });
}

/** Submitted → in review → documents verified → grant proposed → on the session's agenda. */
export async function scheduledDossier(
  ctx: ServiceContext,
  sessionId: string,
  ownerSub = HOUSEHOLD,
): Promise<Dossier> {
  const d = await proposedDossier(ctx, ownerSub);
  return scheduleDossier(ctx, asCaller(BUREAU), sessionId, d.version, { dossierId: d.id });
}

export async function ensureEnvelope(ctx: ServiceContext, amountCents: number) {
  return createEnvelope(ctx, asCaller(FINANCE), {
    scheme: 'FTE',
    year: ctx.now().getUTCFullYear(),
    funder: 'agglomeration',
    amountCents,
  });
}

/** Approved (favourable decision, amount committed) with payment documents verified. */
export async function approvedDossier(ctx: ServiceContext, sessionId: string): Promise<Dossier> {
  const d = await scheduledDossier(ctx, sessionId);
  const approved = await recordDecision(ctx, asCaller(BUREAU), sessionId, d.version, {
    dossierId: d.id,
    outcome: 'favourable',
    deliberationNumber: `B-${d.id.slice(0, 8)}`,
  });
  const owner = asCaller(HOUSEHOLD);
  const instructor = asCaller(INSTRUCTOR);
  const present = new Set((await listAttachments(ctx, owner, d.id)).map((a) => a.documentType));
  const docs = [
    ...new Set([...FTE_RULES.documents.beforeAdvance, ...FTE_RULES.documents.beforePayment]),
  ].filter((t) => !present.has(t));
  await uploadAll(ctx, owner, d.id, docs);
  for (const a of await listAttachments(ctx, instructor, d.id))
    if (!a.verdict) await recordVerdict(ctx, instructor, d.id, a.id, { valid: true });
  return { ...approved, ...(await reload(ctx.store, d.id)) };
}

/** Writes `items` by batches of 25, a few batches at once (the items are independent). */
async function batchPut(store: Store, items: Record<string, unknown>[]) {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await pool(batches, 4, async (batch) => {
    let requests: { PutRequest: { Item: Record<string, unknown> } }[] = batch.map((Item) => ({
      PutRequest: { Item },
    }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      const out = await store.ddb.send(
        new BatchWriteCommand({ RequestItems: { [store.config.tableName]: requests } }),
      );
      requests = (out.UnprocessedItems?.[store.config.tableName] ?? []) as typeof requests;
      if (requests.length && attempt > 20) throw new Error('BatchWrite: éléments non traités');
    }
  });
}

/** The entity of a stored item, without its key and index attributes. */
const entityOf = (item: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !/^(pk|sk|gsi\d(pk|sk)|type)$/.test(k)));

/**
 * `n` copies of a scheduled dossier (dossier item + agenda line), with new ids, written in batches
 * exactly as the services shape them (dossierItem + keys.agendaItem).
 */
export async function cloneScheduled(
  store: Store,
  template: Dossier,
  sessionId: string,
  n: number,
): Promise<Dossier[]> {
  const dossier = entityOf((await getItem(store, keys.dossier(template.id))) ?? {}) as unknown as Dossier;
  const agenda = (await getItem(store, keys.agendaItem(sessionId, template.id))) ?? {};
  const clones: Dossier[] = [];
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    const d = { ...dossier, id } as Dossier;
    clones.push(d);
    items.push(dossierItem(d as never));
    items.push({ ...agenda, ...keys.agendaItem(sessionId, id), dossierId: id });
  }
  await batchPut(store, items);
  return clones;
}

/** Every item of the table (TEST ONLY: the product never scans). */
export async function scanAll(store: Store): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await store.ddb.send(
      new ScanCommand({ TableName: store.config.tableName, ExclusiveStartKey, ConsistentRead: true }),
    );
    out.push(...((page.Items ?? []) as Record<string, unknown>[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

export const countByType = (items: Record<string, unknown>[]) => {
  const counts: Record<string, number> = {};
  for (const i of items) counts[String(i.type)] = (counts[String(i.type)] ?? 0) + 1;
  return counts;
};

/** Runs `fn` over `inputs` with at most `limit` in flight. */
export async function pool<T, R>(
  inputs: readonly T[],
  limit: number,
  fn: (x: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      out[i] = await fn(inputs[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return out;
}

/** The id of the first attachment of a dossier (read as its owner would). */
export async function listFirstAttachment(ctx: ServiceContext, dossierId: string): Promise<string> {
  const d = await reload(ctx.store, dossierId);
  const list = await listAttachments(ctx, asCaller(d.ownerSub), dossierId);
  return (list[0] as { id: string }).id;
}

/**
 * `n` copies of a dossier's whole partition (dossier, events, attachments, commitments, payments)
 * plus its agenda line if any, with the id replaced everywhere: the same shape the services wrote.
 */
export async function clonePartition(
  store: Store,
  id: string,
  n: number,
  sessionId?: string,
): Promise<string[]> {
  const all: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await store.ddb.send(
      new QueryCommand({
        TableName: store.config.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.dossierPartition(id) },
        ExclusiveStartKey,
        ConsistentRead: true,
      }),
    );
    all.push(...((page.Items ?? []) as Record<string, unknown>[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const agenda = sessionId ? await getItem(store, keys.agendaItem(sessionId, id)) : undefined;
  const ids: string[] = [];
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const nid = randomUUID();
    ids.push(nid);
    for (const item of [...all, ...(agenda ? [agenda] : [])])
      out.push(JSON.parse(JSON.stringify(item).replaceAll(id, nid)));
  }
  await batchPut(store, out);
  return ids;
}

/**
 * The applicant's developing business (TPE), granted a repayable advance that finance has opened:
 * the object of the `/advance` routes.
 */
export async function advanceDossier(ctx: ServiceContext, sessionId: string, ownerSub = HOUSEHOLD) {
  const owner = asCaller(ownerSub);
  const instructor = asCaller(INSTRUCTOR);
  const year = ctx.now().getUTCFullYear();
  for (const funder of ['agglomeration', 'region'] as const)
    await createEnvelope(ctx, asCaller(FINANCE), { scheme: 'TPE', year, funder, amountCents: 100_000_000 });
  const { filingDate: _f, ...application } = tpeApplication({ project: 'development' });
  let d = await createDraft(ctx, owner, { scheme: 'TPE', application });
  await uploadAll(ctx, owner, d.id, TPE_RULES.documents.beforeDecision);
  d = await reload(ctx.store, d.id);
  await submitDossier(ctx, owner, d.id, d.version, undefined);
  d = await reload(ctx.store, d.id);
  d = await assign(ctx, instructor, d.id, d.version, {});
  for (const a of await listAttachments(ctx, instructor, d.id))
    await recordVerdict(ctx, instructor, d.id, a.id, { valid: true });
  d = await reload(ctx.store, d.id);
  d = await confirmTpeLocation(ctx, instructor, d.id, d.version, { classification: 'rural' });
  d = await propose(ctx, instructor, d.id, d.version, { kind: 'grant', text: 'Avance remboursable.' });
  d = await scheduleDossier(ctx, asCaller(BUREAU), sessionId, d.version, { dossierId: d.id });
  await recordDecision(ctx, asCaller(BUREAU), sessionId, d.version, {
    dossierId: d.id,
    outcome: 'favourable',
    deliberationNumber: `B-${d.id.slice(0, 8)}`,
  });
  await openRepayableAdvance(ctx, asCaller(FINANCE), d.id, {
    disbursedOn: ctx.now().toISOString().slice(0, 10),
  });
  return reload(ctx.store, d.id);
}

/**
 * A notification of the dossier that could not be sent (the mail server refused it): the dossier's
 * first pending e-mail goes through delivery with a sender that always fails and no retry, as the
 * notifier leaves it in the dead-letter list. Its id is the object of the resend route; given an
 * id, the same e-mail is failed again if a resend put it back in the queue.
 */
export async function failedNotification(
  ctx: ServiceContext,
  dossierId: string,
  id?: string,
): Promise<string> {
  const outbox = await listDossierOutbox<OutboxItem>(ctx.store, dossierId);
  // Sent again by an earlier request (back to pending): failed anew, so each role meets it failed.
  if (id && outbox.find((o) => o.id === id)?.status === 'failed') return id;
  const pending = outbox.find((o) => o.status === 'pending' && (!id || o.id === id));
  if (!pending) throw new Error('aucun courriel en attente pour ce dossier');
  const outcome = await deliverOutboxItem(
    ctx,
    {
      send: async () => {
        throw new Error('550 refusé par le serveur de test');
      },
    },
    { dossierId, id: pending.id },
    {
      webOrigin: 'http://localhost:3000',
      messageIdDomain: 'test.invalid',
      maxAttempts: 1,
      baseDelayMs: 0,
      maxDelayMs: 0,
      leaseMs: 60_000,
    },
  );
  if (outcome !== 'failed') throw new Error(`courriel non mis en échec : ${outcome}`);
  return pending.id;
}
