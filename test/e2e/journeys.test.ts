import { existsSync, readFileSync } from 'node:fs';
import { fteApplication, tpeApplication } from '@aides/domain/testing/fixtures';
import { getDossier } from '@aides/services/dossiers/applications';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf } from '../support/web-harness.ts';
import {
  cspViolations,
  frenchAmount,
  JOURNEY_TIMEOUT,
  launch,
  requestedOrigins,
  SCREENSHOTS,
  SETUP_TIMEOUT,
  signIn,
  startLocalServer,
  submit,
  upload,
} from './support.ts';

const chromiumPresent = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
let server: Awaited<ReturnType<typeof startLocalServer>>;
let browser: Browser;
const pages: Record<string, Page> = {};
const year = new Date().getFullYear();
let sessionUrl = '';

beforeAll(async () => {
  if (!chromiumPresent) return;
  server = await startLocalServer();
  browser = await launch();
  for (const sub of ['demo-menage', 'demo-entreprise', 'demo-instructrice', 'demo-bureau', 'demo-finances']) {
    pages[sub] = (await signIn(browser, server.origin, sub)).page;
  }
}, SETUP_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const p = (sub: string) => pages[sub] as Page;
const shot = (sub: string, name: string) =>
  p(sub).screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });

async function startDraft(page: Page, scheme: string) {
  await page.goto('/');
  await submit(page, 'a.button:has-text("Déposer une demande")');
  expect(new URL(page.url()).pathname).toBe('/demandes/nouvelle');
  await page.check(`input[name="scheme"][value="${scheme}"]`);
  await submit(page, 'button:has-text("Commencer")');
  return /\/demandes\/([^/]+)\/etape\/1/.exec(page.url())?.[1] as string;
}

async function fillStep(page: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const el = page.locator(`[name="${name}"]`);
    if ((await el.evaluate((x) => x.tagName)) === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
  await submit(page, 'button:has-text("Suivant")');
}

async function fileAndSubmit(page: Page, docs: string[]) {
  for (const t of docs) await upload(page, t);
  await submit(page, 'a:has-text("Suivant : vérifier et déposer")');
  await submit(page, 'button:has-text("Déposer ma demande")');
  const heading = page.locator('h2', { hasText: 'Demande déposée' });
  await heading.waitFor({ state: 'visible' });
  expect(await heading.textContent()).toContain('Demande déposée');
  const text = await page.textContent('main');
  return /(FTE|TPE)-\d{4}-\d{5}/.exec(text ?? '')?.[0] as string;
}

async function instructorOpens(reference: string, scheme: string) {
  const page = p('demo-instructrice');
  await page.goto(`/instruction?scheme=${scheme}&status=submitted`);
  await submit(page, `a:has-text("${reference}")`);
  await submit(page, 'button:has-text("Prendre en instruction")');
  return page;
}

async function bureauDecides(reference: string, outcome: 'favourable' | 'unfavourable', detail: string) {
  const page = p('demo-bureau');
  if (!sessionUrl) {
    await page.goto('/bureau');
    await page.fill('[name="number"]', `${year}-42`);
    await page.fill('[name="date"]', `${year}-06-20`);
    await submit(page, 'button:has-text("Créer la séance")');
    sessionUrl = page.url();
  }
  await page.goto(sessionUrl);
  await submit(page, `button:has-text("Inscrire ${reference}")`);
  const entry = page.locator('article.agenda', { hasText: reference });
  await entry.locator(`input[value="${outcome}"]`).check();
  if (outcome === 'favourable') await entry.locator('[name="deliberationNumber"]').fill(detail);
  else await entry.locator('[name="motivation"]').fill(detail);
  await submit(page, `button:has-text("Enregistrer la décision sur ${reference}")`);
  expect(await page.textContent('main')).toContain(reference);
}

describe.skipIf(!chromiumPresent)('end to end in headless Chromium', () => {
  it(
    'FTE: household files, instructor asks for a document, Bureau approves, finance pays and exports',
    async () => {
      const a = fteApplication();
      const home = p('demo-menage');
      const id = await startDraft(home, 'FTE');
      await fillStep(home, {
        'applicant.lastName': a.applicant.lastName,
        'applicant.firstName': a.applicant.firstName,
        'contact.email': a.contact.email,
      });
      await fillStep(home, {
        'address.line1': a.address.line1,
        'address.postalCode': a.address.postalCode,
        'address.communeInsee': a.address.communeInsee,
        ownerStatus: 'occupant',
        'household.size': '2',
        'household.taxIncomeEuros': '38000',
        'household.taxIncomeYear': String(year - 1),
        'household.notices.0.numeroFiscal': a.household.notices?.[0]?.numeroFiscal ?? '',
        'household.notices.0.referenceAvis': a.household.notices?.[0]?.referenceAvis ?? '',
      });
      await fillStep(home, {
        'adviceAppointment.date': `${year}-01-05`,
        'adviceAppointment.adviser': 'Espace Conseil Béthune',
      });
      await shot('demo-menage', 'menage-formulaire');
      await fillStep(home, {
        worksNotStarted: 'true',
        'works.0.type': 'attic_insulation',
        'works.0.surfaceM2': '80',
        'works.0.amountHtCents': '3000',
        'works.0.amountTtcCents': '3165',
        'works.0.company.name': 'Isol’Artois',
      });
      expect(home.url()).toContain(`/demandes/${id}/pieces`);
      const reference = await fileAndSubmit(home, [
        'identity_document',
        'tax_notice',
        'property_proof',
        'france_renov_certificate',
        'quote',
        'rib',
      ]);
      expect(reference).toMatch(/^FTE-/);

      const ins = await instructorOpens(reference, 'FTE');
      await ins.check('input[name="documentTypes"][value="tax_notice"]');
      await ins.fill('[name="message"]', 'Merci de joindre votre dernier avis d’imposition complet.');
      await submit(ins, 'button:has-text("Envoyer la demande de pièces")');
      expect(await ins.textContent('main')).toContain('En attente de pièces');

      await home.goto(`/mes-dossiers/${id}`);
      expect(await home.textContent('main')).toContain('Merci de joindre votre dernier avis');
      await upload(home, 'tax_notice');
      await home.fill('[name="message"]', 'Voici l’avis complet.');
      await submit(home, 'button:has-text("Envoyer la réponse")');

      await ins.reload();
      for (;;) {
        const n = await ins.locator('form.verdict').count();
        const unset = [];
        for (let i = 0; i < n; i++) {
          const row = ins.locator('tbody tr').nth(i);
          if (!(await row.textContent())?.includes('Conforme (')) unset.push(i);
        }
        if (unset.length === 0) break;
        await submit(
          ins,
          `tbody tr:nth-child(${(unset[0] as number) + 1}) button:has-text("Enregistrer l’avis")`,
        );
      }
      await ins.fill('#f-text', 'Dossier complet, avis favorable.');
      await submit(ins, 'button:has-text("Proposer au Bureau")');
      expect(await ins.textContent('main')).toContain('Proposé au Bureau');
      await shot('demo-instructrice', 'instructrice-dossier');

      const fin = p('demo-finances');
      await fin.goto('/finances');
      await fin.selectOption('[name="scheme"]', 'FTE');
      await fin.fill('[name="year"]', String(year));
      await fin.selectOption('[name="funder"]', 'agglomeration');
      await fin.fill('[name="amountCents"]', '100 000');
      await submit(fin, 'button:has-text("Créer l’enveloppe")');
      expect(await fin.textContent('main')).toContain('Enveloppe créée');

      await bureauDecides(reference, 'favourable', `B${year}-042`);
      await shot('demo-bureau', 'bureau-seance');

      const d = await getDossier(server.ctx, callerOf('demo-finances'), id);
      const committed = d.committedByFunder?.agglomeration ?? 0;
      await fin.goto('/finances/engagements');
      await submit(fin, `a:has-text("${reference}")`);
      await fin.selectOption('[name="kind"]', 'advance');
      await fin.fill('[name="amountCents"]', frenchAmount(Math.floor(committed * 0.3)));
      await submit(fin, 'button:has-text("Enregistrer le versement")');
      expect(await fin.textContent('main')).toContain('Versement enregistré');
      await fin.goto(`/finances?annee=${year}`);
      await shot('demo-finances', 'finances-enveloppes');

      await fin.goto('/finances/exports');
      await fin.selectOption('[name="kind"]', 'payments');
      await fin.selectOption('[name="format"]', 'csv');
      const [download] = await Promise.all([
        fin.waitForEvent('download'),
        fin.click('button:has-text("Télécharger")'),
      ]);
      const csv = readFileSync((await download.path()) as string, 'utf8');
      expect(csv).toContain(reference);

      await home.goto(`/mes-dossiers/${id}`);
      const timeline = (await home.textContent('.timeline')) ?? '';
      for (const step of [
        'Demande déposée',
        'Prise en instruction',
        'Pièces demandées',
        'Pièces transmises',
        'Dossier transmis au Bureau communautaire',
        'Inscription à l’ordre du jour',
        'Aide accordée',
        'Avance versée',
      ]) {
        expect(timeline).toContain(step);
      }
      await shot('demo-menage', 'menage-dossier');

      // The Content-Security-Policy let the pages work: the uploads went straight to S3, and
      // nothing was blocked on the way.
      expect(requestedOrigins).toContain(new URL(server.store.config.s3Endpoint as string).origin);
      expect(cspViolations).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'TPE: a business files, the instructor proposes a refusal, the Bureau refuses',
    async () => {
      const a = tpeApplication();
      const biz = p('demo-entreprise');
      const id = await startDraft(biz, 'TPE');
      await fillStep(biz, {
        'applicant.lastName': 'Lefebvre',
        'applicant.firstName': 'Julien',
        'contact.email': 'boulangerie@example.fr',
      });
      await fillStep(biz, {
        'company.name': 'Boulangerie Lefebvre',
        'company.siret': a.company.siret,
        'company.creationDate': `${year}-01-05`,
        'company.employees': '3',
        'company.sector': 'artisanat',
        project: 'creation',
        'address.line1': '3 place de l’Église',
        'address.postalCode': '62350',
        'address.communeInsee': a.address.communeInsee,
      });
      await fillStep(biz, {
        worksNotStarted: 'true',
        'investments.0.label': 'Four',
        'investments.0.amountHtCents': '20000',
        'jobs.0.title': 'Boulanger',
        'jobs.0.contract': 'cdi',
        'jobs.0.workingTimePct': '100',
      });
      const reference = await fileAndSubmit(biz, [
        'identity_document',
        'company_registration',
        'business_plan',
        'quote',
        'de_minimis_declaration',
        'premises_proof',
      ]);
      expect(reference).toMatch(/^TPE-/);

      const ins = await instructorOpens(reference, 'TPE');
      await ins.check('input[name="kind"][value="refusal"]');
      await ins.fill('#f-text', 'Proposition de refus.');
      await ins.fill('#f-motivation', 'Activité hors du champ du dispositif.');
      await submit(ins, 'button:has-text("Proposer au Bureau")');
      expect(await ins.textContent('main')).toContain('Proposé au Bureau');
      await ins.goto('/instruction?scheme=TPE');
      await shot('demo-instructrice', 'instructrice-file');

      await bureauDecides(reference, 'unfavourable', 'Activité hors du champ du dispositif.');
      await biz.goto(`/mes-dossiers/${id}`);
      const main = (await biz.textContent('main')) ?? '';
      expect(main).toContain('Refusé');
      expect(main).toContain('Refus du Bureau');
      expect(main).toContain('Activité hors du champ du dispositif.');
      await shot('demo-entreprise', 'entreprise-dossier');
      expect(cspViolations).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
