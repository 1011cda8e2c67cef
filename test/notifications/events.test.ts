import { fteApplication } from '@aides/domain/testing/fixtures';
import type { OutboxItem } from '@aides/services/notifications/model';
import { runWorksReminders } from '@aides/services/notifications/reminders';
import { recordSignIn } from '@aides/services/people/directory';
import { listDossierOutbox } from '@aides/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../scripts/local/personas.ts';
import type { StreamPoller } from '../../scripts/local/stream-poller.ts';
import { createTestApi } from '../support/api.ts';
import {
  BUREAU,
  createEnvelopes,
  createSession,
  decide,
  FINANCE,
  fileDossier,
  INSTRUCTOR,
  instructAndPropose,
  pay,
  providePaymentDocuments,
  schedule,
} from '../support/journeys.ts';
import { type SmtpCatcher, startSmtpCatcher, startTestNotifier, until } from '../support/notifier.ts';

/**
 * Issue 13 §2: each event's e-mail, through the real path (the use case's transaction writes the
 * outbox item, DynamoDB Local's stream, the poller, the notifier's handler, SMTP to a real server).
 */
let api: Awaited<ReturnType<typeof createTestApi>>;
let catcher: SmtpCatcher;
let poller: StreamPoller;
const APPLICANT_EMAIL = fteApplication().contact.email;
const COLLEAGUE = 'demo-instructeur';
const colleagueEmail = PERSONAS.find((p) => p.sub === COLLEAGUE)?.email as string;

beforeAll(async () => {
  api = await createTestApi();
  // Staff addresses come from the profiles their sign-ins record, as on AWS.
  for (const p of PERSONAS)
    await recordSignIn(api.ctx, { sub: p.sub, name: p.name, email: p.email, roles: p.groups });
  catcher = await startSmtpCatcher();
  poller = await startTestNotifier(api.ctx, catcher);
});
afterAll(async () => {
  await poller?.stop();
  await catcher?.close();
});

/** Waits for the message of `subject` to `to`, and returns it. */
const mail = (to: string, subject: RegExp) =>
  until(`courriel « ${subject} » à ${to}`, () =>
    catcher.messages.find((m) => m.to.includes(to) && subject.test(m.subject)),
  );

describe('each event sends its e-mail through the stream', () => {
  it('filing, request, answer, assignment, decision, payment, reminder, lapse', {
    timeout: 180_000,
  }, async () => {
    const id = await fileDossier(api, 'FTE');
    const dossier = (await api.call('demo-menage', 'GET', `/api/dossiers/${id}`)).body;
    const ref = dossier.reference as string;

    const ack = await mail(APPLICANT_EMAIL, new RegExp(`${ref} : accusé de réception`));
    expect(ack.text).toContain(`/mes-dossiers/${id}`);
    expect(ack.html).toContain(`href="http://localhost:3000/mes-dossiers/${id}"`);
    expect(ack.text).toMatch(/^Bonjour,/);
    // The official letter, linked from the e-mail (issue 13 §3).
    expect(ack.text).toContain(
      `Télécharger l’accusé de réception (PDF) : http://localhost:3000/courriers/${id}/accuse-reception`,
    );
    expect(ack.html).toContain(`href="http://localhost:3000/courriers/${id}/accuse-reception"`);
    // Only what is needed: no name, no address, no income.
    const app = fteApplication();
    for (const personal of [app.applicant.lastName, app.address.line1, String(app.household.taxIncomeEuros)])
      expect(`${ack.text}${ack.html}`).not.toContain(personal);

    // The instructor hands the file to a colleague: the colleague is told, not the one handing.
    await api.call(
      INSTRUCTOR,
      'POST',
      `/api/dossiers/${id}/assign`,
      { assigneeSub: COLLEAGUE },
      await api.withMatch(INSTRUCTOR, id),
    );
    const assigned = await mail(colleagueEmail, new RegExp(`${ref} : il vous est confié`));
    expect(assigned.text).toContain(`/instruction/dossiers/${id}`);

    await api.call(
      COLLEAGUE,
      'POST',
      `/api/dossiers/${id}/request-documents`,
      { message: 'Merci de joindre votre avis d’imposition complet.', documentTypes: ['tax_notice'] },
      await api.withMatch(COLLEAGUE, id),
    );
    const requested = await mail(APPLICANT_EMAIL, new RegExp(`${ref} : des pièces vous sont demandées`));
    expect(requested.text).toContain("Dernier avis d'impôt sur le revenu");

    await api.upload('demo-menage', id, 'tax_notice');
    await api.call(
      'demo-menage',
      'POST',
      `/api/dossiers/${id}/answer`,
      { message: 'Voici.' },
      await api.withMatch('demo-menage', id),
    );
    await mail(colleagueEmail, new RegExp(`${ref} : le demandeur a répondu`));

    await instructAndPropose(api, id);
    const year = new Date().getUTCFullYear();
    await createEnvelopes(api, 'FTE', year, 10_000_000);
    const sessionId = await createSession(api, `B${year}-N1`, new Date().toISOString().slice(0, 10));
    await schedule(api, sessionId, id);
    const decided = await decide(api, sessionId, id, {
      outcome: 'favourable',
      deliberationNumber: `B${year}-101`,
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const decisionMail = await mail(APPLICANT_EMAIL, new RegExp(`${ref} : décision du Bureau communautaire`));
    expect(decisionMail.text).toContain(
      `Télécharger la notification de décision (PDF) : http://localhost:3000/courriers/${id}/decision-${sessionId}`,
    );

    await providePaymentDocuments(api, 'FTE', id);
    const committed = (await api.call(FINANCE, 'GET', `/api/dossiers/${id}`)).body.committedByFunder
      .agglomeration as number;
    const advance = Math.floor(committed * 0.2);
    const paid = await pay(api, id, 'agglomeration', 'advance', advance);
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    const payment = await mail(APPLICANT_EMAIL, new RegExp(`${ref} : versement de l’aide`));
    expect(payment.text).toContain('avance');
    // The payment notice, linked from the e-mail (issue 13 §3).
    const paymentId = paid.body.payment.id as string;
    expect(payment.text).toContain(
      `Télécharger l’avis de paiement (PDF) : http://localhost:3000/courriers/${id}/paiement-${paymentId}`,
    );

    // The daily check, on the day two months before the works deadline (24 months after the decision).
    const decisionDay = (await api.call(FINANCE, 'GET', `/api/dossiers/${id}`)).body.decision.at.slice(
      0,
      10,
    ) as string;
    const [y, m, d] = decisionDay.split('-').map(Number) as [number, number, number];
    const due = new Date(Date.UTC(y + 2, m - 1 - 2, d)).toISOString().slice(0, 10);
    const before = new Date(Date.UTC(y + 2, m - 1 - 2, d - 1)).toISOString().slice(0, 10);
    expect(await runWorksReminders(api.ctx, before)).toEqual({ reminded: 0, dropped: 0 });
    expect(await runWorksReminders(api.ctx, due)).toEqual({ reminded: 1, dropped: 0 });
    // Run again (a retried schedule): nothing more.
    expect(await runWorksReminders(api.ctx, due)).toEqual({ reminded: 0, dropped: 0 });
    const reminder = await mail(APPLICANT_EMAIL, new RegExp(`${ref} : vos travaux doivent être achevés`));
    expect(reminder.subject).toContain(String(y + 2));

    const lapsed = await api.call(
      FINANCE,
      'POST',
      `/api/dossiers/${id}/lapse`,
      { motivation: 'Travaux non réalisés dans le délai.' },
      await api.withMatch(FINANCE, id),
    );
    expect(lapsed.status, JSON.stringify(lapsed.body)).toBe(200);
    await mail(APPLICANT_EMAIL, new RegExp(`${ref} : l’aide est devenue caduque`));

    // Each outbox item sent once; the timeline tells of each, in the applicant's and staff's views.
    const items = await until('tous envoyés', async () => {
      const all = await listDossierOutbox<OutboxItem>(api.store, id);
      return all.every((o) => o.status === 'sent') ? all : undefined;
    });
    expect(items.map((o) => o.kind).sort()).toEqual(
      [
        'answered',
        'assigned',
        'decision',
        'documents_requested',
        'filed',
        'lapsed',
        'payment',
        'works_reminder',
      ].sort(),
    );
    expect(catcher.messages.filter((m) => items.some((o) => o.id === m.outboxId))).toHaveLength(items.length);

    const mine = (await api.call('demo-menage', 'GET', `/api/dossiers/${id}`)).body;
    const emailLines = mine.timeline.filter((t: { event: string }) => t.event === 'email_sent');
    expect(emailLines).toHaveLength(6); // the applicant's six, never the staff notices
    expect(emailLines[0].title).toMatch(/^Courriel envoyé le \d{1,2}(er)? \S+ \d{4} à \d{2}:\d{2}$/);
    expect(emailLines[0].detail).toBe(`Objet : Demande ${ref} : accusé de réception`);
    // Sent by the system after each step, not by the instructor (the decision's is the Bureau's step).
    expect(new Set(emailLines.map((t: { by: string }) => t.by))).toEqual(new Set(['Envoi automatique']));
    expect(JSON.stringify(mine.timeline)).not.toContain(colleagueEmail);
    const staff = (await api.call(BUREAU, 'GET', `/api/dossiers/${id}`)).body;
    expect(staff.timeline.filter((t: { action: string }) => t.action === 'email_sent')).toHaveLength(8);
  });

  it('a staff member who turned notices off gets none; the item is settled as skipped', {
    timeout: 120_000,
  }, async () => {
    const off = await api.call(COLLEAGUE, 'PUT', '/api/me/notifications', { staffNotices: false });
    expect(off.status).toBe(200);
    expect((await api.call(COLLEAGUE, 'GET', '/api/me/notifications')).body.staffNotices).toBe(false);
    const id = await fileDossier(api, 'FTE');
    await api.call(
      INSTRUCTOR,
      'POST',
      `/api/dossiers/${id}/assign`,
      { assigneeSub: COLLEAGUE },
      await api.withMatch(INSTRUCTOR, id),
    );
    const item = await until('élément réglé', async () => {
      const all = await listDossierOutbox<OutboxItem>(api.store, id);
      const o = all.find((x) => x.kind === 'assigned');
      return o && o.status !== 'pending' && o.status !== 'sending' ? o : undefined;
    });
    expect(item.status).toBe('skipped');
    expect(item.reason).toMatch(/désactivés/);
    expect(catcher.messages.some((m) => m.outboxId === item.id)).toBe(false);
    await api.call(COLLEAGUE, 'PUT', '/api/me/notifications', { staffNotices: true });
  });
});
