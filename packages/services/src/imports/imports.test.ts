import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { checkDossierRows, type Scheme } from '@aides/domain';
import { getCommitment, listEnvelopes, readReferenceClaims, type Store } from '@aides/store';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  headerOf,
  SAMPLE_DIR,
  SAMPLE_PLAN,
  sampleCsv,
  sampleFileName,
  sampleRows,
  toCsv,
} from '../../../../test/fixtures/imports/samples.ts';
import { createTestStore } from '../../../../test/support/store.ts';
import type { Commitment, Envelope } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import { loadDossier } from '../dossiers/access.ts';
import { createEnvelope } from '../finance/envelopes.ts';
import { yearComparison } from '../reports/comparison.ts';
import { yearlyIndicators } from '../reports/indicators.ts';
import { checkImport, createImport, getImport, runImport, uploadImportFile } from './imports.ts';
import { type EnvelopeCache, sessionFor, writeImportedDossier } from './write-dossier.ts';

const admin: Caller = { sub: 'admin-1', name: 'Admin', email: 'a@example.fr', roles: ['admin'] };
const finance: Caller = { sub: 'fin-1', name: 'Finances', email: 'f@example.fr', roles: ['finance'] };
const SCHEMES: Scheme[] = ['FTE', 'TPE', 'ESS', 'HABITAT'];

let store: Store;
let ctx: ServiceContext;
beforeAll(async () => {
  store = await createTestStore();
  ctx = createContext(store, { now: () => new Date('2026-12-03T10:00:00Z') });
});

async function upload(scheme: Scheme, fileName: string, body: Buffer | string) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return uploadImportFile(ctx, admin, { scheme, fileName, body: Readable.from([bytes]), size: bytes.length });
}

/** What the sample plan says of a year, computed from the plan (not from the import). */
function planned(scheme: Scheme, year: 2021 | 2022) {
  const granted = SAMPLE_PLAN[scheme][year].filter((d) => d.status !== 'Refusé');
  const euros = granted.reduce((t, d) => t + (d.agglomeration ?? 0) + (d.anah ?? 0), 0);
  return {
    files: granted.length,
    grantedCents: Math.round(euros * 100),
    dossiers: SAMPLE_PLAN[scheme][year].length,
  };
}

describe('import of earlier dossiers', () => {
  it('dry run: reports each problem by row, column and French message, and writes no dossier', async () => {
    const rows = SAMPLE_PLAN.FTE[2022].flatMap((d) => sampleRows('FTE', 2022, d));
    (rows[0] as Record<string, string>)['Date de dépôt'] = '31/02/2022';
    (rows[2] as Record<string, string>)['Montant Agglomération'] = '2500.00';
    (rows[3] as Record<string, string>)['Code INSEE'] = '75056';
    const job = await upload('FTE', 'fte-erreurs.csv', toCsv('FTE', rows));
    const checked = await checkImport(ctx, admin, job.id);
    expect(checked.check?.issues).toEqual(
      expect.arrayContaining([
        { row: 2, column: 'Date de dépôt', message: 'Date « 31/02/2022 » inexistante' },
        {
          row: 4,
          column: 'Montant Agglomération',
          message: 'Montant « 2500.00 » : la décimale s’écrit avec une virgule (par exemple 1 234,56)',
        },
        {
          row: 5,
          column: 'Code INSEE',
          message: 'Code INSEE « 75056 » : pas une commune de l’agglomération',
        },
      ]),
    );
    expect(checked.check?.invalid).toBe(3);
    expect(checked.check?.toImport).toBe(planned('FTE', 2022).dossiers - 3);
    const claims = await readReferenceClaims(
      store,
      SAMPLE_PLAN.FTE[2022].map((d) => `FTE-2022-${String(d.seq).padStart(5, '0')}`),
    );
    expect(claims.size).toBe(0);
    expect((await yearlyIndicators(ctx, admin, '2022')).schemes.every((s) => s.approvedFiles === 0)).toBe(
      true,
    );
  });

  it('refuses a header with an unknown or missing column', async () => {
    const csv = sampleCsv('TPE', 2021).replace('Investissement HT', 'Investisement HT');
    const job = await upload('TPE', 'tpe-entete.csv', csv);
    const checked = await checkImport(ctx, admin, job.id);
    expect(checked.check?.issues).toEqual([
      { row: 1, column: 'Investisement HT', message: 'Colonne « Investisement HT » inconnue du modèle TPE' },
      { row: 1, column: 'Investissement HT', message: 'Colonne « Investissement HT » manquante' },
    ]);
    expect(checked.check?.dossiers).toBe(0);
  });

  it('only admins import (finance reads the results)', async () => {
    await expect(
      createImport(ctx, finance, { scheme: 'FTE', fileName: 'a.csv', size: 10 }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });

  it('imports the 2021 and 2022 samples: the 2022 report shows 2021 beside each figure; a second import adds nothing', async () => {
    const jobs: Record<string, string> = {};
    for (const scheme of SCHEMES)
      for (const year of [2021, 2022] as const) {
        const name = sampleFileName(scheme, year);
        const bytes = readFileSync(join(SAMPLE_DIR, name));
        const job = await uploadImportFile(ctx, admin, {
          scheme,
          fileName: name,
          body: createReadStream(join(SAMPLE_DIR, name)),
          size: bytes.length,
        });
        const checked = await checkImport(ctx, admin, job.id);
        expect(checked.check?.issues, name).toEqual([]);
        expect(checked.check?.toImport).toBe(planned(scheme, year).dossiers);
        const done = await runImport(ctx, admin, job.id);
        expect(done.status).toBe('done');
        expect(done.run?.created, name).toBe(planned(scheme, year).dossiers);
        jobs[name] = job.id;
      }

    const c = await yearComparison(ctx, finance, '2022');
    for (const scheme of SCHEMES) {
      const files = c.figures.find((f) => f.section === scheme && f.label === 'Dossiers accordés');
      expect(files, scheme).toEqual({
        section: scheme,
        label: 'Dossiers accordés',
        unit: 'dossiers',
        value: planned(scheme, 2022).files,
        previous: planned(scheme, 2021).files,
      });
      const granted = c.figures.find((f) => f.section === scheme && f.label === 'Montant accordé');
      expect(granted?.value).toBe(planned(scheme, 2022).grantedCents);
      expect(granted?.previous).toBe(planned(scheme, 2021).grantedCents);
    }
    // Every figure of the report has its previous-year value beside it.
    expect(c.figures.length).toBeGreaterThan(40);
    const fig = (section: string, label: string) =>
      c.figures.find((f) => f.section === section && f.label === label);
    expect(fig('FTE', 'Engagements 2022 - Engagement initial')?.previous).toBe(
      planned('FTE', 2021).grantedCents,
    );
    // 2021: the short balance (2,000 → 1,800.50) and the lapse (800) released 199.50 € and 800 €.
    expect(fig('FTE', 'Engagements 2022 - Engagé net')?.previous).toBe(
      planned('FTE', 2021).grantedCents - 19_950 - 80_000,
    );
    const jobsTpe = (y: 2021 | 2022) =>
      SAMPLE_PLAN.TPE[y].filter((d) => d.status !== 'Refusé').reduce((t, d) => t + (d.jobs ?? 0), 0);
    expect(c.figures.find((f) => f.section === 'TPE' && f.label === 'Emplois permanents')).toMatchObject({
      value: jobsTpe(2022),
      previous: jobsTpe(2021),
    });
    // Issue 14: an imported TPE carries its historical classification (QPV when the file named a
    // district, rural otherwise), counted as confirmed.
    const tpeGranted = (y: 2021 | 2022) => SAMPLE_PLAN.TPE[y].filter((d) => d.status !== 'Refusé');
    expect(fig('TPE', 'Entreprises - QPV')).toMatchObject({
      value: tpeGranted(2022).filter((d) => d.qpv).length,
      previous: tpeGranted(2021).filter((d) => d.qpv).length,
    });
    expect(fig('TPE', 'Classement rural / QPV confirmé')?.value).toBe(tpeGranted(2022).length);
    expect(fig('TPE', 'Classement rural / QPV non confirmé (déduit de la demande)')?.value).toBe(0);
    const womenLed = (y: 2021 | 2022) =>
      SAMPLE_PLAN.ESS[y].filter((d) => (d.women ?? 0) > (d.men ?? 0)).length;
    expect(c.figures.find((f) => f.label === 'Structures dirigées par des femmes')).toMatchObject({
      value: womenLed(2022),
      previous: womenLed(2021),
    });

    // Envelopes of both years exist, and hold: amount = committed + available, committed = Σ net commitments.
    for (const year of [2021, 2022]) {
      const envelopes = await listEnvelopes<Envelope>(store, year);
      expect(envelopes.length).toBeGreaterThan(0);
      for (const e of envelopes) {
        expect(e.amountCents).toBe(e.committedCents + e.availableCents);
        expect(e.availableCents).toBeGreaterThanOrEqual(0);
      }
      const fte = envelopes.find((e) => e.scheme === 'FTE' && e.funder === 'agglomeration');
      // FTE 2021: granted less what the short balance (2,000 → 1,800.50) and the lapse (800) released.
      if (year === 2021)
        expect(fte?.committedCents).toBe(planned('FTE', 2021).grantedCents - 19_950 - 80_000);
      if (year === 2021) expect(fte?.paidCents).toBe(150_000 + 180_050);
    }

    // The dossier keeps its reference, dates, decision, amounts, payments and state, and says « importé ».
    const claims = await readReferenceClaims(store, ['FTE-2022-00001']);
    const claim = claims.get('FTE-2022-00001');
    expect(claim?.state).toBe('given');
    const d = await loadDossier(ctx, admin, claim?.dossierId ?? '');
    expect(d).toMatchObject({
      reference: 'FTE-2022-00001',
      status: 'paid',
      filedAt: '2022-03-02T12:00:00.000Z',
      decision: { outcome: 'favourable', deliberationNumber: 'B2022-001', at: '2022-05-15T12:00:00.000Z' },
      committedByFunder: { agglomeration: 100_000 },
      paidByFunder: { agglomeration: 100_000 },
    });
    const sha = createHashOf(readFileSync(join(SAMPLE_DIR, 'fte-2022.csv')));
    expect((d as unknown as { imported: { sha256: string } }).imported.sha256).toBe(sha);
    const commitment = await getCommitment<Commitment>(store, d.id, 'agglomeration');
    expect(commitment?.payments.map((p) => [p.kind, p.amountCents])).toEqual([
      ['advance', 30_000],
      ['balance', 70_000],
    ]);

    // A second import of the same file adds nothing.
    const again = await upload('FTE', 'fte-2022.csv', readFileSync(join(SAMPLE_DIR, 'fte-2022.csv')));
    const rechecked = await checkImport(ctx, admin, again.id);
    expect(rechecked.check).toMatchObject({ toImport: 0, alreadyPresent: planned('FTE', 2022).dossiers });
    const before = await listEnvelopes<Envelope>(store, 2022);
    const rerun = await runImport(ctx, admin, again.id);
    expect(rerun.run).toMatchObject({ created: 0, alreadyPresent: planned('FTE', 2022).dossiers });
    expect(await listEnvelopes<Envelope>(store, 2022)).toEqual(before);
    const after = await yearComparison(ctx, finance, '2022');
    expect(after.figures).toEqual(c.figures);
  });

  it('a run stopped by its time budget goes on where it stopped, and writes each dossier once', async () => {
    const rows = SAMPLE_PLAN.ESS[2022].flatMap((d) => sampleRows('ESS', 2023, d));
    const job = await upload('ESS', 'ess-2023.csv', toCsv('ESS', rows));
    await checkImport(ctx, admin, job.id);
    const first = await runImport(ctx, admin, job.id, { budgetMs: 0 });
    expect(first.status).toBe('running');
    expect(first.run?.created).toBe(1); // one dossier at least per call, so that each call moves on
    const second = await runImport(ctx, admin, job.id);
    expect(second.status).toBe('done');
    expect(second.run?.created).toBe(SAMPLE_PLAN.ESS[2022].length);
    expect((await getImport(ctx, admin, job.id)).run?.cursorRow).toBe(1 + rows.length);
  });

  // Written after the benchmark's run stopped for good after its 50th slice (a file of 3.3 MB; the
  // likely cause, each slice leaving the object's stream open, is fixed in source-rows.ts). This
  // small file does not reproduce that hang: it passes with and without the fix.
  it('sixty slices of one dossier each: every call moves on, each dossier is written once', async () => {
    const plan = SAMPLE_PLAN.ESS[2022];
    const rows = Array.from({ length: 60 }, (_, i) =>
      sampleRows('ESS', 2020, { ...(plan[i % plan.length] as (typeof plan)[number]), seq: i + 1 }),
    ).flat();
    const job = await upload('ESS', 'ess-2020-60.csv', toCsv('ESS', rows));
    await checkImport(ctx, admin, job.id);
    let slices = 0;
    let done = await getImport(ctx, admin, job.id);
    while (done.status !== 'done') {
      done = await runImport(ctx, admin, job.id, { budgetMs: 0 });
      slices += 1;
    }
    expect(slices).toBe(60);
    expect(done.run?.created).toBe(60);
  }, 120_000);

  it('all or nothing per dossier: a dossier that cannot be written leaves no trace, the others go in', async () => {
    const rows = SAMPLE_PLAN.HABITAT[2022].flatMap((d) => sampleRows('HABITAT', 2024, d));
    // The session of the first dossier already exists under another date.
    const seeded = await upload(
      'HABITAT',
      'habitat-autre-seance.csv',
      toCsv('HABITAT', [
        {
          ...(rows[0] as Record<string, string>),
          Référence: 'HABITAT-2024-00099',
          'Date de séance': '20/03/2024',
          Statut: 'Accordé',
          'Nature du versement': '',
          'Date du versement': '',
          'Financeur du versement': '',
          'Montant du versement': '',
        },
      ]),
    );
    await checkImport(ctx, admin, seeded.id);
    expect((await runImport(ctx, admin, seeded.id)).run?.created).toBe(1);
    const envelopesBefore = await listEnvelopes<Envelope>(store, 2024);
    const job = await upload('HABITAT', 'habitat-2024.csv', toCsv('HABITAT', rows));
    await checkImport(ctx, admin, job.id);
    const done = await runImport(ctx, admin, job.id);
    const firstSession = (rows[0] as Record<string, string>)['N° de séance'];
    const sameSession = SAMPLE_PLAN.HABITAT[2022].filter(
      (d) => sampleRows('HABITAT', 2024, d)[0]?.['N° de séance'] === firstSession,
    ).length;
    expect(done.run?.failed).toBe(sameSession);
    expect(done.run?.created).toBe(SAMPLE_PLAN.HABITAT[2022].length - sameSession);
    expect(done.run?.issues[0]?.message).toMatch(/^La séance n° .* existe déjà, datée du 20\/03\/2024$/);
    const claims = await readReferenceClaims(store, ['HABITAT-2024-00001']);
    expect(claims.has('HABITAT-2024-00001')).toBe(false);
    const after = await listEnvelopes<Envelope>(store, 2024);
    const total = (es: Envelope[]) => es.reduce((t, e) => t + e.committedCents, 0);
    const written = SAMPLE_PLAN.HABITAT[2022].filter(
      (d) => sampleRows('HABITAT', 2024, d)[0]?.['N° de séance'] !== firstSession,
    );
    expect(total(after) - total(envelopesBefore)).toBe(
      written.reduce((t, d) => t + Math.round(((d.agglomeration ?? 0) + (d.anah ?? 0)) * 100), 0),
    );
  });

  it('an envelope changed since the run last wrote it is read again, and debited as it now is', async () => {
    await createEnvelope(ctx, finance, {
      scheme: 'ESS',
      year: 2019,
      funder: 'agglomeration',
      amountCents: 5_000_000,
      budgetLine: '65-6574-90',
    });
    const plan = SAMPLE_PLAN.ESS[2021][0] as (typeof SAMPLE_PLAN.ESS)[2021][number];
    const rows = sampleRows('ESS', 2019, plan).map((cells, i) => ({
      row: i + 2,
      cells: new Map(Object.entries(cells)),
    }));
    const checked = checkDossierRows('ESS', rows, '2026-12-03');
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const session = await sessionFor(ctx, admin, new Map(), checked.dossier.session, true);
    // The run's cache believes the envelope holds 1 cent available: stale.
    const envelopes: EnvelopeCache = new Map([
      ['ESS-2019-agglomeration', { budgetLine: '65-6574-90', availableCents: 1 }],
    ]);
    const outcome = await writeImportedDossier(ctx, admin, checked.dossier, {
      session: session as { id: string },
      envelopes,
      counters: new Map(),
      ruleSet: undefined,
      from: {
        importId: 'test',
        fileName: 'ess-2019.csv',
        sha256: '0'.repeat(64),
        rows: [2],
        at: '',
        by: admin.sub,
      },
    });
    expect(outcome.kind).toBe('created');
    const granted = Math.round((plan.agglomeration ?? 0) * 100);
    const [envelope] = await listEnvelopes<Envelope>(store, 2019);
    expect(envelope).toMatchObject({
      amountCents: 5_000_000,
      committedCents: granted,
      availableCents: 5_000_000 - granted,
      budgetLine: '65-6574-90',
    });
    expect(envelopes.get('ESS-2019-agglomeration')).toEqual({
      budgetLine: '65-6574-90',
      availableCents: 5_000_000 - granted,
    });
    const commitment = await getCommitment<Commitment>(
      store,
      outcome.kind === 'created' ? outcome.dossierId : '',
      'agglomeration',
    );
    expect(commitment?.budgetLine).toBe('65-6574-90');
  });

  it('reads XLSX (numbers and dates as cells) as it reads the CSV', async () => {
    const rows = SAMPLE_PLAN.TPE[2022].flatMap((d) => sampleRows('TPE', 2025, d));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dossiers');
    const header = headerOf('TPE');
    ws.addRow(header);
    for (const r of rows)
      ws.addRow(
        header.map((h) => {
          const v = r[h] ?? '';
          if (/^\d{2}\/\d{2}\/\d{4}$/.test(v)) {
            const [d, m, y] = v.split('/').map(Number) as [number, number, number];
            return new Date(Date.UTC(y, m - 1, d));
          }
          if (/^[\d\u00a0 ]+,\d{2}$/.test(v)) return Number(v.replace(/[\u00a0 ]/g, '').replace(',', '.'));
          return v;
        }),
      );
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const job = await upload('TPE', 'tpe-2025.xlsx', buffer);
    const checked = await checkImport(ctx, admin, job.id);
    expect(checked.check?.issues).toEqual([]);
    expect(checked.check?.toImport).toBe(SAMPLE_PLAN.TPE[2022].length);
    const done = await runImport(ctx, admin, job.id);
    expect(done.run?.created).toBe(SAMPLE_PLAN.TPE[2022].length);
    const r = await yearlyIndicators(ctx, admin, '2025');
    const invest = SAMPLE_PLAN.TPE[2022].reduce((t, d) => t + Math.round((d.investment ?? 0) * 100), 0);
    expect(r.tpe.investmentCents).toBe(invest);
  });
});

const createHashOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');
