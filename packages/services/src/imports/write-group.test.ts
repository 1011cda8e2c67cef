import { checkDossierRows, type ImportedDossier } from '@aides/domain';
import { listEnvelopes, readReferenceClaims, type Store } from '@aides/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PLAN, sampleRows } from '../../../../test/fixtures/imports/samples.ts';
import { createTestStore } from '../../../../test/support/store.ts';
import type { Envelope } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import { createEnvelope } from '../finance/envelopes.ts';
import {
  type DossierToWrite,
  type EnvelopeCache,
  sessionFor,
  writeImportedDossier,
  writeImportedDossiers,
} from './write-dossier.ts';

const admin: Caller = { sub: 'admin-1', name: 'Admin', email: 'a@example.fr', roles: ['admin'] };
const finance: Caller = { sub: 'fin-1', name: 'Finances', email: 'f@example.fr', roles: ['finance'] };

let store: Store;
let ctx: ServiceContext;
/** Transactions sent to DynamoDB (counted on the real client, not replaced). */
let transactions = 0;
beforeAll(async () => {
  store = await createTestStore();
  ctx = createContext(store, { now: () => new Date('2026-12-03T10:00:00Z') });
  const send = store.ddb.send.bind(store.ddb) as (c: unknown) => Promise<unknown>;
  (store.ddb as unknown as { send: (c: unknown) => Promise<unknown> }).send = (command) => {
    if ((command as object).constructor.name === 'TransactWriteCommand') transactions += 1;
    return send(command);
  };
});

/** Three Habitat dossiers of 2018 (the sample plan's first three, agglomeration and Anah each). */
function dossiers(): ImportedDossier[] {
  return (SAMPLE_PLAN.HABITAT[2022].slice(0, 3) as (typeof SAMPLE_PLAN.HABITAT)[2022]).map((plan, i) => {
    const rows = sampleRows('HABITAT', 2018, { ...plan, seq: i + 1 }).map((cells, r) => ({
      row: 2 + r + i * 10,
      cells: new Map(Object.entries(cells)),
    }));
    const checked = checkDossierRows('HABITAT', rows, '2026-12-03');
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    return checked.dossier;
  });
}

const agglo = (d: ImportedDossier) =>
  d.settlements
    .filter((s) => s.funder === 'agglomeration')
    .reduce((t, s) => t + s.committedCents - s.releasedCents, 0);

describe('several imported dossiers in one transaction', () => {
  it('one claimed meanwhile is left out, the others go in whole; the shared envelope is summed as dossier after dossier', async () => {
    const [d1, d2, d3] = dossiers() as [ImportedDossier, ImportedDossier, ImportedDossier];
    expect(agglo(d3)).toBeGreaterThan(1);
    // The envelope holds all of d1 and d2 and half of d3: the group must grow it by the other half.
    const half = Math.floor(agglo(d3) / 2);
    const amount = agglo(d1) + agglo(d2) + half;
    await createEnvelope(ctx, finance, {
      scheme: 'HABITAT',
      year: 2018,
      funder: 'agglomeration',
      amountCents: amount,
      budgetLine: '204-20422-72',
    });
    const cache: EnvelopeCache = new Map();
    const counters = new Map<string, number>();
    const entry = async (d: ImportedDossier, row: number): Promise<DossierToWrite> => ({
      dossier: d,
      session: (await sessionFor(ctx, admin, new Map(), d.session, true)) as { id: string },
      ruleSet: undefined,
      from: {
        importId: 'test',
        fileName: 'habitat-2018.csv',
        sha256: '0'.repeat(64),
        rows: [row],
        at: '',
        by: 'a',
      },
    });
    // d2 is written first, alone (another import, or an earlier slice that stopped before saving).
    expect(
      (await writeImportedDossier(ctx, admin, d2, { ...(await entry(d2, 12)), envelopes: cache, counters }))
        .kind,
    ).toBe('created');

    const group = [await entry(d1, 2), await entry(d2, 12), await entry(d3, 22)];
    transactions = 0;
    const outcomes = await writeImportedDossiers(ctx, admin, group, { envelopes: new Map(), counters });
    expect(outcomes.map((o) => o.kind)).toEqual(['created', 'present', 'created']);
    // One transaction for the three, refused on d2's reference; then one for d1 and d3.
    expect(transactions).toBe(2);

    const claims = await readReferenceClaims(store, [d1.reference, d2.reference, d3.reference]);
    expect(claims.size).toBe(3);
    const envelopes = await listEnvelopes<Envelope>(store, 2018);
    const a = envelopes.find((e) => e.funder === 'agglomeration');
    expect(a).toMatchObject({
      budgetLine: '204-20422-72',
      committedCents: agglo(d1) + agglo(d2) + agglo(d3),
      amountCents: agglo(d1) + agglo(d2) + agglo(d3),
      availableCents: 0,
      raisedByImportCents: agglo(d3) - half,
    });
    // Anah's envelope did not exist: created once holding exactly what the three commit.
    const anah = (d: ImportedDossier) =>
      d.settlements
        .filter((s) => s.funder === 'anah')
        .reduce((t, s) => t + s.committedCents - s.releasedCents, 0);
    const b = envelopes.find((e) => e.funder === 'anah');
    expect(b).toMatchObject({
      committedCents: anah(d1) + anah(d2) + anah(d3),
      amountCents: anah(d1) + anah(d2) + anah(d3),
      availableCents: 0,
    });
  });
});
