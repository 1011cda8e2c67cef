import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createContext } from '@aides/services/context';
import { ensureBucket } from '@aides/store/s3/provision';
import { serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createDevIssuer } from '../../scripts/local/dev-issuer.ts';
import { createLocalApp } from '../../scripts/local/server.ts';
import { createTestStore } from '../support/stack.ts';

export const SCREENSHOTS = 'test-results/screenshots';

/**
 * Every step waits on its event (a navigation, an element, a download), never on the clock, and
 * may wait long: on a machine loaded to ≈ 20, single pages took over 30 s (playwright's default).
 * A real failure still fails, just later; the journeys' own budget covers dozens of such steps.
 */
export const STEP_TIMEOUT = 120_000;
export const SETUP_TIMEOUT = 300_000;
export const JOURNEY_TIMEOUT = 900_000;

/** The local server (same code as `npm start`) on a free port, over a fresh store. */
export async function startLocalServer() {
  const store = await createTestStore();
  const ctx = createContext(store);
  const issuer = await createDevIssuer(null);
  const app = createLocalApp({ deps: { ctx }, issuer });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The browser uploads straight to S3: allow this origin.
  await ensureBucket(store, origin);
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { store, ctx, origin, close };
}

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** What the Content-Security-Policy blocked (Chromium says so on the console), on any page. */
export const cspViolations: string[] = [];
/** Origins the pages sent requests to (the direct S3 upload must be one of them). */
export const requestedOrigins = new Set<string>();

/** One browser context per role, signed in through the dev login page. */
export async function signIn(
  browser: Browser,
  origin: string,
  sub: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: origin, locale: 'fr-FR', acceptDownloads: true });
  context.setDefaultTimeout(STEP_TIMEOUT);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${sub}: ${m.text()}`);
  });
  page.on('request', (r) => requestedOrigins.add(new URL(r.url()).origin));
  await page.goto('/connexion');
  await page.check(`#p-${sub}`);
  // Each role lands on its own work page (applicants on the home page).
  await Promise.all([
    page.waitForURL((u) => u.origin === origin && u.pathname !== '/connexion'),
    page.click('button:has-text("Se connecter")'),
  ]);
  return { context, page };
}

/** Submits the form holding `button` and waits for the next page. */
export async function submit(page: Page, selector: string) {
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click(selector)]);
}

export const pdf = (name: string) => {
  const head = Buffer.from('%PDF-1.7\n% pièce de test\n');
  return { name, mimeType: 'application/pdf', buffer: Buffer.concat([head, Buffer.alloc(2048, 0x20)]) };
};

/** Uploads one document with the page's upload form (JS: straight to S3 with progress). */
export async function upload(page: Page, documentType: string) {
  await page.selectOption('select[name="documentType"]', documentType);
  await page.setInputFiles('input[type=file]', pdf(`${documentType}.pdf`));
  const before = page.url();
  await Promise.all([
    page.waitForURL((u) => u.href !== before && u.searchParams.has('piece')),
    page.click('button:has-text("Déposer la pièce")'),
  ]);
}

export const frenchAmount = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
