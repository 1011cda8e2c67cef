import { randomUUID } from 'node:crypto';
import {
  FUNDERS,
  type PurgeBlocker,
  type RetentionRuleId,
  retentionCutoff,
  retentionRule,
  shiftDate,
} from '@aides/domain';
import {
  accessEventsBefore,
  approvedEliminationLists,
  ConditionFailedError,
  closeEliminationList,
  createEliminationListTx,
  deleteAccessEvent,
  dossiersDueForRetention,
  eliminationEntries,
  markDossierListedTx,
  putEliminationEntryTx,
  transact,
} from '@aides/store';
import type { ServiceContext } from '../context.ts';
import type { Dossier } from '../dossiers/model.ts';
import type { EliminationEntry, EliminationList } from './model.ts';
import { recordDraftDeletionWarning } from './notices.ts';
import { type PurgeFaults, type PurgeOutcome, purgeDossier } from './purge.ts';

/** What one run did, for its log line and the tests. */
export interface RetentionRun {
  now: string;
  resumed: PurgeOutcome[];
  warned: string[];
  draftsDeleted: PurgeOutcome[];
  purged: PurgeOutcome[];
  blocked: { id: string; blockers: PurgeBlocker[] }[];
  listed: { listId: string; dossierIds: string[] } | undefined;
  listsPurged: string[];
  accessEventsDeleted: number;
}

/** Each page of due items, following the cursor (blocked items stay in the index: no endless loop). */
async function* due<T>(ctx: ServiceContext, partition: string, cutoff: string): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await dossiersDueForRetention<T>(ctx.store, partition, cutoff, { limit: 100, cursor });
    for (const item of page.items) yield item;
    cursor = page.cursor;
  } while (cursor);
}

const grantedTotal = (d: Dossier) =>
  FUNDERS.reduce((s, f) => s + (d.committedByFunder?.[f] ?? d.proposal?.amountsByFunder?.[f] ?? 0), 0);

/**
 * The scheduled retention job (EventBridge → Lambda on AWS; a timer and `scripts/retention.ts
 * --now` locally): every rule of the retention table applied at `now`, each finding what is due by
 * a Query on the byRetention index. In order: purges left half-way are finished; drafts are warned
 * then deleted; refused and withdrawn dossiers purged; granted ones put on a new elimination list;
 * lists whose visa an admin recorded are purged; old access-log lines deleted.
 */
export async function runRetention(
  ctx: ServiceContext,
  o: { faults?: PurgeFaults } = {},
): Promise<RetentionRun> {
  const now = ctx.now().toISOString();
  const run: RetentionRun = {
    now,
    resumed: [],
    warned: [],
    draftsDeleted: [],
    purged: [],
    blocked: [],
    listed: undefined,
    listsPurged: [],
    accessEventsDeleted: 0,
  };
  const faults = o.faults ? { faults: o.faults } : {};
  const note = (r: PurgeOutcome, into: PurgeOutcome[]) => {
    if (r.outcome === 'blocked') run.blocked.push({ id: r.id, blockers: r.blockers });
    else into.push(r);
  };

  // 1. Purges interrupted by a fault or a timeout: finished first.
  for await (const d of due<Dossier>(ctx, 'purging', now)) {
    const p = d.purge;
    run.resumed.push(
      await purgeDossier(ctx, d.id, {
        rule: (p?.rule ?? 'refused') as RetentionRuleId,
        ...(p?.visaReference ? { visaReference: p.visaReference } : {}),
        ...(p?.eliminationListId ? { eliminationListId: p.eliminationListId } : {}),
        ...faults,
      }),
    );
  }

  // 2. Drafts: warned `warningDays` before the end; deleted at the end, and never sooner than
  // `warningDays` after the warning (a draft edited since is a new draft with a new clock).
  const draft = retentionRule('draft');
  const warningDays = draft.warningDays ?? 0;
  const warnCutoff = shiftDate(retentionCutoff(draft, now), { days: warningDays });
  const deleteCutoff = retentionCutoff(draft, now);
  const warnedLongEnough = shiftDate(now, { days: warningDays }, -1);
  for await (const d of due<Dossier>(ctx, 'draft', warnCutoff)) {
    const warning = d.retentionWarning?.forUpdatedAt === d.updatedAt ? d.retentionWarning : undefined;
    if (!warning) {
      // The end of its period, but never less than `warningDays` after the warning.
      const natural = shiftDate(d.updatedAt, draft.duration);
      const earliest = shiftDate(now, { days: warningDays });
      const deletionDue = [natural, earliest].sort()[1] as string;
      await recordDraftDeletionWarning(ctx, d, deletionDue).then(
        () => run.warned.push(d.id),
        (e) => {
          if (!(e instanceof ConditionFailedError)) throw e; // edited meanwhile: next run
        },
      );
      continue;
    }
    if (d.updatedAt <= deleteCutoff && warning.at <= warnedLongEnough) {
      note(await purgeDossier(ctx, d.id, { rule: 'draft', ...faults }), run.draftsDeleted);
    }
  }

  // 3. Refused and withdrawn dossiers: purged at the end of their period.
  for (const ruleId of ['refused', 'withdrawn'] as const) {
    const rule = retentionRule(ruleId);
    const cutoff = retentionCutoff(rule, now);
    for (const state of rule.states) {
      for await (const d of due<Dossier>(ctx, state, cutoff)) {
        note(await purgeDossier(ctx, d.id, { rule: ruleId, ...faults }), run.purged);
      }
    }
  }

  // 4. Granted dossiers: onto a new elimination list for the archives' visa; nothing is purged.
  const granted = retentionRule('granted');
  const grantedCutoff = retentionCutoff(granted, now);
  const listId = `${now.slice(0, 10)}-${randomUUID().slice(0, 8)}`;
  const listed: string[] = [];
  const entries: EliminationEntry[] = [];
  for (const state of granted.states) {
    for await (const d of due<Dossier>(ctx, state, grantedCutoff)) {
      if (d.appeal?.status === 'open') {
        run.blocked.push({ id: d.id, blockers: ['open_appeal'] });
        continue;
      }
      const entry: EliminationEntry = {
        listId,
        dossierId: d.id,
        reference: d.reference ?? d.id,
        scheme: d.scheme,
        status: d.status,
        closedAt: d.updatedAt,
        dueAt: shiftDate(d.updatedAt, granted.duration),
        ...(d.decision?.at ? { decisionAt: d.decision.at } : {}),
        totalGrantedCents: grantedTotal(d),
      };
      try {
        await transact(ctx.store, [
          markDossierListedTx(
            ctx.store,
            { ...d, version: d.version + 1, eliminationListId: listId },
            d.version,
          ),
          putEliminationEntryTx(ctx.store, entry),
        ]);
        listed.push(d.id);
        entries.push(entry);
      } catch (e) {
        if (!(e instanceof ConditionFailedError)) throw e; // changed meanwhile: next run
      }
    }
  }
  if (listed.length > 0) {
    const list: EliminationList = {
      id: listId,
      createdAt: now,
      status: 'proposed',
      rule: 'granted',
      count: listed.length,
    };
    await transact(ctx.store, [createEliminationListTx(ctx.store, list)]);
    run.listed = { listId, dossierIds: listed };
  }

  // 5. Lists an admin marked with the archives' visa: their dossiers are purged.
  for (const list of (await approvedEliminationLists<EliminationList>(ctx.store, now)).items) {
    let complete = true;
    for (const e of await eliminationEntries<EliminationEntry>(ctx.store, list.id)) {
      const r = await purgeDossier(ctx, e.dossierId, {
        rule: 'granted',
        eliminationListId: list.id,
        ...(list.visaReference ? { visaReference: list.visaReference } : {}),
        ...faults,
      });
      if (r.outcome === 'blocked') complete = false;
      note(r, run.purged);
    }
    if (complete) {
      await closeEliminationList(ctx.store, list.id, now);
      run.listsPurged.push(list.id);
    }
  }

  // 6. The staff access log.
  const logCutoff = retentionCutoff(retentionRule('access_log'), now);
  for (;;) {
    const page = await accessEventsBefore<{ subject: string; at: string; id: string }>(ctx.store, logCutoff);
    for (const e of page.items) await deleteAccessEvent(ctx.store, e);
    run.accessEventsDeleted += page.items.length;
    if (page.items.length === 0 || !page.cursor) break;
  }
  return run;
}
