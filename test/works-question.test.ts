import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from './support/api.ts';
import { applicationOf, OWNER, ruleSetOf } from './support/journeys.ts';

/**
 * Issue 14: « Les travaux ont-ils déjà commencé ? » is asked of a business (TPE) as of a household:
 * filing without an answer is refused with the field's path, in French; the answer « oui » is
 * stated as a failing condition.
 */
let api: Awaited<ReturnType<typeof createTestApi>>;
beforeAll(async () => {
  api = await createTestApi();
}, 120_000);

async function draftTpe(over: Record<string, unknown>) {
  const created = await api.call(OWNER.TPE, 'POST', '/api/dossiers', {
    scheme: 'TPE',
    application: { ...applicationOf('TPE'), ...over },
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const t of ruleSetOf('TPE').documents.beforeDecision) await api.upload(OWNER.TPE, id, t);
  return id;
}
const submit = async (id: string, body?: unknown) =>
  api.call(
    OWNER.TPE,
    'POST',
    `/api/dossiers/${id}/submit`,
    body as never,
    await api.withMatch(OWNER.TPE, id),
  );

describe('TPE: the works question at filing', () => {
  it('unanswered: 400 problem+json naming the field, the dossier stays a draft', async () => {
    const id = await draftTpe({ worksNotStarted: undefined });
    const r = await submit(id);
    expect(r.status).toBe(400);
    expect(r.body.errors).toContainEqual({
      pointer: '/application/worksNotStarted',
      detail: 'Répondez à la question « Les travaux ou les investissements ont-ils déjà commencé ? »',
    });
    expect((await api.call(OWNER.TPE, 'GET', `/api/dossiers/${id}`)).body.status).toBe('draft');
  });

  it('answered « oui, ils ont commencé »: the estimate states the failing condition in words', async () => {
    const id = await draftTpe({ worksNotStarted: false });
    const r = await api.call(OWNER.TPE, 'POST', `/api/dossiers/${id}/estimate`);
    expect(r.status).toBe(200);
    const reasons = r.body.eligibility?.reasons ?? r.body.assessment?.eligibility?.reasons ?? [];
    expect(reasons.find((x: { rule: string }) => x.rule === 'tpe.works_not_started')).toMatchObject({
      outcome: 'not_eligible',
      message: expect.stringContaining('ont commencé avant le dépôt'),
    });
  });
});
