import { Readable } from 'node:stream';
import { readReferenceClaims, type Store } from '@aides/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PLAN, sampleRows, toCsv } from '../../../../test/fixtures/imports/samples.ts';
import { createTestStore } from '../../../../test/support/store.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import { loadDossier } from '../dossiers/access.ts';
import { checkImport, runImport, uploadImportFile } from './imports.ts';

const admin: Caller = { sub: 'admin-1', name: 'Admin', email: 'a@example.fr', roles: ['admin'] };

let store: Store;
let ctx: ServiceContext;
beforeAll(async () => {
  store = await createTestStore();
  ctx = createContext(store, { now: () => new Date('2026-12-03T10:00:00Z') });
});

describe('a CSV import resumes from the byte where its last slice stopped', () => {
  it('Windows-1252, one dossier a slice: the cursor names the byte after its row, names keep their accents, each dossier once', async () => {
    const plan = SAMPLE_PLAN.ESS[2022];
    const rows = Array.from({ length: 12 }, (_, i) =>
      sampleRows('ESS', 2019, { ...(plan[i % plan.length] as (typeof plan)[number]), seq: i + 1 }).map(
        (r, k) => (k === 0 ? { ...r, Bénéficiaire: `Coopérative Hélène n° ${i + 1}` } : r),
      ),
    );
    const text = toCsv('ESS', rows.flat()).replace(/^\ufeff/, '');
    expect([...text].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    // As Excel saves « CSV (séparateur : point-virgule) »: Windows-1252, no BOM.
    const bytes = Buffer.from(text, 'latin1');
    const job = await uploadImportFile(ctx, admin, {
      scheme: 'ESS',
      fileName: 'ess-2019-cp1252.csv',
      body: Readable.from([bytes]),
      size: bytes.length,
    });
    expect((await checkImport(ctx, admin, job.id)).check?.toImport).toBe(12);

    const lines = text.split('\r\n');
    let slices = 0;
    let done = await runImport(ctx, admin, job.id, { budgetMs: 0 });
    for (;;) {
      slices += 1;
      const run = done.run;
      // The byte after the cursor's row: the header and every row up to it, with their line ends.
      const upTo = lines
        .slice(0, run?.cursorRow ?? 0)
        .reduce((t, l) => t + Buffer.byteLength(l, 'latin1') + 2, 0);
      expect(run?.cursorByte).toBe(upTo);
      expect(run?.encoding).toBe('windows-1252');
      if (done.status === 'done') break;
      done = await runImport(ctx, admin, job.id, { budgetMs: 0 });
    }
    expect(slices).toBe(12);
    expect(done.run).toMatchObject({ created: 12, alreadyPresent: 0, invalid: 0, failed: 0 });
    const refs = Array.from({ length: 12 }, (_, i) => `ESS-2019-${String(i + 1).padStart(5, '0')}`);
    const claims = await readReferenceClaims(store, refs);
    expect(claims.size).toBe(12);
    for (const [i, ref] of refs.entries()) {
      const d = await loadDossier(ctx, admin, claims.get(ref)?.dossierId as string);
      expect(d.beneficiary, ref).toBe(`Coopérative Hélène n° ${i + 1}`);
    }
  }, 120_000);
});
