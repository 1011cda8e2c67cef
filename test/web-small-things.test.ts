import { createContext } from '@aides/services/context';
import { createEnvelope } from '@aides/services/finance/envelopes';
import { openWebSession } from '@aides/services/people/web-sessions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestServer } from './support/stack.ts';
import { callerOf } from './support/web-harness.ts';

// Issue 18, point 11: the small things a browser walk found (contrast, favicon, headings, headers).
let server: Awaited<ReturnType<typeof createTestServer>>;
beforeAll(async () => {
  server = await createTestServer();
});

/** A signed-in visitor's cookie: a server-side session, opened as the dev login does. */
async function cookieFor(as: string) {
  const idToken = await server.tokenFor(as);
  const claims = (await server.issuer.verify(idToken)) as Record<string, unknown>;
  return `session=${(await openWebSession(createContext(server.store), { claims, idToken })).id}`;
}

const get = async (path: string, as?: string) =>
  server.app.request(`http://localhost${path}`, { headers: as ? { cookie: await cookieFor(as) } : {} });

/** WCAG relative luminance and contrast of two #rrggbb colours. */
function contrast(a: string, b: string) {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (bl as number);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('small things', () => {
  it('the current step’s number (a ::before counter) is readable on the brand blue', async () => {
    const css = await (await get('/static/app.css')).text();
    const vars = Object.fromEntries(
      [...css.matchAll(/--([a-z-]+):(#[0-9a-f]{6})/g)].map((m) => [m[1], m[2]]),
    );
    const colour = (v: string) => {
      const c = v.startsWith('var(') ? (vars[v.slice(6, -1)] as string) : v;
      return c.length === 4 ? `#${[...c.slice(1)].map((x) => x + x).join('')}` : c;
    };
    const rule = /\.steps li\.current \{([^}]*)\}/.exec(css)?.[1] ?? '';
    const bg = colour(/background:([^;]+);/.exec(rule)?.[1]?.trim() ?? '');
    // The counter inherits the item's colour: the body's ink unless the current item sets one.
    const fg = colour(/(?:^|[\s;])color:([^;]+);/.exec(rule)?.[1]?.trim() ?? 'var(--ink)');
    expect(bg).toBe('#00487a');
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('serves /favicon.ico as an icon', async () => {
    const res = await get('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-icon');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
  });

  it('/connexion sends the security headers of the other pages', async () => {
    const res = await get('/connexion');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    // No inline style left for the policy to block.
    expect(await res.text()).not.toMatch(/ style="/);
  });

  it('/finances: headings go down one level at a time', async () => {
    const ctx = createContext(server.store);
    const year = ctx.now().getUTCFullYear();
    const envelope = { scheme: 'FTE', year, funder: 'agglomeration', amountCents: 100_000_00 };
    await createEnvelope(ctx, callerOf('demo-finances'), envelope);
    const html = await (await get(`/finances?annee=${year}`, 'demo-finances')).text();
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++)
      expect(levels[i] as number, `h${levels[i - 1]} puis h${levels[i]}`).toBeLessThanOrEqual(
        (levels[i - 1] as number) + 1,
      );
  });
});
