import { randomUUID } from 'node:crypto';
import { getDossier } from '@aides/services/dossiers/applications';
import type { OutboxItem } from '@aides/services/notifications/model';
import {
  claimOutboxItem,
  getOutboxItem,
  markAddressUndeliverable,
  markOutboxFailed,
  outboxItemTx,
  transact,
} from '@aides/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, seedSubmitted, webHarness } from '../../../../test/support/web-harness.ts';

/** Issue 13 §2, staff pages: one's own notices, the failed e-mails, an undeliverable address. */
let h: Awaited<ReturnType<typeof webHarness>>;
beforeAll(async () => {
  h = await webHarness();
});

describe('notification pages', () => {
  it('a staff member turns their notices off and on with the form', async () => {
    const page = await (await h.get('demo-bureau', '/notifications')).text();
    expect(page).toContain('<h1>Mes avis par courriel</h1>');
    expect(page).toMatch(/name="staffNotices"[^>]*checked/);
    const off = await h.post('demo-bureau', '/notifications', { envoye: '1' });
    expect(off.status).toBe(303);
    const after = await (await h.get('demo-bureau', '/notifications?ok=1')).text();
    expect(after).toContain('Préférence enregistrée.');
    expect(after).not.toMatch(/name="staffNotices"[^>]*checked/);
    await h.post('demo-bureau', '/notifications', { envoye: '1', staffNotices: 'on' });
    expect(await (await h.get('demo-bureau', '/notifications')).text()).toMatch(
      /name="staffNotices"[^>]*checked/,
    );
    // Applicants have no such page.
    expect((await h.get('demo-menage', '/notifications')).status).toBe(403);
  });

  it('lists a failed e-mail and puts it back in the outbox', async () => {
    const o: OutboxItem = {
      id: randomUUID(),
      dossierId: randomUUID(),
      createdAt: new Date().toISOString(),
      kind: 'decision',
      audience: 'applicant',
      to: { email: 'perdu@example.fr' },
      reference: 'TPE-2026-00012',
      scheme: 'TPE',
      dossierStatus: 'approved',
      params: { kind: 'decision', outcome: 'favourable' },
      status: 'pending',
    };
    await transact(h.ctx.store, [outboxItemTx(h.ctx.store, o)]);
    const now = new Date().toISOString();
    await claimOutboxItem(h.ctx.store, {
      dossierId: o.dossierId,
      id: o.id,
      token: 't',
      now,
      staleBefore: now,
    });
    await markOutboxFailed(
      h.ctx.store,
      { dossierId: o.dossierId, id: o.id, token: 't' },
      {
        failedAt: now,
        lastError: 'Error: 451 Échec simulé',
        subject: 'Demande TPE-2026-00012 : décision du Bureau communautaire',
      },
    );
    const list = await (await h.get('demo-finances', '/notifications/echecs')).text();
    expect(list).toContain('TPE-2026-00012');
    expect(list).toContain('perdu@example.fr');
    expect(list).toContain('451 Échec simulé');
    const retry = await h.post('demo-finances', `/notifications/echecs/${o.dossierId}/${o.id}/renvoyer`, {});
    expect(retry.status).toBe(303);
    expect((await getOutboxItem<OutboxItem>(h.ctx.store, o.dossierId, o.id))?.status).toBe('pending');
    expect(await (await h.get('demo-finances', '/notifications/echecs')).text()).not.toContain(
      'TPE-2026-00012',
    );
  });

  it('the staff dossier page says when the applicant’s address bounces', async () => {
    const id = await seedSubmitted(h.ctx, 'FTE');
    const d = await getDossier(h.ctx, callerOf('demo-instructrice'), id);
    const email = (d.application.contact as { email: string }).email;
    expect(await (await h.get('demo-instructrice', `/instruction/dossiers/${id}`)).text()).not.toContain(
      'non distribuable',
    );
    await markAddressUndeliverable(h.ctx.store, {
      address: email,
      undeliverable: true,
      reason: 'bounce',
      detail: 'Rejet définitif (General)',
      at: '2026-12-01T10:00:00.000Z',
    });
    const page = await (await h.get('demo-instructrice', `/instruction/dossiers/${id}`)).text();
    expect(page).toContain('Adresse électronique du demandeur non distribuable');
    expect(page).toContain(email);
  });
});
