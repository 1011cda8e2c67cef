import { tpeApplication } from '@aides/domain/testing/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from './support/api.ts';
import { raw } from './support/api-client.ts';
import {
  createEnvelopes,
  createSession,
  decide,
  FINANCE,
  instructAndPropose,
  OWNER,
  ruleSetOf,
  schedule,
} from './support/journeys.ts';

/**
 * A developing business (TPE 2026) gets a repayable advance, not a grant: the Bureau grants it,
 * finance opens it on the day it is disbursed, records the repayments, lists what is late and
 * exports what is still owed. Through the HTTP API, against the embedded stores.
 */
let api: Awaited<ReturnType<typeof createTestApi>>;
const year = new Date().getUTCFullYear();
let sessionId: string;

beforeAll(async () => {
  api = await createTestApi();
  await createEnvelopes(api, 'TPE', year, 100_000_000);
  sessionId = await createSession(api, `${year}-AV`, `${year}-03-01`);
});

async function fileTpe(project: 'creation' | 'takeover' | 'development'): Promise<string> {
  const owner = OWNER.TPE;
  const { filingDate: _f, ...application } = tpeApplication({ project });
  const created = await api.call(owner, 'POST', '/api/dossiers', { scheme: 'TPE', application });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const t of ruleSetOf('TPE').documents.beforeDecision) {
    const { confirm } = await api.upload(owner, id, t);
    expect(confirm?.status).toBe(200);
  }
  const submit = await api.call(
    owner,
    'POST',
    `/api/dossiers/${id}/submit`,
    undefined,
    await api.withMatch(owner, id),
  );
  expect(submit.status, JSON.stringify(submit.body)).toBe(201);
  return id;
}

async function grant(id: string) {
  await instructAndPropose(api, id);
  await schedule(api, sessionId, id);
  const d = await decide(api, sessionId, id, {
    outcome: 'favourable',
    deliberationNumber: `${year}-B-${id.slice(0, 4)}`,
  });
  expect(d.status, JSON.stringify(d.body)).toBe(200);
}

describe('TPE development: a repayable advance followed by finance', () => {
  it('is computed as an advance with its terms, opened, repaid, listed when late, exported while owed', async () => {
    const id = await fileTpe('development');
    const filed = await api.call(OWNER.TPE, 'GET', `/api/dossiers/${id}`);
    expect(filed.body.ruleSetVersion).toBe('2026');
    expect(filed.body.amounts.repayableAdvance).toEqual({
      deferralMonths: 12,
      instalments: 12,
      periodMonths: 3,
    });
    expect(filed.body.amounts.lines.every((l: { nature?: string }) => l.nature === 'repayable_advance')).toBe(
      true,
    );
    await grant(id);

    // Disbursed two years ago: the first four instalments are due (12 months deferral, quarterly).
    const disbursedOn = `${year - 2}-01-15`;
    const opened = await api.call(FINANCE, 'POST', `/api/dossiers/${id}/advance`, { disbursedOn });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const amount = opened.body.amountCents as number;
    // Saint-Venant fixture: 30 % of 20,000 € + one CDI 1,000 € = 7,000 €.
    expect(amount).toBe(700_000);
    expect(opened.body.schedule).toHaveLength(12);
    expect(opened.body.schedule[0].dueDate).toBe(`${year - 1}-01-15`);

    const again = await api.call(FINANCE, 'POST', `/api/dossiers/${id}/advance`, { disbursedOn });
    expect(again.status).toBe(409);

    const first = opened.body.schedule[0].amountCents as number;
    const repaid = await api.call(FINANCE, 'POST', `/api/dossiers/${id}/advance/repayments`, {
      date: `${year - 1}-01-20`,
      amountCents: first,
    });
    expect(repaid.status, JSON.stringify(repaid.body)).toBe(201);
    expect(repaid.body.repaidCents).toBe(first);
    expect(repaid.body.outstandingCents).toBe(amount - first);
    const today = new Date().toISOString().slice(0, 10);
    const due = (opened.body.schedule as { dueDate: string }[]).filter((i) => i.dueDate < today).length;
    expect(repaid.body.lateInstalments).toBe(due - 1);

    const list = await api.call(FINANCE, 'GET', '/api/advances');
    expect(list.status).toBe(200);
    const mine = list.body.items.find((a: { dossierId: string }) => a.dossierId === id);
    expect(mine.outstandingCents).toBe(amount - first);
    expect(mine.instalmentStates.filter((i: { late: boolean }) => i.late).length).toBe(due - 1);

    const csv = await api.call(FINANCE, 'GET', '/api/advances?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const line = (csv.body as string).split('\r\n').find((l) => l.startsWith(filed.body.reference));
    expect(line).toContain(`;${((amount - first) / 100).toFixed(2).replace('.', ',')};`);
  });

  it('refuses in French problem+json: too much, before disbursement, a grant dossier, a bad date', async () => {
    const id = await fileTpe('development');
    await grant(id);
    const bad = await api.call(
      FINANCE,
      'POST',
      `/api/dossiers/${id}/advance`,
      raw({ disbursedOn: '15/01/2025' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body.errors).toEqual([
      {
        pointer: '/disbursedOn',
        detail: 'Date de versement de l’avance : date attendue au format AAAA-MM-JJ',
      },
    ]);
    expect(
      (await api.call(FINANCE, 'POST', `/api/dossiers/${id}/advance`, { disbursedOn: `${year}-01-10` }))
        .status,
    ).toBe(201);
    const tooMuch = await api.call(FINANCE, 'POST', `/api/dossiers/${id}/advance/repayments`, {
      date: `${year}-01-11`,
      amountCents: 99_999_999,
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.detail).toMatch(/dépasse ce qui reste dû/);
    expect(tooMuch.body.errors[0].pointer).toBe('/amountCents');
    const early = await api.call(FINANCE, 'POST', `/api/dossiers/${id}/advance/repayments`, {
      date: `${year - 1}-12-31`,
      amountCents: 100,
    });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([
      { pointer: '/date', detail: 'Un remboursement ne peut précéder le versement de l’avance.' },
    ]);

    const takeover = await fileTpe('takeover');
    await grant(takeover);
    const notAdvance = await api.call(FINANCE, 'POST', `/api/dossiers/${takeover}/advance`, {
      disbursedOn: `${year}-01-10`,
    });
    expect(notAdvance.status).toBe(422);
    expect(notAdvance.body.detail).toMatch(/n’est pas une avance remboursable/);
    const applicant = await api.call(OWNER.TPE, 'POST', `/api/dossiers/${id}/advance/repayments`, {
      date: `${year}-01-11`,
      amountCents: 100,
    });
    expect(applicant.status).toBe(403);
  });
});
