import { randomUUID } from 'node:crypto';
import type { Scheme } from '@aides/domain';
import { keys, transact, tx } from '@aides/store';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../../../test/support/store.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import { frenchLongDate, pdfSafe, sessionExtractPdf } from './extract-pdf.ts';
import type { AgendaItem, BureauSession } from './model.ts';

const bureau: Caller = { sub: 'bureau-1', name: 'Bureau', email: 'b@example.fr', roles: ['bureau'] };
const applicant: Caller = { sub: 'app-1', name: 'Demandeur', email: 'a@example.fr', roles: ['applicant'] };

const SCHEMES: Scheme[] = ['FTE', 'TPE', 'ESS', 'HABITAT'];

function agendaItem(sessionId: string, i: number): AgendaItem {
  const scheme = SCHEMES[i % 4] as Scheme;
  const outcome = i % 5 === 3 ? 'unfavourable' : i % 5 === 4 ? 'adjourned' : 'favourable';
  const amounts =
    scheme === 'HABITAT'
      ? { agglomeration: 150_000, anah: 1_234_567, region: 0, etat: 0 }
      : { agglomeration: 250_000 + i, anah: 0, region: 0, etat: 0 };
  return {
    sessionId,
    dossierId: `d${i}`,
    reference: `${scheme}-2026-${String(i).padStart(4, '0')}`,
    scheme,
    beneficiary: i === 0 ? 'L’Atelier d’Œuvres – Bruay' : `Bénéficiaire n° ${i}`,
    proposalKind: 'grant',
    amountsByFunder: amounts,
    totalCents: amounts.agglomeration + amounts.anah,
    addedAt: '2026-03-01T10:00:00.000Z',
    decision:
      outcome === 'favourable'
        ? { outcome, deliberationNumber: `B-2026-${i}`, at: '2026-03-12T17:00:00.000Z', by: 'bureau-1' }
        : {
            outcome,
            motivation: 'Le projet ne respecte pas les conditions d’éligibilité du règlement. '.repeat(3),
            at: '2026-03-12T17:00:00.000Z',
            by: 'bureau-1',
          },
  };
}

async function seedSession(ctx: ServiceContext, number: string, items: number): Promise<BureauSession> {
  const s: BureauSession = {
    id: randomUUID(),
    number,
    date: '2026-03-12',
    status: 'closed',
    createdAt: '2026-03-01T09:00:00.000Z',
    createdBy: 'bureau-1',
  };
  const all = [
    {
      label: 'session',
      item: tx.putNew(ctx.store, {
        ...keys.session(s.id),
        ...keys.sessionList(s.date, s.id),
        type: 'session',
        ...s,
      }),
    },
    ...Array.from({ length: items }, (_, i) => ({
      label: 'agenda',
      item: tx.putNew(ctx.store, {
        ...keys.agendaItem(s.id, `d${i}`),
        type: 'agenda',
        ...agendaItem(s.id, i),
      }),
    })),
  ];
  for (let i = 0; i < all.length; i += 100) await transact(ctx.store, all.slice(i, i + 100));
  return s;
}

const winAnsi = new TextDecoder('windows-1252');

/** The text shown on each page, in page order (pdf-lib writes hex strings with `Tj`), decoded. */
async function shownText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const out: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const content = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      for (const t of content.matchAll(/<([0-9A-Fa-f]*)> Tj/g))
        out.push(winAnsi.decode(Buffer.from(t[1] as string, 'hex')));
    }
  }
  return out.join('\n');
}

let ctx: ServiceContext;
beforeAll(async () => {
  ctx = createContext(await createTestStore());
}, 120_000);

describe('sessionExtractPdf', () => {
  it('renders a short session on one page with title, date, decisions and totals', async () => {
    const s = await seedSession(ctx, '2026-03', 5);
    const { bytes, fileName } = await sessionExtractPdf(ctx, bureau, s.id);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(fileName).toBe('extrait-seance-2026-03-2026-03-12.pdf');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toContain('12 mars 2026');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-03-12T12:00:00.000Z');
    const text = await shownText(bytes);
    expect(text).toContain('Extrait du registre des délibérations du Bureau communautaire');
    expect(text).toContain("Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane");
    expect(text).toContain('Séance n° 2026-03 du 12 mars 2026');
    // Typographic apostrophe mapped to a straight one, Œ kept, en dash (WinAnsi) kept.
    expect(text).toContain("FTE-2026-0000 - L'Atelier d'Œuvres – Bruay");
    expect(text).toContain('Décision : Avis favorable');
    expect(text).toContain('Décision : Avis défavorable');
    expect(text).toContain('Décision : Ajourné');
    expect(text).toContain('Délibération n° B-2026-0');
    expect(text).toContain('Montant accordé : Agglomération : 2 500,00 €');
    expect(text).toContain('Totaux des avis favorables');
    expect(text).toContain('Page 1 / 1');
  });

  it('paginates a long agenda (80 decisions) and numbers the pages', async () => {
    const s = await seedSession(ctx, '2026-04', 80);
    const { bytes } = await sessionExtractPdf(ctx, bureau, s.id);
    const doc = await PDFDocument.load(bytes);
    const pages = doc.getPageCount();
    expect(pages).toBeGreaterThan(3);
    const text = await shownText(bytes);
    expect(text).toContain(`Page ${pages} / ${pages}`);
    expect(text).toContain(
      'Montant accordé : Agglomération : 1 500,00 € ; Anah : 12 345,67 € (total 13 845,67 €)',
    );
    for (let i = 0; i < 80; i++) expect(text).toContain(`-2026-${String(i).padStart(4, '0')} - `);
    // 48 favourable decisions (outcome by i % 5) in the totals.
    const favourable = Array.from({ length: 80 }, (_, i) => i).filter((i) => i % 5 < 3).length;
    const counted = [...text.matchAll(/ - (\d+) dossier\(s\)/g)].reduce((a, m) => a + Number(m[1]), 0);
    expect(counted).toBe(favourable);
  });

  it('is deterministic for the same session', async () => {
    const s = await seedSession(ctx, '2026-05', 12);
    const a = await sessionExtractPdf(ctx, bureau, s.id);
    const b = await sessionExtractPdf(ctx, bureau, s.id);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('answers 404 for an unknown session and 403 to applicants', async () => {
    await expect(sessionExtractPdf(ctx, bureau, 'nope')).rejects.toMatchObject({ status: 404 });
    await expect(sessionExtractPdf(ctx, bureau, '../x')).rejects.toMatchObject({ status: 404 });
    await expect(sessionExtractPdf(ctx, applicant, 'nope')).rejects.toMatchObject({ status: 403 });
  });
});

describe('PDF text helpers', () => {
  it('maps characters Helvetica cannot encode and writes French dates', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    expect(pdfSafe('1\u202F234,50\u00A0€ l’été', font)).toBe("1 234,50 € l'été");
    expect(pdfSafe('ok 😀 ✓', font)).toBe('ok  ');
    expect(frenchLongDate('2026-03-12')).toBe('12 mars 2026');
    expect(frenchLongDate('2026-08-01')).toBe('1er août 2026');
  });
});
