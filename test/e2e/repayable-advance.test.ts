import { tpeApplication } from '@aides/domain/testing/fixtures';
import { createDraft, getDossier } from '@aides/services/dossiers/applications';
import { submitDossier } from '@aides/services/dossiers/submit';
import { createEnvelope } from '@aides/services/finance/envelopes';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNDERS, ruleSetOf } from '../support/journeys.ts';
import { callerOf, grantScheduled, scheduleFiled, uploadDoc } from '../support/web-harness.ts';
import { type BrowserStack, chromiumPresent, useBrowserStack } from './steps.ts';
import { cspViolations, frenchAmount, JOURNEY_TIMEOUT, SCREENSHOTS, submit } from './support.ts';

/**
 * A TPE in development gets a repayable advance (issue 14, TPE): granted through the services
 * (the way to the grant in the browser is journeys.test.ts's), then finance opens it on the day it
 * was disbursed, sees the late instalments, records a repayment and downloads what is still owed,
 * in headless Chromium.
 */
const stack = useBrowserStack(['demo-finances']);
let fin: Page;
let server: BrowserStack['server'];
beforeAll(() => {
  if (!chromiumPresent) return;
  server = stack.server;
  fin = stack.page('demo-finances');
});

async function seedDevelopmentGranted() {
  const ctx = server.ctx;
  const owner = callerOf('demo-entreprise');
  const year = ctx.now().getUTCFullYear();
  for (const funder of FUNDERS.TPE)
    await createEnvelope(ctx, callerOf('demo-finances'), {
      scheme: 'TPE',
      year,
      funder,
      amountCents: 100_000_000,
    }).catch(() => undefined); // already there
  const { filingDate: _f, ...application } = tpeApplication({ project: 'development' });
  const d = await createDraft(ctx, owner, { scheme: 'TPE', application });
  for (const t of ruleSetOf('TPE').documents.beforeDecision) await uploadDoc(ctx, owner, d.id, t);
  await submitDossier(ctx, owner, d.id, d.version, `seed-${d.id}`);
  const { sessionId } = await scheduleFiled(ctx, d.id);
  await grantScheduled(ctx, d.id, sessionId);
  return d.id;
}

const main = async (page: Page) => (await page.textContent('main')) ?? '';

describe.skipIf(!chromiumPresent)(
  'a repayable advance through the finance pages, in headless Chromium',
  () => {
    it(
      'opens the advance, lists the late instalments, records a repayment, exports what is owed',
      async () => {
        const id = await seedDevelopmentGranted();
        const granted = await getDossier(server.ctx, callerOf('demo-finances'), id);
        const reference = granted.reference as string;
        expect(granted.amounts?.repayableAdvance).toBeDefined();
        const year = server.ctx.now().getUTCFullYear();

        // From the dossier's commitments to its advance.
        await fin.goto(`/finances/dossiers/${id}`);
        expect(await main(fin)).toContain('Cette aide est une avance remboursable');
        await submit(fin, `a[href="/finances/avances/${id}"]`);
        expect(await main(fin)).toContain('Ouvrir l’avance');

        // A date the browser cannot send is refused in French, beside the field.
        await fin.evaluate(() => {
          const input = document.querySelector<HTMLInputElement>('[name="disbursedOn"]');
          if (input) input.type = 'text';
        });
        await fin.fill('[name="disbursedOn"]', '15/01/2024');
        await submit(fin, 'button:has-text("Ouvrir l’avance")');
        expect(await fin.textContent('.field-error')).toContain('date attendue au format AAAA-MM-JJ');

        // Disbursed two years ago: 12 months of deferral, then quarterly instalments now due.
        await fin.fill('[name="disbursedOn"]', `${year - 2}-01-15`);
        await submit(fin, 'button:has-text("Ouvrir l’avance")');
        const opened = await main(fin);
        expect(opened).toContain('Avance ouverte : l’échéancier est établi.');
        expect(opened).toContain('⚠ En retard');
        expect(await fin.locator('table tbody tr').count()).toBe(12);

        // The first instalment is repaid.
        const firstAmount =
          (await fin.locator('table tbody tr').first().locator('td').nth(2).textContent()) ?? '';
        await fin.fill('[name="date"]', `${year - 1}-01-20`);
        await fin.fill('[name="amountCents"]', firstAmount.replace(/[\s\u202f€]/g, ''));
        await submit(fin, 'button:has-text("Enregistrer le remboursement")');
        expect(await main(fin)).toContain('Remboursement enregistré.');
        expect(await fin.locator('table tbody tr').first().textContent()).toContain('✓ Payée');

        // Too much is refused in French.
        await fin.fill('[name="date"]', `${year - 1}-02-01`);
        await fin.fill('[name="amountCents"]', '999999');
        await submit(fin, 'button:has-text("Enregistrer le remboursement")');
        expect(await fin.textContent('.field-error')).toContain('dépasse ce qui reste dû');

        // The envelopes page counts the advances apart from the grants.
        await fin.goto(`/finances?annee=${year}`);
        expect(await fin.textContent('#avances-engagees')).toMatch(
          /Dont avances remboursables .*engagés nets/,
        );

        // The list shows it among the late ones; the CSV says what is still owed.
        await fin.goto('/finances/avances');
        const list = await main(fin);
        expect(list).toContain(reference);
        expect(list).toMatch(/échéance\(s\) en retard/);
        const csv = await fin.evaluate(async () => (await fetch('/finances/avances.csv')).text());
        const line = csv.split('\r\n').find((l) => l.startsWith(reference)) ?? '';
        const owed =
          (granted.committedByFunder?.agglomeration ?? 0) + (granted.committedByFunder?.region ?? 0);
        const first = Math.floor(owed / 12);
        expect(line).toContain(`;${frenchAmount(owed - first)};`);
        await fin.screenshot({ path: `${SCREENSHOTS}/finances-avances.png`, fullPage: true });
        expect(cspViolations).toEqual([]);
      },
      JOURNEY_TIMEOUT,
    );
  },
);
