import { listAttachments } from '@aides/services/attachments/attachments';
import { getDossier } from '@aides/services/dossiers/applications';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  callerOf,
  seedApproved,
  seedScheduled,
  seedSubmitted,
  webHarness,
} from '../../../test/support/web-harness.ts';

// Issue 18, point 4: a staff action's error is at the top of the page, in a focused summary
// linking to the item at fault, as on the household forms.
let h: Awaited<ReturnType<typeof webHarness>>;
const instructor = 'demo-instructrice';
const version = async (id: string) => String((await getDossier(h.ctx, callerOf(instructor), id)).version);

beforeAll(async () => {
  h = await webHarness();
});

/** The summary is the first thing in main, the only one, focused, and each link has its target. */
async function expectSummaryOnTop(res: Response, says: RegExp) {
  expect(res.status).toBeGreaterThanOrEqual(400);
  const html = await res.text();
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  expect(main).toMatch(/^<div class="alert error-summary" role="alert" tabindex="-1" autofocus/);
  expect(html.match(/class="alert error-summary"/g)).toHaveLength(1);
  const summary = /^<div class="alert error-summary"[\s\S]*?<\/div>/.exec(main)?.[0] ?? '';
  expect(summary).toMatch(says);
  const targets = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
  expect(targets.length).toBeGreaterThan(0);
  for (const t of targets) expect(html, `cible #${t}`).toContain(`id="${t}"`);
  return summary;
}

describe('staff errors at the top of the page', () => {
  it('instructor: proposing with a document not verified links to that document’s row', async () => {
    const id = await seedSubmitted(h.ctx, 'FTE');
    const path = `/instruction/dossiers/${id}`;
    expect((await h.post(instructor, `${path}/prendre`, { version: await version(id) })).status).toBe(303);
    const docs = await listAttachments(h.ctx, callerOf(instructor), id);
    const quote = docs.find((a) => a.documentType === 'quote');
    for (const a of docs.filter((x) => x !== quote))
      await h.post(instructor, `${path}/pieces/${a.id}/avis`, { valid: 'oui' });
    await h.post(instructor, `${path}/pieces/${quote?.id}/avis`, { valid: 'non', reason: 'Illisible' });
    const summary = await expectSummaryOnTop(
      await h.post(instructor, `${path}/proposition`, {
        version: await version(id),
        kind: 'grant',
        text: 'Dossier complet.',
      }),
      /Pièces à vérifier avant la proposition au Bureau : Devis des travaux/,
    );
    expect(summary).toContain(`href="#piece-${quote?.id}"`);

    await expectSummaryOnTop(
      await h.post(instructor, `${path}/pieces/${quote?.id}/avis`, { valid: 'non', reason: '' }),
      new RegExp(`href="#f-v-${quote?.id}-reason"`),
    );
    await expectSummaryOnTop(await h.post(instructor, `${path}/notes`, { text: '' }), /href="#f-note-text"/);
    await expectSummaryOnTop(
      await h.post(instructor, `${path}/demande-pieces`, { version: await version(id), message: '' }),
      /href="#f-message"/,
    );
    await expectSummaryOnTop(
      await h.post(instructor, `${path}/proposition`, { version: '1', kind: 'grant', text: 'x' }),
      /href="#proposition">Le dossier a été modifié/,
    );
  });

  it('Bureau: a session number, a decision, a stale scheduling', async () => {
    await expectSummaryOnTop(
      await h.post('demo-bureau', '/bureau/seances', { number: 'séance 1', date: '2026-12-15' }),
      /href="#f-number"/,
    );
    const { id, sessionId } = await seedScheduled(h.ctx);
    const key = id.slice(0, 8);
    await expectSummaryOnTop(
      await h.post('demo-bureau', `/bureau/seances/${sessionId}/decisions`, {
        dossierId: id,
        version: await version(id),
        outcome: 'favourable',
        deliberationNumber: '',
      }),
      new RegExp(`href="#f-${key}-deliberationNumber"`),
    );
    await expectSummaryOnTop(
      await h.post('demo-bureau', `/bureau/seances/${sessionId}/ordre-du-jour`, {
        dossierId: id,
        version: '1',
      }),
      /href="#a-inscrire"/,
    );
  });

  it('finance: envelope, raise, payment, lapse', async () => {
    const id = await seedApproved(h.ctx);
    const finance = 'demo-finances';
    await expectSummaryOnTop(
      await h.post(finance, '/finances/enveloppes', {
        scheme: 'FTE',
        year: '2026',
        funder: 'region',
        amountCents: 'beaucoup',
      }),
      /href="#f-amountCents"/,
    );
    await expectSummaryOnTop(
      await h.post(finance, '/finances/enveloppes/augmenter', { envelopeId: 'x', raiseAmount: '' }),
      /href="#f-raiseAmount"/,
    );
    await expectSummaryOnTop(
      await h.post(finance, `/finances/dossiers/${id}/versements`, {
        version: await version(id),
        funder: 'agglomeration',
        kind: 'advance',
        amountCents: 'x',
      }),
      /href="#f-amountCents"/,
    );
    await expectSummaryOnTop(
      await h.post(finance, `/finances/dossiers/${id}/caducite`, {
        version: await version(id),
        motivation: '',
      }),
      /href="#f-motivation"/,
    );
  });
});
