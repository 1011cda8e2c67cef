import {
  addressIn,
  fteApplication,
  habitatApplication,
  tpeApplication,
} from '@aides/domain/testing/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from './support/api.ts';

let api: Awaited<ReturnType<typeof createTestApi>>;
beforeAll(async () => {
  api = await createTestApi();
});

const household = 'demo-menage';
const instructor = 'demo-instructrice';
const year = new Date().getFullYear();
const FTE_DOCS = ['identity_document', 'tax_notice', 'property_proof', 'france_renov_certificate', 'quote'];

async function draft(
  application: Record<string, unknown>,
  scheme: 'FTE' | 'HABITAT' | 'TPE' = 'FTE',
  as = household,
) {
  const { filingDate: _f, ...rest } = application;
  const created = await api.call(as, 'POST', '/api/dossiers', { scheme, application: rest });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe('honest eligibility through the HTTP API (issue 14)', () => {
  it('an ineligible FTE: the estimate gives no amount, filing needs acknowledgeIneligible, the queue shows it', async () => {
    // 1 person, 12,000 €: very modest, so the FTE refuses and points to Habitat.
    const id = await draft(
      fteApplication({ household: { size: 1, taxIncomeEuros: 12_000, taxIncomeYear: year - 1 } }),
    );
    const estimate = await api.call(household, 'POST', `/api/dossiers/${id}/estimate`);
    expect(estimate.status).toBe(200);
    expect(estimate.body.eligibility.outcome).toBe('not_eligible');
    expect(estimate.body).not.toHaveProperty('amounts');
    const failing = estimate.body.eligibility.reasons.filter(
      (r: { outcome: string }) => r.outcome === 'not_eligible',
    );
    expect(failing.map((r: { redirectTo?: string }) => r.redirectTo)).toContain('HABITAT');

    for (const t of FTE_DOCS) expect((await api.upload(household, id, t)).confirm?.status).toBe(200);
    const refused = await api.call(
      household,
      'POST',
      `/api/dossiers/${id}/submit`,
      undefined,
      await api.withMatch(household, id, { 'idempotency-key': `honest-1-${id}` }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/confirmez que vous en avez pris connaissance/);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(
      '/acknowledgeIneligible',
    );
    expect((await api.call(household, 'GET', `/api/dossiers/${id}`)).body.status).toBe('draft');

    const filed = await api.call(
      household,
      'POST',
      `/api/dossiers/${id}/submit`,
      { acknowledgeIneligible: true },
      await api.withMatch(household, id, { 'idempotency-key': `honest-2-${id}` }),
    );
    expect(filed.status).toBe(201);
    const queue = await api.call(instructor, 'GET', '/api/queues?scheme=FTE&status=submitted');
    const item = queue.body.items.find((d: { id: string }) => d.id === id);
    expect(item.ineligibleAcknowledged).toBe(true);
    expect(item.eligibility.outcome).toBe('not_eligible');
  });

  it('an eligible application files without any acknowledgement, and is not marked', async () => {
    const id = await draft(
      fteApplication({ household: { size: 2, taxIncomeEuros: 38_000, taxIncomeYear: year - 1 } }),
    );
    for (const t of FTE_DOCS) await api.upload(household, id, t);
    const filed = await api.call(
      household,
      'POST',
      `/api/dossiers/${id}/submit`,
      undefined,
      await api.withMatch(household, id, { 'idempotency-key': `honest-3-${id}` }),
    );
    expect(filed.status).toBe(201);
    const d = await api.call(instructor, 'GET', `/api/dossiers/${id}`);
    expect(d.body.ineligibleAcknowledged).toBeUndefined();
  });

  it.each([
    [
      'postal code 75001 for Béthune',
      { address: { ...addressIn('62119', 'Béthune'), postalCode: '75001' } },
      '/application/address/postalCode',
    ],
    [
      'a birth date in 2030',
      { applicant: { lastName: 'Martin', firstName: 'Claire', birthDate: '2030-01-01' } },
      '/application/applicant/birthDate',
    ],
    [
      'a reference income of 9,999,999,999 €',
      { household: { size: 1, taxIncomeEuros: 9_999_999_999, taxIncomeYear: year - 1 } },
      '/application/household/taxIncomeEuros',
    ],
  ] as const)('the estimate refuses %s, in French, at its field', async (_what, over, pointer) => {
    const id = await draft(fteApplication(over as Parameters<typeof fteApplication>[0]));
    const estimate = await api.call(household, 'POST', `/api/dossiers/${id}/estimate`);
    expect(estimate.body.complete).toBe(false);
    const m = estimate.body.missing.find((x: { pointer: string }) => x.pointer === pointer);
    expect(m?.detail).toMatch(/[a-zé]/);
  });

  it('a Habitat energy estimate judges the DPE classes (not a percentage gain)', async () => {
    const id = await draft(
      habitatApplication({
        workKind: 'energy',
        autonomy: undefined,
        household: { size: 1, taxIncomeEuros: 12_000, taxIncomeYear: year - 1 },
        dpe: { before: 'D', after: 'C', assessmentReference: '2362E1234567A' },
        energyGainPct: 40,
      }),
      'HABITAT',
    );
    const estimate = await api.call(household, 'POST', `/api/dossiers/${id}/estimate`);
    expect(estimate.body.eligibility.outcome).toBe('not_eligible');
    const messages = estimate.body.eligibility.reasons.map((r: { message: string }) => r.message);
    expect(messages).toContain('Gain de 1 classe au DPE (D → C) : il en faut au moins 2.');
    expect(estimate.body).not.toHaveProperty('amounts');
  });

  it('a business in Béthune (25,224 inhabitants, no QPV) is told why, with no amount (the report saw 8,500 €)', async () => {
    const id = await draft(
      tpeApplication({ address: addressIn('62119', 'Béthune'), qpvCode: undefined }),
      'TPE',
      'demo-entreprise',
    );
    const estimate = await api.call('demo-entreprise', 'POST', `/api/dossiers/${id}/estimate`);
    expect(estimate.body.eligibility.outcome).toBe('not_eligible');
    expect(estimate.body).not.toHaveProperty('amounts');
  });
});
