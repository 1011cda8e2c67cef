import { createHash } from 'node:crypto';
import { formatDateFr, formatEuros } from '@aides/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from './support/api.ts';
import {
  BUREAU,
  createEnvelopes,
  createSession,
  decide,
  FINANCE,
  fileDossier,
  INSTRUCTOR,
  instructAndPropose,
  pay,
  providePaymentDocuments,
  schedule,
} from './support/journeys.ts';
import { pdfText } from './support/pdf-text.ts';

// The official documents through the HTTP API: listed in the dossier for its applicant and staff,
// issued on first download, stored once, the same bytes ever after; nobody else's (404).

let api: Awaited<ReturnType<typeof createTestApi>>;
beforeAll(async () => {
  api = await createTestApi();
});

const household = 'demo-menage';
const stranger = 'demo-entreprise';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const today = () => new Date().toISOString().slice(0, 10);

async function download(as: string, id: string, letterId: string) {
  const r = await api.call(as, 'GET', `/api/dossiers/${id}/letters/${letterId}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.headers.get('content-type')).toBe('application/pdf');
  return { bytes: r.body as Uint8Array, headers: r.headers };
}

describe('official documents of a dossier', () => {
  it('acknowledgement: CRPA mentions, issued once, identical bytes on every download, 404 for others', async () => {
    const id = await fileDossier(api, 'FTE');
    const listed = await api.call(household, 'GET', `/api/dossiers/${id}/letters`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        letterId: 'accuse-reception',
        kind: 'acknowledgement',
        title: 'Accusé de réception',
      }),
    ]);
    expect(listed.body.items[0].issuedAt).toBeUndefined();

    const first = await download(household, id, 'accuse-reception');
    expect(first.headers.get('content-disposition')).toMatch(
      /^attachment; filename="accuse-reception-FTE-\d{4}-\d{5}\.pdf"/,
    );
    const dossier = (await api.call(household, 'GET', `/api/dossiers/${id}`)).body;
    const { text, info } = await pdfText(first.bytes);
    expect(String(info.Title)).toBe(`Accusé de réception — ${dossier.reference}`);
    expect(text).toContain('Accusé de réception de votre demande');
    expect(text).toContain(`enregistrée sous la référence ${dossier.reference}`);
    expect(text).toContain(`a été reçue le ${formatDateFr(dossier.filedAt)}`);
    expect(text).toContain('Service Transition énergétique — Fonds de Transition Énergétique');
    // Contact details no source confirmed are printed « à confirmer », never invented (public-contacts.ts).
    expect(text).toContain('Téléphone : à confirmer');
    expect(text).toContain('Courriel : à confirmer');
    expect(text).toContain('Horaires d’accueil : à confirmer');
    expect(text).toContain('(adresse à confirmer)');
    expect(text).toContain('Site internet : www.bethunebruay.fr');
    expect(text).toContain('5 rue Geoffroy Saint-Hilaire');
    expect(text).toContain('www.telerecours.fr');
    expect(text).toContain('vaudra décision implicite de rejet, le ');
    expect(text).toContain("article L231-4 du code des relations entre le public et l'administration");
    expect(text).toContain('Voies et délais de recours contre une décision implicite de rejet');
    expect(text).toContain('Tribunal administratif de Lille');
    expect(text).toContain('Télérecours citoyens');
    expect(text).toContain('articles L112-3 et R112-5');

    // Staff download the same stored document: byte for byte, with its SHA-256 as ETag.
    const again = await download(INSTRUCTOR, id, 'accuse-reception');
    const third = await download(household, id, 'accuse-reception');
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(Buffer.from(third.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(first.headers.get('etag')).toBe(`"${sha(first.bytes)}"`);

    const after = await api.call(household, 'GET', `/api/dossiers/${id}/letters`);
    expect(after.body.items[0]).toMatchObject({ sha256: sha(first.bytes), issuedAt: expect.any(String) });
    // One audit event, with the checksum, in the staff timeline; none in the applicant's.
    const staff = await api.call(INSTRUCTOR, 'GET', `/api/dossiers/${id}`);
    const issued = staff.body.timeline.filter((e: { action: string }) => e.action === 'issue_letter');
    expect(issued).toHaveLength(1);
    expect(issued[0].detail).toContain(`SHA-256 ${sha(first.bytes)}`);
    const own = await api.call(household, 'GET', `/api/dossiers/${id}`);
    expect(JSON.stringify(own.body.timeline)).not.toContain('SHA-256');

    // Somebody else's dossier, or a letter that does not exist: 404, nothing issued.
    expect((await api.call(stranger, 'GET', `/api/dossiers/${id}/letters`)).status).toBe(404);
    expect((await api.call(stranger, 'GET', `/api/dossiers/${id}/letters/accuse-reception`)).status).toBe(
      404,
    );
    expect((await api.call(household, 'GET', `/api/dossiers/${id}/letters/decision-nope`)).status).toBe(404);
    expect((await api.call(household, 'GET', `/api/dossiers/${id}/letters/..%2Fx`)).status).toBe(404);
  });

  it('favourable decision and payment notice: amounts per funder, conditions, documents, deadline, deliberation, appeal routes', async () => {
    const id = await fileDossier(api, 'HABITAT');
    await instructAndPropose(api, id, 'grant');
    const year = Number(today().slice(0, 4));
    await createEnvelopes(api, 'HABITAT', year, 500_000_000);
    const sessionId = await createSession(api, `L-${Date.now()}`, today());
    await schedule(api, sessionId, id);
    const decided = await decide(api, sessionId, id, {
      outcome: 'favourable',
      deliberationNumber: 'B2026-077',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const d = (await api.call(household, 'GET', `/api/dossiers/${id}`)).body;

    const letters = (await api.call(household, 'GET', `/api/dossiers/${id}/letters`)).body.items;
    expect(letters.map((l: { letterId: string }) => l.letterId)).toEqual([
      'accuse-reception',
      `decision-${sessionId}`,
    ]);
    const { bytes } = await download(household, id, `decision-${sessionId}`);
    const { text } = await pdfText(bytes);
    expect(text).toContain('Notification d’attribution d’une aide');
    expect(text).toContain(`Par délibération n° B2026-077 de la séance du Bureau communautaire`);
    expect(text).toContain(`du ${formatDateFr(today())}`);
    const euros = (c: number) => formatEuros(c).replace(/[\u00A0\u202F]/g, ' ');
    const { anah, agglomeration } = d.committedByFunder;
    expect(anah).toBeGreaterThan(0);
    expect(agglomeration).toBeGreaterThan(0);
    expect(text).toContain(
      `Financeur Montant attribué Agglomération ${euros(agglomeration)} Anah ${euros(anah)} Total ${euros(anah + agglomeration)}`,
    );
    expect(text).toMatch(
      /achevés au plus tard le \d{1,2}(er)? \S+ \d{4} \(36 mois à compter de la décision\)/,
    );
    expect(text).toContain('Pièces à fournir pour chaque versement');
    expect(text).toContain('Relevé d’identité bancaire');
    expect(text).toContain('recours gracieux');
    expect(text).toContain('recours contentieux devant le Tribunal administratif de Lille');
    expect(text).toContain('dans un délai de deux mois');
    expect(text).toContain('Télérecours citoyens');

    await providePaymentDocuments(api, 'HABITAT', id);
    const paid = await pay(api, id, 'anah', 'advance', 100_000);
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    const withPayment = (await api.call(FINANCE, 'GET', `/api/dossiers/${id}/letters`)).body.items;
    const notice = withPayment.find((l: { kind: string }) => l.kind === 'payment_notice');
    expect(notice).toMatchObject({
      title: 'Avis de paiement',
      subject: `Avance de ${formatEuros(100_000)} — Anah`,
    });
    const n = await download(household, id, notice.letterId);
    const nt = (await pdfText(n.bytes)).text;
    expect(nt).toContain('Avis de paiement');
    expect(nt).toContain('Nature du versement Avance');
    expect(nt).toContain('Financeur Anah');
    expect(nt).toContain('Montant versé 1 000,00 €');
    expect(nt).toContain('par la délibération n° B2026-077');
    const n2 = await download(FINANCE, id, notice.letterId);
    expect(Buffer.from(n2.bytes).equals(Buffer.from(n.bytes))).toBe(true);
  });

  it('unfavourable decision: the Bureau’s motivation (CRPA L211-2) and the appeal routes', async () => {
    const id = await fileDossier(api, 'FTE');
    await instructAndPropose(api, id, 'refusal');
    const sessionId = await createSession(api, `R-${Date.now()}`, today());
    await schedule(api, sessionId, id);
    const motivation = 'Les revenus déclarés dépassent le plafond des ménages aux revenus intermédiaires.';
    const r = await decide(api, sessionId, id, { outcome: 'unfavourable', motivation });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { bytes } = await download(household, id, `decision-${sessionId}`);
    const { text } = await pdfText(bytes);
    expect(text).toContain('Notification de refus d’une aide');
    expect(text).toContain('Motifs de la décision');
    expect(text).toContain(motivation);
    expect(text).toContain('articles L211-2 et L211-5');
    expect(text).toContain('Tribunal administratif de Lille');
    expect(text).not.toContain('Montant de l’aide');
  });
});

describe('the Bureau’s session record and the final extract, through the API', () => {
  it('refuses an invalid record in French, then certifies the extract once recorded', async () => {
    const id = await fileDossier(api, 'FTE');
    await instructAndPropose(api, id, 'grant');
    await createEnvelopes(api, 'FTE', Number(today().slice(0, 4)), 500_000_000);
    const sessionId = await createSession(api, `X-${Date.now()}`, today());
    await schedule(api, sessionId, id);
    expect(
      (await decide(api, sessionId, id, { outcome: 'favourable', deliberationNumber: 'B2026-100' })).status,
    ).toBe(200);

    const draft = await api.call(INSTRUCTOR, 'GET', `/api/sessions/${sessionId}/extract.pdf`);
    expect(draft.status).toBe(200);
    expect(draft.headers.get('x-document-status')).toBe('projet');

    const bad = await api.call(BUREAU, 'PUT', `/api/sessions/${sessionId}/minutes`, {
      membersInOffice: 10,
      membersPresent: ['Mme A', 'M. B'],
      proxies: 0,
      quorum: 6,
      signatory: { name: 'Olivier Gacquerre', title: 'Le Président' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toContainEqual({
      pointer: '/membersPresent',
      detail: 'Quorum non atteint : 2 présents pour un quorum de 6',
    });
    const members = ['Mme A', 'M. B', 'Mme C', 'M. D', 'Mme E', 'M. F'];
    const ok = await api.call(BUREAU, 'PUT', `/api/sessions/${sessionId}/minutes`, {
      membersInOffice: 10,
      membersPresent: members,
      proxies: 1,
      quorum: 6,
      signatory: { name: 'Olivier Gacquerre', title: 'Le Président' },
      transmittedOn: today(),
      publishedOn: today(),
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const final = await api.call(BUREAU, 'GET', `/api/sessions/${sessionId}/extract.pdf`);
    expect(final.headers.get('x-document-status')).toBe('final');
    const { text } = await pdfText(final.body);
    expect(text).toContain(
      `Certifié exécutoire compte tenu de la transmission en préfecture le ${formatDateFr(today())}`,
    );
    expect(text).toContain('DÉCIDE d’attribuer');
    const again = await api.call(FINANCE, 'GET', `/api/sessions/${sessionId}/extract.pdf`);
    expect(Buffer.from(again.body).equals(Buffer.from(final.body))).toBe(true);
    const late = await api.call(BUREAU, 'PUT', `/api/sessions/${sessionId}/minutes`, {
      ...ok.body.minutes,
      recordedAt: undefined,
    });
    expect([400, 409]).toContain(late.status);
    const frozen = await api.call(BUREAU, 'PUT', `/api/sessions/${sessionId}/minutes`, {
      membersInOffice: 10,
      membersPresent: members,
      proxies: 1,
      quorum: 6,
      signatory: { name: 'Olivier Gacquerre', title: 'Le Président' },
    });
    expect(frozen.status).toBe(409);
  });
});
