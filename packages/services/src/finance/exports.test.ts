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
    const headers = (lines[0] as string).split(';');
    expect(headers).toEqual([
      'Référence',
      'Dispositif',
      'Exercice',
      'Financeur',
      'Ligne budgétaire',
      'Chapitre',
      'Article',
      'Fonction',
      'Bénéficiaire',
      'Type de bénéficiaire',
      "Type d'identifiant",
      'Identifiant',
      'Commune',
      'Code INSEE',
      'Rural / QPV',
      'Investissement HT',
      'Emplois',
      'Projet',
      'Dirigée par des femmes',
      'Séance',
      'N° délibération',
      'Date de délibération',
      "Date d'engagement",
      'Engagement initial',
      'Désengagé',
      'Engagé net',
      'Versé',
      'Reste à verser',
      'Statut',
    ]);
    expect(lines).toHaveLength(seeded.length + 1);
    const refs = new Set(lines.slice(1).map((l) => l.split(';')[0]));
    expect(refs.size).toBe(seeded.length);
    // Total from the file itself (counted from the end: the first row's name holds a quoted « ; »).
    const fromEnd = headers.length - headers.indexOf('Engagement initial');
    const total = lines.slice(1).reduce((s, l) => {
      const cells = l.split(';');
      return s + euros(cells[cells.length - fromEnd] as string);
    }, 0);
    expect(total).toBe(expected);
    const first = lines.find((l) => l.startsWith('FTE-2026-00000')) as string;
    expect(first).toContain(`"'=HYPERLINK(""x"");Dupont ""le jeune"""`);
    expect(first).toContain(';100,00;0,00;100,00;0,00;100,00;En cours');
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
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(ws.getColumn(col('Bénéficiaire')).width).toBe(32);
    expect(ws.getRow(1).getCell(1).value).toBe('Référence');
    expect(ws.getRow(1).getCell(header.length).value).toBe('Statut');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    const initial = col('Engagement initial');
    const byReference = new Map<string, ExcelJS.Row>();
    let sum = 0;
    for (let i = 2; i <= seeded.length + 1; i++) {
      const row = ws.getRow(i);
      byReference.set(String(row.getCell(1).value), row);
      sum += Math.round(Number(row.getCell(initial).value) * 100);
    }
    expect(byReference.size).toBe(seeded.length);
    expect(sum).toBe(r.totalCents);
    // Under the rows, after a blank line: subtotals per scheme, per funder, per budget line, then the total.
    const below = ws.getRows(seeded.length + 3, ws.rowCount - seeded.length - 2) ?? [];
    const subtotals = new Map(below.map((row) => [String(row.getCell(1).value), row]));
    const cents = (row: ExcelJS.Row | undefined) => Math.round(Number(row?.getCell(initial).value) * 100);
    for (const scheme of SCHEME_CYCLE) {
      const mine = seeded.filter((c) => c.scheme === scheme);
      const row = subtotals.get(`Sous-total ${scheme} (${mine.length} lignes)`);
      expect(cents(row)).toBe(mine.reduce((t, c) => t + c.amountCents, 0));
    }
    const anah = seeded.filter((c) => c.funder === 'anah');
    expect(cents(subtotals.get(`Sous-total Anah (${anah.length} lignes)`))).toBe(
      anah.reduce((t, c) => t + c.amountCents, 0),
    );
    const grand = ws.getRow(ws.rowCount);
    expect(grand.getCell(1).value).toBe(`Total général (${seeded.length} lignes)`);
    expect(grand.getCell(1).font?.bold).toBe(true);
    expect(typeof grand.getCell(initial).value).toBe('number');
    expect(cents(grand)).toBe(r.totalCents);

    const first = byReference.get(seeded[0]?.reference as string) as ExcelJS.Row;
    // A formula-looking name stays text: inline strings are never evaluated.
    expect(first.getCell(col('Bénéficiaire')).value).toBe('=HYPERLINK("x");Dupont "le jeune"');
    expect(first.getCell(col('Exercice')).value).toBe(2026);
    const committedOn = col("Date d'engagement");
    expect(first.getCell(committedOn).value).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(first.getCell(initial).value).toBe(100);
    expect(first.getCell(initial).numFmt).toBe('#,##0.00 "€"');
    expect(first.getCell(committedOn).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(col('Statut')).value).toBe('En cours');
    // 31 December 2025 at 23:30 UTC is 1 January 2026 in Paris.
    const paris = byReference.get(seeded[N]?.reference as string) as ExcelJS.Row;
    expect(paris.getCell(committedOn).value).toEqual(new Date('2026-01-01T00:00:00Z'));
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
    const headers = (lines[0] as string).split(';');
    expect(headers.slice(-4)).toEqual(['Nature', 'Date', 'Montant', 'Compte bancaire (IBAN)']);
    expect(lines.some((l) => l.includes(';Avance;'))).toBe(true);
    expect(lines.some((l) => l.includes(';Acompte;'))).toBe(true);
    expect(lines.some((l) => l.includes(';Solde;'))).toBe(true);
    expect(lines.find((l) => l.startsWith('TPE-2026-00001;'))).toMatch(/;Acompte;10\/02\/2026;50,01;$/);
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
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(-4)).toEqual(['Nature', 'Date', 'Montant', 'Compte bancaire (IBAN)']);
    const col = (name: string) => header.indexOf(name) + 1;
    const tpe = ws.getRows(2, payments.length)?.find((row) => row.getCell(1).value === 'TPE-2026-00001');
    expect(tpe?.getCell(col('Nature')).value).toBe('Acompte');
    expect(tpe?.getCell(col('Date')).value).toEqual(new Date('2026-02-10T00:00:00Z'));
    expect(tpe?.getCell(col('Montant')).value).toBe(50.01);
    const totals = ws.getRow(ws.rowCount);
    expect(totals.getCell(1).value).toBe(`Total général (${payments.length} lignes)`);
    expect(Math.round(Number(totals.getCell(col('Montant')).value) * 100)).toBe(r.totalCents);
  });
});
