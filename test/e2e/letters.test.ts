import { readFileSync } from 'node:fs';
import { getDossier } from '@aides/services/dossiers/applications';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf-text.ts';
import { callerOf, grantScheduled, seedScheduled } from '../support/web-harness.ts';
import { chromiumPresent, useBrowserStack } from './steps.ts';
import { JOURNEY_TIMEOUT, SCREENSHOTS, submit } from './support.ts';

/**
 * The official documents in the browser (issue 13 §3): the household downloads its acknowledgement
 * and its decision letter from its dossier page, twice the same file; somebody else gets « page
 * introuvable »; the Bureau secretary records the session and downloads the certified extract.
 * The dossier is filed and granted through the services (the way there in the browser is
 * journeys.test.ts's).
 */
const stack = useBrowserStack(['demo-menage', 'demo-entreprise', 'demo-bureau']);
const p = (sub: string) => stack.page(sub);

/** Clicks a link that downloads a file, and returns the file's bytes and suggested name. */
async function download(page: Page, linkText: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`a:has-text("${linkText}")`)]);
  const path = await file.path();
  return { bytes: new Uint8Array(readFileSync(path)), name: file.suggestedFilename() };
}

describe.skipIf(!chromiumPresent)('official documents in the browser', () => {
  it('the household downloads its acknowledgement and decision letter; the secretary certifies the extract', {
    timeout: JOURNEY_TIMEOUT,
  }, async () => {
    const { id, sessionId } = await seedScheduled(stack.server.ctx);
    await grantScheduled(stack.server.ctx, id, sessionId);
    const d = await getDossier(stack.server.ctx, callerOf('demo-menage'), id);

    const household = p('demo-menage');
    await household.goto(`/mes-dossiers/${id}`);
    const section = (await household.textContent('#courriers-titre + ul')) ?? '';
    expect(section).toContain('Accusé de réception (PDF)');
    expect(section).toContain('Notification de décision (PDF)');

    const ack = await download(household, 'Accusé de réception (PDF)');
    expect(ack.name).toBe(`accuse-reception-${d.reference}.pdf`);
    const ackText = (await pdfText(ack.bytes)).text;
    expect(ackText).toContain('Accusé de réception de votre demande');
    expect(ackText).toContain(`enregistrée sous la référence ${d.reference}`);
    expect(ackText).toContain('vaudra décision implicite de rejet');

    const decision = await download(household, 'Notification de décision (PDF)');
    const decisionText = (await pdfText(decision.bytes)).text;
    expect(decisionText).toContain('Notification d’attribution d’une aide');
    expect(decisionText).toContain(`Par délibération n° ${d.decision?.deliberationNumber}`);
    expect(decisionText).toContain('Tribunal administratif de Lille');

    // Downloaded again after a reload: the very same file.
    await household.reload();
    const again = await download(household, 'Accusé de réception (PDF)');
    expect(Buffer.from(again.bytes).equals(Buffer.from(ack.bytes))).toBe(true);
    await household.screenshot({ path: `${SCREENSHOTS}/courriers-menage.png`, fullPage: true });

    // Another applicant, with the address: the French « page introuvable », no PDF.
    const stranger = p('demo-entreprise');
    const res = await stranger.goto(`/courriers/${id}/accuse-reception`);
    expect(res?.status()).toBe(404);
    expect(await stranger.textContent('main')).toContain('Page introuvable');

    // The Bureau secretary records the session, with a French error first, then certifies.
    const bureau = p('demo-bureau');
    await bureau.goto(`/bureau/seances/${sessionId}`);
    await bureau.fill('#f-releve-membersInOffice', '9');
    await bureau.fill('#f-releve-membersPresent', 'Mme Agathe Lenoir\nM. Bruno Caron');
    await bureau.fill('#f-releve-quorum', '5');
    await bureau.fill('#f-releve-signatory-name', 'Olivier Gacquerre');
    await bureau.fill('#f-releve-signatory-title', 'Le Président');
    await submit(bureau, 'button:has-text("Enregistrer le relevé")');
    expect(await bureau.textContent('.error-summary')).toContain(
      'Membres présents : Quorum non atteint : 2 présents pour un quorum de 5',
    );
    const today = new Date().toISOString().slice(0, 10);
    await bureau.fill(
      '#f-releve-membersPresent',
      [
        'Mme Agathe Lenoir',
        'M. Bruno Caron',
        'Mme Chloé Vasseur',
        'M. Didier Ansel',
        'Mme Élise Prévost',
      ].join('\n'),
    );
    await bureau.fill('#f-releve-transmittedOn', today);
    await bureau.fill('#f-releve-publishedOn', today);
    await submit(bureau, 'button:has-text("Enregistrer le relevé")');
    expect(await bureau.textContent('main')).toContain('Enregistré.');
    const extract = await download(bureau, 'Projet d’extrait de délibération (PDF)');
    const extractText = (await pdfText(extract.bytes)).text;
    expect(extractText).toContain('Certifié exécutoire compte tenu de la transmission en préfecture');
    expect(extractText).toContain('DÉCIDE d’attribuer');
    await bureau.reload();
    expect(await bureau.textContent('#releve ~ p, #releve + p')).toContain(
      'Extrait certifié exécutoire délivré le',
    );
  });
});
