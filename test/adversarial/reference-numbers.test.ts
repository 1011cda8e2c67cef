import { referenceFor } from '@aides/domain';
import { createContext } from '@aides/services/context';
import { writeWithNewReference } from '@aides/services/dossiers/numbering';
import { submitDossier } from '@aides/services/dossiers/submit';
import {
  ConditionFailedError,
  claimReferenceTx,
  getItem,
  keys,
  lastReferenceNumber,
  readReferenceClaims,
  replaceDossierTx,
  takeReferenceNumber,
  transact,
  voidReference,
} from '@aides/store';
import { describe, expect, it } from 'vitest';
import { createTestStore } from '../support/store.ts';
import { asCaller, clonePartition, HOUSEHOLD, readyDraft, reload } from './fixtures.ts';

const year = new Date().getUTCFullYear();
const acknowledged = (r: { body: unknown }) =>
  (r.body as { acknowledgement: { reference: string } }).acknowledgement.reference;

describe('reference numbers', () => {
  it('60 filings at once: no refusal, unique references, every number 1…60 given', async () => {
    const ctx = createContext(await createTestStore());
    const template = await readyDraft(ctx);
    const ids = await clonePartition(ctx.store, template.id, 60);
    const owner = asCaller(HOUSEHOLD);
    const results = await Promise.allSettled(
      ids.map((id) => submitDossier(ctx, owner, id, template.version, `burst-${id}`)),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const refs = await Promise.all(ids.map(async (id) => (await reload(ctx.store, id)).reference as string));
    expect(new Set(refs).size).toBe(60);
    expect(refs.map((r) => Number(r.slice(-5))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    expect(refs.every((r) => r.startsWith(`FTE-${year}-`))).toBe(true);
    expect(await lastReferenceNumber(ctx.store, 'FTE', year)).toBe(60);
    const claims = await readReferenceClaims(ctx.store, refs);
    for (const [i, id] of ids.entries())
      expect(claims.get(refs[i] as string)).toEqual({ state: 'given', reference: refs[i], dossierId: id });
  }, 120_000);

  it('numbers taken by filers that died are skipped: the next filing gets the next number at once', async () => {
    const ctx = createContext(await createTestStore());
    // 19 filings took their number and stopped before writing (a killed process).
    for (let i = 0; i < 19; i++) await takeReferenceNumber(ctx.store, 'FTE', year);
    const d = await readyDraft(ctx);
    const r = await submitDossier(ctx, asCaller(HOUSEHOLD), d.id, d.version, undefined);
    expect(r.status).toBe(201);
    expect(acknowledged(r)).toBe(referenceFor('FTE', year, 20));
    expect(await lastReferenceNumber(ctx.store, 'FTE', year)).toBe(20);
  }, 60_000);

  it('a number whose write fails is recorded as void with its reason, and is never given', async () => {
    const ctx = createContext(await createTestStore());
    const d = await readyDraft(ctx);
    // A write guarded by a version the dossier no longer has: the transaction is refused.
    const stale = { ...d, status: 'submitted' as const, version: d.version };
    const failed = writeWithNewReference(ctx, {
      scheme: 'FTE',
      year,
      dossierId: d.id,
      itemsFor: () => [replaceDossierTx(ctx.store, stale, d.version - 1)],
    });
    await expect(failed).rejects.toBeInstanceOf(ConditionFailedError);
    const ref = referenceFor('FTE', year, 1);
    expect((await readReferenceClaims(ctx.store, [ref])).get(ref)).toMatchObject({
      state: 'void',
      dossierId: d.id,
      reason: 'Dépôt non enregistré : le dossier avait changé ou venait d’être déposé.',
    });
    expect((await reload(ctx.store, d.id)).status).toBe('draft');
    const r = await submitDossier(ctx, asCaller(HOUSEHOLD), d.id, d.version, undefined);
    expect(acknowledged(r)).toBe(referenceFor('FTE', year, 2));
  }, 60_000);

  it('a void record never replaces a claim: a write whose answer was lost stays given', async () => {
    const ctx = createContext(await createTestStore());
    const ref = referenceFor('FTE', year, 7);
    await transact(ctx.store, [claimReferenceTx(ctx.store, { reference: ref, dossierId: 'dossier-a' })]);
    const settled = await voidReference(ctx.store, {
      reference: ref,
      dossierId: 'dossier-a',
      reason: 'Échec technique',
      at: new Date().toISOString(),
    });
    expect(settled).toEqual({ state: 'given', reference: ref, dossierId: 'dossier-a' });
    expect(await getItem(ctx.store, keys.referenceClaim(ref))).toMatchObject({ type: 'reference' });
  });

  it('a number already claimed (a counter restored behind its claims) is skipped, never given twice', async () => {
    const ctx = createContext(await createTestStore());
    const taken = referenceFor('FTE', year, 1);
    await transact(ctx.store, [
      claimReferenceTx(ctx.store, { reference: taken, dossierId: 'older-dossier' }),
    ]);
    const d = await readyDraft(ctx);
    const r = await submitDossier(ctx, asCaller(HOUSEHOLD), d.id, d.version, undefined);
    expect(acknowledged(r)).toBe(referenceFor('FTE', year, 2));
    expect((await readReferenceClaims(ctx.store, [taken])).get(taken)).toEqual({
      state: 'given',
      reference: taken,
      dossierId: 'older-dossier',
    });
  }, 60_000);
});
