import { getDossier } from '@aides/services/dossiers/applications';
import { recordPayment } from '@aides/services/finance/payments';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, seedApproved, webHarness } from '../../../test/support/web-harness.ts';

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
