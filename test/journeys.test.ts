import type { Scheme } from '@aides/domain';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from './support/api.ts';
import { raw } from './support/api-client.ts';
import {
  BUREAU,
  createEnvelopes,
  createSession,
  decide,
  FINANCE,
  FUNDERS,
  fileDossier,
  INSTRUCTOR,
  instructAndPropose,
  OWNER,
  pay,
  providePaymentDocuments,
  ruleSetOf,
  schedule,
} from './support/journeys.ts';

let api: Awaited<ReturnType<typeof createTestApi>>;
const year = new Date().getUTCFullYear();
let sessionId: string;
beforeAll(async () => {
  api = await createTestApi();
  for (const s of ['FTE', 'TPE', 'ESS', 'HABITAT'] as Scheme[])
    await createEnvelopes(api, s, year, 100_000_000);
  sessionId = await createSession(api, `${year}-07`, `${year}-06-15`);
});

const fetchText = async (url: string) => {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};

describe.each(['TPE', 'ESS', 'HABITAT'] as Scheme[])('%s journey through the HTTP API', (scheme) => {
  it('draft → submit → request documents → answer → propose → approve → advance → balance → export → report', async () => {
    const owner = OWNER[scheme];
    const id = await fileDossier(api, scheme);
    const filed = await api.call(owner, 'GET', `/api/dossiers/${id}`);
    expect(filed.body.reference).toMatch(new RegExp(`^${scheme}-${year}-\\d{5}$`));

    await api.call(INSTRUCTOR, 'POST', `/api/dossiers/${id}/assign`, {}, await api.withMatch(INSTRUCTOR, id));
    const req = await api.call(
      INSTRUCTOR,
      'POST',
      `/api/dossiers/${id}/request-documents`,
      { message: 'Pièce d’identité illisible : merci de la renvoyer.' },
      await api.withMatch(INSTRUCTOR, id),
    );
    expect(req.body.status).toBe('awaiting_documents');
    expect((await api.upload(owner, id, 'identity_document')).confirm?.status).toBe(200);
    const answer = await api.call(
      owner,
      'POST',
      `/api/dossiers/${id}/answer`,
      { message: 'Nouvelle copie jointe.' },
      await api.withMatch(owner, id),
    );
    expect(answer.body.status).toBe('in_review');

    const proposed = await instructAndPropose(api, id);
    const amounts = proposed.proposal.amountsByFunder as Record<string, number>;
    for (const f of FUNDERS[scheme]) expect(amounts[f], f).toBeGreaterThan(0);

    await schedule(api, sessionId, id);
    const approved = await decide(api, sessionId, id, {
      outcome: 'favourable',
      deliberationNumber: `B-${scheme}-1`,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('approved');

    await providePaymentDocuments(api, scheme, id);
    const limits = ruleSetOf(scheme).payment;
    for (const funder of FUNDERS[scheme]) {
      const committed = amounts[funder] as number;
      const advance = Math.floor((committed * limits.advanceMaxBp.value) / 10_000);
      const a = await pay(api, id, funder, 'advance', advance);
      expect(a.status, JSON.stringify(a.body)).toBe(201);
      const b = await pay(api, id, funder, 'balance', committed - advance);
      expect(b.status, JSON.stringify(b.body)).toBe(201);
    }
    const paid = await api.call(owner, 'GET', `/api/dossiers/${id}`);
    expect(paid.body.status).toBe('paid');
    expect(paid.body.timeline.at(-1).to).toBe('paid');

    // Exports of the scheme's commitments: totals equal the sum committed, in CSV and XLSX.
    const total = FUNDERS[scheme].reduce((s, f) => s + (amounts[f] as number), 0);
    const csvRes = await api.call(
      FINANCE,
      'GET',
      `/api/exports/commitments?format=csv&scheme=${scheme}&from=${year}-01-01&to=${year}-12-31`,
    );
    expect(csvRes.status).toBe(303);
    const csv = (await fetchText(csvRes.headers.get('location') as string)).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toContain(';');
    const amountCol = lines[0]!.split(';').indexOf('Engagement initial');
    const sum = lines
      .slice(1)
      .filter((l) => !l.startsWith('Total'))
      .reduce((s, l) => s + Math.round(Number(l.split(';')[amountCol]!.replace(',', '.')) * 100), 0);
    expect(sum).toBe(total);
    const xlsxRes = await api.call(
      FINANCE,
      'GET',
      `/api/exports/commitments?format=xlsx&scheme=${scheme}&from=${year}-01-01&to=${year}-12-31`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fetchText(xlsxRes.headers.get('location') as string)) as never);
    expect(wb.worksheets[0]!.rowCount).toBeGreaterThanOrEqual(1 + FUNDERS[scheme].length);

    const report = await api.call(FINANCE, 'GET', `/api/reports/${year}`);
    expect(report.status).toBe(200);
    expect(JSON.stringify(report.body)).toContain(scheme);
  }, 60_000);
});

describe('other outcomes', () => {
  it('refusal: a refusal proposal then an unfavourable decision commits nothing', async () => {
    const id = await fileDossier(api, 'TPE');
    await instructAndPropose(api, id, 'refusal');
    await schedule(api, sessionId, id);
    const noMotivation = await decide(api, sessionId, id, { outcome: 'unfavourable' });
    expect(noMotivation.status).toBe(400);
    expect(noMotivation.body.errors[0].pointer).toBe('/motivation');
    const r = await decide(api, sessionId, id, {
      outcome: 'unfavourable',
      motivation: 'Entreprise hors du périmètre.',
    });
    expect(r.body.status).toBe('rejected');
    const commitments = await api.call(FINANCE, 'GET', `/api/dossiers/${id}/commitments`);
    expect(commitments.body.items).toEqual([]);
  });

  it('adjournment, then a later session approves', async () => {
    const id = await fileDossier(api, 'ESS');
    await instructAndPropose(api, id);
    await schedule(api, sessionId, id);
    const adj = await decide(api, sessionId, id, {
      outcome: 'adjourned',
      motivation: 'Budget prévisionnel à préciser.',
    });
    expect(adj.body.status).toBe('adjourned');
    const later = await createSession(api, `${year}-08`, `${year}-07-10`);
    await schedule(api, later, id);
    const ok = await decide(api, later, id, { outcome: 'favourable', deliberationNumber: 'B-ESS-2' });
    expect(ok.body.status).toBe('approved');
  });

  it('withdrawal needs a reason and only the owner may withdraw', async () => {
    const id = await fileDossier(api, 'FTE');
    const other = await api.call(
      'demo-entreprise',
      'POST',
      `/api/dossiers/${id}/withdraw`,
      { reason: 'x' },
      { 'if-match': '"2"' },
    );
    expect(other.status).toBe(404);
    const empty = await api.call(
      'demo-menage',
      'POST',
      `/api/dossiers/${id}/withdraw`,
      { reason: ' ' },
      await api.withMatch('demo-menage', id),
    );
    expect(empty.status).toBe(400);
    const ok = await api.call(
      'demo-menage',
      'POST',
      `/api/dossiers/${id}/withdraw`,
      { reason: 'Projet abandonné.' },
      await api.withMatch('demo-menage', id),
    );
    expect(ok.body.status).toBe('withdrawn');
  });

  it('lapse releases what was not paid back to the envelope', async () => {
    const id = await fileDossier(api, 'FTE');
    const proposed = await instructAndPropose(api, id);
    const committed = proposed.proposal.amountsByFunder.agglomeration as number;
    await schedule(api, sessionId, id);
    await decide(api, sessionId, id, { outcome: 'favourable', deliberationNumber: 'B-FTE-9' });
    const before = (await api.call(FINANCE, 'GET', `/api/envelopes?year=${year}`)).body.items.find(
      (e: { id: string }) => e.id === `FTE-${year}-agglomeration`,
    );
    await providePaymentDocuments(api, 'FTE', id);
    const advance = Math.floor(committed * 0.3);
    expect((await pay(api, id, 'agglomeration', 'advance', advance)).status).toBe(201);
    const lapse = await api.call(
      FINANCE,
      'POST',
      `/api/dossiers/${id}/lapse`,
      { motivation: 'Travaux non réalisés dans les délais.' },
      await api.withMatch(FINANCE, id),
    );
    expect(lapse.body.status).toBe('lapsed');
    const after = (await api.call(FINANCE, 'GET', `/api/envelopes?year=${year}`)).body.items.find(
      (e: { id: string }) => e.id === `FTE-${year}-agglomeration`,
    );
    expect(after.availableCents).toBe(before.availableCents + committed - advance);
    expect(after.paidCents).toBe(before.paidCents + advance);
    expect(after.committedCents + after.availableCents).toBe(after.amountCents);
  });

  it('a commitment that would overspend its envelope fails with 409 and changes nothing', async () => {
    // A past session (a session cannot be decided before its date), against its year's small envelope.
    const small = await createSession(api, `${year - 1}-12`, `${year - 1}-12-10`);
    const r0 = await api.call(FINANCE, 'POST', '/api/envelopes', {
      scheme: 'FTE',
      year: year - 1,
      funder: 'agglomeration',
      amountCents: 100,
    });
    expect(r0.status).toBe(201);
    const id = await fileDossier(api, 'FTE');
    await instructAndPropose(api, id);
    await schedule(api, small, id);
    const before = await api.call(BUREAU, 'GET', `/api/dossiers/${id}`);
    const r = await decide(api, small, id, { outcome: 'favourable', deliberationNumber: 'B-X' });
    expect(r.status).toBe(409);
    expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    expect(r.body.detail).toMatch(/insuffisante : 1,00\s€ disponibles/);
    const after = await api.call(BUREAU, 'GET', `/api/dossiers/${id}`);
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.status).toBe('scheduled');
    const env = (await api.call(FINANCE, 'GET', `/api/envelopes?year=${year - 1}`)).body.items[0];
    expect(env).toMatchObject({ committedCents: 0, availableCents: 100 });
  });

  it('a stale If-Match gets 409 and writes nothing; a missing one gets 428', async () => {
    const created = await api.call('demo-menage', 'POST', '/api/dossiers', {
      scheme: 'FTE',
      application: {},
    });
    const id = created.body.id;
    const first = await api.call(
      'demo-menage',
      'PUT',
      `/api/dossiers/${id}`,
      { application: { household: { size: 3 } } },
      { 'if-match': '"1"' },
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    const stale = await api.call(
      'demo-menage',
      'PUT',
      `/api/dossiers/${id}`,
      { application: { household: { size: 9 } } },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(409);
    const missing = await api.call('demo-menage', 'PUT', `/api/dossiers/${id}`, { application: {} });
    expect(missing.status).toBe(428);
    const now = await api.call('demo-menage', 'GET', `/api/dossiers/${id}`);
    expect(now.body.application.household.size).toBe(3);
  });

  it('another person’s dossier answers 404, a draft is invisible to staff', async () => {
    const created = await api.call('demo-menage', 'POST', '/api/dossiers', { scheme: 'FTE' });
    const id = created.body.id;
    for (const who of ['demo-entreprise', 'demo-association', INSTRUCTOR, FINANCE]) {
      expect((await api.call(who, 'GET', `/api/dossiers/${id}`)).status, who).toBe(404);
    }
    expect((await api.call('demo-entreprise', 'GET', `/api/dossiers/${id}/attachments`)).status).toBe(404);
  });

  it('validation errors are French problem+json with JSON pointers', async () => {
    const r = await api.call('demo-menage', 'POST', '/api/dossiers', raw({ scheme: 'XYZ' }));
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    expect(r.body.errors).toEqual([
      { pointer: '/scheme', detail: 'Dispositif inconnu : FTE, TPE, ESS ou HABITAT' },
    ]);
    // A draft keeps the application's shape (text where text goes): refused at once.
    const wrongKind = await api.call('demo-menage', 'POST', '/api/dossiers', {
      scheme: 'FTE',
      application: { household: { size: 'deux' } },
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors).toEqual([
      { pointer: '/application/household/size', detail: 'Nombre attendu' },
    ]);
    // A value of the right kind that the rules refuse is kept in the draft, refused at submission.
    const created = await api.call('demo-menage', 'POST', '/api/dossiers', {
      scheme: 'FTE',
      application: { household: { size: 0 } },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const sub = await api.call('demo-menage', 'POST', `/api/dossiers/${id}/submit`, undefined, {
      'if-match': '"1"',
    });
    expect(sub.status).toBe(400);
    expect(sub.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(
      '/application/household/size',
    );
  });
});
