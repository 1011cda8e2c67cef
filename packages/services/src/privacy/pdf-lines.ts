/**
 * Text helpers for the personal export's PDF (pdf-lib, standard Helvetica): characters the font
 * cannot encode are mapped or dropped, lines wrapped to a width. (The official letters use pdfmake
 * in the documents function; this readable summary stays with pdf-lib, already in services.)
 */
import type { PDFFont } from 'pdf-lib';

const charsets = new WeakMap<PDFFont, Set<number>>();
function charsetOf(font: PDFFont): Set<number> {
  let set = charsets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charsets.set(font, set);
  }
  return set;
}

export function pdfSafe(text: string, font: PDFFont): string {
  const supported = charsetOf(font);
  const mapped = text
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u00A0\u202F\u2007\u2009]/g, ' ')
    .replace(/[\u2010\u2011\u2012]/g, '-')
    .replace(/[\r\n\t]+/g, ' ');
  let out = '';
  for (const ch of mapped) if (supported.has(ch.codePointAt(0) ?? -1)) out += ch;
  return out;
}

/** Greedy word wrap to a width; a word longer than the line is cut. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}
