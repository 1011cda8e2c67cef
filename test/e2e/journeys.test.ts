import { readFileSync } from 'node:fs';
import { tpeApplication } from '@aides/domain/testing/fixtures';
import { describe, expect, it } from 'vitest';
import {
  bureauCreatesSession,
  chromiumPresent,
  bureauDecides as decide,
  fileAndSubmit,
  fillStep,
  financeCreatesEnvelope,
  financePays,
  fteWizardSteps,
  instructorChecksDocuments,
  instructorProposesGrant,
  instructorTakes,
  remainingByFunder,
  startDraft,
  useBrowserStack,
} from './steps.ts';
import { cspViolations, JOURNEY_TIMEOUT, requestedOrigins, SCREENSHOTS, submit, upload } from './support.ts';

/**
 * Through the web from the filing to the Bureau's decision: the FTE file to its advance (its
 * balance, and Habitat's whole way to « Soldé », are paying.test.ts's), the TPE file to a refusal.
 */
const stack = useBrowserStack([
  'demo-menage',
  'demo-entreprise',
  'demo-instructrice',
  'demo-bureau',
  'demo-finances',
]);
const p = (sub: string) => stack.page(sub);
const year = new Date().getFullYear();
let sessionUrl = '';
const shot = (sub: string, name: string) =>
  p(sub).screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });

async function instructorOpens(reference: string, scheme: string) {
  const page = p('demo-instructrice');
  await instructorTakes(page, reference, scheme);
  return page;
}

async function bureauDecides(reference: string, outcome: 'favourable' | 'unfavourable', detail: string) {
  const page = p('demo-bureau');
  sessionUrl ||= await bureauCreatesSession(page, `${year}-42`, `${year}-06-20`);
  await decide(page, sessionUrl, reference, outcome, detail);
}

describe.skipIf(!chromiumPresent)('end to end in headless Chromium', () => {
  it(
    'FTE: household files, instructor asks for a document, Bureau approves, finance pays and exports',
    async () => {
      const home = p('demo-menage');
      const id = await startDraft(home, 'FTE');
      const steps = fteWizardSteps(year);
      for (const [n, step] of steps.entries()) {
        if (n === steps.length - 1) await shot('demo-menage', 'menage-formulaire');
        await fillStep(home, step);
      }
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
      await instructorChecksDocuments(ins);
      await instructorProposesGrant(ins, 'Dossier complet, avis favorable.');
      await shot('demo-instructrice', 'instructrice-dossier');

      const fin = p('demo-finances');
      await financeCreatesEnvelope(fin, { scheme: 'FTE', year, funder: 'agglomeration', euros: '100 000' });

      await bureauDecides(reference, 'favourable', `B${year}-042`);
      await shot('demo-bureau', 'bureau-seance');

      // Finance reads what is committed on its page, and pays the advance.
      const committed = (await remainingByFunder(fin, id)).agglomeration ?? 0;
      expect(await financePays(fin, id, { kind: 'advance', cents: Math.floor(committed * 0.3) })).toContain(
        'Versement enregistré',
      );
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
      expect(requestedOrigins).toContain(new URL(stack.server.store.config.s3Endpoint as string).origin);
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
