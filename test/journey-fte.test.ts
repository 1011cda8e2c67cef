import { fteApplication } from '@aides/domain/testing/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from './support/api.ts';

let api: Awaited<ReturnType<typeof createTestApi>>;
beforeAll(async () => {
  api = await createTestApi();
});

const household = 'demo-menage';
const instructor = 'demo-instructrice';
const bureau = 'demo-bureau';
const finance = 'demo-finances';

describe('FTE journey through the HTTP API', () => {
  it('goes from draft to paid, with an export and a timeline', async () => {
    const { filingDate: _f, ...application } = fteApplication();
    const created = await api.call(household, 'POST', '/api/dossiers', { scheme: 'FTE', application });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const estimate = await api.call(household, 'POST', `/api/dossiers/${id}/estimate`);
    expect(estimate.status).toBe(200);
    expect(estimate.body.complete).toBe(true);
    expect(estimate.body.amounts.totalCents).toBeGreaterThan(0);

    for (const t of [
      'identity_document',
      'tax_notice',
      'property_proof',
      'france_renov_certificate',
      'quote',
      'rib',
    ]) {
      const { confirm } = await api.upload(household, id, t);
      expect(confirm?.status).toBe(200);
    }
    const submit = await api.call(
      household,
      'POST',
      `/api/dossiers/${id}/submit`,
      undefined,
      await api.withMatch(household, id, { 'idempotency-key': `submit-${id}` }),
    );
    expect(submit.status).toBe(201);
    expect(submit.body.acknowledgement.reference).toMatch(/^FTE-\d{4}-00001$/);

    const take = await api.call(
      instructor,
      'POST',
      `/api/dossiers/${id}/assign`,
      {},
      await api.withMatch(instructor, id),
    );
    expect(take.body.status).toBe('in_review');
    const req = await api.call(
      instructor,
      'POST',
      `/api/dossiers/${id}/request-documents`,
      { message: 'Merci de joindre votre dernier avis d’imposition complet.', documentTypes: ['tax_notice'] },
      await api.withMatch(instructor, id),
    );
    expect(req.body.status).toBe('awaiting_documents');
    const again = await api.upload(household, id, 'tax_notice');
    expect(again.confirm?.status).toBe(200);
    const answer = await api.call(
      household,
      'POST',
      `/api/dossiers/${id}/answer`,
      { message: 'Voici l’avis complet.' },
      await api.withMatch(household, id),
    );
    expect(answer.body.status).toBe('in_review');

    const atts = await api.call(instructor, 'GET', `/api/dossiers/${id}/attachments`);
    for (const a of atts.body.items) {
      const v = await api.call(instructor, 'PUT', `/api/dossiers/${id}/attachments/${a.id}/verdict`, {
        valid: true,
      });
      expect(v.status).toBe(200);
    }
    const proposal = await api.call(
      instructor,
      'POST',
      `/api/dossiers/${id}/propose`,
      { kind: 'grant', text: 'Dossier complet, avis favorable.' },
      await api.withMatch(instructor, id),
    );
    expect(proposal.status).toBe(200);
    expect(proposal.body.status).toBe('proposed');
    const amount = proposal.body.proposal.amountsByFunder.agglomeration as number;
    expect(amount).toBeGreaterThan(0);

    const year = new Date().getUTCFullYear();
    const env = await api.call(finance, 'POST', '/api/envelopes', {
      scheme: 'FTE',
      year,
      funder: 'agglomeration',
      amountCents: 10_000_000,
    });
    expect(env.status).toBe(201);
    const session = await api.call(bureau, 'POST', '/api/sessions', {
      number: `${year}-01`,
      date: `${year}-11-20`,
    });
    expect(session.status).toBe(201);
    const sid = session.body.id;
    const sched = await api.call(
      bureau,
      'POST',
      `/api/sessions/${sid}/agenda`,
      { dossierId: id },
      await api.withMatch(bureau, id),
    );
    expect(sched.body.status).toBe('scheduled');
    const decision = await api.call(
      bureau,
      'POST',
      `/api/sessions/${sid}/decisions`,
      { dossierId: id, outcome: 'favourable', deliberationNumber: `B${year}-042` },
      await api.withMatch(bureau, id),
    );
    expect(decision.status).toBe(200);
    expect(decision.body.status).toBe('approved');

    const envAfter = await api.call(finance, 'GET', `/api/envelopes?year=${year}`);
    const e = envAfter.body.items.find((x: { id: string }) => x.id === `FTE-${year}-agglomeration`);
    expect(e).toMatchObject({
      committedCents: amount,
      availableCents: 10_000_000 - amount,
      amountCents: 10_000_000,
    });

    const advance = Math.floor(amount * 0.3);
    const pay1 = await api.call(
      finance,
      'POST',
      `/api/dossiers/${id}/payments`,
      { funder: 'agglomeration', kind: 'advance', amountCents: advance },
      await api.withMatch(finance, id),
    );
    expect(pay1.status).toBe(201);
    expect(pay1.body.dossier.status).toBe('partly_paid');
    const { confirm: invoice } = await api.upload(household, id, 'invoice');
    expect(invoice?.status).toBe(200);
    const v = await api.call(
      instructor,
      'PUT',
      `/api/dossiers/${id}/attachments/${invoice?.body.id}/verdict`,
      { valid: true },
    );
    expect(v.status).toBe(200);
    const tooMuch = await api.call(
      finance,
      'POST',
      `/api/dossiers/${id}/payments`,
      { funder: 'agglomeration', kind: 'balance', amountCents: amount },
      await api.withMatch(finance, id),
    );
    expect(tooMuch.status).toBe(422);
    const pay2 = await api.call(
      finance,
      'POST',
      `/api/dossiers/${id}/payments`,
      { funder: 'agglomeration', kind: 'balance', amountCents: amount - advance },
      await api.withMatch(finance, id),
    );
    expect(pay2.status).toBe(201);
    expect(pay2.body.dossier.status).toBe('paid');

    const exp = await api.call(
      finance,
      'GET',
      `/api/exports/payments?format=csv&scheme=FTE&from=${year}-01-01&to=${year}-12-31`,
    );
    expect(exp.status).toBe(303);
    const csv = await (await fetch(exp.headers.get('location') as string)).text();
    expect(csv).toContain(proposal.body.reference);
    expect(csv.split('\r\n').filter((l) => l.startsWith(proposal.body.reference))).toHaveLength(2);

    const mine = await api.call(household, 'GET', `/api/dossiers/${id}`);
    expect(mine.body.timeline.map((t: { to: string }) => t.to)).toEqual([
      'draft',
      'submitted',
      'in_review',
      'awaiting_documents',
      'in_review',
      'proposed',
      'scheduled',
      'approved',
      'partly_paid',
      'paid',
    ]);
    const other = await api.call('demo-entreprise', 'GET', `/api/dossiers/${id}`);
    expect(other.status).toBe(404);
  });
});
