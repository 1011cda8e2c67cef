import { recordDecision } from '@aides/services/bureau/decisions';
import { createSession, scheduleDossier } from '@aides/services/bureau/sessions';
import { getDossier } from '@aides/services/dossiers/applications';
import { addNote, assign, propose } from '@aides/services/instruction/instruction';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerOf, seedSubmitted, webHarness } from '../../../../test/support/web-harness.ts';

/**
 * /mes-dossiers/{id}: the instructor's proposal (its kind, text and motivation), private notes and
 * staff names stay off the applicant's page; the Bureau's motivation appears once it has decided.
 */
let h: Awaited<ReturnType<typeof webHarness>>;
const household = 'demo-menage';
const instructrice = callerOf('demo-instructrice');
const bureau = callerOf('demo-bureau');
const INTERNAL_MOTIVATION = 'Motif interne : ressources probablement sous-déclarées.';
const INTERNAL_TEXT = 'Texte interne de la proposition de refus.';
const NOTE = 'Note privée : rappeler le conseiller.';
const BUREAU_MOTIVATION = 'Les travaux ont commencé avant le dépôt de la demande.';
let id: string;
let sessionId: string;

const page = async () => (await h.get(household, `/mes-dossiers/${id}`)).text();

beforeAll(async () => {
  h = await webHarness();
  id = await seedSubmitted(h.ctx, 'FTE');
  let d = await getDossier(h.ctx, instructrice, id);
  d = await assign(h.ctx, instructrice, id, d.version, {});
  await addNote(h.ctx, instructrice, id, { text: NOTE });
  d = await propose(h.ctx, instructrice, id, d.version, {
    kind: 'refusal',
    text: INTERNAL_TEXT,
    motivation: INTERNAL_MOTIVATION,
  });
  const year = h.ctx.now().getUTCFullYear();
  sessionId = (
    await createSession(h.ctx, bureau, {
      number: `${year}-${id.slice(0, 6)}`,
      date: h.ctx.now().toISOString().slice(0, 10),
    })
  ).id;
  await scheduleDossier(h.ctx, bureau, sessionId, d.version, { dossierId: id });
});

describe('the applicant’s dossier page', () => {
  it('before the decision: the state and public steps, no internal motivation, proposal or staff name', async () => {
    const html = await page();
    for (const secret of [INTERNAL_MOTIVATION, INTERNAL_TEXT, NOTE, 'Proposition de refus', 'Sophie Durand'])
      expect(html).not.toContain(secret);
    expect(html).toContain('Inscrit à l');
    expect(html).toContain('Dossier transmis au Bureau communautaire');
    expect(html).toContain('Service instructeur');
  });

  it('after an unfavourable decision: the Bureau’s motivation, still not the instructor’s', async () => {
    const d = await getDossier(h.ctx, bureau, id);
    await recordDecision(h.ctx, bureau, sessionId, d.version, {
      dossierId: id,
      outcome: 'unfavourable',
      motivation: BUREAU_MOTIVATION,
    });
    const html = await page();
    expect(html).toContain('Aide refusée.');
    expect(html).toContain(`Motif : ${BUREAU_MOTIVATION}`);
    for (const secret of [INTERNAL_MOTIVATION, INTERNAL_TEXT, NOTE, 'Proposition de refus', 'Sophie Durand'])
      expect(html).not.toContain(secret);
    expect(html).toContain('Refus du Bureau communautaire');
    const list = await (await h.get(household, '/mes-dossiers')).text();
    for (const secret of [INTERNAL_MOTIVATION, INTERNAL_TEXT, NOTE, 'Sophie Durand'])
      expect(list).not.toContain(secret);
  });
});
