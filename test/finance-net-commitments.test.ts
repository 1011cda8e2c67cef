import { randomUUID } from 'node:crypto';
import { commitmentFigures, envelopeFigures } from '@aides/domain';
import { listAttachments } from '@aides/services/attachments/attachments';
import { recordDecision } from '@aides/services/bureau/decisions';
import type { Commitment, Envelope } from '@aides/services/bureau/model';
import { createSession, scheduleDossier } from '@aides/services/bureau/sessions';
import { createContext, type ServiceContext } from '@aides/services/context';
import type { Dossier } from '@aides/services/dossiers/model';
import { AppError } from '@aides/services/errors';
import { createEnvelope, listEnvelopes } from '@aides/services/finance/envelopes';
import { exportRows } from '@aides/services/finance/export-rows';
import { lapseCommitment, listDossierCommitments, recordPayment } from '@aides/services/finance/payments';
import { recordVerdict } from '@aides/services/instruction/instruction';
import { yearlyIndicators } from '@aides/services/reports/indicators';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  asCaller,
  BUREAU,
  FINANCE,
  FTE_RULES,
  HOUSEHOLD,
  INSTRUCTOR,
  proposedDossier,
  reload,
  uploadAll,
} from './adversarial/fixtures.ts';
import { createTestStore } from './support/store.ts';

/**
 * Issue 16.3, as a property over random histories through the real services against DynamoDB
 * Local: commit (the Bureau's decision, in a session of 2025 or 2026), advances, instalments,
 * balances below the commitment and lapses, in any order (refused steps included). After every
 * history, for each year: the sum of the net commitments (initial − released) is what the
 * envelope shows as committed, their payments what it shows as paid, the envelope's initial and
 * released figures add up, the yearly report shows the same five figures, and every commitment
 * holds exactly what an independent ledger of the accepted steps says.
 */
const NOW = new Date('2026-11-15T10:00:00Z');
const YEARS = [2025, 2026] as const;
const finance = asCaller(FINANCE);
const bureau = asCaller(BUREAU);

type Step =
  | { kind: 'advance' | 'instalment'; bp: number }
  | { kind: 'balance'; share: number }
  | { kind: 'lapse' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('advance' as const, 'instalment' as const),
    bp: fc.integer({ min: 1, max: 4000 }),
  }),
  fc.record({ kind: fc.constant('balance' as const), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.constant({ kind: 'lapse' as const }),
);
const history = fc.record({
  year: fc.constantFrom(...YEARS),
  day: fc.integer({ min: 0, max: 300 }),
  steps: fc.array(step, { maxLength: 5 }),
});

/** What an independent ledger expects of a commitment. */
interface Expected {
  initial: number;
  paid: number;
  released: number;
  open: boolean;
}

let ctx: ServiceContext;
const ledger = new Map<string, Expected>();
const refusals = { count: 0 };

beforeAll(async () => {
  ctx = createContext(await createTestStore(), { now: () => NOW });
  for (const year of YEARS)
    await createEnvelope(ctx, finance, {
      scheme: 'FTE',
      year,
      funder: 'agglomeration',
      amountCents: 1_000_000_000,
      budgetLine: `204-20422-${year === 2025 ? 71 : 72}`,
    });
}, 60_000);

/**
 * A proposed dossier (grant proposed, nothing committed), put on a session's agenda, decided
 * favourably (committed), its payment documents verified.
 */
async function commit(proposed: Dossier, year: number, day: number) {
  const date = new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
  const session = await createSession(ctx, bureau, { number: `S-${randomUUID().slice(0, 8)}`, date });
  const d = await scheduleDossier(ctx, bureau, session.id, proposed.version, { dossierId: proposed.id });
  await recordDecision(ctx, bureau, session.id, d.version, {
    dossierId: d.id,
    outcome: 'favourable',
    deliberationNumber: `B-${d.id.slice(0, 8)}`,
  });
  const docs = [...new Set([...FTE_RULES.documents.beforeAdvance, ...FTE_RULES.documents.beforePayment])];
  const present = new Set((await listAttachments(ctx, asCaller(HOUSEHOLD), d.id)).map((a) => a.documentType));
  await uploadAll(
    ctx,
    asCaller(HOUSEHOLD),
    d.id,
    docs.filter((t) => !present.has(t)),
  );
  for (const a of await listAttachments(ctx, asCaller(INSTRUCTOR), d.id))
    if (!a.verdict) await recordVerdict(ctx, asCaller(INSTRUCTOR), d.id, a.id, { valid: true });
  const [c] = await listDossierCommitments(ctx, finance, d.id);
  if (!c) throw new Error('aucun engagement');
  expect(c.decisionDate).toBe(date);
  ledger.set(c.id, { initial: c.amountCents, paid: 0, released: 0, open: true });
  return { dossierId: d.id, commitmentId: c.id };
}

/** Runs one step through the services; a refused step (4xx) must change nothing. */
async function run(dossierId: string, commitmentId: string, s: Step) {
  const e = ledger.get(commitmentId) as Expected;
  const remaining = e.initial - e.paid - e.released;
  const d = await reload(ctx.store, dossierId);
  try {
    if (s.kind === 'lapse') {
      await lapseCommitment(ctx, finance, dossierId, d.version, { motivation: 'Travaux non réalisés.' });
      if (e.open) e.released += remaining;
      e.open = false;
      return;
    }
    const amountCents =
      s.kind === 'balance'
        ? Math.max(1, Math.floor(remaining * s.share))
        : Math.max(1, Math.floor((e.initial * s.bp) / 10_000));
    await recordPayment(ctx, finance, dossierId, d.version, {
      funder: 'agglomeration',
      kind: s.kind,
      amountCents,
    });
    e.paid += amountCents;
    if (s.kind === 'balance') {
      e.released += remaining - amountCents;
      e.open = false;
    }
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    refusals.count += 1;
  }
}

async function commitmentsOf(year: number): Promise<Commitment[]> {
  const out: Commitment[] = [];
  for await (const page of exportRows(ctx, 'commitments', { from: `${year}-01-01`, to: `${year}-12-31` }))
    out.push(...page);
  return out;
}

async function checkInvariants() {
  const envelopes = await listEnvelopes(ctx, finance);
  // The years are read at once (reads only); each checks its own figures.
  await Promise.all(YEARS.map((year) => checkYear(envelopes, year)));
}

async function checkYear(envelopes: Envelope[], year: number) {
  const env = envelopes.find((x) => x.year === year) as Envelope;
  const commitments = await commitmentsOf(year);
  const sum = (k: keyof ReturnType<typeof commitmentFigures>) =>
    commitments.reduce((t, c) => t + commitmentFigures(c)[k], 0);
  // The sum of net commitments is what the envelope shows as committed; the same for every figure.
  expect(sum('netCents')).toBe(env.committedCents);
  expect(envelopeFigures(env)).toEqual({
    initialCents: sum('initialCents'),
    releasedCents: sum('releasedCents'),
    netCents: sum('netCents'),
    paidCents: sum('paidCents'),
    remainingCents: sum('remainingCents'),
  });
  expect(env.committedCents + env.availableCents).toBe(env.amountCents);
  // Every line carries the envelope's budget line as entered.
  for (const c of commitments) expect(c.budgetLine).toBe(env.budgetLine);
  // The report of the year shows the same figures.
  const report = await yearlyIndicators(ctx, finance, String(year));
  const fte = report.schemes.find((s) => s.scheme === 'FTE');
  expect(fte?.committed).toEqual(envelopeFigures(env));
  expect(fte?.committedCents).toBe(env.committedCents);
  // Each commitment holds what the ledger of accepted steps says.
  for (const c of commitments) {
    const e = ledger.get(c.id) as Expected;
    expect(commitmentFigures(c)).toEqual({
      initialCents: e.initial,
      releasedCents: e.released,
      netCents: e.initial - e.released,
      paidCents: e.paid,
      remainingCents: e.initial - e.released - e.paid,
    });
    expect(c.status === 'active').toBe(e.open);
  }
}

describe('net commitments (16.3)', () => {
  it('the sum of net commitments equals what the envelopes show as committed, over random histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(history, { minLength: 1, maxLength: 2 }), async (histories) => {
        // The dossiers up to the proposal are independent of the history (nothing committed yet):
        // built at once; each is then scheduled, decided and paid in the history's order.
        const proposed = await Promise.all(histories.map(() => proposedDossier(ctx)));
        for (const [i, h] of histories.entries()) {
          const { dossierId, commitmentId } = await commit(proposed[i] as Dossier, h.year, h.day);
          for (const s of h.steps) await run(dossierId, commitmentId, s);
        }
        await checkInvariants();
      }),
      // Each run builds its dossiers through the services (uploads included): a few runs, many steps.
      {
        numRuns: 10,
        endOnFailure: true,
        // Always among the runs: a balance below the commitment (then a refused lapse), and a lapse after an instalment.
        examples: [
          [
            [
              {
                year: 2026,
                day: 10,
                steps: [{ kind: 'advance', bp: 3000 }, { kind: 'balance', share: 0.5 }, { kind: 'lapse' }],
              },
              { year: 2025, day: 40, steps: [{ kind: 'instalment', bp: 2000 }, { kind: 'lapse' }] },
            ],
          ],
        ],
      },
    );
    expect(ledger.size).toBeGreaterThanOrEqual(8);
    // The histories exercised both sides: accepted steps and refused ones.
    expect([...ledger.values()].some((e) => e.released > 0)).toBe(true);
    expect(refusals.count).toBeGreaterThan(0);
  }, 300_000);
});
