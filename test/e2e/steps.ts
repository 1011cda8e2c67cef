import { existsSync } from 'node:fs';
import { fteApplication } from '@aides/domain/testing/fixtures';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type SmtpCatcher, startSmtpCatcher, startTestNotifier } from '../support/notifier.ts';
import { enableAxe } from './axe.ts';
import { frenchAmount, launch, SETUP_TIMEOUT, signIn, startLocalServer, submit, upload } from './support.ts';

/**
 * What the browser journeys share: one local server and one signed-in page per role, and the
 * steps each role takes through the pages (no service or API call). Each step waits on its
 * navigation or element, never on the clock.
 */
export const chromiumPresent = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

export interface BrowserStack {
  server: Awaited<ReturnType<typeof startLocalServer>>;
  browser: Browser;
  /** The catcher's inbox, when asked for (`mail: true`): the notifier sends there by SMTP. */
  catcher?: SmtpCatcher;
  page(sub: string): Page;
}

/**
 * Registers beforeAll/afterAll that start the local server (same code as `npm start`), Chromium,
 * and sign each persona in; with `mail`, also a real SMTP catcher fed by the stream notifier; with
 * `axe`, each page can run axe-core (axe.ts).
 */
export function useBrowserStack(
  subs: readonly string[],
  o: { mail?: boolean; axe?: boolean } = {},
): BrowserStack {
  const pages: Record<string, Page> = {};
  const stack = {
    page: (sub: string) => {
      const p = pages[sub];
      if (!p) throw new Error(`Pas de page pour ${sub}`);
      return p;
    },
  } as BrowserStack;
  let stopNotifier: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!chromiumPresent) return;
    stack.server = await startLocalServer();
    if (o.mail) {
      stack.catcher = await startSmtpCatcher();
      const poller = await startTestNotifier(stack.server.ctx, stack.catcher);
      stopNotifier = () => poller.stop();
    }
    stack.browser = await launch();
    for (const sub of subs) {
      const { context, page } = await signIn(stack.browser, stack.server.origin, sub);
      if (o.axe) await enableAxe(context);
      pages[sub] = page;
    }
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await stack.browser?.close();
    await stopNotifier?.();
    await stack.catcher?.close();
    await stack.server?.close();
  });
  return stack;
}

export const mainText = async (page: Page) => (await page.textContent('main')) ?? '';

/** The household (or business) starts a draft of `scheme` from the home page; returns its id. */
export async function startDraft(page: Page, scheme: string) {
  await page.goto('/');
  await submit(page, 'a.button:has-text("Déposer une demande")');
  expect(new URL(page.url()).pathname).toBe('/demandes/nouvelle');
  await page.check(`input[name="scheme"][value="${scheme}"]`);
  await submit(page, 'button:has-text("Commencer")');
  // A draft already under way is offered for resuming: start a new one all the same.
  if (!/\/etape\/1$/.test(new URL(page.url()).pathname))
    await submit(page, 'button:has-text("Commencer un nouveau brouillon")');
  return /\/demandes\/([^/]+)\/etape\/1/.exec(page.url())?.[1] as string;
}

/** The household's answers to the FTE wizard, step by step: the fixtures' attic insulation. */
export function fteWizardSteps(year: number): Record<string, string>[] {
  const a = fteApplication();
  return [
    {
      'applicant.lastName': a.applicant.lastName,
      'applicant.firstName': a.applicant.firstName,
      'contact.email': a.contact.email,
    },
    {
      'address.line1': a.address.line1,
      'address.postalCode': a.address.postalCode,
      'address.communeInsee': a.address.communeInsee,
      ownerStatus: 'occupant',
      'household.size': '2',
      'household.taxIncomeEuros': '38000',
      'household.taxIncomeYear': String(year - 1),
      'household.notices.0.numeroFiscal': a.household.notices?.[0]?.numeroFiscal ?? '',
      'household.notices.0.referenceAvis': a.household.notices?.[0]?.referenceAvis ?? '',
    },
    { 'adviceAppointment.date': `${year}-01-05`, 'adviceAppointment.adviser': 'Espace Conseil Béthune' },
    {
      worksNotStarted: 'true',
      'works.0.type': 'attic_insulation',
      'works.0.surfaceM2': '80',
      'works.0.amountHtCents': '3000',
      'works.0.amountTtcCents': '3165',
      'works.0.company.name': 'Isol’Artois',
    },
  ];
}

/** Fills one wizard step (selects by value) and goes on with « Suivant ». */
export async function fillStep(page: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const el = page.locator(`[name="${name}"]`);
    if ((await el.evaluate((x) => x.tagName)) === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
  await submit(page, 'button:has-text("Suivant")');
}

/** Uploads the documents, reviews and files; returns the reference the page shows. */
export async function fileAndSubmit(page: Page, docs: readonly string[]) {
  for (const t of docs) await upload(page, t);
  await submit(page, 'a:has-text("Suivant : vérifier et déposer")');
  await submit(page, 'button:has-text("Déposer ma demande")');
  const heading = page.locator('h2', { hasText: 'Demande déposée' });
  await heading.waitFor({ state: 'visible' });
  const text = await mainText(page);
  return /[A-Z]{3,7}-\d{4}-\d{5}/.exec(text)?.[0] as string;
}

/** The instructor opens the filed dossier from the queue and takes it. */
export async function instructorTakes(page: Page, reference: string, scheme: string) {
  await page.goto(`/instruction?scheme=${scheme}&status=submitted`);
  await submit(page, `a:has-text("${reference}")`);
  await submit(page, 'button:has-text("Prendre en instruction")');
}

/** On the instructor's dossier page: every document still without a verdict is found valid. */
export async function instructorChecksDocuments(page: Page) {
  for (;;) {
    const n = await page.locator('form.verdict').count();
    let unset = -1;
    for (let i = 0; i < n && unset < 0; i++) {
      const row = page.locator('tbody tr').nth(i);
      if (!(await row.textContent())?.includes('Conforme (')) unset = i;
    }
    if (unset < 0) return;
    await submit(page, `tbody tr:nth-child(${unset + 1}) button:has-text("Enregistrer l’avis")`);
  }
}

/** The instructor proposes the grant to the Bureau. */
export async function instructorProposesGrant(page: Page, text: string) {
  await page.fill('#f-text', text);
  await submit(page, 'button:has-text("Proposer au Bureau")');
  expect(await mainText(page)).toContain('Proposé au Bureau');
}

/** Finance creates an envelope (amount in euros, as typed). */
export async function financeCreatesEnvelope(
  page: Page,
  e: { scheme: string; year: number; funder: string; euros: string },
) {
  await page.goto('/finances');
  await page.selectOption('[name="scheme"]', e.scheme);
  await page.fill('[name="year"]', String(e.year));
  await page.selectOption('[name="funder"]', e.funder);
  await page.fill('[name="amountCents"]', e.euros);
  await submit(page, 'button:has-text("Créer l’enveloppe")');
  expect(await mainText(page)).toContain('Enveloppe créée');
}

/** The Bureau creates a session (ISO date) and returns its page's address. */
export async function bureauCreatesSession(page: Page, number: string, date: string) {
  await page.goto('/bureau');
  await page.fill('[name="number"]', number);
  await page.fill('[name="date"]', date);
  await submit(page, 'button:has-text("Créer la séance")');
  return page.url();
}

/** The Bureau puts the dossier on the session's agenda and records its decision. */
export async function bureauDecides(
  page: Page,
  sessionUrl: string,
  reference: string,
  outcome: 'favourable' | 'unfavourable',
  detail: string,
) {
  await page.goto(sessionUrl);
  await submit(page, `button:has-text("Inscrire ${reference}")`);
  const entry = page.locator('article.agenda', { hasText: reference });
  await entry.locator(`input[value="${outcome}"]`).check();
  if (outcome === 'favourable') await entry.locator('[name="deliberationNumber"]').fill(detail);
  else await entry.locator('[name="motivation"]').fill(detail);
  await submit(page, `button:has-text("Enregistrer la décision sur ${reference}")`);
  expect(await mainText(page)).toContain(reference);
}

/** The instructor judges each payment document of the dossier waiting in the queue. */
export async function instructorVerifiesPaymentDocuments(
  page: Page,
  reference: string,
  verdict: { refuse?: string } = {},
) {
  await page.goto('/instruction/pieces-de-paiement');
  const rows = () => page.locator('tbody tr', { hasText: reference });
  expect(await rows().count()).toBeGreaterThan(0);
  while ((await rows().count()) > 0) {
    const row = rows().first();
    if (verdict.refuse) {
      await row.locator('input[name="valid"][value="non"]').check();
      await row.locator('input[name="reason"]').fill(verdict.refuse);
    }
    await submit(page, `tbody tr:has-text("${reference}") >> nth=0 >> button:has-text("Enregistrer l’avis")`);
    expect(await mainText(page)).toContain('Avis enregistré');
    if (verdict.refuse) break;
  }
}

/** Parses « 1 234,56 € » (any French spacing) into cents. */
export const centsOf = (text: string) => {
  const m = /(-?[\d\s\u202f\u00a0]+(?:,\d{1,2})?)\s*€/.exec(text);
  if (!m?.[1]) throw new Error(`Pas de montant dans « ${text} »`);
  const [whole, dec = '0'] = m[1].replace(/[\s\u202f\u00a0]/g, '').split(',');
  return Number(whole) * 100 + Number(dec.padEnd(2, '0'));
};

/**
 * What is still to pay per funder, as finance's payment form shows it (« Anah (reste 1 234,56 €) »).
 * Finance reads it on the page, as a person would.
 */
export async function remainingByFunder(page: Page, id: string): Promise<Record<string, number>> {
  await page.goto(`/finances/dossiers/${id}`);
  const options = await page
    .locator('select[name="funder"] option')
    .evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? ''] as const));
  return Object.fromEntries(options.map(([v, t]) => [v, centsOf(/reste ([^)]*)/.exec(t)?.[1] ?? '')]));
}

/** Finance opens the dossier from the commitments list and records one payment; returns the page's text. */
export async function financePays(
  page: Page,
  id: string,
  p: { kind: 'advance' | 'instalment' | 'balance'; cents: number; funder?: string },
) {
  await page.goto('/finances/engagements');
  await submit(page, `a[href="/finances/dossiers/${id}"]`);
  if (p.funder) await page.selectOption('[name="funder"]', p.funder);
  await page.selectOption('[name="kind"]', p.kind);
  await page.fill('[name="amountCents"]', frenchAmount(p.cents));
  await submit(page, 'button:has-text("Enregistrer le versement")');
  return mainText(page);
}
