import { PassThrough } from 'node:stream';
import type { Funder, Scheme } from '@aides/domain';
import { createCommitmentTx, createPaymentTx, type Store, transact } from '@aides/store';
import { getObjectStream } from '@aides/store/objects';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../../../test/support/store.ts';
import type { Commitment, Payment } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { centsToCsv, csvText, parisMidnight } from './csv.ts';
import { exportRows, exportToObject, monthsBetween, writeExport } from './exports.ts';

const finance: Caller = {
  sub: 'finance-1',
  name: 'Fanny Finance',
  email: 'f@example.fr',
  roles: ['finance'],
};
const instructor: Caller = { sub: 'instr-1', name: 'Ivan', email: 'i@example.fr', roles: ['instructor'] };

const SCHEME_CYCLE: Scheme[] = ['FTE', 'TPE', 'ESS', 'HABITAT'];
const FUNDER_CYCLE: Funder[] = ['agglomeration', 'anah', 'region'];

function commitment(i: number, at: string, o: Partial<Commitment> = {}): Commitment {
  const scheme = SCHEME_CYCLE[i % 4] as Scheme;
  const funder = FUNDER_CYCLE[i % 3] as Funder;
  const amountCents = 10_000 + i * 37;
  return {
    id: `d${i}-${funder}`,
    dossierId: `d${i}`,
    reference: `${scheme}-2026-${String(i).padStart(5, '0')}`,
    scheme,
    year: 2026,
    funder,
    beneficiary: i === 0 ? '=HYPERLINK("x");Dupont "le jeune"' : `Bénéficiaire ${i}`,
    budgetLine: `${scheme}-2026-${funder}`,
    amountCents,
    paidCents: 0,
    remainingCents: amountCents,
    status: 'active',
    sessionId: i % 2 === 0 ? 'session-a' : 'session-b',
    sessionNumber: i % 2 === 0 ? 'B-2026-01' : 'B-2026-02',
    deliberationNumber: `DEL-${i}`,
    committedAt: at,
    payments: [],
    releasedCents: 0,
    ...o,
  };
}

const N = 1_200;
/** Spread over 2026 (one per ~7 hours from 1 January); a few outside the year. */
const atOf = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0) + i * 7 * 3600_000).toISOString();

async function readObject(store: Store, key: string): Promise<Buffer> {
  const body = await getObjectStream(store, key);
  return Buffer.from((await body?.transformToByteArray()) ?? new Uint8Array());
}

const parseCsv = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '');
const euros = (cell: string) => Math.round(Number(cell.replace(',', '.')) * 100);

let store: Store;
let ctx: ServiceContext;
const seeded: Commitment[] = [];
const outside: Commitment[] = [];
const payments: Payment[] = [];

beforeAll(async () => {
  store = await createTestStore();
  ctx = createContext(store, { now: () => new Date('2026-06-15T10:00:00Z') });
  for (let i = 0; i < N; i++) seeded.push(commitment(i, atOf(i)));
  // 31 Dec 2025 at 23:30 UTC is already 1 January 2026 in Paris: inside the 2026 period.
  seeded.push(commitment(N, '2025-12-31T23:30:00.000Z'));
  // 31 Dec 2026 at 23:30 UTC is 1 January 2027 in Paris: outside.
  outside.push(commitment(N + 1, '2026-12-31T23:30:00.000Z'), commitment(N + 2, '2025-06-01T10:00:00.000Z'));
  const all = [...seeded, ...outside];
  for (let i = 0; i < all.length; i += 100) {
    await transact(
      store,
      all.slice(i, i + 100).map((c) => createCommitmentTx(ctx.store, c)),
    );
  }
  for (let i = 0; i < 30; i++) {
    const c = seeded[i] as Commitment;
    payments.push({
      id: `p${i}`,
      dossierId: c.dossierId,
      commitmentId: c.id,
      reference: c.reference,
      scheme: c.scheme,
      year: 2026,
      funder: c.funder,
      beneficiary: c.beneficiary,
      budgetLine: c.budgetLine,
      kind: i % 3 === 0 ? 'advance' : i % 3 === 1 ? 'instalment' : 'balance',
      amountCents: 5_000 + i,
      at: new Date(Date.UTC(2026, i % 12, 10, 9)).toISOString(),
      by: 'finance-1',
      sessionId: c.sessionId,
    });
  }
  await transact(
    store,
    payments.map((p) => createPaymentTx(ctx.store, p)),
  );
}, 120_000);

describe('CSV conventions', () => {
  it('formats amounts with a decimal comma and guards formulas', () => {
    expect(centsToCsv(123450)).toBe('1234,50');
    expect(centsToCsv(5)).toBe('0,05');
    expect(centsToCsv(-1999)).toBe('-19,99');
    expect(csvText('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvText('a;b')).toBe('"a;b"');
    expect(csvText('dit "oui"')).toBe('"dit ""oui"""');
  });

  it('finds Paris midnight in winter and summer, and the month partitions of a period', () => {
    expect(parisMidnight('2026-01-01').toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(parisMidnight('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(monthsBetween(parisMidnight('2026-01-01'), parisMidnight('2027-01-01'))).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });
});

describe('exportToObject (commitments)', () => {
  it('streams every commitment of the year (more than one query page) as French CSV', async () => {
    const r = await exportToObject(ctx, finance, 'commitments', { from: '2026-01-01', to: '2026-12-31' });
    const expected = seeded.reduce((s, c) => s + c.amountCents, 0);
    expect(r.rows).toBe(seeded.length);
    expect(r.totalCents).toBe(expected);
    expect(r.key).toMatch(/^exports\/[0-9a-f-]+\.csv$/);
    expect(decodeURIComponent(r.url)).toContain('engagements-2026-01-01_2026-12-31.csv');

    const bytes = await readObject(store, r.key);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const lines = parseCsv(text);
    expect(lines[0]).toBe(
      "Référence;Dispositif;Bénéficiaire;Financeur;Ligne budgétaire;Exercice;Séance;N° délibération;Date d'engagement;Montant engagé;Montant versé;Reste à verser;Statut",
    );
    expect(lines).toHaveLength(seeded.length + 1);
    const refs = new Set(lines.slice(1).map((l) => l.split(';')[0]));
    expect(refs.size).toBe(seeded.length);
    // Total from the file itself (amount is the 10th column, last rows have no quoted fields).
    const total = lines.slice(1).reduce((s, l) => {
      const cells = l.split(';');
      return s + euros(cells[cells.length - 4] as string);
    }, 0);
    expect(total).toBe(expected);
    const first = lines.find((l) => l.startsWith('FTE-2026-00000')) as string;
    expect(first).toContain(`"'=HYPERLINK(""x"");Dupont ""le jeune"""`);
    expect(first).toContain(';100,00;0,00;100,00;En cours');
    expect(first).toContain(';01/01/2026;');
    const paris = lines.find((l) => l.startsWith(`${seeded[N]?.reference};`)) as string;
    expect(paris).toContain(';01/01/2026;');
  });

  it('downloads through the presigned URL', async () => {
    const r = await exportToObject(ctx, finance, 'commitments', {
      from: '2026-03-01',
      to: '2026-03-31',
      scheme: 'TPE',
    });
    const res = await fetch(r.url);
    expect(res.status).toBe(200);
    const lines = parseCsv(await res.text());
    expect(lines.length).toBe(r.rows + 1);
    expect(res.headers.get('content-disposition')).toContain('engagements-2026-03-01_2026-03-31.csv');
  });

  it('filters by scheme, funder, session and budget line', async () => {
    const match = seeded.filter(
      (c) => c.scheme === 'HABITAT' && c.funder === 'anah' && c.sessionId === 'session-b',
    );
    expect(match.length).toBeGreaterThan(10);
    const r = await exportToObject(ctx, finance, 'commitments', {
      scheme: 'HABITAT',
      funder: 'anah',
      sessionId: 'session-b',
    });
    expect(r.rows).toBe(match.length);
    expect(r.totalCents).toBe(match.reduce((s, c) => s + c.amountCents, 0));
    const byLine = seeded.filter((c) => c.budgetLine === 'TPE-2026-region');
    const r2 = await exportToObject(ctx, finance, 'commitments', {
      budgetLine: 'TPE-2026-region',
      format: 'csv',
    });
    expect(r2.rows).toBe(byLine.length);
  });

  it('honours partial months at both ends of the period', async () => {
    const inRange = seeded.filter(
      (c) => c.committedAt >= '2026-02-09T23:00:00.000Z' && c.committedAt < '2026-04-20T22:00:00.000Z',
    );
    const r = await exportToObject(ctx, finance, 'commitments', { from: '2026-02-10', to: '2026-04-20' });
    expect(r.rows).toBe(inRange.length);
  });

  it('writes an XLSX that exceljs reads back with the same total', async () => {
    const r = await exportToObject(ctx, finance, 'commitments', {
      format: 'xlsx',
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(r.rows).toBe(seeded.length);
    expect(r.key).toMatch(/^exports\/[0-9a-f-]+\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readObject(store, r.key)) as unknown as ArrayBuffer);
    expect(wb.creator).toBe('CABBALR — aides et dossiers');
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toBe('Engagements');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(3).width).toBe(32);
    expect(ws.getRow(1).getCell(1).value).toBe('Référence');
    expect(ws.getRow(1).getCell(13).value).toBe('Statut');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    const byReference = new Map<string, ExcelJS.Row>();
    let sum = 0;
    for (let i = 2; i <= seeded.length + 1; i++) {
      const row = ws.getRow(i);
      byReference.set(String(row.getCell(1).value), row);
      sum += Math.round(Number(row.getCell(10).value) * 100);
    }
    expect(byReference.size).toBe(seeded.length);
    expect(sum).toBe(r.totalCents);
    const totals = ws.getRow(seeded.length + 2);
    expect(totals.getCell(1).value).toBe(`Total (${seeded.length} lignes)`);
    expect(totals.getCell(1).font?.bold).toBe(true);
    expect(Math.round(Number(totals.getCell(10).value) * 100)).toBe(r.totalCents);
    expect(ws.rowCount).toBe(seeded.length + 2);

    const first = byReference.get(seeded[0]?.reference as string) as ExcelJS.Row;
    // A formula-looking name stays text: inline strings are never evaluated.
    expect(first.getCell(3).value).toBe('=HYPERLINK("x");Dupont "le jeune"');
    expect(first.getCell(6).value).toBe(2026);
    expect(first.getCell(9).value).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(first.getCell(10).value).toBe(100);
    expect(first.getCell(10).numFmt).toBe('#,##0.00 "€"');
    expect(first.getCell(9).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(13).value).toBe('En cours');
    // 31 December 2025 at 23:30 UTC is 1 January 2026 in Paris.
    const paris = byReference.get(seeded[N]?.reference as string) as ExcelJS.Row;
    expect(paris.getCell(9).value).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('refuses other roles and invalid queries with French messages', async () => {
    await expect(exportToObject(ctx, instructor, 'commitments', {})).rejects.toMatchObject({ status: 403 });
    const bad = await exportToObject(ctx, finance, 'commitments', {
      format: 'pdf',
      from: '2026-13-01',
    }).catch((e) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect(bad.status).toBe(400);
    expect(bad.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/format', '/from']);
    const long = await exportToObject(ctx, finance, 'commitments', {
      from: '2020-01-01',
      to: '2026-01-01',
    }).catch((e) => e);
    expect(long.status).toBe(400);
    expect(long.errors[0].detail).toContain('5 ans');
    const reversed = await exportToObject(ctx, finance, 'payments', {
      from: '2026-05-01',
      to: '2026-04-01',
    }).catch((e) => e);
    expect(reversed.status).toBe(400);
  });
});

describe('exportToObject (payments)', () => {
  it('exports payments with their nature and total', async () => {
    const r = await exportToObject(ctx, finance, 'payments', {});
    expect(r.rows).toBe(payments.length);
    expect(r.totalCents).toBe(payments.reduce((s, p) => s + p.amountCents, 0));
    const lines = parseCsv((await readObject(store, r.key)).toString('utf8'));
    expect(lines[0]).toBe('Référence;Dispositif;Bénéficiaire;Financeur;Ligne budgétaire;Nature;Date;Montant');
    expect(lines.some((l) => l.includes(';Avance;'))).toBe(true);
    expect(lines.some((l) => l.includes(';Acompte;'))).toBe(true);
    expect(lines.some((l) => l.includes(';Solde;'))).toBe(true);
    expect(lines.find((l) => l.startsWith('TPE-2026-00001;'))).toMatch(/;10\/02\/2026;50,01$/);
  });
});

describe('writeExport', () => {
  it('respects backpressure on a slow consumer and ends the stream', async () => {
    const out = new PassThrough({ highWaterMark: 1024 });
    const chunks: Buffer[] = [];
    let consumed = 0;
    const reading = (async () => {
      for await (const chunk of out) {
        chunks.push(chunk as Buffer);
        consumed += (chunk as Buffer).length;
        if (consumed % 7 === 0) await new Promise((r) => setImmediate(r));
      }
    })();
    const rows = exportRows(ctx, 'commitments', { from: '2026-01-01', to: '2026-12-31', funder: 'region' });
    const r = await writeExport(rows, 'commitments', 'csv', out);
    await reading;
    expect(r.rows).toBe(seeded.filter((c) => c.funder === 'region').length);
    expect(parseCsv(Buffer.concat(chunks).toString('utf8'))).toHaveLength(r.rows + 1);
  });

  it('writes payments as an XLSX "Versements" sheet to a slow consumer', async () => {
    const out = new PassThrough({ highWaterMark: 1024 });
    const chunks: Buffer[] = [];
    const reading = (async () => {
      for await (const chunk of out) {
        chunks.push(chunk as Buffer);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const r = await writeExport(
      exportRows(ctx, 'payments', { from: '2026-01-01', to: '2026-12-31' }),
      'payments',
      'xlsx',
      out,
    );
    await reading;
    expect(r.rows).toBe(payments.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toBe('Versements');
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'Référence',
      'Dispositif',
      'Bénéficiaire',
      'Financeur',
      'Ligne budgétaire',
      'Nature',
      'Date',
      'Montant',
    ]);
    const tpe = ws.getRows(2, payments.length)?.find((row) => row.getCell(1).value === 'TPE-2026-00001');
    expect(tpe?.getCell(6).value).toBe('Acompte');
    expect(tpe?.getCell(7).value).toEqual(new Date('2026-02-10T00:00:00Z'));
    expect(tpe?.getCell(8).value).toBe(50.01);
    const totals = ws.getRow(payments.length + 2);
    expect(totals.getCell(1).value).toBe(`Total (${payments.length} lignes)`);
    expect(Math.round(Number(totals.getCell(8).value) * 100)).toBe(r.totalCents);
  });
});
