/**
 * Reads a PDF back the way a person's viewer would: pdf.js (Mozilla's) extracts each page's text
 * and the document's metadata. Used by the tests of the official documents.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export interface PdfText {
  /** Each page's text, its items joined by a space, runs of whitespace collapsed (no-break spaces as spaces). */
  pages: string[];
  /** All pages together. */
  text: string;
  info: Record<string, unknown>;
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const task = getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/[\s\u00A0\u202F]+/g, ' ')
        // A compound word broken at its hyphen at the end of a line: « Bruay-la- Buissière ».
        .replace(/(\p{L})- (\p{L})/gu, '$1-$2')
        .trim();
      pages.push(text);
    }
    const { info } = await doc.getMetadata();
    return { pages, text: pages.join('\n'), info: info as Record<string, unknown> };
  } finally {
    await task.destroy();
  }
}
