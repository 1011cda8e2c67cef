import { listAttachments } from '@aides/services/attachments/attachments';
import { getDossier } from '@aides/services/dossiers/applications';
import { getEnvelope } from '@aides/services/finance/envelopes';
import { listDossierCommitments, recordPayment } from '@aides/services/finance/payments';
import { recordVerdict } from '@aides/services/instruction/instruction';
import { beforeAll, describe, expect, it } from 'vitest';
import { uploadAll } from '../../../../test/adversarial/fixtures.ts';
import { callerOf, seedApproved, webHarness } from '../../../../test/support/web-harness.ts';
import { euros } from '../../lib/format.ts';

/**
 * Issue 16.3 in the pages: after a balance paid below the commitment, the envelopes page, the
 * indicators and the dossier show the same initial, released, net, paid and remaining figures
 * (reported: the envelopes said 4,000 € committed and the indicators 4,800 €).
 */
let h: Awaited<ReturnType<typeof webHarness>>;
let id: string;
const finance = 'demo-finances';
const year = new Date().getUTCFullYear();

/** The cells of the table row headed by `label` in a page's HTML (text only). */
function rowCells(html: string, caption: RegExp, label: string): string[] {
  const table = html.split('<table').find((t) => caption.test(t)) ?? '';
  const row = table.split('<tr>').find((r) => r.includes(`<th scope="row">${label}</th>`)) ?? '';
  return [...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) => (m[1] as string).replace(/<[^>]+>/g, ''));
}

beforeAll(async () => {
  h = await webHarness();
  id = await seedApproved(h.ctx, 10_000_000);
  await uploadAll(h.ctx, callerOf('demo-menage'), id, ['invoice']);
  for (const a of await listAttachments(h.ctx, callerOf('demo-instructrice'), id))
    if (!a.verdict) await recordVerdict(h.ctx, callerOf('demo-instructrice'), id, a.id, { valid: true });
  const [c] = await listDossierCommitments(h.ctx, callerOf(finance), id);
  const d = await getDossier(h.ctx, callerOf(finance), id);
  await recordPayment(h.ctx, callerOf(finance), id, d.version, {
    funder: 'agglomeration',
    kind: 'balance',
    amountCents: Math.floor((c?.amountCents ?? 0) * 0.6),
  });
}, 120_000);

describe('net commitments in the pages (16.3)', () => {
  it('envelopes, indicators and dossier show the same five figures', async () => {
    const [c] = await listDossierCommitments(h.ctx, callerOf(finance), id);
    if (!c) throw new Error('aucun engagement');
    // Computed here, not with the domain's helper: initial, released, net = initial − released, paid, remaining.
    const net = c.amountCents - c.releasedCents;
    expect(c.releasedCents).toBeGreaterThan(0);
    const expected = [c.amountCents, c.releasedCents, net, c.paidCents, net - c.paidCents].map(euros);

    const envelopes = await (await h.get(finance, `/finances?annee=${year}`)).text();
    expect(
      rowCells(envelopes, /Engagements par enveloppe/, `FTE ${year} — Agglomération`).slice(0, 5),
    ).toEqual(expected);
    const env = await getEnvelope(h.ctx, callerOf(finance), `FTE-${year}-agglomeration`);
    expect(env.committedCents).toBe(net);

    const indicators = await (await h.get(finance, `/finances/indicateurs?annee=${year}`)).text();
    expect(
      rowCells(indicators, /Engagements \d{4} \(datés de la décision\)/, 'Fonds de Transition Énergétique'),
    ).toEqual(expected);

    const dossier = await (await h.get(finance, `/finances/dossiers/${id}`)).text();
    expect(rowCells(dossier, /Engagements : initial/, 'Agglomération').slice(0, 5)).toEqual(expected);
  });

  it('creates an envelope with its budget line from the form, and refuses an unusable one beside the field', async () => {
    const bad = await h.post(finance, '/finances/enveloppes', {
      scheme: 'TPE',
      year: String(year),
      funder: 'region',
      amountCents: '1 000',
      budgetLine: '204;20422',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(
      /id="f-budgetLine-error"[^>]*>Ligne budgétaire : chapitre-article-fonction/,
    );
    const ok = await h.post(finance, '/finances/enveloppes', {
      scheme: 'TPE',
      year: String(year),
      funder: 'region',
      amountCents: '1 000',
      budgetLine: '204-20422-72',
    });
    expect(ok.status).toBe(303);
    expect((await getEnvelope(h.ctx, callerOf(finance), `TPE-${year}-region`)).budgetLine).toBe(
      '204-20422-72',
    );
  });
});
