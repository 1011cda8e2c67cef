/**
 * The retention job's entry, shared by the Lambda (EventBridge schedule), the local timer of
 * `npm start` and `scripts/retention.ts --now <date>`: one code path, one `now`.
 */
import { createContext, type ServiceContext } from '@aides/services/context';
import type { PurgeFaults } from '@aides/services/privacy/purge';
import { type RetentionRun, runRetention } from '@aides/services/privacy/retention-job';

/** `--now 2036-01-01` or `--now=2036-01-01T00:00:00Z` in argv; the clock otherwise. */
export function nowFromArgs(argv: readonly string[]): Date | undefined {
  const i = argv.findIndex((a) => a === '--now' || a.startsWith('--now='));
  if (i < 0) return undefined;
  const raw = argv[i]?.includes('=') ? argv[i]?.slice('--now='.length) : argv[i + 1];
  const d = raw ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00.000Z` : raw) : undefined;
  if (!d || Number.isNaN(d.getTime()))
    throw new Error(`Date --now illisible : ${raw ?? '(vide)'} (attendu AAAA-MM-JJ ou ISO 8601)`);
  return d;
}

/** Runs every retention rule at `now` (the context's clock when absent). */
export async function runRetentionJob(
  ctx: ServiceContext,
  o: { now?: Date | undefined; faults?: PurgeFaults } = {},
): Promise<RetentionRun> {
  const at = o.now;
  const runCtx = at ? createContext(ctx.store, { now: () => at, scanner: ctx.scanner }) : ctx;
  return runRetention(runCtx, o.faults ? { faults: o.faults } : {});
}

/** A run in a few numbers, for its log line. */
export const runSummary = (r: RetentionRun) => ({
  now: r.now,
  resumed: r.resumed.length,
  warned: r.warned.length,
  draftsDeleted: r.draftsDeleted.length,
  purged: r.purged.length,
  blocked: r.blocked.length,
  listed: r.listed?.dossierIds.length ?? 0,
  listsPurged: r.listsPurged.length,
  accessEventsDeleted: r.accessEventsDeleted,
});
