/**
 * The one place that calls pdfmake. Only the documents function reaches this module (by dynamic
 * `import()`), so no other bundle carries pdfmake, pdfkit or fontkit.
 *
 * Deterministic output: the document's creation and modification dates are the date of the event
 * the document reports (pdfkit derives the file identifier from them), nothing else depends on
 * the clock, the standard Helvetica fonts are used (not embedded: no subset with a random tag),
 * so the same template version and the same facts give the same bytes.
 */

import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

// PDF standard fonts (no file to embed). pdfkit reads their metrics (AFM) from its `data/` folder;
// the Lambda bundle copies those four files beside the chunk (infra/src/lambda-bundling.ts).
pdfmake.setFonts({
  Helvetica: {
    normal: 'Helvetica',
    bold: 'Helvetica-Bold',
    italics: 'Helvetica-Oblique',
    bolditalics: 'Helvetica-BoldOblique',
  },
});
// No template fetches anything: every URL and local path is refused.
pdfmake.setUrlAccessPolicy(() => false);
// The standard font names are the only "paths" pdfmake asks about.
const STANDARD_FONTS = new Set(['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique']);
pdfmake.setLocalAccessPolicy((path) => STANDARD_FONTS.has(path));

/**
 * Helvetica is encoded in WinAnsi: it has accents, €, œ and the typographic apostrophe, not the
 * narrow no-break space that Intl puts in French amounts ("4 000,00 €"), nor some dashes.
 */
export function winAnsi(text: string): string {
  return text
    .replace(/[\u202F\u2007\u2009]/g, '\u00A0')
    .replace(/[\u2010\u2011\u2012]/g, '-')
    .replace(/\u02BC/g, '\u2019');
}

/** Every string of the definition made encodable (style names and such are plain ASCII: unchanged). */
const clean = (c: unknown): unknown => {
  if (typeof c === 'string') return winAnsi(c);
  if (Array.isArray(c)) return c.map(clean);
  if (c && typeof c === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(c)) out[k] = clean(v);
    return out;
  }
  return c;
};

export interface PdfMeta {
  readonly title: string;
  readonly subject: string;
  readonly author: string;
  /** The event's date (ISO): creation and modification dates of the file. */
  readonly date: string;
}

/** Renders a document definition to PDF bytes (A4, Helvetica, French). */
export async function renderPdf(
  meta: PdfMeta,
  content: Content[],
  o: { footer?: string } = {},
): Promise<Uint8Array> {
  const when = new Date(meta.date);
  if (Number.isNaN(when.getTime())) throw new Error(`Date de document invalide : ${meta.date}`);
  const footer = o.footer ? winAnsi(o.footer) : undefined;
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 64],
    language: 'fr-FR',
    info: {
      title: winAnsi(meta.title),
      subject: winAnsi(meta.subject),
      author: winAnsi(meta.author),
      creator: 'CABBALR - aides et dossiers',
      producer: 'pdfmake',
      creationDate: when,
      modDate: when,
    },
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.25 },
    styles: {
      org: { fontSize: 10, bold: true },
      title: { fontSize: 15, bold: true, margin: [0, 16, 0, 8] },
      heading: { fontSize: 11.5, bold: true, margin: [0, 12, 0, 4] },
      small: { fontSize: 8.5, color: '#444444' },
      legal: { fontSize: 8.5, margin: [0, 2, 0, 2] },
    },
    content: clean(content) as Content[],
    footer: (page, pages) => ({
      columns: [
        { text: footer ?? '', style: 'small' },
        { text: `Page ${page} / ${pages}`, alignment: 'right', style: 'small', width: 70 },
      ],
      margin: [56, 24, 56, 0],
    }),
  };
  const buffer = await pdfmake.createPdf(doc).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
