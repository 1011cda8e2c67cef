import { createContext } from '@aides/services/context';
import { submitDossier } from '@aides/services/dossiers/submit';
import { readCounter, takeTicket } from '@aides/store';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../support/store.ts';
import { asCaller, clonePartition, HOUSEHOLD, readyDraft, reload } from './fixtures.ts';

describe('reference numbers under concurrency', () => {
  it('60 filings at once get 1…60 in some order: no gap, no duplicate, no refusal', async () => {
    const ctx = createContext(await createTestStore());
    const template = await readyDraft(ctx);
    const ids = await clonePartition(ctx.store, template.id, 60);
    const owner = asCaller(HOUSEHOLD);
    const results = await Promise.allSettled(
      ids.map((id) => submitDossier(ctx, owner, id, template.version, undefined)),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const year = new Date().getUTCFullYear();
    const refs = await Promise.all(ids.map(async (id) => (await reload(ctx.store, id)).reference as string));
    const seqs = refs.map((r) => Number(r.slice(-5))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(refs.every((r) => r.startsWith(`FTE-${year}-`))).toBe(true);
    expect(await readCounter(ctx.store, 'FTE', year)).toEqual({ n: 60, tickets: 60, served: 60 });
  }, 120_000);

  it('a turn whose holder stopped is passed on, and the number it did not take goes to the next filing', async () => {
    const ctx = createContext(await createTestStore());
    const year = new Date().getUTCFullYear();
    // A filing that took its ticket and then died before writing.
    expect(await takeTicket(ctx.store, 'FTE', year)).toBe(1);
    const d = await readyDraft(ctx);
    const started = Date.now();
    const r = await submitDossier(ctx, asCaller(HOUSEHOLD), d.id, d.version, undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    expect((r.body as { acknowledgement: { reference: string } }).acknowledgement.reference).toBe(
      `FTE-${year}-00001`,
    );
    expect(await readCounter(ctx.store, 'FTE', year)).toEqual({ n: 1, tickets: 2, served: 2 });
  }, 60_000);
});
