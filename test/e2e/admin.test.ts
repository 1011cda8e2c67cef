import { anahCeilings } from '@aides/domain';
import { fteApplication } from '@aides/domain/testing/fixtures';
import { createDraft, getDossier } from '@aides/services/dossiers/applications';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callerOf, seedSubmitted } from '../support/web-harness.ts';
import { axeViolations } from './axe.ts';
import { chromiumPresent, useBrowserStack } from './steps.ts';
import { cspViolations, JOURNEY_TIMEOUT, SCREENSHOTS, submit } from './support.ts';

/**
 * Issue 15 in the browser: the admin publishes a new FTE rule-set version with its deliberation
 * (preview first: the dossier in instruction shows how its amount would change), a household's new
 * estimate uses it while the older dossier keeps the set it was filed under; then the admin loads
 * this year's ANAH ceilings through the screen and the « non chargé » warning disappears.
 */
const stack = useBrowserStack(['demo-admin', 'demo-menage'], { axe: true });
const p = (sub: string) => stack.page(sub);
const main = async (page: Page) => (await page.textContent('main')) ?? '';
const ATTIC = '#f-v-amounts-works-attic_insulation-centsPerUnit';

/** A household's new draft, complete: its recapitulation page shows the estimate. */
async function householdEstimate(): Promise<string> {
  const { filingDate: _f, ...application } = fteApplication();
  const d = await createDraft(stack.server.ctx, callerOf('demo-menage'), { scheme: 'FTE', application });
  const page = p('demo-menage');
  await page.goto(`/demandes/${d.id}/recapitulatif`);
  return (await page.textContent('#estimation')) ?? '';
}

describe.skipIf(!chromiumPresent)('administration in the browser', () => {
  it(
    'publishes a new FTE version with its deliberation; a new estimate uses it, an older dossier keeps its set',
    async () => {
      const older = await seedSubmitted(stack.server.ctx, 'FTE');
      const olderBefore = await getDossier(stack.server.ctx, callerOf('demo-instructrice'), older);
      const admin = p('demo-admin');

      await admin.goto('/');
      await Promise.all([admin.waitForURL('**/admin'), admin.click('nav >> text=Administration')]);
      await Promise.all([
        admin.waitForURL('**/admin/reglements'),
        admin.click('main >> text=Règlements des dispositifs'),
      ]);
      expect(await main(admin)).toMatch(/à confirmer/);
      await Promise.all([admin.waitForURL('**/admin/reglements/FTE'), admin.click('a:has-text("FTE — ")')]);
      // The built-in figures are still « par défaut »: marked on the page.
      expect(await admin.locator('.default-figure').count()).toBeGreaterThan(0);
      expect(await axeViolations(admin)).toEqual([]);
      await Promise.all([
        admin.waitForURL('**/admin/reglements/FTE/nouvelle'),
        admin.click('text=Nouvelle version'),
      ]);
      expect(await admin.inputValue(ATTIC)).toBe('10');
      expect(await main(admin)).not.toMatch(/centimes|Cents/);
      expect(await axeViolations(admin)).toEqual([]);

      // Publishing without a deliberation reference: the error summary, nothing published.
      await admin.fill(ATTIC, '12');
      await admin.fill('#f-reason', 'Revalorisation de l’isolation des combles.');
      await submit(admin, 'button[value="publier"]');
      await admin.waitForSelector('.error-summary');
      expect(await admin.textContent('.error-summary')).toMatch(
        /référence de la délibération est obligatoire/i,
      );
      expect(await admin.inputValue(ATTIC)).toBe('12');

      await admin.fill('#f-deliberationReference', 'DEL-2026-117');
      await submit(admin, 'button[value="apercu"]');
      const previewText = await main(admin);
      expect(previewText).toContain(olderBefore.reference as string);
      expect(previewText).toMatch(/\+160,00\s€/);
      expect(previewText).toMatch(/10,00\s€\/m² →\s12,00\s€\/m²/);

      await submit(admin, 'button[value="publier"]');
      await admin.waitForURL((u) => u.pathname === '/admin/reglements/FTE' && u.searchParams.has('publie'));
      const version = new URL(admin.url()).searchParams.get('publie') as string;
      const page = await main(admin);
      expect(page).toContain(`Version ${version} publiée`);
      expect(page).toContain('DEL-2026-117');
      await admin.screenshot({ path: `${SCREENSHOTS}/admin-rule-set-published.png`, fullPage: true });

      // The household's new estimate follows the new version…
      const estimate = await householdEstimate();
      expect(estimate).toContain(`version ${version}`);
      // …while the older dossier keeps the set it was filed under.
      const olderAfter = await getDossier(stack.server.ctx, callerOf('demo-instructrice'), older);
      expect(olderAfter.ruleSetVersion).toBe(olderBefore.ruleSetVersion);
      expect(olderAfter.ruleSetVersion).not.toBe(version);
      expect(olderAfter.amounts?.totalCents).toBe(olderBefore.amounts?.totalCents);
      await admin.goto(`/instruction/dossiers/${older}`);
      expect(await main(admin)).toContain(`(règlement ${olderBefore.ruleSetVersion})`);

      // The audit log shows who, why and the figure's before/after.
      await admin.goto('/admin/journal?type=rule_set_published');
      const journal = await main(admin);
      expect(journal).toContain('Revalorisation de l’isolation des combles.');
      expect(journal).toMatch(
        /10,00\s€\/m² \(source : par défaut, à confirmer par délibération\) →\s12,00\s€\/m²/,
      );
      expect(await axeViolations(admin)).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'loads this year’s ANAH ceilings through the screen and the « non chargé » warning disappears',
    async () => {
      const year = stack.server.ctx.now().getUTCFullYear();
      const warning = new RegExp(`Barème Anah ${year} non chargé`);
      expect(await householdEstimate()).toMatch(warning);
      const admin = p('demo-admin');
      await admin.goto('/admin/plafonds-anah');
      expect(await main(admin)).toMatch(new RegExp(`Barème ANAH ${year} non chargé`));
      expect(await axeViolations(admin)).toEqual([]);
      // Test figures (2025's plus about 1 %), typed into the form.
      const last = anahCeilings.filter((r) => r.year === 2025);
      const fill = async (bump: (size: number | 'extra') => number) => {
        await admin.fill('#f-year', String(year));
        for (const r of last)
          for (const col of ['veryModestMax', 'modestMax', 'intermediateMax'] as const)
            await admin.fill(
              `#f-r${r.householdSize}-${col}`,
              String(Math.round(r[col] * 1.01) + (col === 'modestMax' ? bump(r.householdSize) : 0)),
            );
        await admin.fill('#f-source', 'Valeurs de test (2025 + 1 %)');
        await admin.fill('#f-reason', `Barème ${year}`);
      };
      // A ceiling that drops with the household's size: refused, in French, nothing published.
      await fill((s) => (s === 4 ? -8000 : 0));
      await submit(admin, 'form[action="/admin/plafonds-anah"] button[type=submit]');
      expect(await admin.textContent('.error-summary')).toMatch(/baisse ou stagne avec la taille du foyer/);
      expect(await householdEstimate()).toMatch(warning);

      await fill(() => 0);
      await submit(admin, 'form[action="/admin/plafonds-anah"] button[type=submit]');
      await admin.waitForURL((u) => u.searchParams.get('publie') === String(year));
      const page = await main(admin);
      expect(page).toContain(`Barème publié : ${year}`);
      expect(page).not.toMatch(/non chargé/);
      expect(await householdEstimate()).not.toMatch(/non chargé/);
      expect(cspViolations).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
