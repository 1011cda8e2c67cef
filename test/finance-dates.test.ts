import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from './support/api.ts';
import {
  BUREAU,
  createEnvelopes,
  createSession,
  decide,
  FINANCE,
  fileDossier,
  instructAndPropose,
  pay,
  providePaymentDocuments,
  schedule,
} from './support/journeys.ts';

/**
 * Issue 13§4 and 16.2/16.4 through the HTTP API: the decision date is the session's date, a session
 * cannot be decided before its date, the commitment is dated by the decision, and commitments and
 * payments carry the envelope's budget line as finance entered it.
 */
let api: Awaited<ReturnType<typeof createTestApi>>;
const year = new Date().getUTCFullYear();

const fetchBytes = async (url: string) => {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};
const csvLines = (buf: Buffer) =>
  buf
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '');

async function exportCsv(kind: 'commitments' | 'payments', query: string) {
  const res =
    kind === 'commitments'
      ? await api.call(FINANCE, 'GET', `/api/exports/commitments?format=csv&${query}`)
      : await api.call(FINANCE, 'GET', `/api/exports/payments?format=csv&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(303);
  const [header, ...rows] = csvLines(await fetchBytes(res.headers.get('location') as string));
  const names = (header as string).split(';');
  return rows.map((r) => Object.fromEntries(r.split(';').map((v, i) => [names[i] as string, v])));
}

beforeAll(async () => {
  api = await createTestApi();
});

describe('decision dates (13§4, 16.2)', () => {
  it('a session dated after today cannot be decided: 409 in French, nothing changes', async () => {
    await createEnvelopes(api, 'FTE', year + 1, 100_000_000);
    const future = await createSession(api, `${year + 1}-FUT`, `${year + 1}-01-15`);
    const id = await fileDossier(api, 'FTE');
    await instructAndPropose(api, id);
    await schedule(api, future, id);
    const before = await api.call(BUREAU, 'GET', `/api/dossiers/${id}`);
    const envBefore = await api.call(FINANCE, 'GET', `/api/envelopes?year=${year + 1}`);

    const r = await decide(api, future, id, { outcome: 'favourable', deliberationNumber: 'B-FUT-1' });
    expect(r.status).toBe(409);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(r.body.detail).toMatch(
      /datée du 15 janvier \d{4} : ses décisions ne peuvent pas être enregistrées avant cette date/,
    );
    const unfavourable = await decide(api, future, id, { outcome: 'unfavourable', motivation: 'Non.' });
    expect(unfavourable.status).toBe(409);

    const after = await api.call(BUREAU, 'GET', `/api/dossiers/${id}`);
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.status).toBe('scheduled');
    expect(after.body.decision).toBeUndefined();
    const envAfter = await api.call(FINANCE, 'GET', `/api/envelopes?year=${year + 1}`);
    expect(envAfter.body.items).toEqual(envBefore.body.items);
    const commitments = await api.call(FINANCE, 'GET', `/api/dossiers/${id}/commitments`);
    expect(commitments.body.items).toEqual([]);
  });

  it('a backdated session dates the decision, the commitment, the exports and the report', async () => {
    const r0 = await api.call(FINANCE, 'POST', '/api/envelopes', {
      scheme: 'FTE',
      year: 2022,
      funder: 'agglomeration',
      amountCents: 50_000_000,
      budgetLine: '204-20422-72',
    });
    expect(r0.status, JSON.stringify(r0.body)).toBe(201);
    expect(r0.body.budgetLine).toBe('204-20422-72');
    const session = await createSession(api, '2022-06', '2022-06-30');
    const id = await fileDossier(api, 'FTE');
    const proposed = await instructAndPropose(api, id);
    const granted = proposed.proposal.amountsByFunder.agglomeration as number;
    await schedule(api, session, id);
    const d = await decide(api, session, id, { outcome: 'favourable', deliberationNumber: 'B2022-117' });
    expect(d.status, JSON.stringify(d.body)).toBe(200);

    // The decision: dated by the session, the moment it was typed kept apart.
    expect(d.body.decision.date).toBe('2022-06-30');
    expect(d.body.decision.at).toBe('2022-06-29T22:00:00.000Z'); // midnight in Paris (summer time)
    expect(d.body.decision.recordedAt.slice(0, 4)).toBe(String(year));

    // The commitment: the decision's date, the envelope's year and budget line as entered.
    const c = (await api.call(FINANCE, 'GET', `/api/dossiers/${id}/commitments`)).body.items[0];
    expect(c).toMatchObject({
      year: 2022,
      decisionDate: '2022-06-30',
      committedAt: '2022-06-29T22:00:00.000Z',
      budgetLine: '204-20422-72',
      deliberationNumber: 'B2022-117',
      amountCents: granted,
    });

    // The applicant reads the same date.
    const own = await api.call('demo-menage', 'GET', `/api/dossiers/${id}`);
    expect(own.body.decision.date).toBe('2022-06-30');

    // The commitments export of 2022 has it, dated 30/06/2022; the current year's does not.
    const rows2022 = await exportCsv('commitments', 'from=2022-01-01&to=2022-12-31');
    const row = rows2022.find((r) => r.Référence === c.reference);
    expect(row).toMatchObject({
      "Date d'engagement": '30/06/2022',
      'Date de délibération': '30/06/2022',
      'N° délibération': 'B2022-117',
      Exercice: '2022',
      'Ligne budgétaire': '204-20422-72',
    });
    const rowsNow = await exportCsv('commitments', `from=${year}-01-01&to=${year}-12-31`);
    expect(rowsNow.find((r) => r.Référence === c.reference)).toBeUndefined();

    // The filter on the budget line as entered (reported: it returned nothing).
    const byLine = await exportCsv('commitments', 'from=2022-01-01&to=2022-12-31&budgetLine=204-20422-72');
    expect(byLine.map((r) => r.Référence)).toEqual([c.reference]);

    // The payment carries it too.
    await providePaymentDocuments(api, 'FTE', id);
    const advance = Math.floor(granted * 0.3);
    const p = await pay(api, id, 'agglomeration', 'advance', advance);
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    expect(p.body.payment).toMatchObject({ budgetLine: '204-20422-72', decisionDate: '2022-06-30' });
    const payments = await exportCsv(
      'payments',
      `from=${year}-01-01&to=${year}-12-31&budgetLine=${encodeURIComponent('204-20422-72')}`,
    );
    expect(payments.map((r) => [r.Référence, r['Date de délibération']])).toEqual([
      [c.reference, '30/06/2022'],
    ]);

    // The 2022 report counts the decision and the commitment; the current year's does not.
    const r2022 = await api.call(FINANCE, 'GET', '/api/reports/2022');
    const fte2022 = r2022.body.schemes.find((s: { scheme: string }) => s.scheme === 'FTE');
    expect(fte2022.approvedFiles).toBe(1);
    expect(fte2022.committed.initialCents).toBe(granted);
    const rNow = await api.call(FINANCE, 'GET', `/api/reports/${year}`);
    const fteNow = rNow.body.schemes.find((s: { scheme: string }) => s.scheme === 'FTE');
    expect(fteNow.approvedFiles).toBe(0);
    expect(fteNow.committed.initialCents).toBe(0);
  }, 60_000);
});
