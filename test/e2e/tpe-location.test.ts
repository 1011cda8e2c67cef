import { getDossier } from '@aides/services/dossiers/applications';
import { assign } from '@aides/services/instruction/instruction';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, seedSubmitted } from '../support/web-harness.ts';
import { axeViolations } from './axe.ts';
import { chromiumPresent, useBrowserStack } from './steps.ts';
import { JOURNEY_TIMEOUT } from './support.ts';

/**
 * Issue 14 in the browser: on a TPE dossier in review, the instructor's proposal to the Bureau is
 * refused until the location is confirmed (the error links to the form); the instructor confirms
 * « commune rurale » and the page, and its timeline, say « Classement confirmé : rural ».
 */
const stack = useBrowserStack(['demo-instructrice'], { axe: true });
let page: Page;
beforeAll(() => {
  if (chromiumPresent) page = stack.page('demo-instructrice');
});

describe.skipIf(!chromiumPresent)('TPE location in the browser', () => {
  it(
    'the instructor confirms a Saint-Venant business as rural through the dossier page',
    async () => {
      const id = await seedSubmitted(stack.server.ctx, 'TPE');
      const instructor = callerOf('demo-instructrice');
      const d = await getDossier(stack.server.ctx, instructor, id);
      await assign(stack.server.ctx, instructor, id, d.version, {});
      await page.goto(`/instruction/dossiers/${id}`);
      let main = (await page.textContent('main')) ?? '';
      expect(main).toContain('Classement à confirmer');

      // Proposed unconfirmed: refused, the summary links to the location form.
      await page.getByLabel('Texte de la proposition', { exact: true }).fill('Dossier complet.');
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: 'Proposer au Bureau' }).click(),
      ]);
      main = (await page.textContent('main')) ?? '';
      expect(main).toContain('Confirmez d’abord le classement de l’établissement');
      expect(await page.getByRole('link', { name: 'Classement rural ou QPV : à confirmer' }).count()).toBe(1);

      await page.getByLabel(/Commune rurale : Saint-Venant, 2\u202f999 habitants/).check();
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: 'Confirmer le classement' }).click(),
      ]);
      main = (await page.textContent('main')) ?? '';
      expect(main).toContain('Enregistré.');
      expect(main).toContain('Classement confirmé : rural (Saint-Venant, 2\u202f999 habitants)');
      expect(main).toContain('Classement rural / QPV confirmé');
      expect(await page.getByRole('button', { name: 'Changer le classement' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
