import { beforeAll, describe, expect, it } from 'vitest';
import { sampleCsv, sampleFileName } from '../../../../test/fixtures/imports/samples.ts';
import { webHarness } from '../../../../test/support/web-harness.ts';

/**
 * The import page's two ways of sending the file (issue 16.1, 17 §7): the web holds no right on
 * the bucket, so both go through `POST /api/imports`'s presigned POST. Without JavaScript the form
 * posts the file to the web, which forwards it; with it, the page asks `/imports/autorisation`
 * for the presigned POST and the browser sends the file itself (test/e2e/imports.test.ts).
 */
let h: Awaited<ReturnType<typeof webHarness>>;
const ADMIN = 'demo-admin';

beforeAll(async () => {
  h = await webHarness();
}, 120_000);

const jobIdOf = (location: string | null) => /^\/imports\/([0-9a-f-]{36})$/.exec(location ?? '')?.[1];

describe('import page', () => {
  it('without JavaScript: the file is forwarded with the API’s presigned POST and checked', async () => {
    const form = new FormData();
    form.set('scheme', 'FTE');
    form.set('file', new File([sampleCsv('FTE', 2021)], sampleFileName('FTE', 2021), { type: 'text/csv' }));
    const res = await h.post(ADMIN, '/imports', form);
    expect(res.status).toBe(303);
    const id = jobIdOf(res.headers.get('location'));
    expect(id).toBeDefined();
    const page = await (await h.get(ADMIN, `/imports/${id}`)).text();
    expect(page).toContain('Vérifié (essai fait)');
    expect(page).toContain(sampleFileName('FTE', 2021));
  });

  it('with JavaScript: a presigned POST for the browser, the job’s dry run to post next', async () => {
    const res = await h.post(ADMIN, '/imports/autorisation', {
      scheme: 'ESS',
      fileName: 'ess-2021.csv',
      size: '1200',
    });
    expect(res.status).toBe(200);
    const grant = (await res.json()) as { url: string; fields: Record<string, string>; check: string };
    expect(grant.fields['Content-Type']).toBe('text/csv');
    expect(grant.fields.key).toMatch(/^imports\//);
    expect(grant.check).toMatch(/^\/imports\/[0-9a-f-]{36}\/essai$/);
    const page = await (await h.get(ADMIN, grant.check.replace(/\/essai$/, ''))).text();
    expect(page).toContain('En attente du fichier');
  });

  it('with JavaScript: a refusal is said on the file’s field, and only an admin gets a grant', async () => {
    const big = await h.post(ADMIN, '/imports/autorisation', {
      scheme: 'FTE',
      fileName: 'fte.csv',
      size: String(60 * 1024 * 1024),
    });
    expect(big.status).toBe(400);
    expect(((await big.json()) as { fields: Record<string, string> }).fields.file).toBe(
      'Fichier trop gros : 50 Mo au plus',
    );
    const other = await h.post('demo-finances', '/imports/autorisation', {
      scheme: 'FTE',
      fileName: 'fte.csv',
      size: '10',
    });
    expect(other.status).toBe(403);
  });
});
