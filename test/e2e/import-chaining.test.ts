import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PLAN, sampleRows, toCsv } from '../fixtures/imports/samples.ts';
import { axeViolations, enableAxe } from './axe.ts';
import { JOURNEY_TIMEOUT, launch, SETUP_TIMEOUT, signIn, startLocalServer } from './support.ts';

/**
 * An import longer than one request (issue 16: 20,000 dossiers take many slices of 20 s) goes on
 * by itself once the admin clicks « Importer »: the page sends each next slice, each resuming
 * where the last stopped, until it is done. Slices are shortened here (IMPORT_SLICE_MS) so that
 * twelve dossiers take several.
 */
const chromiumPresent = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
let server: Awaited<ReturnType<typeof startLocalServer>>;
let browser: Browser;
let page: Page;
const previous = process.env.IMPORT_SLICE_MS;

beforeAll(async () => {
  if (!chromiumPresent) return;
  process.env.IMPORT_SLICE_MS = '1';
  server = await startLocalServer();
  browser = await launch();
  const signed = await signIn(browser, server.origin, 'demo-admin');
  await enableAxe(signed.context);
  page = signed.page;
}, SETUP_TIMEOUT);

afterAll(async () => {
  if (previous === undefined) delete process.env.IMPORT_SLICE_MS;
  else process.env.IMPORT_SLICE_MS = previous;
  await browser?.close();
  await server?.close();
});

describe.skipIf(!chromiumPresent)('an import in slices, in the browser', () => {
  it(
    'one click on « Importer »: the page runs slice after slice by itself until it is done',
    async () => {
      const plan = SAMPLE_PLAN.ESS[2022];
      const rows = Array.from({ length: 12 }, (_, i) =>
        sampleRows('ESS', 2018, { ...(plan[i % plan.length] as (typeof plan)[number]), seq: i + 1 }),
      ).flat();
      await page.goto('/imports');
      await page.selectOption('#f-scheme', 'ESS');
      await page.setInputFiles('#f-file', {
        name: 'ess-2018.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(toCsv('ESS', rows)),
      });
      await Promise.all([
        page.waitForURL(/\/imports\/[0-9a-f-]{36}$/),
        page.click('button:has-text("Déposer et faire l’essai")'),
      ]);
      await expect(page.locator('#essai + ul').textContent()).resolves.toContain('12 dossiers à importer');
      let slices = 0;
      page.on('request', (r) => {
        if (r.method() === 'POST' && /\/importer$/.test(r.url())) slices += 1;
      });
      await page.click('button:has-text("Importer")');
      await page.getByTestId('import-status').filter({ hasText: 'Terminé' }).waitFor({ timeout: 60_000 });
      await expect(page.locator('#import + ul').textContent()).resolves.toContain('12 dossiers importés');
      // More than the one click: the page sent the next slices itself.
      expect(slices).toBeGreaterThan(1);
      expect(await axeViolations(page)).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
