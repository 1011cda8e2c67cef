import { existsSync } from 'node:fs';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNEY_TIMEOUT, launch, SETUP_TIMEOUT, signIn, startLocalServer, submit } from './support.ts';

/** The applicant's step-by-step form in Chromium: nothing typed is lost, the estimate never races. */
const chromiumPresent = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
let server: Awaited<ReturnType<typeof startLocalServer>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!chromiumPresent) return;
  server = await startLocalServer();
  browser = await launch();
  page = (await signIn(browser, server.origin, 'demo-menage')).page;
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
      await page.route('**/estimation/*', (route) => {
        held?.();
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
      held?.();
      await expect.poll(() => answers.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(fields.length);
      const statuses = await Promise.all(answers.map((r) => r.finished().then(() => r.status())));
      expect(statuses).toEqual(statuses.map(() => 200));
      // « Suivant » afterwards is not refused either.
      await submit(page, 'button:has-text("Suivant")');
      expect(await page.textContent('main')).not.toContain('modifié par quelqu’un d’autre');
    },
    JOURNEY_TIMEOUT,
  );
});
