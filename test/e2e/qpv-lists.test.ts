import { addressIn, tpeApplication } from '@aides/domain/testing/fixtures';
import { createDraft } from '@aides/services/dossiers/applications';
import { describe, expect, it } from 'vitest';
import { callerOf } from '../support/web-harness.ts';
import { axeViolations } from './axe.ts';
import { chromiumPresent, useBrowserStack } from './steps.ts';
import { JOURNEY_TIMEOUT } from './support.ts';

/**
 * Issue 15 §3 in the browser: the admin tries the official 2024 QPV list (the dry run reports the
 * bad line), imports the corrected file, and a business in one of its districts becomes eligible
 * as QPV (to be checked by the instructor) where, before, Béthune was neither rural nor QPV.
 */
const stack = useBrowserStack(['demo-admin', 'demo-entreprise'], { axe: true });
const p = (sub: string) => stack.page(sub);

const GOOD = 'code_qp;lib_qp;insee_com;lib_com\nQN06210M;Quartier du Stade;62119;Béthune\n';
const BAD = `${GOOD}QN06211M;Lille-Sud;59350;Lille\n`;

async function tpeInBethuneLocation(): Promise<string> {
  const { filingDate: _f, ...application } = tpeApplication({
    address: addressIn('62119', 'Béthune'),
    qpvCode: 'QN06210M',
  });
  const d = await createDraft(stack.server.ctx, callerOf('demo-entreprise'), { scheme: 'TPE', application });
  const page = p('demo-entreprise');
  await page.goto(`/demandes/${d.id}/recapitulatif`);
  return (await page.textContent('#estimation')) ?? '';
}

async function send(csv: string, button: RegExp) {
  const page = p('demo-admin');
  await page.goto('/admin/quartiers-prioritaires');
  await page.selectOption('#f-generation', '2024');
  await page.setInputFiles('#f-csv', {
    name: 'qpv-2024.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.fill('#f-source', 'ANCT, liste des QPV 2024');
  await page.fill('#f-reason', 'Liste officielle de la génération 2024');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button }).click()]);
  return page;
}

describe.skipIf(!chromiumPresent)('QPV lists in the browser', () => {
  it(
    'a dry run reports the bad line, the import replaces the list, and a TPE in its district is eligible as QPV',
    async () => {
      expect(await tpeInBethuneLocation()).toContain(
        'Le quartier prioritaire QN06210M ne figure pas dans la liste en vigueur',
      );

      let page = await send(BAD, /Essayer/);
      let text = (await page.textContent('main')) ?? '';
      expect(text).toContain('rien n’a été enregistré');
      expect(text).toContain('La commune 59350 n’est pas membre de l’agglomération.');
      expect(await axeViolations(page)).toEqual([]);

      page = await send(GOOD, /^Importer$/);
      text = (await page.textContent('main')) ?? '';
      expect(text).toContain('Liste 2024 importée');
      expect(text).toContain('Quartier du Stade');
      expect(await axeViolations(page)).toEqual([]);

      const estimate = await tpeInBethuneLocation();
      expect(estimate).toContain('quartier prioritaire Quartier du Stade (QN06210M)');
    },
    JOURNEY_TIMEOUT,
  );
});
