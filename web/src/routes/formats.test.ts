import { getDossier } from '@aides/services/dossiers/applications';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, seedApproved, webHarness } from '../../../test/support/web-harness.ts';

// Issue 18, point 6: money as « 4 000,00 € » and dates as « 15 décembre 2026 » on every page,
// from one formatter. This reads the visible text of the pages each role uses.
let h: Awaited<ReturnType<typeof webHarness>>;
let id: string;
let sessionId: string;

beforeAll(async () => {
  h = await webHarness();
  id = await seedApproved(h.ctx);
  sessionId = (await getDossier(h.ctx, callerOf('demo-bureau'), id)).sessionId as string;
});

/** What a reader sees: no tags, no attribute values (an input's value keeps its editable form). */
const visibleText = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const RAW = [
  [/\b\d{4}-\d{2}-\d{2}\b/, 'date ISO'],
  [/\b\d{2}\/\d{2}\/\d{4}\b/, 'date JJ/MM/AAAA'],
  [/(?<![\d\s\u202f\u00a0,])\d{4,}(,\d{1,2})? ?€/, 'montant sans séparateur de milliers'],
  [/(?<![\d,])\d+ €/, 'montant sans centimes'],
] as const;

describe('formats on the pages', () => {
  it('no raw date or amount in what people read', async () => {
    const pages = [
      ['demo-menage', `/mes-dossiers/${id}`],
      ['demo-menage', '/mes-dossiers'],
      ['demo-instructrice', `/instruction/dossiers/${id}`],
      ['demo-instructrice', '/instruction?scheme=FTE&status=approved'],
      ['demo-bureau', `/bureau/seances/${sessionId}`],
      ['demo-bureau', '/bureau'],
      ['demo-finances', `/finances/dossiers/${id}`],
      ['demo-finances', '/finances/engagements'],
      ['demo-finances', '/finances'],
    ] as const;
    const found: string[] = [];
    for (const [as, path] of pages) {
      const res = await h.get(as, path);
      expect(res.status, path).toBe(200);
      const text = visibleText(await res.text());
      for (const [re, what] of RAW) {
        const m = re.exec(text);
        if (m) found.push(`${path}: ${what} « ${text.slice(Math.max(0, m.index - 40), m.index + 20)} »`);
      }
    }
    expect(found).toEqual([]);
  });
});
