/**
 * The first sheet of an XLSX file, row by row, with bounded memory: yauzl opens the zip from a
 * file (random access: the central directory first, then only the parts needed, inflated as
 * streams), saxes parses their XML as it comes. Held in memory: the workbook's sheet list, the
 * shared strings (as exceljs also holds them) and the styles' number formats; the sheet itself is
 * parsed a chunk at a time and leaves at most the rows of one chunk in memory.
 *
 * Why not exceljs: the import function only ever reads the first sheet's values, and exceljs's
 * streaming reader (with unzipper, readable-stream, bluebird, jszip, archiver, glob… for the
 * features it also offers) made the `imports` function 1.87 MB and the web 2.70 MB; yauzl and
 * saxes weigh about 40 KB bundled (`npx tsx test/bench/bundle-why.ts imports`).
 *
 * The values are those exceljs gave, which `source-rows.ts` turns into the CSV template's text:
 * numbers as numbers, dates (a number whose cell format is a date format) as UTC `Date`s,
 * booleans, strings (shared, inline, rich text joined, formula results), errors as `{ error }`.
 */
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Entry, ZipFile } from 'yauzl';

export type XlsxValue = string | number | boolean | Date | { error: string } | null;

export interface XlsxRow {
  /** 1-based, as the spreadsheet shows it. */
  readonly number: number;
  /** By column, from column A (index 0); `null` where the row has no cell. */
  readonly values: XlsxValue[];
}

/** Shared strings beyond this many characters: the file is refused rather than filling memory. */
export const MAX_SHARED_STRING_CHARS = 64 * 1024 * 1024;

/** The element's name without its namespace prefix (`x:row` → `row`). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

interface XmlHandlers {
  open?: (name: string, attrs: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/**
 * Parses an XML stream, handing each open/close/text event to its handler, and yields after each
 * chunk (where the sheet reader hands over the rows that chunk completed): the next chunk is read
 * only when the consumer asks for more.
 */
async function* xmlChunks(stream: Readable, on: XmlHandlers): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure ??= e;
  });
  const { open, close, text } = on;
  if (open)
    parser.on('opentag', (t: SaxesTagPlain) => open(local(t.name), t.attributes as Record<string, string>));
  if (close) parser.on('closetag', (t) => close(local(t.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of stream) {
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
    if (failure) throw failure;
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw failure;
  yield;
}

async function parseXml(stream: Readable, on: XmlHandlers): Promise<void> {
  for await (const _ of xmlChunks(stream, on)) {
    // the handlers did the work
  }
}

// Excel's built-in number formats that show dates or times (ECMA-376 §18.8.30, and the
// locale-specific ids Excel writes for East Asian dates).
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Whether a custom format code shows a date: a d/m/y/h/s token outside quotes, escapes and brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  // Only the first section (positive numbers) decides, as Excel applies it to dates.
  const first = bare.split(';')[0] ?? '';
  return /[dmyhs]/i.test(first) && !/^general$/i.test(first.trim());
}

const DAY_MS = 86_400_000;
/** Excel's day 0: 1899-12-30 (1900 system) or 1904-01-01 (1904 system). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** 0-based column of a cell reference (`B3` → 1), or undefined if it has none. */
function columnOf(ref: string | undefined): number | undefined {
  const m = ref ? /^([A-Z]+)\d*$/i.exec(ref) : null;
  if (!m) return undefined;
  let n = 0;
  for (const ch of (m[1] as string).toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** Joins `base` (a part's folder, e.g. `xl/`) and a relationship's target. */
function resolvePart(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);
const relsOf = (path: string) => `${folderOf(path)}_rels/${path.slice(path.lastIndexOf('/') + 1)}.rels`;

interface Relationship {
  readonly type: string;
  readonly target: string;
}

/** The rows of the workbook's first sheet (the first tab), in order; rows without cells are skipped. */
export async function* readFirstSheet(zip: ZipFile): AsyncGenerator<XlsxRow> {
  const entries = new Map<string, Entry>();
  for await (const entry of zip.eachEntry()) {
    if (!entry.fileName.endsWith('/')) entries.set(entry.fileName.replace(/^\//, '').toLowerCase(), entry);
  }
  const open = async (path: string) => {
    const entry = entries.get(path.toLowerCase());
    return entry ? zip.openReadStreamPromise(entry) : undefined;
  };
  const rels = async (path: string) => {
    const out = new Map<string, Relationship>();
    const stream = await open(relsOf(path));
    if (!stream) return out;
    const base = folderOf(path);
    await parseXml(stream, {
      open: (name, a) => {
        if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External')
          out.set(a.Id, { type: a.Type ?? '', target: resolvePart(base, a.Target) });
      },
    });
    return out;
  };
  const byType = (r: Map<string, Relationship>, suffix: string) =>
    [...r.values()].find((x) => x.type.endsWith(suffix))?.target;

  const workbookPath = byType(await rels(''), '/officeDocument') ?? 'xl/workbook.xml';
  const workbookRels = await rels(workbookPath);
  let firstSheetRel: string | undefined;
  let date1904 = false;
  const workbook = await open(workbookPath);
  if (!workbook) throw new Error('classeur absent (pas de xl/workbook.xml)');
  await parseXml(workbook, {
    open: (name, a) => {
      if (name === 'sheet' && firstSheetRel === undefined)
        firstSheetRel = a['r:id'] ?? Object.entries(a).find(([k]) => local(k) === 'id')?.[1] ?? '';
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    },
  });
  const sheetPath = firstSheetRel ? workbookRels.get(firstSheetRel)?.target : undefined;
  if (!sheetPath || !entries.has(sheetPath.toLowerCase())) throw new Error('aucune feuille dans le classeur');

  // Shared strings: every <t> of each <si>, but not the phonetic guides (<rPh>).
  const shared: string[] = [];
  const sstStream = await open(byType(workbookRels, '/sharedStrings') ?? 'xl/sharedStrings.xml');
  if (sstStream) {
    let current: string[] | undefined;
    let inText = false;
    let inPhonetic = false;
    let chars = 0;
    await parseXml(sstStream, {
      open: (name) => {
        if (name === 'si') current = [];
        else if (name === 'rPh') inPhonetic = true;
        else if (name === 't') inText = !inPhonetic;
      },
      close: (name) => {
        if (name === 'si') {
          shared.push((current ?? []).join(''));
          current = undefined;
        } else if (name === 'rPh') inPhonetic = false;
        else if (name === 't') inText = false;
      },
      text: (t) => {
        if (!inText || !current) return;
        chars += t.length;
        if (chars > MAX_SHARED_STRING_CHARS) throw new Error('textes partagés trop volumineux');
        current.push(t);
      },
    });
  }

  // Styles: which cell formats (cellXfs, by index) show dates.
  const dateStyles = new Set<number>();
  const stylesStream = await open(byType(workbookRels, '/styles') ?? 'xl/styles.xml');
  if (stylesStream) {
    const custom = new Map<number, string>();
    const xfs: number[] = [];
    let inCellXfs = false;
    await parseXml(stylesStream, {
      open: (name, a) => {
        if (name === 'numFmt' && a.numFmtId) custom.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfs.push(Number(a.numFmtId ?? 0));
      },
      close: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
    });
    xfs.forEach((id, i) => {
      const code = custom.get(id);
      if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) dateStyles.add(i);
    });
  }
  const epoch = date1904 ? EPOCH_1904 : EPOCH_1900;

  // The sheet, streamed: rows complete in `ready`, handed over after each chunk.
  const sheet = (await open(sheetPath)) as Readable;
  const ready: XlsxRow[] = [];
  let row: { number: number; values: XlsxValue[] } | undefined;
  let lastRow = 0;
  let cell: { col: number; type: string; style: number; value: string[]; inline: string[] } | undefined;
  let lastCol = -1;
  let inValue = false;
  let inInlineText = false;
  let inPhonetic = false;
  const cellValue = (c: NonNullable<typeof cell>): XlsxValue => {
    const v = c.value.join('');
    switch (c.type) {
      case 's': {
        const s = shared[Number(v)];
        if (s === undefined) throw new Error(`texte partagé ${v} introuvable`);
        return s;
      }
      case 'inlineStr':
        return c.inline.join('');
      case 'str':
        return v;
      case 'b':
        return v === '1' || v === 'true';
      case 'e':
        return { error: v };
      case 'd': {
        const d = new Date(v);
        return Number.isNaN(d.getTime()) ? v : d;
      }
      default: {
        if (v === '') return null;
        const n = Number(v);
        if (Number.isNaN(n)) return v;
        return dateStyles.has(c.style) ? new Date(Math.round(epoch + n * DAY_MS)) : n;
      }
    }
  };
  const chunks = xmlChunks(sheet, {
    open: (name, a) => {
      if (name === 'row') {
        const n = a.r ? Number(a.r) : lastRow + 1;
        row = { number: n, values: [] };
        lastRow = n;
        lastCol = -1;
      } else if (name === 'c' && row) {
        const col = columnOf(a.r) ?? lastCol + 1;
        lastCol = col;
        cell = { col, type: a.t ?? 'n', style: Number(a.s ?? 0), value: [], inline: [] };
      } else if (name === 'v' && cell) inValue = true;
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && cell) inInlineText = !inPhonetic;
    },
    close: (name) => {
      if (name === 'v') inValue = false;
      else if (name === 't') inInlineText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'c' && cell && row) {
        const value = cellValue(cell);
        if (value !== null) {
          while (row.values.length < cell.col) row.values.push(null);
          row.values[cell.col] = value;
        }
        cell = undefined;
      } else if (name === 'row' && row) {
        if (row.values.length > 0) ready.push(row);
        row = undefined;
      }
    },
    text: (t) => {
      if (!cell) return;
      if (inValue) cell.value.push(t);
      else if (inInlineText) cell.inline.push(t);
    },
  });
  // Back-pressure: the next chunk is read once the consumer has taken the rows of this one.
  for await (const _ of chunks) yield* ready.splice(0, ready.length);
}
