import { existsSync } from 'node:fs';
import { getDossier } from '@aides/services/dossiers/applications';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, seedSubmitted } from '../support/web-harness.ts';
import { launch, signIn, startLocalServer } from './support.ts';

// Issue 18, points 11 and 4 in a real browser: « Mes dossiers » fits 375 px, and a refused staff
// form's summary has the focus when the page loads.
const chromiumPresent = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
let server: Awaited<ReturnType<typeof startLocalServer>>;
let browser: Browser;

beforeAll(async () => {
  if (!chromiumPresent) return;
  server = await startLocalServer();
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.runIf(chromiumPresent)('in Chromium', () => {
  it('« Mes dossiers » has no horizontal scroll at 375 px', async () => {
    await seedSubmitted(server.ctx, 'FTE');
    await seedSubmitted(server.ctx, 'FTE');
    const { context, page } = await signIn(browser, server.origin, 'demo-menage');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/mes-dossiers');
    await page.waitForSelector('main table');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    // « Mis à jour » is still there, as the row's label.
    expect(await page.locator('td[data-label="Mis à jour"]').first().isVisible()).toBe(true);
    await context.close();
  }, 120_000);

  it('an instructor’s refused form: the summary at the top has the focus', async () => {
    const id = await seedSubmitted(server.ctx, 'FTE');
    const d = await getDossier(server.ctx, callerOf('demo-instructrice'), id);
    const { context, page } = await signIn(browser, server.origin, 'demo-instructrice');
    await page.goto(`/instruction/dossiers/${id}`);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Ajouter la note")')]);
    await page.waitForSelector('.error-summary');
    const focused = await page.evaluate(() => document.activeElement?.classList.contains('error-summary'));
    expect(focused).toBe(true);
    const top = await page.evaluate(
      () => document.querySelector('.error-summary')?.getBoundingClientRect().top,
    );
    expect(top).toBeLessThan(800);
    expect(d.status).toBe('submitted');
    await context.close();
  }, 120_000);
});
