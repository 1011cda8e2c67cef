import { existsSync } from 'node:fs';
import { validNumeroFiscal } from '@aides/domain/testing/fixtures';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, enableAxe } from './axe.ts';
import {
  JOURNEY_TIMEOUT,
  launch,
  SETUP_TIMEOUT,
  signIn,
  startLocalServer,
  submit,
  upload,
} from './support.ts';

/** The applicant's step-by-step form in Chromium: nothing typed is lost, the estimate never races. */
const chromiumPresent = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
let server: Awaited<ReturnType<typeof startLocalServer>>;
let browser: Browser;
let page: Page;
const year = new Date().getFullYear();

beforeAll(async () => {
  if (!chromiumPresent) return;
  server = await startLocalServer();
  browser = await launch();
  page = (await signIn(browser, server.origin, 'demo-menage')).page;
  await enableAxe(page.context());
}, SETUP_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newFteDraft() {
  await page.goto('/demandes/nouvelle');
  await page.check('input[name="scheme"][value="FTE"]');
  await submit(page, 'button:has-text("Commencer")');
  // A draft already under way is offered for resuming: start a new one all the same.
  if (!/\/etape\/1$/.test(new URL(page.url()).pathname))
    await submit(page, 'button:has-text("Commencer un nouveau brouillon")');
  return /\/demandes\/([^/]+)\/etape\/1/.exec(page.url())?.[1] as string;
}

async function newDraft(scheme: 'FTE' | 'HABITAT') {
  await page.goto('/demandes/nouvelle');
  await page.check(`input[name="scheme"][value="${scheme}"]`);
  await submit(page, 'button:has-text("Commencer")');
  if (!/\/etape\/1$/.test(new URL(page.url()).pathname))
    await submit(page, 'button:has-text("Commencer un nouveau brouillon")');
  return /\/demandes\/([^/]+)\/etape\/1/.exec(page.url())?.[1] as string;
}

/** Fills a step (selects by value) and goes on with « Suivant ». */
async function fillStep(values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const el = page.locator(`[name="${name}"]`);
    if ((await el.evaluate((x) => x.tagName)) === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
  await submit(page, 'button:has-text("Suivant")');
}

const identity = {
  'applicant.lastName': 'Martin',
  'applicant.firstName': 'Claire',
  'contact.email': 'claire.martin@example.fr',
};

/** Clicks a step of the progress list and waits for that step's page. */
async function goToStep(title: string, path: RegExp) {
  await Promise.all([
    page.waitForURL(path),
    page.locator('nav[aria-label="Étapes de la demande"]').getByText(title, { exact: true }).click(),
  ]);
}

describe.skipIf(!chromiumPresent)('the step-by-step form in Chromium', () => {
  it(
    'a surname typed on step 1 survives a click on the step-2 link and back',
    async () => {
      const id = await newFteDraft();
      await page.fill('[name="applicant.lastName"]', 'Delcourt-Typé');
      await goToStep('Logement et foyer', new RegExp(`/demandes/${id}/etape/2$`));
      await page.fill('[name="household.taxIncomeEuros"]', '41 000');
      // Straight to the review through the list: the income is there.
      await goToStep('Vérification et dépôt', new RegExp(`/demandes/${id}/recapitulatif$`));
      expect(await page.textContent('main')).toContain('41000');
      await goToStep('Vous', new RegExp(`/demandes/${id}/etape/1$`));
      expect(await page.inputValue('[name="applicant.lastName"]')).toBe('Delcourt-Typé');
      // Enter in a field still means « Suivant » (the step buttons come first in the page).
      await page.fill('[name="applicant.firstName"]', 'Claire');
      await Promise.all([
        page.waitForURL(new RegExp(`/demandes/${id}/etape/2$`)),
        page.press('[name="applicant.firstName"]', 'Enter'),
      ]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'typing fast refreshes the estimate without a single 409',
    async () => {
      const id = await newFteDraft();
      await page.goto(`/demandes/${id}/etape/2`);
      const answers: Response[] = [];
      page.on('response', (r) => {
        if (r.url().includes(`/demandes/${id}/estimation/`)) answers.push(r);
      });
      // Each change starts a refresh. Each request is held in the browser until the next one is
      // on its way, so every refresh overlaps the previous one (as on a slow line).
      let held: (() => void) | undefined;
      let seen = 0;
      let onSeen: (() => void) | undefined;
      // Each held request is let go once: a later request must not continue it again.
      const release = () => {
        const r = held;
        held = undefined;
        r?.();
      };
      await page.route('**/estimation/*', (route) => {
        release();
        held = () => void route.continue();
        seen++;
        onSeen?.();
      });
      const fields: [string, string][] = [
        ['address.line1', '12 rue des Lilas'],
        ['address.postalCode', '62400'],
        ['household.size', '3'],
        ['household.taxIncomeEuros', '38000'],
        ['household.taxIncomeYear', String(new Date().getFullYear() - 1)],
      ];
      for (const [i, [name, value]] of fields.entries()) {
        const intercepted = new Promise<void>((resolve) => {
          onSeen = () => seen > i && resolve();
        });
        await page.fill(`[name="${name}"]`, value);
        await page.locator(`[name="${name}"]`).dispatchEvent('change');
        await intercepted;
      }
      release();
      await expect.poll(() => answers.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(fields.length);
      const statuses = await Promise.all(answers.map((r) => r.finished().then(() => r.status())));
      expect(statuses).toEqual(statuses.map(() => 200));
      // « Suivant » afterwards is not refused either.
      await submit(page, 'button:has-text("Suivant")');
      expect(await page.textContent('main')).not.toContain('modifié par quelqu’un d’autre');
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'Habitat asks the DPE classes before and after and the assessment reference, not a percentage gain alone',
    async () => {
      const id = await newDraft('HABITAT');
      await fillStep(identity);
      await fillStep({
        'address.line1': '4 rue d’Aire',
        'address.postalCode': '62400',
        'address.communeInsee': '62119',
        ownerStatus: 'occupant',
        'household.size': '1',
        'household.taxIncomeEuros': '12000',
        'household.taxIncomeYear': String(year - 1),
      });
      await fillStep({
        workKind: 'energy',
        'dpe.before': 'F',
        'dpe.after': 'C',
        'dpe.assessmentReference': '2362E1234567A',
        energyGainPct: '45',
        worksNotStarted: 'true',
        'works.0.label': 'Isolation et pompe à chaleur',
        'works.0.amountHtCents': '45000',
        'works.0.amountTtcCents': '47475',
        'works.0.company.name': 'Réno’Artois',
      });
      await page.goto(`/demandes/${id}/recapitulatif`);
      const text = (await page.textContent('#estimation')) ?? '';
      expect(text).toContain('Gain de 3 classes au DPE (F → C), au moins 2.');
      expect(text).toContain("MaPrimeRénov' Parcours accompagné (Anah)");
      expect(text).toContain('Vous déclarez que les travaux ne sont pas commencés');
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'an ineligible application shows no amount, says each failing condition in words with an icon, and files only with the acknowledgement; the queue shows it',
    async () => {
      const id = await newDraft('FTE');
      await fillStep(identity);
      // 1 person, 12,000 €: very modest, so the FTE refuses and points to Habitat.
      await fillStep({
        'address.line1': '4 rue d’Aire',
        'address.postalCode': '62400',
        'address.communeInsee': '62119',
        ownerStatus: 'occupant',
        'household.size': '1',
        'household.taxIncomeEuros': '12000',
        'household.taxIncomeYear': String(year - 1),
        'household.notices.0.numeroFiscal': validNumeroFiscal(),
        'household.notices.0.referenceAvis': '2377A12345678',
      });
      await fillStep({
        'adviceAppointment.date': `${year}-01-05`,
        'adviceAppointment.adviser': 'Espace Conseil Béthune',
      });
      await fillStep({
        worksNotStarted: 'true',
        'works.0.type': 'attic_insulation',
        'works.0.surfaceM2': '80',
        'works.0.amountHtCents': '3000',
        'works.0.amountTtcCents': '3165',
        'works.0.company.name': 'Isol’Artois',
      });
      expect(page.url()).toContain(`/demandes/${id}/pieces`);
      for (const t of [
        'identity_document',
        'tax_notice',
        'property_proof',
        'france_renov_certificate',
        'quote',
      ])
        await upload(page, t);
      await page.goto(`/demandes/${id}/recapitulatif`);
      const estimate = (await page.textContent('#estimation')) ?? '';
      expect(estimate).toContain('Non éligible');
      expect(estimate).toContain('Pas de montant estimé');
      expect(estimate).not.toContain('Montant estimé :');
      // Pass and fail are said in words and with an icon, not by colour alone (WCAG 1.4.1).
      const failing = page.locator('#estimation .reasons li.not_eligible').first();
      expect(await failing.textContent()).toContain('Condition non remplie :');
      expect(await failing.locator('.icon').textContent()).toBe('✖');
      expect(await page.locator('#estimation .reasons li.eligible .icon').first().textContent()).toBe('✔');
      expect(await axeViolations(page)).toEqual([]);

      // Without the acknowledgement, nothing is filed.
      await submit(page, 'button:has-text("Déposer quand même")');
      expect(await page.textContent('main')).toContain('confirmez que vous en avez pris connaissance');
      expect(new URL(page.url()).pathname).toBe(`/demandes/${id}/deposer`);
      expect(await axeViolations(page)).toEqual([]);
      await page.check('input[name="connaissance"]');
      await submit(page, 'button:has-text("Déposer quand même")');
      await page.locator('h2', { hasText: 'Demande déposée' }).waitFor({ state: 'visible' });
      const reference = /FTE-\d{4}-\d{5}/.exec((await page.textContent('main')) ?? '')?.[0] as string;

      const instructor = (await signIn(browser, server.origin, 'demo-instructrice')).page;
      await instructor.goto('/instruction?scheme=FTE&status=submitted');
      const row = instructor.locator('tbody tr', { hasText: reference });
      expect(await row.textContent()).toContain('déposé en connaissance de cause');
      expect(await row.locator('.outcome .icon').textContent()).toBe('✖');
      await enableAxe(instructor.context());
      expect(await axeViolations(instructor)).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
