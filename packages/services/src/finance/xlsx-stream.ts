/**
 * A minimal streaming XLSX (SpreadsheetML) writer for one sheet, on top of yazl. The fixed parts
 * are tiny buffers; the sheet XML goes through a PassThrough that yazl deflates into `out`, with
 * backpressure end to end: memory holds about one batch of rows, whatever the row count.
 * Strings are inline (no shared-strings table to keep in memory) and never formulas.
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';

export type XlsxCell = string | number | Date | null | undefined;
export type XlsxColumnStyle = 'text' | 'amount' | 'date' | 'integer';

export interface XlsxColumn {
  /** In characters of the default font, as Excel counts them. */
  readonly width: number;
  /** How numbers in this column are shown; strings are always text, dates always dates. */
  readonly style: XlsxColumnStyle;
}

export interface XlsxOptions {
  readonly creator: string;
  readonly sheetName: string;
  readonly columns: readonly XlsxColumn[];
}

export interface XlsxSheet {
  /** Waits only when the zip needs draining; rejects if `out` failed. Await it before the next. */
  writeRow(cells: readonly XlsxCell[], options?: { readonly bold?: boolean }): Promise<void>;
  /** Closes the sheet and the zip; resolves once `out` has finished. */
  end(): Promise<void>;
}

/** Amounts in euros as French Excel writes its own currency format (the € must be quoted). */
export const AMOUNT_FORMAT = '#,##0.00\\ "€"';
export const DATE_FORMAT = 'dd/mm/yyyy';

// cellXfs: two entries per style (regular, bold), in this order; custom numFmt ids start at 164.
const STYLES: readonly XlsxColumnStyle[] = ['text', 'amount', 'date', 'integer'];
const NUM_FMT_IDS: Record<XlsxColumnStyle, number> = { text: 0, amount: 164, date: 165, integer: 1 };
const styleIndex = (style: XlsxColumnStyle, bold: boolean) => STYLES.indexOf(style) * 2 + (bold ? 1 : 0);

/** Rows are batched into strings of about this size before a write: fewer, larger chunks. */
const BATCH = 64 * 1024;
const DAY_MS = 86_400_000;
/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug makes serials line up from March 1900). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF: a file holding one is
// refused by Excel as corrupt, so they are dropped rather than escaped.
const INVALID_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding those characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_SPECIAL = /[&<>"]/g;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export const xmlEscape = (s: string) =>
  s.replace(INVALID_XML, '').replace(XML_SPECIAL, (c) => XML_ENTITIES[c] as string);

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Days since 1899-12-30 UTC, the fraction being the time of day. */
export const excelSerial = (d: Date) => (d.getTime() - EXCEL_EPOCH_MS) / DAY_MS;

function cellXml(ref: string, value: XlsxCell, style: XlsxColumnStyle, bold: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    const s = styleIndex('text', bold);
    // Without xml:space Excel trims leading and trailing spaces and line breaks.
    const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
    return `<c r="${ref}"${s ? ` s="${s}"` : ''} t="inlineStr"><is><t${space}>${xmlEscape(value)}</t></is></c>`;
  }
  const n = value instanceof Date ? excelSerial(value) : value;
  if (!Number.isFinite(n)) return '';
  const s = styleIndex(value instanceof Date ? 'date' : style, bold);
  return `<c r="${ref}"${s ? ` s="${s}"` : ''}><v>${n}</v></c>`;
}

function stylesXml(): string {
  const xfs = STYLES.flatMap((style) =>
    [0, 1].map((font) => {
      const fmt = NUM_FMT_IDS[style];
      return `<xf numFmtId="${fmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${fmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}/>`;
    }),
  );
  const font = (bold: boolean) =>
    `<font>${bold ? '<b/>' : ''}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
  return `${XML_DECL}<styleSheet xmlns="${NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="${xmlEscape(AMOUNT_FORMAT)}"/><numFmt numFmtId="165" formatCode="${DATE_FORMAT}"/></numFmts><fonts count="2">${font(false)}${font(true)}</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
}

function fixedParts(options: XlsxOptions): Record<string, string> {
  const ct = 'application/vnd.openxmlformats-';
  const created = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    '[Content_Types].xml': `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="${ct}package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${ct}officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${ct}officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="${ct}package.core-properties+xml"/></Types>`,
    '_rels/.rels': `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    'docProps/core.xml': `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${xmlEscape(options.creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created></cp:coreProperties>`,
    'xl/workbook.xml': `${XML_DECL}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets><sheet name="${xmlEscape(options.sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': stylesXml(),
  };
}

/**
 * Starts the workbook: the fixed parts are queued in the zip, then the sheet entry, whose XML
 * is produced by writeRow as rows come. The zip is piped into `out`; if `out` errors or closes
 * before the end, every pending and later call rejects with that error instead of hanging.
 */
export function createXlsxStream(out: NodeJS.WritableStream, options: XlsxOptions): XlsxSheet {
  if (!/^[^[\]:*?/\\]{1,31}$/.test(options.sheetName))
    throw new Error(`Nom de feuille invalide : ${options.sheetName}`);
  const { columns } = options;
  const letters = columns.map((_, i) => columnLetters(i));
  // yazl pipes its output into `out` with .pipe(), which does not forward errors: we watch
  // `out` ourselves, so that a failed upload rejects the waiting call instead of leaving it
  // waiting for a 'drain' that never comes.
  const zip = new ZipFile();
  const zipOut = zip.outputStream as Readable;
  const sheet = new PassThrough({ highWaterMark: BATCH });
  const abort = new AbortController();
  let failure: Error | undefined;
  let zipEnded = false;
  let finished = false;
  let ended = false;

  const fail = (e: Error) => {
    if (failure || finished) return;
    failure = e;
    zipOut.unpipe(out);
    sheet.destroy();
    zipOut.destroy();
    abort.abort(e);
  };
  const early = () => new Error('Flux de sortie fermé avant la fin de l’export');
  out.on('error', fail);
  out.on('close', () => fail(early()));
  out.on('finish', () => {
    if (zipEnded) finished = true;
    else fail(early());
  });
  zip.on('error', fail);
  zipOut.on('end', () => {
    zipEnded = true;
  });

  for (const [path, xml] of Object.entries(fixedParts(options))) zip.addBuffer(Buffer.from(xml), path);
  zip.addReadStream(sheet, 'xl/worksheets/sheet1.xml');
  zipOut.pipe(out);

  /** Resolves on the event; rejects with the stream failure (not the AbortError) if one comes first. */
  const until = (emitter: NodeJS.EventEmitter, event: string) =>
    failure
      ? Promise.reject(failure)
      : once(emitter, event, { signal: abort.signal }).then(
          () => undefined,
          (e: unknown) => Promise.reject(failure ?? e),
        );

  let pending = '';
  let rowNumber = 0;
  const flush = async () => {
    const chunk = pending;
    pending = '';
    if (!sheet.write(chunk)) await until(sheet, 'drain');
  };

  pending += `${XML_DECL}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
    .join('')}</cols><sheetData>`;

  return {
    async writeRow(cells, { bold = false } = {}) {
      if (failure) throw failure;
      if (ended) throw new Error('Classeur déjà terminé');
      rowNumber += 1;
      let xml = `<row r="${rowNumber}">`;
      for (let i = 0; i < cells.length; i++)
        xml += cellXml(
          `${letters[i] ?? columnLetters(i)}${rowNumber}`,
          cells[i],
          columns[i]?.style ?? 'text',
          bold,
        );
      pending += `${xml}</row>`;
      if (pending.length >= BATCH) await flush();
    },

    async end() {
      if (failure) throw failure;
      if (ended) throw new Error('Classeur déjà terminé');
      ended = true;
      pending += '</sheetData></worksheet>';
      await flush();
      const done = until(out, 'finish');
      sheet.end();
      zip.end();
      await done;
    },
  };
}
