import { listAttachments } from '@aides/services/attachments/attachments';
import { getDossier } from '@aides/services/dossiers/applications';
import { recordPayment } from '@aides/services/finance/payments';
import { assign, recordVerdict, requestDocuments } from '@aides/services/instruction/instruction';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, seedApproved, seedSubmitted, webHarness } from '../../../test/support/web-harness.ts';

// Issue 18, point 5: what people read on the pages is plain French.
let h: Awaited<ReturnType<typeof webHarness>>;
let id: string;
const finance = 'demo-finances';

beforeAll(async () => {
  h = await webHarness();
  id = await seedApproved(h.ctx, 10_000_000);
});

describe('plain French on the pages', () => {
  it('after an advance the dossier reads « Avance versée », not « Acompte versé »', async () => {
    const d = await getDossier(h.ctx, callerOf(finance), id);
    await recordPayment(h.ctx, callerOf(finance), id, d.version, {
      funder: 'agglomeration',
      kind: 'advance',
      amountCents: 10_000,
    });
    for (const [as, path] of [
      ['demo-menage', `/mes-dossiers/${id}`],
      ['demo-menage', '/mes-dossiers'],
      [finance, `/finances/dossiers/${id}`],
      ['demo-instructrice', `/instruction/dossiers/${id}`],
    ] as const) {
      const html = await (await h.get(as, path)).text();
      expect(html, path).toContain('<span class="status">Avance versée</span>');
      expect(html, path).not.toContain('Acompte versé');
    }
  });

  it('the balance says « Désengagement du reliquat », and Anah is spelt one way', async () => {
    const html = await (await h.get(finance, `/finances/dossiers/${id}`)).text();
    expect(html).toContain('Solde (désengagement du reliquat)');
    const home = await (await h.get(null, '/')).text();
    expect(home).toContain('Anah');
    for (const page of [home, html]) expect(page).not.toContain('ANAH');
  });
});

// Issue 18, point 10: the household is told why a document was refused, and what to do.
describe('a refused document', () => {
  it('reads « Refusée par l’instructeur » with the reason and what to do, not « Reçue »', async () => {
    const instructor = callerOf('demo-instructrice');
    const fte = await seedSubmitted(h.ctx, 'FTE');
    let d = await getDossier(h.ctx, instructor, fte);
    d = await assign(h.ctx, instructor, fte, d.version, {});
    const quote = (await listAttachments(h.ctx, instructor, fte)).find((a) => a.documentType === 'quote');
    const reason = 'Devis sans le détail des surfaces : demandez à l’entreprise un devis détaillé.';
    await recordVerdict(h.ctx, instructor, fte, quote?.id ?? '', { valid: false, reason });

    const before = await (await h.get('demo-menage', `/mes-dossiers/${fte}`)).text();
    expect(before).toContain('Pièces à remplacer');
    expect(before).toContain(`refusée par l’instructeur. Motif : ${reason}`);
    expect(before).toContain('Le service instructeur vous demandera de la remplacer');
    expect(before).not.toContain('Sophie Durand');

    await requestDocuments(h.ctx, instructor, fte, d.version, {
      message: 'Merci.',
      documentTypes: ['quote'],
    });
    const asked = await (await h.get('demo-menage', `/mes-dossiers/${fte}`)).text();
    expect(asked).toContain('Déposez une nouvelle pièce ci-dessous');
    expect(asked).toContain(`Refusée par l’instructeur : ${reason}`);

    // The instructor's form says to whom the reason goes.
    const staff = await (await h.get('demo-instructrice', `/instruction/dossiers/${fte}`)).text();
    expect(staff).toContain('Motif communiqué au demandeur');
  });
});
