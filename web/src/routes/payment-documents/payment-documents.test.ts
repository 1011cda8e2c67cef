import { getDossier } from '@aides/services/dossiers/applications';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  callerOf,
  FTE_DOCUMENTS_WITHOUT_RIB,
  samplePdf,
  seedApproved,
  webHarness,
} from '../../../../test/support/web-harness.ts';

/**
 * The paying path in the web pages (issue 13 §1): a granted FTE dossier whose household never
 * sent a RIB. On main its page had no upload form, no instructor queue existed and finance saw
 * no documents.
 */
let h: Awaited<ReturnType<typeof webHarness>>;
let id: string;
let reference: string;
const household = 'demo-menage';
const instructor = 'demo-instructrice';
const finance = 'demo-finances';

beforeAll(async () => {
  h = await webHarness();
  id = await seedApproved(h.ctx, 10_000_000, FTE_DOCUMENTS_WITHOUT_RIB);
  reference = (await getDossier(h.ctx, callerOf(finance), id)).reference as string;
});

/** The upload form without JavaScript: the file goes to the server, which forwards it to S3. */
function uploadForm(documentType: string) {
  const form = new FormData();
  form.append('retour', `/mes-dossiers/${id}`);
  form.append('documentType', documentType);
  form.append('file', new Blob([samplePdf()], { type: 'application/pdf' }), `${documentType}.pdf`);
  return h.post(household, `/dossiers/${id}/pieces`, form);
}

const page = async (as: string, path: string) => {
  const res = await h.get(as, path);
  expect(res.status).toBe(200);
  return res.text();
};
const attachmentIdsInQueue = async () =>
  [
    ...(await page(instructor, '/instruction/pieces-de-paiement')).matchAll(
      new RegExp(`/instruction/pieces-de-paiement/${id}/([A-Za-z0-9-]+)`, 'g'),
    ),
  ].map((m) => m[1] as string);

describe('payment documents in the web', () => {
  it('the household is told the RIB is needed before the advance, and can upload it', async () => {
    const html = await page(household, `/mes-dossiers/${id}`);
    expect(html).toContain('Pièces pour le paiement de l’aide');
    expect(html).toMatch(/Avant l’avance<\/strong> : <span class="todo">[^<]*Relevé d’identité bancaire/);
    expect(html).toContain(`data-upload="/dossiers/${id}/pieces/autorisation"`);
    // Only payment documents are offered, and accepted.
    expect(html).toContain('<option value="rib"');
    expect(html).not.toContain('<option value="tax_notice"');
    const wrong = await uploadForm('tax_notice');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Une fois l’aide accordée, déposez');

    const res = await uploadForm('rib');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/mes-dossiers/${id}?piece=ok`);
    const after = await page(household, `/mes-dossiers/${id}?piece=ok`);
    expect(after).toContain('Reçue, en attente de vérification');
  });

  it('instructors find it in « Pièces de paiement à vérifier »; a refusal is shown with its reason', async () => {
    const queue = await page(instructor, '/instruction/pieces-de-paiement');
    expect(queue).toContain(reference);
    const [rib] = await attachmentIdsInQueue();
    expect(rib).toBeDefined();
    const empty = await h.post(instructor, `/instruction/pieces-de-paiement/${id}/${rib}`, { valid: 'non' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Motif du refus de la pièce obligatoire');
    const refused = await h.post(instructor, `/instruction/pieces-de-paiement/${id}/${rib}`, {
      valid: 'non',
      reason: 'RIB illisible : merci d’en envoyer une copie nette.',
    });
    expect(refused.status).toBe(303);
    expect(await attachmentIdsInQueue()).toEqual([]);
    const html = await page(household, `/mes-dossiers/${id}`);
    expect(html).toContain('Non conforme : RIB illisible : merci d’en envoyer une copie nette.');
    // Staff names stay with staff.
    expect(html).not.toContain(callerOf(instructor).name);
  });

  it('finance sees the documents, their verdicts, a link to each file and what is missing', async () => {
    expect((await uploadForm('rib')).status).toBe(303);
    const [rib] = await attachmentIdsInQueue();
    expect(
      (await h.post(instructor, `/instruction/pieces-de-paiement/${id}/${rib}`, { valid: 'oui' })).status,
    ).toBe(303);

    const html = await page(finance, `/finances/dossiers/${id}`);
    expect(html).toContain('Pièces de paiement');
    expect(html).toContain(`href="/dossiers/${id}/pieces/${rib}"`);
    expect(html).toContain('Vérifiée : conforme');
    expect(html).toContain('RIB illisible');
    expect(html).toMatch(/Avant l’avance<\/strong> : <span class="done">/);
    expect(html).toMatch(/Avant le solde<\/strong> : <span class="todo">manque : Factures acquittées/);
    // The file link opens the document for finance (a short-lived link to the object).
    const open = await h.get(finance, `/dossiers/${id}/pieces/${rib}`);
    expect(open.status).toBe(303);

    const d = await getDossier(h.ctx, callerOf(finance), id);
    const advance = Math.floor((d.committedByFunder?.agglomeration ?? 0) * 0.3);
    const paid = await h.post(finance, `/finances/dossiers/${id}/versements`, {
      version: String(d.version),
      funder: 'agglomeration',
      kind: 'advance',
      amountCents: (advance / 100).toFixed(2).replace('.', ','),
    });
    expect(paid.status).toBe(303);
    expect((await getDossier(h.ctx, callerOf(finance), id)).status).toBe('partly_paid');
  });
});
