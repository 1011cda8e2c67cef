import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvRecordsFrom } from './csv-offsets.ts';
import { readRecords } from './source-rows.ts';

/** A file with a BOM, a cell holding `;`, quotes and a line end, accents, and a blank line. */
const TEXT =
  '\ufeffRéférence;Bénéficiaire\r\nA-1;"Dupont ; ""Léa""\r\nsuite"\r\n\r\nA-2;Hélène Ça\r\nA-3;Zoé\r\n';

async function all<T>(g: AsyncIterable<T>) {
  const out: T[] = [];
  for await (const x of g) out.push(x);
  return out;
}
/** Windows-1252 bytes of a text (its characters are all in Latin-1 here). */
const cp1252 = (s: string) => Buffer.from(s.replace(/^\ufeff/, ''), 'latin1');
/** Chunks of 7 bytes, so records and characters straddle chunks. */
const chunked = (b: Buffer) =>
  Readable.from(Array.from({ length: Math.ceil(b.length / 7) }, (_, i) => b.subarray(i * 7, i * 7 + 7)));

describe('CSV records with the byte where each ends', () => {
  for (const [name, bytes] of [
    ['UTF-8 with BOM', Buffer.from(TEXT)],
    ['Windows-1252', cp1252(TEXT)],
  ] as const)
    it(`${name}: the same cells as the dry run's reader, and reading from any record's end gives the rest`, async () => {
      const whole = await all(csvRecordsFrom(chunked(bytes), { startByte: 0 }));
      const dryRun = await all(readRecords(chunked(bytes), 'csv').records);
      expect(whole.map((r) => r.cells)).toEqual(dryRun);
      expect(whole[1]?.cells).toEqual(['A-1', 'Dupont ; "Léa"\r\nsuite']);
      expect(whole.at(-1)?.endByte).toBe(bytes.length);
      let encoding: 'utf-8' | 'windows-1252' | undefined;
      await all(csvRecordsFrom(chunked(bytes), { startByte: 0, onEncoding: (e) => (encoding = e) }));
      expect(encoding).toBe(name === 'Windows-1252' ? 'windows-1252' : 'utf-8');
      for (let i = 0; i < whole.length - 1; i++) {
        const from = (whole[i] as { endByte: number }).endByte;
        const rest = await all(
          csvRecordsFrom(chunked(bytes.subarray(from)), { startByte: from, encoding: encoding as 'utf-8' }),
        );
        expect(rest).toEqual(whole.slice(i + 1));
      }
    });
});
