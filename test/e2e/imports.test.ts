import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, SAMPLE_PLAN, sampleRows, toCsv } from '../fixtures/imports/samples.ts';
import { axeViolations } from './axe.ts';
import { chromiumPresent, useBrowserStack } from './steps.ts';
import { JOURNEY_TIMEOUT, SCREENSHOTS } from './support.ts';

/**
 * The admin imports the sample FTE files of 2021 and 2022 in the browser (issue 16.1): upload,
 * read the dry run's report, import; a file with mistakes shows each one by row and column and
 * imports nothing; the Indicators page of 2022 then shows 2021 beside each figure.
 */
const stack = useBrowserStack(['demo-admin'], { axe: true });
let page: Page;
beforeAll(() => {
  if (chromiumPresent) page = stack.page('demo-admin');
});

async function uploadFile(scheme: string, file: string | { name: string; content: string }) {
  await page.goto('/imports');
  await page.selectOption('#f-scheme', scheme);
  if (typeof file === 'string') await page.setInputFiles('#f-file', file);
  else
    await page.setInputFiles('#f-file', {
      name: file.name,
      mimeType: 'text/csv',
      buffer: Buffer.from(file.content),
    });
  // With JavaScript the browser sends the file to the bucket itself (presigned POST), not to the web.
  const posts: URL[] = [];
  const onRequest = (r: { method(): string; url(): string }) => {
    if (r.method() === 'POST') posts.push(new URL(r.url()));
  };
  page.on('request', onRequest);
  await Promise.all([
    page.waitForURL(/\/imports\/[0-9a-f-]{36}$/),
    page.click('button:has-text("Déposer et faire l’essai")'),
  ]);
  page.off('request', onRequest);
  const origin = new URL(page.url()).origin;
  expect(
    posts.map((u) => (u.origin === origin ? u.pathname.replace(/[0-9a-f-]{36}/, '{id}') : 'bucket')),
  ).toEqual(['/imports/autorisation', 'bucket', '/imports/{id}/essai']);
}

const granted = (y: 2021 | 2022) => SAMPLE_PLAN.FTE[y].filter((d) => d.status !== 'Refusé').length;

describe.skipIf(!chromiumPresent)('import of earlier dossiers, in the browser', () => {
  it(
    'reports a faulty file line by line (the dry run writes nothing); imports 2021 and 2022; the 2022 indicators show 2021 beside each figure',
    async () => {
      // A file with a mistake: the report names the row, the column and the problem.
      const rows = SAMPLE_PLAN.FTE[2022].flatMap((d) => sampleRows('FTE', 2022, d));
      (rows[0] as Record<string, string>)['Date de séance'] = '15/05/22';
      await uploadFile('FTE', { name: 'fte-erreur.csv', content: toCsv('FTE', rows) });
      const problem = page.locator('table', { hasText: 'Problèmes relevés par l’essai' }).locator('tbody tr');
      await expect(problem.first().locator('td').allInnerTexts()).resolves.toEqual([
        '2',
        'Date de séance',
        'Date « 15/05/22 » invalide : attendu jj/mm/aaaa, par exemple 30/06/2022',
      ]);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/import-essai-erreurs.png`, fullPage: true });
      // The dry run wrote no dossier: the 2022 indicators are still empty.
      await page.goto('/finances/indicateurs?annee=2022');
      await expect(page.locator('li', { hasText: 'ménages' }).textContent()).resolves.toContain(
        'FTE : 0 (0 en 2021) ménages',
      );

      for (const year of [2021, 2022] as const) {
        await uploadFile('FTE', join(SAMPLE_DIR, `fte-${year}.csv`));
        await expect(page.locator('#essai + ul').textContent()).resolves.toContain(
          `${SAMPLE_PLAN.FTE[year].length} dossiers à importer`,
        );
        await Promise.all([
          page.waitForURL(/\/imports\/[0-9a-f-]{36}$/),
          page.click('button:has-text("Importer")'),
        ]);
        await expect(page.getByTestId('import-status').textContent()).resolves.toBe('Terminé');
        await expect(page.locator('#import + ul').textContent()).resolves.toContain(
          `${SAMPLE_PLAN.FTE[year].length} dossiers importés`,
        );
      }
      expect(await axeViolations(page)).toEqual([]);

      await page.goto('/finances/indicateurs?annee=2022');
      const fte = page.locator('li', { hasText: 'ménages' });
      await expect(fte.textContent()).resolves.toContain(
        `FTE : ${granted(2022)} (${granted(2021)} en 2021) ménages`,
      );
      const files = page
        .locator('table', { hasText: 'FTE : 2022 comparé à 2021' })
        .locator('tr', { has: page.locator('th', { hasText: /^Dossiers accordés$/ }) });
      await expect(files.locator('td').allInnerTexts()).resolves.toEqual([
        `${granted(2022)} dossiers`,
        `${granted(2021)} dossiers`,
      ]);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/indicateurs-2022-2021.png`, fullPage: true });
    },
    JOURNEY_TIMEOUT,
  );
});
