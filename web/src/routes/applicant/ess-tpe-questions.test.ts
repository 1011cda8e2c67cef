import { getDossier } from '@aides/services/dossiers/applications';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, webHarness } from '../../../../test/support/web-harness.ts';
import { STEPS } from './steps.ts';

/** The questions the 2024 ESS and 2026 TPE rules need (issue 14), asked and saved by the web form. */
let h: Awaited<ReturnType<typeof webHarness>>;
beforeAll(async () => {
  h = await webHarness();
});
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const draftOf = async (as: string, scheme: string) => {
  const res = await h.post(as, '/demandes/nouvelle', { scheme, nouveau: '1' });
  expect(res.status).toBe(303);
  return /\/demandes\/([^/]+)\/etape\/1$/.exec(res.headers.get('location') ?? '')?.[1] as string;
};
const stepOf = (scheme: 'TPE' | 'ESS', slug: string) => STEPS[scheme].findIndex((s) => s.slug === slug) + 1;
const application = async (as: string, id: string) =>
  (await getDossier(h.ctx, callerOf(as), id)).application as Record<string, unknown>;

describe('TPE: takeover, founder, de minimis declaration', () => {
  it('offers creation, takeover and development, and saves the founder apart', async () => {
    const as = 'demo-entreprise';
    const id = await draftOf(as, 'TPE');
    const company = `/demandes/${id}/etape/${stepOf('TPE', 'entreprise')}`;
    let page = await (await h.get(as, company)).text();
    expect(page).toContain('<option value="takeover"');
    expect(page).toContain('Développement : une avance remboursable à taux zéro.');
    let res = await h.post(as, company, {
      version: versionIn(page),
      action: 'enregistrer',
      project: 'takeover',
    });
    expect(res.status).toBe(303);

    const project = `/demandes/${id}/etape/${stepOf('TPE', 'projet')}`;
    page = await (await h.get(as, project)).text();
    expect(page).toContain('name="jobs.0.founder"');
    expect(page).not.toContain('name="jobs.0.resident"');
    expect(page).toContain('name="deMinimisDeclared"');
    res = await h.post(as, project, {
      version: versionIn(page),
      action: 'enregistrer',
      deMinimisDeclared: 'oui',
      'jobs.0.title': 'Repreneur',
      'jobs.0.contract': 'cdi',
      'jobs.0.workingTimePct': '100',
      'jobs.0.founder': 'oui',
    });
    expect(res.status, await res.clone().text()).toBe(303);
    const a = await application(as, id);
    expect(a.project).toBe('takeover');
    expect(a.deMinimisDeclared).toBe(true);
    expect((a.jobs as { founder?: boolean }[])[0]?.founder).toBe(true);
  });
});

describe('ESS: the mode, the call for projects, the residence the rule set names', () => {
  it('asks « réside dans l’agglomération » for the bonus and saves a call-for-projects application', async () => {
    const as = 'demo-association';
    const id = await draftOf(as, 'ESS');
    const structure = `/demandes/${id}/etape/${stepOf('ESS', 'structure')}`;
    let page = await (await h.get(as, structure)).text();
    expect(page).toContain('<option value="call_for_projects"');
    let res = await h.post(as, structure, {
      version: versionIn(page),
      action: 'enregistrer',
      mode: 'call_for_projects',
    });
    expect(res.status).toBe(303);
    const call = `/demandes/${id}/etape/${stepOf('ESS', 'appel-a-projets')}`;
    page = await (await h.get(as, call)).text();
    res = await h.post(as, call, {
      version: versionIn(page),
      action: 'enregistrer',
      'callForProjects.projectTitle': 'Tiers-lieu culturel',
      'callForProjects.requestedCents': '7 500',
    });
    expect(res.status).toBe(303);
    const jobs = `/demandes/${id}/etape/${stepOf('ESS', 'emplois')}`;
    page = await (await h.get(as, jobs)).text();
    expect(page).toContain('Réside dans l’une des 100 communes de l’agglomération');
    expect(page).toContain('name="deMinimisAids.0.grantor"');
    const a = await application(as, id);
    expect(a.mode).toBe('call_for_projects');
    expect(a.callForProjects).toEqual({ projectTitle: 'Tiers-lieu culturel', requestedCents: 750_000 });
  });
});
