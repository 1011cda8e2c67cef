import { getDossier } from '@aides/services/dossiers/applications';
import { getEnvelope } from '@aides/services/finance/envelopes';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, seedApproved, webHarness } from '../../../../test/support/web-harness.ts';
import { contentSecurityPolicy } from '../../lib/csp.ts';

let h: Awaited<ReturnType<typeof webHarness>>;
let id: string;
const finance = 'demo-finances';
const year = new Date().getUTCFullYear();
const envelopeId = `FTE-${year}-agglomeration`;
const envelope = () => getEnvelope(h.ctx, callerOf(finance), envelopeId);

beforeAll(async () => {
  h = await webHarness();
  id = await seedApproved(h.ctx, 10_000_000);
});

describe('Déclarer caduc', () => {
  it('needs a motivation, then releases what was committed and not paid', async () => {
    const before = await envelope();
    expect(before.committedCents).toBeGreaterThan(0);
    const page = await (await h.get(finance, `/finances/dossiers/${id}`)).text();
    expect(page).toContain('Déclarer caduc');
    const version = String((await getDossier(h.ctx, callerOf(finance), id)).version);

    const empty = await h.post(finance, `/finances/dossiers/${id}/caducite`, { version, motivation: ' ' });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toMatch(/id="f-motivation-error"[^>]*>La motivation est obligatoire/);
    expect(html).toContain('href="#f-motivation"');
    expect(html).toMatch(/id="f-motivation"[^>]*aria-invalid="true"/);

    const stale = await h.post(finance, `/finances/dossiers/${id}/caducite`, {
      version: '1',
      motivation: 'Travaux non réalisés',
    });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain('modifié par quelqu’un d’autre');

    const ok = await h.post(finance, `/finances/dossiers/${id}/caducite`, {
      version,
      motivation: 'Travaux non réalisés dans les trois ans.',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/finances/dossiers/${id}?ok=caduc`);
    expect((await getDossier(h.ctx, callerOf(finance), id)).status).toBe('lapsed');
    const after = await envelope();
    expect(after.availableCents).toBe(before.availableCents + before.committedCents);
    const done = await (await h.get(finance, `/finances/dossiers/${id}?ok=caduc`)).text();
    expect(done).toContain('Dossier déclaré caduc');
    expect(done).not.toContain('action="/finances/dossiers');
    // The beneficiary reads the reason in the timeline.
    expect(await (await h.get('demo-menage', `/mes-dossiers/${id}`)).text()).toContain(
      'Travaux non réalisés dans les trois ans.',
    );
  });

  it('is for finance only', async () => {
    const res = await h.post('demo-instructrice', `/finances/dossiers/${id}/caducite`, {
      version: '1',
      motivation: 'x',
    });
    expect(res.status).toBe(403);
  });
});

describe('Augmenter l’enveloppe', () => {
  it('refuses an unreadable or missing amount beside the field, then raises amount and available', async () => {
    const page = await (await h.get(finance, `/finances?annee=${year}`)).text();
    expect(page).toContain('Augmenter l’enveloppe');
    expect(page).toContain(`<option value="${envelopeId}"`);
    const path = `/finances/enveloppes/augmenter?annee=${year}`;

    const bad = await h.post(finance, path, { envelopeId, raiseAmount: 'beaucoup' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/id="f-raiseAmount-error"[^>]*>Montant en euros attendu/);
    expect(badHtml).toContain('href="#f-raiseAmount"');
    const missing = await h.post(finance, path, { envelopeId, raiseAmount: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/id="f-raiseAmount-error"[^>]*>Montant obligatoire/);
    const zero = await h.post(finance, path, { envelopeId, raiseAmount: '0' });
    expect(zero.status).toBe(400);
    expect(await zero.text()).toMatch(/id="f-raiseAmount-error"[^>]*>Montant strictement positif/);

    const before = await envelope();
    const ok = await h.post(finance, path, { envelopeId, raiseAmount: '2 500,50' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/finances?annee=${year}&ok=augmentee`);
    const after = await envelope();
    expect(after.amountCents).toBe(before.amountCents + 250_050);
    expect(after.availableCents).toBe(before.availableCents + 250_050);
    expect(await (await h.get(finance, `/finances?annee=${year}&ok=augmentee`)).text()).toContain(
      'Enveloppe augmentée',
    );
  });
});

describe('Content-Security-Policy', () => {
  it('allows scripts and styles from the app only, and the S3 endpoint for uploads', async () => {
    const res = await h.get(finance, `/finances?annee=${year}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const s3 = new URL(h.store.config.s3Endpoint as string).origin;
    expect(csp).toMatch(new RegExp(`connect-src 'self' ${s3.replaceAll('.', '\\.')}`));
    expect(csp).toContain(`form-action 'self' ${s3}`);
    const html = await res.text();
    // Nothing inline that the policy would block.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('falls back to AWS’s S3 origins when no endpoint is configured', () => {
    expect(contentSecurityPolicy(undefined).connectSrc).toEqual(["'self'", 'https://*.amazonaws.com']);
    expect(contentSecurityPolicy('http://127.0.0.1:4569/').connectSrc).toEqual([
      "'self'",
      'http://127.0.0.1:4569',
    ]);
  });
});
