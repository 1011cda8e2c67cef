import { putQpvListTx, transact } from '@aides/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { webHarness } from '../../../../test/support/web-harness.ts';

/** The QPV lists page (issue 15 §3): the demonstration list said so, a dry run's report, the import. */
let h: Awaited<ReturnType<typeof webHarness>>;
const ADMIN = 'demo-admin';
const PAGE = '/admin/quartiers-prioritaires';

beforeAll(async () => {
  h = await webHarness();
  await transact(h.store, [
    putQpvListTx(h.store, {
      generation: '2024',
      qpv: [{ code: 'QN06201M', name: 'Mont-Liébaut (démonstration)', communes: ['62119'] }],
      source: 'Liste de démonstration',
      demonstration: true,
    }),
  ]);
}, 120_000);

const form = (csv: string, action: 'essai' | 'importer') => {
  const f = new FormData();
  f.set('generation', '2024');
  f.set('csv', new File([csv], 'qpv.csv', { type: 'text/csv' }));
  f.set('source', 'ANCT, liste des QPV 2024');
  f.set('reason', 'Liste officielle');
  f.set('action', action);
  return f;
};
const OFFICIAL = 'code_qp;lib_qp;insee_com\nQN06210M;Quartier du Stade;62119\n';

/** A field's error message as the page shows it (lib/forms.tsx: `<p id="f-{name}-error">`). */
const fieldError = (html: string, name: string) =>
  new RegExp(`id="f-${name}-error"[^>]*>([^<]*)<`).exec(html)?.[1];

describe('QPV lists page', () => {
  it('is linked from the administration, names the demonstration list plainly, and is the admin’s alone', async () => {
    expect(await (await h.get(ADMIN, '/admin')).text()).toContain(`href="${PAGE}"`);
    const page = await (await h.get(ADMIN, PAGE)).text();
    expect(page).toContain('Liste de démonstration');
    expect(page).toContain('Décret n° 2023-1314 du 28 décembre 2023');
    expect((await h.get('demo-instructrice', PAGE)).status).toBe(403);
  });

  it('a dry run shows each line to correct and imports nothing; the import replaces the demonstration list', async () => {
    const dry = await h.post(ADMIN, PAGE, form(`${OFFICIAL}QN06211M;Lille;59350\n`, 'essai'));
    expect(dry.status).toBe(200);
    const report = await dry.text();
    expect(report).toContain('rien n’a été enregistré');
    expect(report).toContain('La commune 59350 n’est pas membre de l’agglomération.');
    expect(await (await h.get(ADMIN, PAGE)).text()).toContain('Liste de démonstration');

    const bad = await h.post(ADMIN, PAGE, form(`${OFFICIAL}QN06211M;Lille;59350\n`, 'importer'));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Ligne 3 (insee_com)');

    const done = await h.post(ADMIN, PAGE, form(OFFICIAL, 'importer'));
    expect(done.status).toBe(303);
    const after = await (await h.get(ADMIN, PAGE)).text();
    expect(after).toContain('Quartier du Stade');
    expect(after).not.toContain('Liste de démonstration</strong>');
  });

  // The page imports through the API (issue 17 §8: the CSV reader is in the `admin` function, not
  // in the web one); the API's refusal comes back as the use case's, each message on its field.
  it('shows the API’s refusal field by field, the values typed kept', async () => {
    const f = form(OFFICIAL, 'essai');
    f.set('source', 'x');
    f.set('reason', '');
    const r = await h.post(ADMIN, PAGE, f);
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(fieldError(html, 'source')).toBe('Source obligatoire (publication, fichier et date)');
    expect(fieldError(html, 'reason')).toBe('Motif obligatoire (3 caractères au moins)');
    expect(fieldError(html, 'csv')).toBeUndefined();
    expect(html).toMatch(/id="f-source"[^>]*value="x"/);

    const noGeneration = form(OFFICIAL, 'essai');
    noGeneration.set('generation', '');
    const g = await h.post(ADMIN, PAGE, noGeneration);
    expect(g.status).toBe(400);
    expect(fieldError(await g.text(), 'generation')).toBe('Génération 2015 ou 2024 attendue');
  });

  it('says on the file’s field that a file is too big, below and above what the API’s body takes', async () => {
    const line = 'QN06210M;Quartier du Stade;62119\n';
    const rows = (chars: number) =>
      `code_qp;lib_qp;insee_com\n${line.repeat(Math.ceil(chars / line.length))}`;
    // 210,000 characters: the request passes (under 256 KB), the use case refuses the field.
    const under = await h.post(ADMIN, PAGE, form(rows(210_000), 'essai'));
    expect(under.status).toBe(400);
    const underHtml = await under.text();
    expect(fieldError(underHtml, 'csv')).toBe('Fichier trop volumineux (200 000 caractères au plus)');
    // 300,000 characters: the API refuses the body itself (413), said on the same field.
    const over = await h.post(ADMIN, PAGE, form(rows(300_000), 'essai'));
    expect(over.status).toBe(400);
    const overHtml = await over.text();
    expect(fieldError(overHtml, 'csv')).toBe('Fichier trop volumineux (200 000 caractères au plus)');
    expect(overHtml).toContain('Le fichier est trop volumineux.');
  });
});
