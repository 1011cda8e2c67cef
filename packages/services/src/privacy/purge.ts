import { randomUUID } from 'node:crypto';
import { FUNDERS, type PurgeBlocker, purgeBlockers, type RetentionRuleId } from '@aides/domain';
import {
  deleteDossierMeta,
  deleteDossierPartitionItem,
  dossierPartitionKeys,
  getCommitment,
  getDossier,
  putEventTx,
  removeAttributes,
  transact,
  writeTombstoneTx,
} from '@aides/store';
import { deleteEveryVersion, objectKeys } from '@aides/store/objects';
import type { ServiceContext } from '../context.ts';
import type { Dossier, DossierEvent, PurgeRecord } from '../dossiers/model.ts';
import { LEDGER_PERSONAL_FIELDS, tombstoneOf } from './tombstone.ts';

/** The steps of a purge, in order; a fault injected after one must leave a purge that resumes. */
export type PurgeStep = 'marked' | 'objects' | 'items';

export interface PurgeFaults {
  /** Called after each step (tests throw here to stop a purge half-way). */
  readonly after?: (step: PurgeStep, dossierId: string) => void | Promise<void>;
}

export type PurgeOutcome =
  | { id: string; outcome: 'purged' | 'deleted'; objectsDeleted: number }
  | { id: string; outcome: 'absent' | 'already_purged' }
  | { id: string; outcome: 'blocked'; blockers: PurgeBlocker[] };

/** Who the purge's audit event names. */
export const RETENTION_ACTOR = {
  sub: 'systeme:conservation',
  name: 'Tâche de conservation des données',
} as const;

async function commitmentStatuses(ctx: ServiceContext, id: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of FUNDERS) {
    const c = await getCommitment<{ status: string }>(ctx.store, id, f);
    if (c) out.push(c.status);
  }
  return out;
}

/**
 * Purges one dossier, resumably. In order:
 * 1. `marked`: the dossier item is rewritten at once as its tombstone (or, for a draft, stripped to
 *    its keys) with `purge.state = pending`, which puts it on the retention index's `purging`
 *    partition: from then on the personal fields are gone and the job finds it again if stopped;
 * 2. `objects`: every object and version under the dossier's prefixes (attachments, letters);
 * 3. `items`: the partition's attachments, messages, notes and timeline are deleted, the
 *    commitments' and payments' beneficiary name removed (their amounts stay for the accounts);
 * 4. a draft's item is deleted; any other dossier's purge is marked `done` with its audit event, in
 *    one transaction.
 * Every step is idempotent, so a purge interrupted anywhere is finished by the next run, and
 * purging a purged (or deleted) dossier does nothing. A dossier with a commitment still open (a
 * payment in progress), an open appeal or a state under way is never started.
 */
export async function purgeDossier(
  ctx: ServiceContext,
  id: string,
  o: { rule: RetentionRuleId; visaReference?: string; eliminationListId?: string; faults?: PurgeFaults },
): Promise<PurgeOutcome> {
  const d = await getDossier<Dossier>(ctx.store, id);
  if (!d) return { id, outcome: 'absent' };
  if (d.purge?.state === 'done') return { id, outcome: 'already_purged' };
  let marked = d;
  if (!d.purge) {
    const blockers = purgeBlockers({
      status: d.status,
      appeal: d.appeal,
      commitmentStatuses: await commitmentStatuses(ctx, id),
    });
    if (blockers.length > 0) return { id, outcome: 'blocked', blockers };
    const purge: PurgeRecord = {
      state: 'pending',
      kind: d.status === 'draft' ? 'delete' : 'tombstone',
      rule: o.rule,
      startedAt: ctx.now().toISOString(),
      ...(o.visaReference ? { visaReference: o.visaReference } : {}),
      ...(o.eliminationListId ? { eliminationListId: o.eliminationListId } : {}),
    };
    const base = tombstoneOf(d, purge);
    // A draft keeps nothing: not even its statistical extract.
    marked =
      d.status === 'draft'
        ? { ...base, application: {}, version: d.version + 1 }
        : { ...base, version: d.version + 1 };
    await transact(ctx.store, [writeTombstoneTx(ctx.store, marked, d.version)]);
  }
  await o.faults?.after?.('marked', id);

  let objectsDeleted = 0;
  for (const prefix of objectKeys.dossierPrefixes(id))
    objectsDeleted += await deleteEveryVersion(ctx.store, prefix);
  await o.faults?.after?.('objects', id);

  for (const { sk, type } of await dossierPartitionKeys(ctx.store, id)) {
    if (type === 'commitment' || type === 'payment')
      await removeAttributes(ctx.store, id, sk, LEDGER_PERSONAL_FIELDS);
    else await deleteDossierPartitionItem(ctx.store, id, sk);
  }
  await o.faults?.after?.('items', id);

  const purge = marked.purge as PurgeRecord;
  if (purge.kind === 'delete') {
    await deleteDossierMeta(ctx.store, id);
    return { id, outcome: 'deleted', objectsDeleted };
  }
  const at = ctx.now().toISOString();
  const done: Dossier = {
    ...marked,
    version: marked.version + 1,
    purge: { ...purge, state: 'done', doneAt: at, objectsDeleted },
  };
  const event: DossierEvent = {
    id: randomUUID(),
    dossierId: id,
    at,
    actorSub: RETENTION_ACTOR.sub,
    actorName: RETENTION_ACTOR.name,
    role: 'admin',
    action: 'purge',
    from: d.status,
    to: d.status,
    why: `Règle de conservation « ${purge.rule} »`,
    ...(purge.visaReference ? { detail: `Visa d’élimination des archives : ${purge.visaReference}` } : {}),
  };
  await transact(ctx.store, [
    writeTombstoneTx(ctx.store, done, marked.version),
    putEventTx(ctx.store, event),
  ]);
  return { id, outcome: 'purged', objectsDeleted };
}
