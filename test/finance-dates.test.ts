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
});

/**
 * The case reported in 16.2 and 16.4: an envelope of 2022 with the budget line 204-20422-72, a
 * session dated 2022-06-30 whose decision is typed in today. Each check is its own test, the
 * pre-existing fields first, so that each reported defect fails on its own.
 */
describe('a backdated session (16.2) and the budget line as entered (16.4)', () => {
  let id: string;
  let granted: number;
  let decision: Awaited<ReturnType<typeof decide>>;
  const commitmentOf = async () =>
    (await api.call(FINANCE, 'GET', `/api/dossiers/${id}/commitments`)).body.items[0];

  beforeAll(async () => {
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
    id = await fileDossier(api, 'FTE');
    const proposed = await instructAndPropose(api, id);
    granted = proposed.proposal.amountsByFunder.agglomeration as number;
    await schedule(api, session, id);
    decision = await decide(api, session, id, { outcome: 'favourable', deliberationNumber: 'B2022-117' });
    expect(decision.status, JSON.stringify(decision.body)).toBe(200);
  }, 60_000);

  it('the commitment is dated by the session and carries the envelope’s budget line as entered', async () => {
    expect(await commitmentOf()).toMatchObject({
      year: 2022,
      committedAt: '2022-06-29T22:00:00.000Z', // the session's day, midnight in Paris (summer time)
      budgetLine: '204-20422-72',
      deliberationNumber: 'B2022-117',
      amountCents: granted,
    });
    // The decision itself: its instant is the session's day too.
    expect(decision.body.decision.at).toBe('2022-06-29T22:00:00.000Z');
  });

  it('the export filter budgetLine=204-20422-72 finds it (reported: it returned nothing)', async () => {
    const c = await commitmentOf();
    const byLine = await exportCsv('commitments', 'from=2022-01-01&to=2022-12-31&budgetLine=204-20422-72');
    expect(byLine.map((r) => r.Référence)).toEqual([c.reference]);
  });

  it('the 2022 exports and report count it; the current year’s do not', async () => {
    const c = await commitmentOf();
    const rows2022 = await exportCsv('commitments', 'from=2022-01-01&to=2022-12-31');
    expect(rows2022.find((r) => r.Référence === c.reference)).toMatchObject({
      "Date d'engagement": '30/06/2022',
      Exercice: '2022',
    });
    const rowsNow = await exportCsv('commitments', `from=${year}-01-01&to=${year}-12-31`);
    expect(rowsNow.find((r) => r.Référence === c.reference)).toBeUndefined();
    const fteOf = async (y: number) =>
      (await api.call(FINANCE, 'GET', `/api/reports/${y}`)).body.schemes.find(
        (s: { scheme: string }) => s.scheme === 'FTE',
      );
    const fte2022 = await fteOf(2022);
    expect(fte2022).toMatchObject({ approvedFiles: 1, committedCents: granted });
    const fteNow = await fteOf(year);
    expect(fteNow).toMatchObject({ approvedFiles: 0, committedCents: 0 });
    expect(fte2022.committed.initialCents).toBe(granted);
  });

  it('the decision date is on the decision and commitment records, the applicant’s view and the exports', async () => {
    expect(decision.body.decision.date).toBe('2022-06-30');
    expect(decision.body.decision.recordedAt.slice(0, 4)).toBe(String(year));
    const c = await commitmentOf();
    expect(c.decisionDate).toBe('2022-06-30');
    const own = await api.call('demo-menage', 'GET', `/api/dossiers/${id}`);
    expect(own.body.decision.date).toBe('2022-06-30');
    const rows2022 = await exportCsv('commitments', 'from=2022-01-01&to=2022-12-31');
    expect(rows2022.find((r) => r.Référence === c.reference)).toMatchObject({
      'Date de délibération': '30/06/2022',
      'N° délibération': 'B2022-117',
      'Ligne budgétaire': '204-20422-72',
    });
  });

  it('a payment carries the budget line and the decision date; the payments export filters on the line', async () => {
    const c = await commitmentOf();
    await providePaymentDocuments(api, 'FTE', id);
    const p = await pay(api, id, 'agglomeration', 'advance', Math.floor(granted * 0.3));
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    expect(p.body.payment).toMatchObject({ budgetLine: '204-20422-72', decisionDate: '2022-06-30' });
    const payments = await exportCsv(
      'payments',
      `from=${year}-01-01&to=${year}-12-31&budgetLine=${encodeURIComponent('204-20422-72')}`,
    );
    expect(payments.map((r) => [r.Référence, r['Date de délibération']])).toEqual([
      [c.reference, '30/06/2022'],
    ]);
  }, 60_000);
});
