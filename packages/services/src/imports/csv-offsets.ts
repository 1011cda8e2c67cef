import { type Readable, Transform } from 'node:stream';
import { UnreadableFileError } from './source-rows.ts';

/**
 * The CSV reader of the real run (the dry run reads with source-rows.ts, which also hashes the
 * file): the same French CSV (`;`, UTF-8 with or without BOM, or Windows-1252), parsed as bytes so
 * that each record says at which byte of the file it ends. A slice of the run saves that byte
 * with its cursor, and the next slice asks S3 for the file from there (a ranged GET) instead of
 * reading it again from the top: the last slices of a 20,000-dossier file no longer parse 19,000
 * rows to skip them.
 *
 * `;`, `"` and line ends are single bytes in both encodings and never occur inside a UTF-8
 * sequence, so parsing bytes finds the same records as parsing text; cells are decoded after.
 */

export type CsvEncoding = 'utf-8' | 'windows-1252';

export interface CsvRecord {
  readonly cells: string[];
  /** Offset, in the file, of the byte after this record (its line end included). */
  readonly endByte: number;
}

/**
 * Records from `startByte` on (`body` is the file from that byte). `encoding`: as found by an
 * earlier slice; otherwise decided on the first bytes read, as source-rows.ts does (valid UTF-8,
 * or Windows-1252), and handed to `onEncoding`.
 */
export async function* csvRecordsFrom(
  body: Readable,
  o: { startByte: number; encoding?: CsvEncoding; onEncoding?: (e: CsvEncoding) => void },
): AsyncGenerator<CsvRecord> {
  const { parse } = await import('csv-parse');
  let encoding = o.encoding;
  const sniff = new Transform({
    transform(chunk: Buffer, _e, done) {
      if (!encoding) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
          encoding = 'utf-8';
        } catch {
          encoding = 'windows-1252';
        }
        o.onEncoding?.(encoding);
      }
      done(null, chunk);
    },
  });
  body.on('error', (e) => sniff.destroy(e));
  const parser = body.pipe(sniff).pipe(
    parse({
      delimiter: ';',
      bom: o.startByte === 0,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: false,
      info: true,
      encoding: null,
    }),
  );
  let decoder: TextDecoder | undefined;
  const text = (cell: Buffer | string) => {
    if (typeof cell === 'string') return cell;
    decoder ??= new TextDecoder(encoding ?? 'utf-8', { fatal: encoding !== 'windows-1252' });
    try {
      return decoder.decode(cell);
    } catch {
      throw new UnreadableFileError('Fichier CSV : encodage non reconnu ; enregistrez-le en UTF-8.');
    }
  };
  try {
    for await (const r of parser as AsyncIterable<{ record: (Buffer | string)[]; info: { bytes: number } }>)
      yield { cells: r.record.map(text), endByte: o.startByte + r.info.bytes };
  } catch (e) {
    if (e instanceof UnreadableFileError) throw e;
    const line = (e as { lines?: number }).lines;
    throw new UnreadableFileError(
      `Fichier CSV illisible${line ? ` vers la ligne ${line}` : ''} : ${(e as Error).message}`,
    );
  } finally {
    body.unpipe(sniff);
    body.destroy();
    sniff.destroy();
  }
}
