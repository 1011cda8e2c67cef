import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedApproved, seedScheduled, seedSubmitted } from '../support/web-harness.ts';
import { axeViolations, enableAxe, sidewaysScroll, type Violation } from './axe.ts';
import { launch, signIn, startLocalServer, submit } from './support.ts';

/**
 * Every page of every role through axe-core in Chromium (CSP on: see axe.ts), and the
 * household's pages at 375 px without sideways scrolling.
 */
const chromiumPresent = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
let server: Awaited<ReturnType<typeof startLocalServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];
let filedId = '';
let approvedId = '';
let sessionId = '';
let scheduledId = '';

beforeAll(async () => {
  if (!chromiumPresent) return;
  server = await startLocalServer();
  browser = await launch();
  filedId = await seedSubmitted(server.ctx, 'FTE');
  approvedId = await seedApproved(server.ctx);
  ({ id: scheduledId, sessionId } = await seedScheduled(server.ctx));
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function as(sub: string | null): Promise<Page> {
  if (sub === null) {
    const context = await browser.newContext({ baseURL: server.origin, locale: 'fr-FR' });
    contexts.push(context);
    await enableAxe(context);
    return context.newPage();
  }
  const { context, page } = await signIn(browser, server.origin, sub);
  contexts.push(context);
  await enableAxe(context);
  return page;
}

/** Checks the page now shown; returns its violations labelled with its address. */
async function check(page: Page, label = new URL(page.url()).pathname): Promise<Record<string, Violation[]>> {
  const v = await axeViolations(page);
  return v.length ? { [label]: v } : {};
}

async function visit(page: Page, paths: readonly string[]) {
  let found: Record<string, Violation[]> = {};
  for (const path of paths) {
    await page.goto(path);
    found = { ...found, ...(await check(page, path)) };
  }
  return found;
}

/** Starts a draft of `scheme` in the browser (a new one even if one exists); returns its id. */
async function draft(page: Page, scheme: string) {
  await page.goto('/demandes/nouvelle');
  await page.check(`input[name="scheme"][value="${scheme}"]`);
  await submit(page, 'button:has-text("Commencer")');
  if (!/\/etape\/1$/.test(new URL(page.url()).pathname))
    await submit(page, 'button:has-text("Commencer un nouveau brouillon")');
  return /\/demandes\/([^/]+)\/etape\/1/.exec(page.url())?.[1] as string;
}

const steps = (id: string, n: number) =>
  Array.from({ length: n }, (_, i) => `/demandes/${id}/etape/${i + 1}`);

describe.skipIf(!chromiumPresent)('axe-core on every page, CSP on', () => {
  it('public pages', async () => {
    const page = await as(null);
    // The policy is on while axe runs: axe comes in as a script of the site (see axe.ts).
    const res = await page.goto('/');
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await visit(page, ['/', '/connexion', '/nulle-part'])).toEqual({});
  }, 120_000);

  it('household, business and association: every step, with and without errors, documents, review, dossiers', async () => {
    const home = await as('demo-menage');
    const fte = await draft(home, 'FTE');
    const habitat = await draft(home, 'HABITAT');
    let found = await visit(home, [
      '/mes-dossiers',
      '/demandes/nouvelle',
      ...steps(fte, 4),
      `/demandes/${fte}/pieces`,
      `/demandes/${fte}/recapitulatif`,
      ...steps(habitat, 3),
      `/mes-dossiers/${filedId}`,
      `/mes-dossiers/${approvedId}`,
    ]);
    // A step with its errors (summary, messages beside the fields).
    await home.goto(`/demandes/${fte}/etape/1`);
    for (const name of ['applicant.lastName', 'applicant.firstName', 'contact.email'])
      await home.fill(`[name="${name}"]`, '');
    await submit(home, 'button:has-text("Suivant")');
    found = { ...found, ...(await check(home, 'étape 1 en erreur')) };
    // The offer to resume a draft.
    await home.goto('/demandes/nouvelle');
    await home.check('input[name="scheme"][value="FTE"]');
    await submit(home, 'button:has-text("Commencer")');
    found = { ...found, ...(await check(home, 'reprendre un brouillon')) };

    const biz = await as('demo-entreprise');
    const tpe = await draft(biz, 'TPE');
    found = { ...found, ...(await visit(biz, [...steps(tpe, 3), `/demandes/${tpe}/pieces`])) };
    const asso = await as('demo-association');
    const ess = await draft(asso, 'ESS');
    found = { ...found, ...(await visit(asso, [...steps(ess, 3), `/demandes/${ess}/recapitulatif`])) };
    expect(found).toEqual({});
  }, 240_000);

  it('staff: instruction, Bureau and finance pages', async () => {
    const found = {
      ...(await visit(await as('demo-instructrice'), [
        '/instruction',
        '/instruction/assignes-a-moi',
        `/instruction/dossiers/${filedId}`,
        `/instruction/dossiers/${scheduledId}`,
      ])),
      ...(await visit(await as('demo-bureau'), ['/bureau', `/bureau/seances/${sessionId}`])),
      ...(await visit(await as('demo-finances'), [
        '/finances',
        '/finances/engagements',
        `/finances/dossiers/${approvedId}`,
        '/finances/avances',
        `/finances/avances/${approvedId}`,
        '/finances/exports',
        '/finances/indicateurs',
        '/finances/numeros-non-attribues',
      ])),
    };
    expect(found).toEqual({});
  }, 240_000);

  it('administration pages (issue 15)', async () => {
    const found = await visit(await as('demo-admin'), [
      '/admin',
      '/admin/reglements',
      '/admin/reglements/FTE',
      '/admin/reglements/HABITAT',
      '/admin/reglements/TPE/nouvelle',
      '/admin/reglements/ESS/nouvelle?aide=call_for_projects',
      '/admin/plafonds-anah',
      '/admin/quartiers-prioritaires',
      '/admin/personnel',
      '/admin/personnel/demo-instructrice',
      '/admin/journal',
    ]);
    expect(found).toEqual({});
  }, 240_000);
});

describe.skipIf(!chromiumPresent)('the household’s pages at 375 px', () => {
  it('none scrolls sideways', async () => {
    const home = await as('demo-menage');
    await home.setViewportSize({ width: 375, height: 800 });
    const fte = await draft(home, 'FTE');
    const wide: Record<string, number> = {};
    for (const path of [
      '/',
      '/mes-dossiers',
      '/demandes/nouvelle',
      ...steps(fte, 4),
      `/demandes/${fte}/pieces`,
      `/demandes/${fte}/recapitulatif`,
      `/mes-dossiers/${filedId}`,
      `/mes-dossiers/${approvedId}`,
    ]) {
      await home.goto(path);
      const extra = await sidewaysScroll(home);
      if (extra > 0) wide[path] = extra;
    }
    expect(wide).toEqual({});
  }, 240_000);
});
