import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SourceRow } from '@aides/domain';
import type { XlsxValue } from './xlsx-reader.ts';

/**
 * The rows of an import file, read as a stream: CSV (French: `;`, UTF-8 with or without BOM, or
 * Windows-1252 as Excel saves « CSV (séparateur : point-virgule) ») by csv-parse, XLSX (the
 * first sheet) by `xlsx-reader.ts`. Memory holds a few rows, never the file. The
 * SHA-256 of the bytes read is known once the last row is out.
 */

export type ImportFormat = 'csv' | 'xlsx';

/** A file that cannot be read as its format says: the message is French and meant for the admin. */
export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

/** Decodes UTF-8, or Windows-1252 when the first bytes are not valid UTF-8. */
function decoder(): Transform {
  let dec: TextDecoder | undefined;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        if (!dec) {
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
            dec = new TextDecoder('utf-8', { fatal: true });
          } catch {
            dec = new TextDecoder('windows-1252');
          }
        }
        done(null, dec.decode(chunk, { stream: true }));
      } catch {
        done(new UnreadableFileError('Fichier CSV : encodage non reconnu ; enregistrez-le en UTF-8.'));
      }
    },
    flush(done) {
      done(null, dec?.decode() ?? '');
    },
  });
}

async function* csvRecords(body: Readable): AsyncGenerator<string[]> {
  const { parse } = await import('csv-parse');
  const parser = body
    .pipe(decoder())
    .pipe(
      parse({ delimiter: ';', bom: true, relax_column_count: true, skip_empty_lines: false, trim: false }),
    );
  try {
    for await (const record of parser) yield record as string[];
  } catch (e) {
    if (e instanceof UnreadableFileError) throw e;
    const line = (e as { lines?: number }).lines;
    throw new UnreadableFileError(
      `Fichier CSV illisible${line ? ` vers la ligne ${line}` : ''} : ${(e as Error).message}`,
    );
  }
}

const two = (n: number) => String(n).padStart(2, '0');

/** An XLSX cell as the French text the CSV template would hold (numbers with a decimal comma). */
function cellText(v: XlsxValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${two(v.getUTCDate())}/${two(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
  if (typeof v === 'number')
    return Number.isInteger(v) ? String(v) : (Math.round(v * 100) / 100).toFixed(2).replace('.', ',');
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  return v.error;
}

/**
 * XLSX rows by `xlsx-reader.ts` (yauzl + saxes; it replaced exceljs, see there). A zip's table of
 * contents is at its end and Excel writes the shared strings after the sheets, so the object is
 * first copied to a temporary file (50 Mo at most: the import's limit; Lambda's /tmp holds 512 Mo)
 * that the reader opens with random access; it is removed when the rows are done or abandoned.
 */
async function* xlsxRecords(body: Readable): AsyncGenerator<string[]> {
  const [{ default: yauzl }, { readFirstSheet }] = await Promise.all([
    import('yauzl'),
    import('./xlsx-reader.ts'),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'aides-import-'));
  let zip: import('yauzl').ZipFile | undefined;
  try {
    const file = join(dir, 'source.xlsx');
    await pipeline(body, createWriteStream(file));
    let expected = 1;
    try {
      zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
      for await (const row of readFirstSheet(zip)) {
        // Rows without any cell are not in the file: keep the numbering a spreadsheet shows.
        for (; expected < row.number; expected++) yield [];
        yield row.values.map(cellText);
        expected = row.number + 1;
      }
    } catch (e) {
      throw new UnreadableFileError(`Fichier XLSX illisible : ${(e as Error).message}`);
    }
  } finally {
    zip?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The file's rows (header first, as row 1), and its SHA-256 once read to the end. */
export function readRecords(body: Readable, format: ImportFormat) {
  const hash = createHash('sha256');
  const tap = new PassThrough({
    transform(chunk: Buffer, _e, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  body.on('error', (e) => tap.destroy(e));
  body.pipe(tap);
  let digest: string | undefined;
  const records = (async function* () {
    yield* format === 'csv' ? csvRecords(tap) : xlsxRecords(tap);
    // Drain what a reader may leave unread (the other sheets), so the checksum covers every byte.
    for await (const _ of tap) {
      // nothing to do with the bytes: the tap hashes them
    }
    digest = hash.digest('hex');
  })();
  /**
   * Lets go of the object's stream when the reader stops early (a slice whose time is up): left
   * paused, each would hold one of the HTTP client's sockets (50), and the 51st slice of a warm
   * process would wait for ever.
   */
  const close = () => {
    body.unpipe(tap);
    body.destroy();
    tap.destroy();
  };
  return { records, sha256: () => digest, close };
}

/** Rows as the domain reads them: cells by column name, numbered from 2 (the header is row 1). */
export async function* toSourceRows(
  records: AsyncIterable<string[]>,
  columns: ReadonlyMap<string, number>,
  firstRow = 2,
): AsyncGenerator<SourceRow> {
  let row = firstRow;
  for await (const cells of records) {
    const map = new Map<string, string>();
    for (const [name, i] of columns) map.set(name, cells[i] ?? '');
    yield { row, cells: map };
    row += 1;
  }
}
