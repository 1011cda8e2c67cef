import {
  FUNDERS,
  type Funder,
  formatDateFr,
  formatEuros,
  funderLabels,
  SCHEMES,
  type Scheme,
  schemeLabels,
  zeroByFunder,
} from '@aides/domain';
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../dossiers/access.ts';
import type { AgendaItem, BureauSession } from './model.ts';
import { loadSession, readAgenda } from './sessions.ts';

export const AGGLOMERATION_NAME = "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane";
const TITLE = 'Extrait du registre des délibérations du Bureau communautaire';

const outcomeLabels: Record<NonNullable<AgendaItem['decision']>['outcome'], string> = {
  favourable: 'Avis favorable',
  unfavourable: 'Avis défavorable',
  adjourned: 'Ajourné',
};

/** A4 portrait, in points. */
const PAGE = { width: 595.28, height: 841.89, margin: 50, footer: 40 } as const;
const SIZE = { title: 14, heading: 11, text: 9.5 } as const;
const LEADING = 1.35;

/** "2026-03-12" → "12 mars 2026" ("1er" for the first of the month): the domain's formatter. */
export const frenchLongDate = (date: string): string => formatDateFr(date.slice(0, 10));

/**
 * Helvetica (standard font, WinAnsi encoding) has French accents, € and œ, but not the
 * typographic apostrophe nor the narrow no-break space that Intl fr-FR puts in amounts: those
 * are mapped to plain characters, and anything the font cannot encode is dropped.
 */
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

const charsets = new WeakMap<PDFFont, Set<number>>();
function charsetOf(font: PDFFont): Set<number> {
  let set = charsets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charsets.set(font, set);
  }
  return set;
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

/** A cursor that writes lines top-down and opens a new page when the next block does not fit. */
class Writer {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly running: string,
  ) {
    this.newPage();
  }

  get width() {
    return PAGE.width - 2 * PAGE.margin;
  }

  newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - PAGE.margin;
    if (this.pages.length > 1) {
      this.page.drawText(pdfSafe(this.running, this.regular), {
        x: PAGE.margin,
        y: this.y,
        size: 8,
        font: this.regular,
        color: rgb(0.35, 0.35, 0.35),
      });
      this.y -= 20;
    }
  }

  /** Keeps `height` points together: starts a new page if they would run into the footer. */
  ensure(height: number) {
    if (this.y - height < PAGE.margin + PAGE.footer) this.newPage();
  }

  lines(text: string, o: { bold?: boolean; size?: number; indent?: number } = {}) {
    const font = o.bold ? this.bold : this.regular;
    const size = o.size ?? SIZE.text;
    const indent = o.indent ?? 0;
    for (const line of wrap(pdfSafe(text, font), font, size, this.width - indent)) {
      this.ensure(size * LEADING);
      this.page.drawText(line, { x: PAGE.margin + indent, y: this.y - size, size, font });
      this.y -= size * LEADING;
    }
  }

  /** Height of text once wrapped, to keep a decision's block on one page. */
  measure(text: string, o: { bold?: boolean; size?: number; indent?: number } = {}) {
    const font = o.bold ? this.bold : this.regular;
    const size = o.size ?? SIZE.text;
    return wrap(pdfSafe(text, font), font, size, this.width - (o.indent ?? 0)).length * size * LEADING;
  }

  gap(points: number) {
    this.y -= points;
  }

  rule() {
    this.ensure(6);
    this.page.drawLine({
      start: { x: PAGE.margin, y: this.y - 2 },
      end: { x: PAGE.width - PAGE.margin, y: this.y - 2 },
      thickness: 0.5,
      color: rgb(0.6, 0.6, 0.6),
    });
    this.y -= 8;
  }

  numberPages() {
    const total = this.pages.length;
    this.pages.forEach((p, i) => {
      const text = `Page ${i + 1} / ${total}`;
      const w = this.regular.widthOfTextAtSize(text, 8);
      p.drawText(text, { x: PAGE.width - PAGE.margin - w, y: PAGE.margin / 2, size: 8, font: this.regular });
    });
  }
}

function amountsText(byFunder: Partial<Record<Funder, number>>): string {
  const parts = FUNDERS.filter((f) => (byFunder[f] ?? 0) > 0).map(
    (f) => `${funderLabels[f]} : ${formatEuros(byFunder[f] ?? 0)}`,
  );
  const total = FUNDERS.reduce((s, f) => s + (byFunder[f] ?? 0), 0);
  return parts.length > 1
    ? `${parts.join(' ; ')} (total ${formatEuros(total)})`
    : (parts[0] ?? formatEuros(0));
}

function decisionBlock(a: AgendaItem): { head: string; body: string[] } {
  const head = `${a.reference} - ${a.beneficiary || 'Bénéficiaire non renseigné'}`;
  const body = [`${schemeLabels[a.scheme] ?? a.scheme}`];
  const d = a.decision;
  if (!d) {
    body.push(
      `Proposition : ${a.proposalKind === 'grant' ? amountsText(a.amountsByFunder) : 'refus'}. Décision : non encore prise.`,
    );
    return { head, body };
  }
  body.push(`Décision : ${outcomeLabels[d.outcome]}`);
  if (d.outcome === 'favourable') {
    body.push(`Montant accordé : ${amountsText(a.amountsByFunder)}`);
    body.push(`Délibération n° ${d.deliberationNumber ?? '-'}`);
  } else {
    body.push(`Motivation : ${d.motivation ?? '-'}`);
  }
  return { head, body };
}

/** Favourable decisions' amounts per scheme and funder. */
export function favourableTotals(agenda: readonly AgendaItem[]) {
  const byScheme = new Map<Scheme, { count: number; byFunder: Record<Funder, number> }>();
  for (const a of agenda) {
    if (a.decision?.outcome !== 'favourable') continue;
    const t = byScheme.get(a.scheme) ?? { count: 0, byFunder: zeroByFunder() };
    t.count += 1;
    for (const f of FUNDERS) t.byFunder[f] += a.amountsByFunder[f] ?? 0;
    byScheme.set(a.scheme, t);
  }
  return SCHEMES.filter((s) => byScheme.has(s)).map((s) => ({
    scheme: s,
    ...(byScheme.get(s) as { count: number; byFunder: Record<Funder, number> }),
  }));
}

/** The extract of a session's deliberations as a PDF, identical bytes for identical data. */
export async function renderExtract(
  session: BureauSession,
  agenda: readonly AgendaItem[],
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const stamp = new Date(`${session.date}T12:00:00Z`);
  const when = frenchLongDate(session.date);
  doc.setTitle(`Extrait - séance n° ${session.number} du ${when}`.replace(/[\u202F\u00A0]/g, ' '));
  doc.setAuthor(AGGLOMERATION_NAME);
  doc.setSubject(TITLE);
  doc.setCreator('CABBALR - aides et dossiers');
  doc.setProducer('pdf-lib');
  doc.setLanguage('fr-FR');
  if (!Number.isNaN(stamp.getTime())) {
    doc.setCreationDate(stamp);
    doc.setModificationDate(stamp);
  }
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new Writer(doc, regular, bold, `${TITLE} - séance n° ${session.number} du ${when}`);

  w.lines(AGGLOMERATION_NAME, { size: SIZE.heading });
  w.gap(6);
  w.lines(TITLE, { bold: true, size: SIZE.title });
  w.gap(4);
  w.lines(`Séance n° ${session.number} du ${when}`, { bold: true, size: SIZE.heading });
  const decided = agenda.filter((a) => a.decision).length;
  w.lines(`${agenda.length} dossier(s) inscrit(s) à l'ordre du jour, ${decided} décision(s) prise(s).`);
  w.gap(6);
  w.rule();

  for (const a of agenda) {
    const { head, body } = decisionBlock(a);
    const height =
      w.measure(head, { bold: true }) + body.reduce((h, t) => h + w.measure(t, { indent: 12 }), 0) + 8;
    w.ensure(height);
    w.lines(head, { bold: true });
    for (const t of body) w.lines(t, { indent: 12 });
    w.gap(8);
  }

  w.rule();
  const totals = favourableTotals(agenda);
  w.ensure(60);
  w.lines('Totaux des avis favorables', { bold: true, size: SIZE.heading });
  w.gap(4);
  if (totals.length === 0) w.lines('Aucun avis favorable lors de cette séance.');
  const grand: Record<Funder, number> = zeroByFunder();
  for (const t of totals) {
    for (const f of FUNDERS) grand[f] += t.byFunder[f];
    w.ensure(SIZE.text * LEADING * 2);
    w.lines(`${schemeLabels[t.scheme]} - ${t.count} dossier(s)`, { bold: true });
    w.lines(amountsText(t.byFunder), { indent: 12 });
  }
  if (totals.length > 0) {
    w.gap(4);
    w.lines(`Total de la séance : ${amountsText(grand)}`, { bold: true });
  }
  w.gap(16);
  w.lines(`Extrait certifié conforme au registre. Séance du ${when}.`);
  w.numberPages();
  return doc.save({ useObjectStreams: false });
}

/** The session's extract: every decision of its agenda, totals of favourable decisions. */
export async function sessionExtractPdf(
  ctx: ServiceContext,
  caller: Caller,
  sessionId: string,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  requireRole(caller, 'bureau', 'instructor', 'finance', 'admin');
  const session = await loadSession(ctx, sessionId);
  const agenda = await readAgenda(ctx, sessionId);
  const bytes = await renderExtract(session, agenda);
  const safeNumber = session.number.replace(/[^A-Za-z0-9-]+/g, '-');
  return { bytes, fileName: `extrait-seance-${safeNumber}-${session.date}.pdf` };
}
