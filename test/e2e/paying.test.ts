import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { until } from '../support/notifier.ts';
import { axeViolations, type Violation } from './axe.ts';
import {
  bureauCreatesSession,
  bureauDecides,
  chromiumPresent,
  fileAndSubmit,
  fillStep,
  financeCreatesEnvelope,
  financePays,
  fteWizardSteps,
  instructorChecksDocuments,
  instructorProposesGrant,
  instructorTakes,
  instructorVerifiesPaymentDocuments,
  mainText,
  remainingByFunder,
  startDraft,
  useBrowserStack,
} from './steps.ts';
import { cspViolations, JOURNEY_TIMEOUT, SCREENSHOTS, upload } from './support.ts';

/**
 * Issue 13 §1, done-criterion: FTE and Habitat from the filing to the balance entirely through the
 * web, each step by the role that does it — the household files in the wizard, the instructor
 * takes and checks the file and proposes it, the Bureau puts it on a session's agenda and decides,
 * the household uploads the RIB once granted, the instructor judges it in « Pièces de paiement à
 * vérifier », finance pays the advance, the household uploads the invoices, the instructor judges
 * them, finance pays the balance, and the dossier is « Soldé ». No service or API call drives a
 * step: the amounts are read on finance's page, the dossier's id in the address bar. The e-mails
 * are checked at a real SMTP catcher fed by the stream notifier, as `npm start` runs it.
 */
const stack = useBrowserStack(['demo-menage', 'demo-instructrice', 'demo-bureau', 'demo-finances'], {
  mail: true,
  axe: true,
});
/** axe-core's findings on the paying pages, in the states the journey reaches (none expected). */
const axeFound: Record<string, Violation[]> = {};
async function axeCheck(page: Page, name: string) {
  const v = await axeViolations(page);
  if (v.length) axeFound[name] = v;
}
const p = (sub: string) => stack.page(sub);
const year = new Date().getFullYear();
/** Sessions are dated today: a session cannot be decided before its date (issue 13 §4). */
const today = () => new Date().toISOString().slice(0, 10);

/** The household's answers, by scheme: an FTE attic insulation, a Habitat energy renovation. */
const ANSWERS: Record<'FTE' | 'HABITAT', Record<string, string>[]> = {
  FTE: fteWizardSteps(year),
  // MaPrimeRénov' Parcours accompagné: one person, 12,000 € (very modest), F → C, 45 % gain.
  HABITAT: [
    {
      'applicant.lastName': 'Martin',
      'applicant.firstName': 'Claire',
      'contact.email': 'claire.martin@example.fr',
    },
    {
      'address.line1': '4 rue d’Aire',
      'address.postalCode': '62190',
      'address.communeInsee': '62516',
      ownerStatus: 'occupant',
      programme: 'diffus',
      'household.size': '1',
      'household.taxIncomeEuros': '12000',
      'household.taxIncomeYear': String(year - 1),
    },
    {
      workKind: 'energy',
      'dpe.before': 'F',
      'dpe.after': 'C',
      'dpe.assessmentReference': '2362E1234567A',
      energyGainPct: '45',
      worksNotStarted: 'true',
      'works.0.label': 'Isolation des murs et pompe à chaleur',
      'works.0.amountHtCents': '45000',
      'works.0.amountTtcCents': '47475',
      'works.0.company.name': 'Réno’Artois',
    },
  ],
};
/** The documents filed with the application: no RIB (the case that could not be paid before). */
const FILED = {
  FTE: ['identity_document', 'tax_notice', 'property_proof', 'france_renov_certificate', 'quote'],
  HABITAT: ['identity_document', 'tax_notice', 'property_proof', 'quote'],
} as const;
const FUNDERS = { FTE: ['agglomeration'], HABITAT: ['anah', 'agglomeration'] } as const;

describe.skipIf(!chromiumPresent)('from the filing to the balance, entirely in headless Chromium', () => {
  it.each(['FTE', 'HABITAT'] as const)(
    '%s: household, instructor, Bureau and finance, each in their own pages',
    async (scheme) => {
      const home = p('demo-menage');
      const ins = p('demo-instructrice');
      const bureau = p('demo-bureau');
      const fin = p('demo-finances');

      // Finance opens the year's envelopes of each funder (once per scheme).
      for (const funder of FUNDERS[scheme])
        await financeCreatesEnvelope(fin, { scheme, year, funder, euros: '1 000 000' });

      // The household fills the wizard and files, without a RIB.
      const id = await startDraft(home, scheme);
      for (const step of ANSWERS[scheme]) await fillStep(home, step);
      expect(home.url()).toContain(`/demandes/${id}/pieces`);
      const reference = await fileAndSubmit(home, FILED[scheme]);
      expect(reference).toMatch(new RegExp(`^${scheme}-`));

      // The instructor takes it from the queue, checks each document and proposes the grant.
      await instructorTakes(ins, reference, scheme);
      await instructorChecksDocuments(ins);
      await instructorProposesGrant(ins, 'Dossier complet, avis favorable.');

      // The Bureau puts it on a session's agenda and grants it.
      const session = await bureauCreatesSession(bureau, `${year}-${scheme}`, today());
      await bureauDecides(bureau, session, reference, 'favourable', `B${year}-${scheme}-01`);

      // The household sees the grant and what each payment needs.
      await home.goto(`/mes-dossiers/${id}`);
      expect(await home.textContent('main .status, main')).toContain('Accordé');
      expect(await home.textContent('#pieces-paiement')).toContain('Avant l’avance');

      // Finance tries the advance first: the page says what is missing, and so does the refusal.
      let remaining = await remainingByFunder(fin, id);
      expect(Object.keys(remaining).sort()).toEqual([...FUNDERS[scheme]].sort());
      expect(await fin.textContent('#pieces-paiement-titre + ul')).toMatch(
        /Avant l’avance : manque : Relevé d’identité bancaire/,
      );
      const first = FUNDERS[scheme][0];
      const advance = Math.floor((remaining[first] ?? 0) * 0.3);
      expect(advance).toBeGreaterThan(0);
      expect(await financePays(fin, id, { kind: 'advance', cents: advance, funder: first })).toContain(
        'Pièces à vérifier avant l’avance',
      );

      // The household uploads the RIB on its dossier page (JS: straight to S3).
      await upload(home, 'rib');
      expect(await home.textContent('#pieces-paiement')).toContain('Reçue, en attente de vérification');

      // A refusal reaches the household with its reason; a new RIB is then accepted.
      await ins.goto('/instruction/pieces-de-paiement');
      await axeCheck(ins, `${scheme} pièces de paiement à vérifier`);
      await instructorVerifiesPaymentDocuments(ins, reference, {
        refuse: 'RIB au nom d’une autre personne.',
      });
      await home.goto(`/mes-dossiers/${id}`);
      expect(await home.textContent('#pieces-paiement')).toContain(
        'Non conforme : RIB au nom d’une autre personne.',
      );
      // The refusal is said at the top, with where to upload the new one.
      expect(await home.textContent('section[aria-labelledby="refusees-titre"]')).toContain(
        'dans « Pièces pour le paiement de l’aide »',
      );
      await axeCheck(home, `${scheme} ménage, RIB refusé`);
      await upload(home, 'rib');
      await instructorVerifiesPaymentDocuments(ins, reference);
      // Replaced and found conforming: nothing is left « à remplacer ».
      await home.goto(`/mes-dossiers/${id}`);
      expect(await home.locator('#refusees-titre').count()).toBe(0);

      expect(await financePays(fin, id, { kind: 'advance', cents: advance, funder: first })).toContain(
        'Versement enregistré',
      );

      // Works done: the invoices, judged, then the balance on each funder's rest.
      await home.goto(`/mes-dossiers/${id}`);
      expect(await home.textContent('main')).toContain('État : Avance versée');
      expect(await home.textContent('#pieces-paiement')).toMatch(/Avant le solde : à fournir[^:]*: Factures/);
      await upload(home, 'invoice');
      await instructorVerifiesPaymentDocuments(ins, reference);
      await fin.goto(`/finances/dossiers/${id}`);
      const panel = (await fin.textContent('section[aria-labelledby="pieces-paiement-titre"]')) ?? '';
      expect(panel).toMatch(/Avant le solde : ✓/);
      expect(panel).toContain('Vérifiée : conforme');
      await axeCheck(fin, `${scheme} finances, dossier avant le solde`);
      // Two RIB (one refused) and the invoices, each with a link to the file.
      expect(await fin.locator(`a[href^="/dossiers/${id}/pieces/"]`).count()).toBe(3);
      remaining = await remainingByFunder(fin, id);
      for (const f of FUNDERS[scheme])
        expect(
          await financePays(fin, id, { kind: 'balance', cents: remaining[f] ?? 0, funder: f }),
        ).toContain('Versement enregistré');
      expect(await fin.textContent('main .status')).toBe('Soldé');

      // The household's page says « Soldé », with the payments in its timeline and no more to upload.
      await home.goto(`/mes-dossiers/${id}`);
      expect(await mainText(home)).toContain('Soldé');
      const timeline = (await home.textContent('.timeline')) ?? '';
      for (const step of [
        'Demande déposée',
        'Prise en instruction',
        'Dossier transmis au Bureau communautaire',
        'Inscription à l’ordre du jour',
        'Aide accordée',
        'Avance versée',
      ])
        expect(timeline).toContain(step);
      expect(await home.locator('#pieces-paiement').count()).toBe(0);
      await home.screenshot({
        path: `${SCREENSHOTS}/menage-solde-${scheme.toLowerCase()}.png`,
        fullPage: true,
      });

      // The household was told by e-mail at each step (read at the catcher).
      const catcher = stack.catcher;
      if (!catcher) throw new Error('pas de catcher');
      const email = ANSWERS[scheme][0]?.['contact.email'];
      if (!email) throw new Error('pas d’adresse du foyer');
      const mine = () => catcher.messages.filter((m) => m.to.includes(email));
      const subjects = await until('les courriels du dossier', () => {
        const s = mine()
          .filter((m) => m.text.includes(reference))
          .map((m) => m.subject);
        return s.length >= 4 ? s : undefined;
      });
      expect(subjects.join('\n')).toMatch(/accusé de réception|déposée/i);
      // The decision e-mail links to the decision letter: the household follows it and gets the PDF.
      const decisionMail = mine().find((m) => m.text.includes(reference) && /décision/i.test(m.subject));
      const letterUrl = /Télécharger la notification de décision \(PDF\) : (\S+)/.exec(
        decisionMail?.text ?? '',
      )?.[1];
      expect(letterUrl).toBeDefined();
      const path = new URL(letterUrl as string).pathname;
      const [download] = await Promise.all([
        home.waitForEvent('download'),
        home.evaluate((href) => {
          const a = document.createElement('a');
          a.href = href;
          document.body.append(a);
          a.click();
        }, path),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      expect(subjects.join('\n')).toMatch(/décision|accordée/i);
      expect(subjects.join('\n')).toMatch(/versement|paiement/i);
      expect(axeFound).toEqual({});
      expect(cspViolations).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
