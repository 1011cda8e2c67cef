import { getDossier } from '@aides/services/dossiers/applications';
import { keys, transact, tx } from '@aides/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, webHarness } from '../../../../test/support/web-harness.ts';

let h: Awaited<ReturnType<typeof webHarness>>;
beforeAll(async () => {
  h = await webHarness();
});
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const locationOf = (res: Response) => res.headers.get('location') ?? '';
const newDraft = async (as: string, scheme: string) => {
  const res = await h.post(as, '/demandes/nouvelle', { scheme, nouveau: '1' });
  expect(res.status).toBe(303);
  return /\/demandes\/([^/]+)\/etape\/1$/.exec(locationOf(res))?.[1] as string;
};
const optionValues = (html: string, name: string) => {
  const select =
    new RegExp(`<select[^>]*name="${name.replaceAll('.', '\\.')}"[^>]*>([\\s\\S]*?)</select>`).exec(
      html,
    )?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]).filter(Boolean);
};

describe('« Ajouter une ligne »', () => {
  it('saves the step and shows one more line, as many as needed', async () => {
    const as = 'demo-entreprise';
    const id = await newDraft(as, 'TPE');
    const step = `/demandes/${id}/etape/3`;
    let page = await (await h.get(as, step)).text();
    expect(page).toContain('name="investments.0.label"');
    expect(page).not.toContain('name="investments.1.label"');
    const lines: Record<string, string> = {};
    for (let i = 0; i < 5; i++) {
      lines[`investments.${i}.label`] = `Équipement ${i + 1}`;
      lines[`investments.${i}.amountHtCents`] = `${1000 * (i + 1)}`;
      const res = await h.post(as, step, { version: versionIn(page), ...lines, ajouter: 'investments' });
      expect(res.status).toBe(303);
      expect(locationOf(res)).toBe(`${step}?ajout=investments#ligne-investments-${i + 1}`);
      page = await (await h.get(as, locationOf(res))).text();
      expect(page).toContain(`id="ligne-investments-${i + 1}"`);
      expect(page).toContain(`name="investments.${i + 1}.label" type="text" value=""`);
    }
    const d = await getDossier(h.ctx, callerOf(as), id);
    expect((d.application.investments as unknown[]).length).toBe(5);
    // Jobs and works have the same button.
    expect(page).toContain('name="ajouter" value="jobs"');
    const fte = await newDraft('demo-menage', 'FTE');
    expect(await (await h.get('demo-menage', `/demandes/${fte}/etape/4`)).text()).toContain(
      'name="ajouter" value="works"',
    );
  });
});

describe('a new draft', () => {
  it('starts with the account’s name and e-mail', async () => {
    const id = await newDraft('demo-menage', 'HABITAT');
    const page = await (await h.get('demo-menage', `/demandes/${id}/etape/1`)).text();
    expect(page).toContain('name="applicant.firstName" type="text" value="Camille"');
    expect(page).toContain('name="applicant.lastName" type="text" value="Martin"');
    expect(page).toContain('name="contact.email" type="email" value="camille.martin@example.fr"');
  });

  it('« Commencer » offers to resume a draft of the same scheme; drafts are named by scheme and date', async () => {
    const as = 'demo-association';
    const first = await h.post(as, '/demandes/nouvelle', { scheme: 'ESS' });
    expect(first.status).toBe(303);
    const id = /\/demandes\/([^/]+)\//.exec(locationOf(first))?.[1] as string;
    const again = await h.post(as, '/demandes/nouvelle', { scheme: 'ESS' });
    expect(again.status).toBe(200);
    const offer = await again.text();
    expect(offer).toContain('Vous avez déjà commencé une demande ESS');
    expect(offer).toMatch(
      new RegExp(`<a href="/demandes/${id}/etape/1">Brouillon ESS du \\d{1,2} \\S+ \\d{4}</a>`),
    );
    expect(offer).toContain('Commencer un nouveau brouillon');
    const chooser = await (await h.get(as, '/demandes/nouvelle')).text();
    expect(chooser).toContain('Reprendre une demande commencée');
    expect(chooser).toContain(`href="/demandes/${id}/etape/1"`);
    const mine = await (await h.get(as, '/mes-dossiers')).text();
    expect(mine).toMatch(/Brouillon ESS du \d{1,2} \S+ \d{4}/);
    expect(mine).not.toMatch(/<a href="[^"]*">Brouillon<\/a>/);
    // Asked for explicitly, a second draft is made.
    expect((await h.post(as, '/demandes/nouvelle', { scheme: 'ESS', nouveau: '1' })).status).toBe(303);
  });
});

describe('TPE company step', () => {
  it('lists business legal forms first (EURL and SASU included)', async () => {
    const id = await newDraft('demo-entreprise', 'TPE');
    const page = await (await h.get('demo-entreprise', `/demandes/${id}/etape/2`)).text();
    expect(optionValues(page, 'company.legalForm').slice(0, 6)).toEqual([
      'ei',
      'eurl',
      'sarl',
      'sasu',
      'sas',
      'sa',
    ]);
    expect(optionValues(page, 'company.legalForm').at(-1)).toBe('other');
    expect(page).toContain('EURL (SARL à associé unique)');
    const ess = await newDraft('demo-association', 'ESS');
    const essPage = await (await h.get('demo-association', `/demandes/${ess}/etape/2`)).text();
    expect(optionValues(essPage, 'structure.legalForm')[0]).toBe('association');
  });

  it('QPV: free text, said so, while no list is imported; then a choice among the imported quartiers', async () => {
    const id = await newDraft('demo-entreprise', 'TPE');
    const step = `/demandes/${id}/etape/2`;
    let page = await (await h.get('demo-entreprise', step)).text();
    expect(page).toContain('name="qpvCode" type="text"');
    expect(page).toContain('La liste des quartiers n’est pas encore disponible ici');
    await transact(h.store, [
      {
        label: 'qpv',
        item: tx.put(h.store, {
          ...keys.qpvList('2024'),
          type: 'qpv-list',
          generation: '2024',
          source: 'test',
          demonstration: false,
          qpv: [
            { code: 'QN06201M', name: 'Mont-Liébaut', communes: ['62119'] },
            { code: 'QN06202M', name: 'Quartier des Provinces', communes: ['62178'] },
          ],
        }),
      },
    ]);
    page = await (await h.get('demo-entreprise', step)).text();
    expect(optionValues(page, 'qpvCode')).toEqual(['QN06201M', 'QN06202M']);
    expect(page).toContain('Béthune — Mont-Liébaut (QN06201M)');
    const res = await h.post('demo-entreprise', step, {
      version: versionIn(page),
      qpvCode: 'QN06201M',
      action: 'enregistrer',
    });
    expect(res.status).toBe(303);
    expect((await getDossier(h.ctx, callerOf('demo-entreprise'), id)).application.qpvCode).toBe('QN06201M');
  });
});
