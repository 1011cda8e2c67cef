import { getEnvelope } from '@aides/services/finance/envelopes';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../support/api.ts';
import {
  asCaller,
  BUREAU,
  cloneScheduled,
  ensureEnvelope,
  FINANCE,
  newSession,
  scanAll,
  scheduledDossier,
} from './fixtures.ts';

let api: Awaited<ReturnType<typeof createTestApi>>;
beforeAll(async () => {
  api = await createTestApi();
});

const N = 1000;

describe('envelope race', () => {
  it(`${N} concurrent favourable decisions never overspend the envelope`, async () => {
    const { ctx } = api;
    const session = await newSession(ctx);
    const template = await scheduledDossier(ctx, session.id);
    const amount = template.proposal?.amountsByFunder.agglomeration ?? 0;
    expect(amount).toBeGreaterThan(0);
    const clones = await cloneScheduled(ctx.store, template, session.id, N - 1);
    const dossiers = [template, ...clones];
    // Room for 250 commitments and a half.
    const envelopeCents = amount * 250 + Math.floor(amount / 2);
    const envelope = await ensureEnvelope(ctx, envelopeCents);

    const token = await api.tokenFor(BUREAU);
    const answers = await Promise.all(
      dossiers.map(async (d) => {
        const res = await api.app.request(`http://localhost/api/sessions/${session.id}/decisions`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'if-match': `"${d.version}"`,
          },
          body: JSON.stringify({
            dossierId: d.id,
            outcome: 'favourable',
            deliberationNumber: `R-${d.id.slice(0, 8)}`,
          }),
        });
        return {
          id: d.id,
          status: res.status,
          type: res.headers.get('content-type') ?? '',
          body: await res.text(),
        };
      }),
    );

    // Every request has answered, and none answers before its work is over (no early-timeout
    // answer: functions/src/http/area.ts), so the table no longer moves.
    const ok = answers.filter((a) => a.status >= 200 && a.status < 300);

    const after = await getEnvelope(ctx, asCaller(FINANCE), envelope.id);
    const items = await scanAll(ctx.store);
    const commitments = items.filter((i) => i.type === 'commitment');
    const committedSum = commitments.reduce((s, c) => s + Number(c.amountCents), 0);
    const approved = items.filter((i) => i.type === 'dossier' && i.status === 'approved');

    expect(after.committedCents).toBeLessThanOrEqual(envelopeCents);
    expect(after.committedCents + after.availableCents).toBe(envelopeCents);
    expect(after.committedCents).toBe(committedSum);
    expect(commitments.length).toBe(ok.length);
    expect(approved.length).toBe(ok.length);
    // Every commitment belongs to an approved dossier and every approved dossier has one.
    expect(new Set(commitments.map((c) => c.dossierId))).toEqual(new Set(approved.map((d) => d.id)));
    expect(new Set(ok.map((a) => a.id))).toEqual(new Set(approved.map((d) => d.id as string)));
    // Contention must not starve the envelope: at least some decisions go through.
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.length).toBeLessThanOrEqual(250);
    // A refused decision is a 409 (envelope insufficient) or a 503 (busy: retry), always problem+json.
    // Known failure (see report): under this load the middy early timeout escapes defineArea and the
    // local gateway answers a text/plain 500.
    const statuses = countStatuses(answers);
    expect
      .soft(
        Object.keys(statuses).filter((s) => !['200', '409', '503'].includes(s)),
        JSON.stringify(statuses),
      )
      .toEqual([]);
    expect
      .soft(answers.filter((a) => a.status >= 400 && !a.type.includes('application/problem+json')).length)
      .toBe(0);
    console.info(`envelope race: ${ok.length} committed, statuses ${JSON.stringify(countStatuses(answers))}`);
  }, 600_000); // 80 s alone; over 240 s at load 15–25 on two cores (a busy CI machine).
});

const countStatuses = (answers: { status: number }[]) => {
  const c: Record<number, number> = {};
  for (const a of answers) c[a.status] = (c[a.status] ?? 0) + 1;
  return c;
};
