import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * axe-core inside the pages, with their Content-Security-Policy left on. The policy allows
 * scripts from the site itself only, so an inline script (`addScriptTag({ content })`) would be
 * blocked; instead the test browser answers one same-origin address, `/__axe-core.js`, with
 * axe's source (`context.route`, so the request never reaches the app) and the page loads it
 * as any script of the site. Nothing in the app or its policy changes for the tests.
 */
const AXE_PATH = '/__axe-core.js';
const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function enableAxe(context: BrowserContext) {
  await context.route(`**${AXE_PATH}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: source }),
  );
}

export interface Violation {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The page's axe violations (every rule axe runs by default: WCAG 2.x A/AA and best practices). */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ url: AXE_PATH });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResult> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

type AxeResult = {
  violations: { id: string; impact?: string; help: string; nodes: { target: string[] }[] }[];
};

/** How far the page scrolls sideways (0 when it fits the viewport). */
export const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
