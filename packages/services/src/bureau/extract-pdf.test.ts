import { randomUUID } from 'node:crypto';
import type { Scheme } from '@aides/domain';
import { keys, transact, tx } from '@aides/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/support/pdf-text.ts';
import { createTestStore } from '../../../../test/support/store.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import { sha256Hex } from '../letters/issue.ts';
import { frenchLongDate, sessionExtractPdf } from './extract-pdf.ts';
import type { AgendaItem, BureauSession } from './model.ts';
import { recordSessionMinutes } from './session-record.ts';
import { loadSession } from './sessions.ts';

const bureau: Caller = { sub: 'bureau-1', name: 'Bureau', email: 'b@example.fr', roles: ['bureau'] };
const applicant: Caller = { sub: 'app-1', name: 'Demandeur', email: 'a@example.fr', roles: ['applicant'] };

const SCHEMES: Scheme[] = ['FTE', 'TPE', 'ESS', 'HABITAT'];
const COMMUNES = ['62119', '62178', '62617'];

function agendaItem(sessionId: string, i: number, decided = true): AgendaItem {
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
    communeInsee: COMMUNES[i % 3] as string,
    proposalKind: 'grant',
    amountsByFunder: amounts,
    totalCents: amounts.agglomeration + amounts.anah,
    addedAt: '2026-03-01T10:00:00.000Z',
    ...(decided
      ? {
          decision:
            outcome === 'favourable'
              ? { outcome, deliberationNumber: `B-2026-${i}`, at: '2026-03-12T17:00:00.000Z', by: 'bureau-1' }
              : {
                  outcome,
                  motivation: 'Le projet ne respecte pas les conditions d’éligibilité du règlement. '.repeat(
                    3,
                  ),
                  at: '2026-03-12T17:00:00.000Z',
                  by: 'bureau-1',
                },
        }
      : {}),
  };
}

async function seedSession(
  ctx: ServiceContext,
  number: string,
  items: number,
  o: { undecided?: number } = {},
): Promise<BureauSession> {
  const s: BureauSession = {
    id: randomUUID(),
    number,
    date: '2026-03-12',
    status: 'open',
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
        ...agendaItem(s.id, i, i !== o.undecided),
      }),
    })),
  ];
  for (let i = 0; i < all.length; i += 100) await transact(ctx.store, all.slice(i, i + 100));
  return s;
}

const minutes = {
  membersInOffice: 9,
  membersPresent: [
    'Mme Agathe Lenoir',
    'M. Bruno Caron',
    'Mme Chloé Vasseur',
    'M. Didier Ansel',
    'Mme Élise Prévost',
  ],
  proxies: 1,
  quorum: 5,
  signatory: { name: 'Olivier Gacquerre', title: 'Le Président' },
  transmittedOn: '2026-03-16',
  publishedOn: '2026-03-17',
};

let ctx: ServiceContext;
beforeAll(async () => {
  // The secretary records the minutes after the session.
  ctx = createContext(await createTestStore(), { now: () => new Date('2026-03-20T10:00:00Z') });
}, 120_000);

describe('sessionExtractPdf', () => {
  it('is a draft marked « Projet », stored nowhere, until the session is recorded', async () => {
    const s = await seedSession(ctx, '2026-02', 4, { undecided: 2 });
    const a = await sessionExtractPdf(ctx, bureau, s.id);
    expect(a.final).toBe(false);
    expect(a.fileName).toBe('projet-extrait-seance-2026-02-2026-03-12.pdf');
    const { text } = await pdfText(a.bytes);
    expect(text).toContain('PROJET — document non certifié');
    expect(text).toContain('le relevé de la séance (membres présents, quorum, signataire)');
    expect(text).toContain('les décisions sur ESS-2026-0002');
    expect(text).not.toContain('Certifié exécutoire');
    expect((await loadSession(ctx, s.id)).status).toBe('open');
  });

  it('once recorded: « certifié exécutoire » with both dates, members, quorum, signatory, « DÉCIDE d’attribuer », objects and communes', async () => {
    const s = await seedSession(ctx, '2026-03', 5);
    await recordSessionMinutes(ctx, bureau, s.id, minutes);
    const { bytes, fileName, final } = await sessionExtractPdf(ctx, bureau, s.id);
    expect(final).toBe(true);
    expect(fileName).toBe('extrait-seance-2026-03-2026-03-12.pdf');
    const { pages, text, info } = await pdfText(bytes);
    expect(pages.length).toBeLessThanOrEqual(2);
    expect(String(info.Title)).toContain('12 mars 2026');
    expect(text).toContain('Extrait du registre des délibérations du Bureau communautaire');
    expect(text).toContain("Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane");
    expect(text).toContain('Séance du 12 mars 2026 — n° 2026-03');
    expect(text).toContain('Membres en exercice : 9 — présents : 5 — pouvoirs : 1 — quorum : 5, atteint.');
    expect(text).toContain('Étaient présents : Mme Agathe Lenoir, M. Bruno Caron, Mme Chloé Vasseur');
    expect(text).toContain('Délibération n° B-2026-0 — dossier FTE-2026-0000');
    expect(text).toContain(
      'DÉCIDE d’attribuer à L’Atelier d’Œuvres – Bruay (Béthune) une aide de 2 500,00 € au titre du dispositif « Fonds de Transition Énergétique »',
    );
    expect(text).toContain('Objet : aide aux travaux d’économie d’énergie dans le logement');
    expect(text).toContain('(Bruay-la-Buissière)');
    expect(text).toContain('DÉCIDE de ne pas attribuer l’aide sollicitée par Bénéficiaire n° 3 (Béthune)');
    expect(text).toContain(
      'DÉCIDE d’ajourner l’examen de la demande de Bénéficiaire n° 4 (Bruay-la-Buissière)',
    );
    expect(text).not.toContain('Avis favorable');
    expect(text).toContain(
      'Certifié exécutoire compte tenu de la transmission en préfecture le 16 mars 2026 et de la publication le 17 mars 2026.',
    );
    expect(text).toContain('Le Président, Olivier Gacquerre');
    expect(text).toContain(`Page 1 / ${pages.length}`);
    expect(text).not.toContain('PROJET');
  });

  it('is issued once: the session is closed, its minutes frozen, and every download gives the same bytes', async () => {
    const s = await seedSession(ctx, '2026-05', 12);
    await recordSessionMinutes(ctx, bureau, s.id, minutes);
    const first = await sessionExtractPdf(ctx, bureau, s.id);
    const session = await loadSession(ctx, s.id);
    expect(session.status).toBe('closed');
    expect(session.extractIssuedAt).toBe('2026-03-20T10:00:00.000Z');
    // Issued later by somebody else, at another time: the stored bytes, not a new rendering.
    const later = createContext(ctx.store, { now: () => new Date('2026-06-01T08:00:00Z') });
    const again = await sessionExtractPdf(later, { ...bureau, sub: 'bureau-2', name: 'Autre' }, s.id);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    await expect(recordSessionMinutes(ctx, bureau, s.id, minutes)).rejects.toMatchObject({ status: 409 });
    const events = await import('@aides/store').then((st) =>
      st.queryList<{ action: string; sha256: string }>(ctx.store, {
        pk: `SESSION#${s.id}`,
        prefix: 'EVENT#',
      }),
    );
    expect(events).toEqual([
      expect.objectContaining({ action: 'issue_extract', sha256: sha256Hex(first.bytes) }),
    ]);
  });

  it('paginates a long agenda (80 decisions) and numbers the pages', async () => {
    const s = await seedSession(ctx, '2026-04', 80);
    const { bytes } = await sessionExtractPdf(ctx, bureau, s.id);
    const { pages, text } = await pdfText(bytes);
    expect(pages.length).toBeGreaterThan(3);
    expect(text).toContain(`Page ${pages.length} / ${pages.length}`);
    expect(text).toContain('Agglomération : 1 500,00 € ; Anah : 12 345,67 € (total 13 845,67 €)');
    for (let i = 0; i < 80; i++) expect(text).toContain(`-2026-${String(i).padStart(4, '0')}`);
  });

  it('answers 404 for an unknown session and 403 to applicants', async () => {
    await expect(sessionExtractPdf(ctx, bureau, 'nope')).rejects.toMatchObject({ status: 404 });
    await expect(sessionExtractPdf(ctx, bureau, '../x')).rejects.toMatchObject({ status: 404 });
    await expect(sessionExtractPdf(ctx, applicant, 'nope')).rejects.toMatchObject({ status: 403 });
  });

  it('writes French dates', () => {
    expect(frenchLongDate('2026-03-12')).toBe('12 mars 2026');
    expect(frenchLongDate('2026-08-01')).toBe('1er août 2026');
  });
});

describe('recordSessionMinutes', () => {
  it('refuses, in French with JSON pointers, a missing quorum, dates before the session and unknown fields', async () => {
    const s = await seedSession(ctx, '2026-06', 1);
    const bad = {
      ...minutes,
      membersPresent: ['A', 'B'],
      quorum: 3,
      transmittedOn: '2026-03-01',
      publishedOn: '2027-01-01',
    };
    await expect(recordSessionMinutes(ctx, bureau, s.id, bad)).rejects.toMatchObject({
      status: 422,
      errors: expect.arrayContaining([
        {
          pointer: '/quorum',
          detail: 'Le quorum est la majorité des membres en exercice : 5 au moins pour 9',
        },
        { pointer: '/membersPresent', detail: 'Quorum non atteint : 2 présents pour un quorum de 3' },
        { pointer: '/transmittedOn', detail: 'Date antérieure à la séance du 12 mars 2026' },
        { pointer: '/publishedOn', detail: 'Date dans le futur' },
      ]),
    });
    await expect(
      recordSessionMinutes(ctx, bureau, s.id, { ...minutes, signatory: { name: '' }, extra: 1 }),
    ).rejects.toMatchObject({
      status: 400,
      errors: expect.arrayContaining([
        expect.objectContaining({ pointer: '/signatory/name' }),
        expect.objectContaining({ pointer: '/signatory/title' }),
      ]),
    });
    await expect(recordSessionMinutes(ctx, applicant, s.id, minutes)).rejects.toMatchObject({ status: 403 });
    const ok = await recordSessionMinutes(ctx, bureau, s.id, {
      ...minutes,
      transmittedOn: '',
      publishedOn: '',
    });
    expect(ok.minutes).not.toHaveProperty('transmittedOn');
  });
});
