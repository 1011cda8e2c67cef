import { randomBytes } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  AMOUNT_FORMAT,
  columnLetters,
  createXlsxStream,
  DATE_FORMAT,
  excelSerial,
  type XlsxCell,
  type XlsxColumn,
  xmlEscape,
} from './xlsx-stream.ts';

const columns: XlsxColumn[] = [
  { width: 18, style: 'text' },
  { width: 12, style: 'integer' },
  { width: 14, style: 'date' },
  { width: 16, style: 'amount' },
  { width: 30, style: 'text' },
];
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const row = (i: number): XlsxCell[] => [
  `REF-${i}`,
  i,
  day('2026-03-15'),
  (10_000 + i) / 100,
  `Bénéficiaire ${i}`,
];

/** Collects what is written. */
function sink(options: { highWaterMark?: number } = {}) {
  const chunks: Buffer[] = [];
  const out = new Writable({
    highWaterMark: options.highWaterMark ?? 16 * 1024,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

/**
 * Reads a zip through its central directory with nothing but zlib, checking every entry's CRC
 * and size: an independent check of the container, exceljs being lenient.
 */
function unzip(zip: Buffer): Map<string, string> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    expect({ name, size: data.length, crc: crc32(data) }).toEqual({ name, size, crc });
    entries.set(name, data.toString('utf8'));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** True when `p` has not settled once the event loop has turned (it waits on I/O or an event). */
const isWaiting = (p: Promise<unknown>) =>
  Promise.race([p.then(() => false), new Promise<boolean>((r) => setImmediate(() => r(true)))]);

async function load(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('xlsx-stream helpers', () => {
  it('names columns, counts Excel days and escapes XML', () => {
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(excelSerial(day('1900-03-01'))).toBe(61);
    expect(excelSerial(day('2026-01-01'))).toBe(46023);
    expect(excelSerial(new Date('2026-01-01T12:00:00Z'))).toBe(46023.5);
    expect(xmlEscape('a & <b> "c" é\u0001\u000b\ud800x\tz\n')).toBe(
      'a &amp; &lt;b&gt; &quot;c&quot; éx\tz\n',
    );
    expect(xmlEscape('emoji 😀 ok')).toBe('emoji 😀 ok');
  });
});

describe('createXlsxStream', () => {
  it('writes a workbook that exceljs reads back cell by cell', async () => {
    const { out, bytes } = sink();
    const sheet = createXlsxStream(out, { creator: 'CABBALR — aides', sheetName: 'Engagements', columns });
    await sheet.writeRow(['Référence', 'Exercice', 'Date', 'Montant', 'Bénéficiaire'], { bold: true });
    await sheet.writeRow([
      'FTE-1',
      2026,
      day('2026-01-01'),
      1234.5,
      'Dupont & fils <SARL> "le jeune" éàç\u0007 ',
    ]);
    await sheet.writeRow(['FTE-2', null, undefined, 0.05, '=HYPERLINK("x")']);
    await sheet.writeRow(['Total (2 lignes)', null, null, 1234.55, null], { bold: true });
    await sheet.end();

    const file = bytes();
    const parts = unzip(file);
    expect([...parts.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(parts.get('xl/styles.xml')).toContain('formatCode="#,##0.00\\ &quot;€&quot;"');
    const xml = parts.get('xl/worksheets/sheet1.xml') as string;
    expect(xml).toContain(
      '<c r="E2" t="inlineStr"><is><t xml:space="preserve">Dupont &amp; fils &lt;SARL&gt;',
    );
    expect(xml).not.toContain('\u0007');
    expect(xml).not.toContain('<f>');

    const wb = await load(file);
    expect(wb.creator).toBe('CABBALR — aides');
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toBe('Engagements');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(columns.map((_, i) => ws.getColumn(i + 1).width)).toEqual([18, 12, 14, 16, 30]);
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'Référence',
      'Exercice',
      'Date',
      'Montant',
      'Bénéficiaire',
    ]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell(1).font?.bold).toBeFalsy();

    const r2 = ws.getRow(2);
    expect(r2.getCell(2).value).toBe(2026);
    expect(r2.getCell(3).value).toEqual(day('2026-01-01'));
    expect(r2.getCell(3).numFmt).toBe(DATE_FORMAT);
    expect(r2.getCell(4).value).toBe(1234.5);
    // exceljs drops the backslash when it reads the format back; the raw code is checked above.
    expect(r2.getCell(4).numFmt).toBe(AMOUNT_FORMAT.replace('\\', ''));
    expect(r2.getCell(5).value).toBe('Dupont & fils <SARL> "le jeune" éàç ');

    const r3 = ws.getRow(3);
    expect(r3.getCell(2).value).toBeNull();
    expect(r3.getCell(3).value).toBeNull();
    expect(r3.getCell(4).value).toBe(0.05);
    expect(r3.getCell(5).value).toBe('=HYPERLINK("x")');

    const totals = ws.getRow(4);
    expect(totals.getCell(1).value).toBe('Total (2 lignes)');
    expect(totals.getCell(1).font?.bold).toBe(true);
    expect(totals.getCell(4).value).toBe(1234.55);
    expect(totals.getCell(4).font?.bold).toBe(true);
    expect(totals.getCell(4).numFmt).toBe(AMOUNT_FORMAT.replace('\\', ''));
    expect(ws.rowCount).toBe(4);
  });

  it('refuses a sheet name Excel would refuse', () => {
    const { out } = sink();
    expect(() => createXlsxStream(out, { creator: 'x', sheetName: 'a/b', columns })).toThrow(/feuille/);
  });

  it('waits while the consumer is stalled, then gives a slow consumer a complete file', async () => {
    // The consumer takes nothing until the gate opens, then one chunk per turn of the event loop.
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const chunks: Buffer[] = [];
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        void gate.then(() => setImmediate(cb));
      },
    });
    const total = 40_000;
    // Decided by counts, not by the clock: with nothing consumed the writer must be held back long
    // before the end. It is let through once it waits (backpressure) past OPEN rows, well into
    // the zip's buffers (it stops for good near 6,500 rows); reaching LIMIT rows first fails.
    const OPEN = 4_000;
    const LIMIT = 15_000;
    let gateOpen = false;
    let heldAt = -1;
    const sheet = createXlsxStream(out, { creator: 'x', sheetName: 'Versements', columns });
    for (let i = 0; i < total; i++) {
      if (!gateOpen) expect(i, 'rows accepted while nothing is consumed').toBeLessThan(LIMIT);
      // Random text compresses little, so rows buffered are a fair measure of bytes held.
      const written = sheet.writeRow([...row(i).slice(0, 4), randomBytes(24).toString('hex')]);
      // A call that has not settled by the next turn of the event loop waits for 'drain'.
      if (!gateOpen && i >= OPEN && (await isWaiting(written))) {
        heldAt = i;
        // The output refused more and holds a few kilobytes, not the thousands of rows written.
        expect(out.writableNeedDrain).toBe(true);
        expect(out.writableLength).toBeLessThan(64 * 1024);
        gateOpen = true;
        release();
      }
      await written;
    }
    await sheet.end();
    expect(heldAt).toBeGreaterThanOrEqual(OPEN);

    const file = Buffer.concat(chunks);
    unzip(file);
    const ws = (await load(file)).worksheets[0] as ExcelJS.Worksheet;
    expect(ws.rowCount).toBe(total);
    expect(ws.getRow(total).getCell(1).value).toBe(`REF-${total - 1}`);
    expect(ws.getRow(total).getCell(4).value).toBe((10_000 + total - 1) / 100);
  }, 60_000);

  it('rejects the pending call when the output fails mid-way, and every call after', async () => {
    let writes = 0;
    const out = new Writable({
      highWaterMark: 1024,
      write(_chunk, _enc, cb) {
        writes += 1;
        // Each write completes on a later turn, as an upload's would; the third one fails.
        setImmediate(() => cb(writes === 3 ? new Error('S3 indisponible') : null));
      },
    });
    const sheet = createXlsxStream(out, { creator: 'x', sheetName: 'Engagements', columns });
    const failed = (async () => {
      for (let i = 0; i < 1_000_000; i++) await sheet.writeRow(row(i));
      await sheet.end();
    })();
    await expect(failed).rejects.toThrow('S3 indisponible');
    await expect(sheet.writeRow(row(0))).rejects.toThrow('S3 indisponible');
    await expect(sheet.end()).rejects.toThrow('S3 indisponible');
  }, 10_000);

  it('rejects when the upload body is destroyed while the writer waits for drain', async () => {
    // What exportToObject does when the multipart upload dies: nobody reads, then destroy.
    const body = new PassThrough({ highWaterMark: 1024 });
    const sheet = createXlsxStream(body, { creator: 'x', sheetName: 'Engagements', columns });
    let written = 0;
    let held = () => {};
    const waiting = new Promise<void>((r) => {
      held = r;
    });
    const writing = (async () => {
      for (let i = 0; i < 1_000_000; i++) {
        const call = sheet.writeRow(row(i));
        // The body is full and this call did not settle by the next turn: it waits for 'drain'.
        if (body.writableNeedDrain && (await isWaiting(call))) held();
        await call;
        written += 1;
      }
    })();
    await Promise.race([waiting, writing]);
    expect(written).toBeLessThan(1_000_000);
    body.destroy(new Error('Téléversement interrompu'));
    await expect(writing).rejects.toThrow('Téléversement interrompu');
  }, 10_000);

  it('rejects end() when the output is closed before the workbook is complete', async () => {
    const body = new PassThrough();
    body.resume();
    const sheet = createXlsxStream(body, { creator: 'x', sheetName: 'Engagements', columns });
    await sheet.writeRow(row(1));
    body.destroy();
    await expect(sheet.end()).rejects.toThrow('Flux de sortie fermé');
  });
});
