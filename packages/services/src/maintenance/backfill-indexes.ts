import { type BackfillPage, backfillIndexPage } from '@aides/store/backfill';
import type { ServiceContext } from '../context.ts';

export interface BackfillTotals {
  readonly scanned: number;
  readonly dossiers: number;
  readonly events: number;
  readonly skipped: number;
}

/**
 * Adds the index entries that items written before issues 15 and 20 lack (the store's
 * `backfillIndexPage`), page after page until the table ends. `onPage` sees each page with its
 * cursor: a run stopped half-way resumes from the last cursor printed.
 */
export async function backfillIndexes(
  ctx: ServiceContext,
  o: { cursor?: string | undefined; onPage?: (page: BackfillPage) => void } = {},
): Promise<BackfillTotals> {
  const totals = { scanned: 0, dossiers: 0, events: 0, skipped: 0 };
  let cursor = o.cursor;
  do {
    const page = await backfillIndexPage(ctx.store, { cursor });
    totals.scanned += page.scanned;
    totals.dossiers += page.dossiers;
    totals.events += page.events;
    totals.skipped += page.skipped;
    o.onPage?.(page);
    cursor = page.cursor;
  } while (cursor);
  return totals;
}
