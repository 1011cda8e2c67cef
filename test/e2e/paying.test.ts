import { existsSync } from 'node:fs';
import type { Funder } from '@aides/domain';
import { createDraft, getDossier } from '@aides/services/dossiers/applications';
import { submitDossier } from '@aides/services/dossiers/submit';
import { createEnvelope } from '@aides/services/finance/envelopes';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationOf, FUNDERS, ruleSetOf } from '../support/journeys.ts';
import {
  callerOf,
  FTE_DOCUMENTS_WITHOUT_RIB,
  grantScheduled,
  scheduleFiled,
  seedApproved,
  uploadDoc,
} from '../support/web-harness.ts';
import {
  cspViolations,
  frenchAmount,
  JOURNEY_TIMEOUT,
  launch,
  SCREENSHOTS,
  SETUP_TIMEOUT,
  signIn,
  startLocalServer,
  submit,
  upload,
} from './support.ts';

/**
 * From the grant to the balance in the browser (issue 13 §1): the household uploads the RIB and
 * the invoices, the instructor judges them from « Pièces de paiement à vérifier », finance pays
 * the advance and the balance. The dossier is granted through the services: the way to the grant
 * in the browser is journeys.test.ts's FTE journey. It is granted without a RIB, the case that
 * could not be paid through the web before. The Habitat grant (two funders) is seeded the same
 * way, although no browser journey reaches a Habitat grant yet (test/journeys.test.ts does, over
 * the HTTP API).
 */
const chromiumPresent = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
let server: Awaited<ReturnType<typeof startLocalServer>>;
let browser: Browser;
const pages: Record<string, Page> = {};

beforeAll(async () => {
  if (!chromiumPresent) return;
  server = await startLocalServer();
  browser = await launch();
  for (const sub of ['demo-menage', 'demo-instructrice', 'demo-finances'])
    pages[sub] = (await signIn(browser, server.origin, sub)).page;
}, SETUP_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const p = (sub: string) => pages[sub] as Page;

/** A Habitat dossier granted by the Bureau through the services, without a RIB. */
async function seedHabitatGranted() {
  const ctx = server.ctx;
  const owner = callerOf('demo-menage');
  const year = ctx.now().getUTCFullYear();
  for (const funder of FUNDERS.HABITAT)
    await createEnvelope(ctx, callerOf('demo-finances'), {
      scheme: 'HABITAT',
      year,
      funder,
      amountCents: 100_000_000,
    }).catch(() => undefined);
  const d = await createDraft(ctx, owner, { scheme: 'HABITAT', application: applicationOf('HABITAT') });
  const id = d.id;
  for (const t of ruleSetOf('HABITAT').documents.beforeDecision) await uploadDoc(ctx, owner, id, t);
  await submitDossier(ctx, owner, id, d.version, `seed-${id}`);
  const { sessionId } = await scheduleFiled(ctx, id);
  await grantScheduled(ctx, id, sessionId);
  return id;
}
const main = async (page: Page) => (await page.textContent('main')) ?? '';

/** The instructor judges every payment document of the dossier waiting in the queue. */
async function instructorVerifies(reference: string, verdict: { refuse?: string } = {}) {
  const ins = p('demo-instructrice');
  await ins.goto('/instruction/pieces-de-paiement');
  const rows = () => ins.locator('tbody tr', { hasText: reference });
  expect(await rows().count()).toBeGreaterThan(0);
  while ((await rows().count()) > 0) {
    const row = rows().first();
    if (verdict.refuse) {
      await row.locator('input[name="valid"][value="non"]').check();
      await row.locator('input[name="reason"]').fill(verdict.refuse);
    }
    await submit(ins, `tbody tr:has-text("${reference}") >> nth=0 >> button:has-text("Enregistrer l’avis")`);
    expect(await main(ins)).toContain('Avis enregistré');
    if (verdict.refuse) break;
  }
}

async function financePays(id: string, kind: 'advance' | 'balance', cents: number, funder?: Funder) {
  const fin = p('demo-finances');
  await fin.goto('/finances/engagements');
  await submit(fin, `a[href="/finances/dossiers/${id}"]`);
  if (funder) await fin.selectOption('[name="funder"]', funder);
  await fin.selectOption('[name="kind"]', kind);
  await fin.fill('[name="amountCents"]', frenchAmount(cents));
  await submit(fin, 'button:has-text("Enregistrer le versement")');
  return main(fin);
}

describe.skipIf(!chromiumPresent)('paying a granted aid, in headless Chromium', () => {
  it.each(['FTE', 'HABITAT'] as const)(
    '%s: RIB, advance, invoices, balance — by the household, the instructor and finance',
    async (scheme) => {
      const id =
        scheme === 'FTE'
          ? await seedApproved(server.ctx, 10_000_000, FTE_DOCUMENTS_WITHOUT_RIB)
          : await seedHabitatGranted();
      const granted = await getDossier(server.ctx, callerOf('demo-finances'), id);
      const reference = granted.reference as string;
      // The advance on the first funder's commitment; the balance on each, after the invoices.
      const funders = FUNDERS[scheme];
      const first = funders[0] as Funder;
      const committedBy = (f: Funder) => granted.committedByFunder?.[f] ?? 0;
      const advance = Math.floor(committedBy(first) * 0.3);

      // Finance tries the advance first: the page says what is missing, and so does the refusal.
      const fin = p('demo-finances');
      await fin.goto(`/finances/dossiers/${id}`);
      expect(await fin.textContent('#pieces-paiement-titre + ul')).toMatch(
        /Avant l’avance : manque : Relevé d’identité bancaire/,
      );
      expect(await financePays(id, 'advance', advance, first)).toContain('Pièces à vérifier avant l’avance');

      // The household is told what is needed and uploads the RIB (JS: straight to S3).
      const home = p('demo-menage');
      await home.goto(`/mes-dossiers/${id}`);
      expect(await home.textContent('#pieces-paiement')).toContain('Avant l’avance');
      await upload(home, 'rib');
      expect(await home.textContent('#pieces-paiement')).toContain('Reçue, en attente de vérification');

      // A refusal reaches the household with its reason; a new RIB is then accepted.
      await instructorVerifies(reference, { refuse: 'RIB au nom d’une autre personne.' });
      await home.goto(`/mes-dossiers/${id}`);
      expect(await home.textContent('#pieces-paiement')).toContain(
        'Non conforme : RIB au nom d’une autre personne.',
      );
      await upload(home, 'rib');
      await instructorVerifies(reference);

      expect(await financePays(id, 'advance', advance, first)).toContain('Versement enregistré');

      // Works done: the invoices, then the balance.
      await home.goto(`/mes-dossiers/${id}`);
      expect(await home.textContent('#pieces-paiement')).toMatch(/Avant le solde : à fournir[^:]*: Factures/);
      await upload(home, 'invoice');
      await instructorVerifies(reference);
      await fin.goto(`/finances/dossiers/${id}`);
      const panel = (await fin.textContent('section[aria-labelledby="pieces-paiement-titre"]')) ?? '';
      expect(panel).toMatch(/Avant le solde : ✓/);
      expect(panel).toContain('Vérifiée : conforme');
      expect(await fin.locator(`a[href^="/dossiers/${id}/pieces/"]`).count()).toBe(3);
      for (const f of funders) {
        const rest = committedBy(f) - (f === first ? advance : 0);
        expect(await financePays(id, 'balance', rest, f)).toContain('Versement enregistré');
      }

      await home.goto(`/mes-dossiers/${id}`);
      const timeline = (await home.textContent('.timeline')) ?? '';
      expect(timeline).toContain('Avance versée');
      expect((await getDossier(server.ctx, callerOf('demo-finances'), id)).status).toBe('paid');
      expect(await home.locator('#pieces-paiement').count()).toBe(0);
      await home.screenshot({
        path: `${SCREENSHOTS}/menage-paye-${scheme.toLowerCase()}.png`,
        fullPage: true,
      });
      expect(cspViolations).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
