import { randomUUID } from 'node:crypto';
import {
  beneficiaryDetails,
  FUNDERS,
  type Funder,
  formatEuros,
  funderLabels,
  type ImportedDossier,
  importedTpeLocation,
  parseReference,
  paymentKindLabels,
  type RuleSet,
  type TpeRuleSet,
} from '@aides/domain';
import { loadAgglomerationCommunes, POPULATION_SOURCE } from '@aides/domain/reference/communes';
import {
  ConditionFailedError,
  claimReferenceTx,
  createAgendaItemTx,
  createCommitmentTx,
  createDossierTx,
  createPaymentTx,
  createSessionTxs,
  getEnvelope,
  getSession,
  importIntoEnvelopeTx,
  type LabelledItem,
  putEventTx,
  raiseReferenceCounter,
  sessionIdOfNumber,
  TransactionConflictError,
  transact,
} from '@aides/store';
import type { AgendaItem, BureauSession, Commitment, Envelope, Payment } from '../bureau/model.ts';
import { envelopeId } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import type { Dossier, DossierEvent } from '../dossiers/model.ts';
import type { ImportedFrom } from './model.ts';

/**
 * A day of the file as an instant: noon UTC, which is the same day in Paris all year round, so
 * the report (by Paris day) and the monthly ledger partitions see the day the file says.
 */
export const dayInstant = (isoDay: string) => `${isoDay}T12:00:00.000Z`;

export type WriteOutcome =
  | { kind: 'created'; dossierId: string }
  | { kind: 'present' }
  | { kind: 'failed'; message: string };

/** What the import last wrote to an envelope: the next dossier's transaction expects it unchanged. */
export type EnvelopeState = Pick<Envelope, 'budgetLine' | 'availableCents'>;

/**
 * Envelopes as this run last saw them (id → state, or undefined: absent), so that a dossier does
 * not read them again; a concurrent change fails its condition, and the dossier is retried after
 * reading them afresh.
 */
export type EnvelopeCache = Map<string, EnvelopeState | undefined>;

export interface WriteOptions extends WriteCaches {
  readonly session: { id: string };
  readonly from: ImportedFrom;
  readonly ruleSet: RuleSet | undefined;
}

/** Sessions met during one import (number → id and date), so each is looked up or created once. */
export type SessionCache = Map<string, { id: string; date: string }>;

/** Finds the Bureau session of that number, or creates it (closed: its decisions are history). */
export async function sessionFor(
  ctx: ServiceContext,
  caller: Caller,
  cache: SessionCache,
  s: { number: string; date: string },
  create: boolean,
): Promise<{ id: string; date: string } | undefined> {
  const known = cache.get(s.number);
  if (known) return known;
  for (let attempt = 0; attempt < 2; attempt++) {
    const id = await sessionIdOfNumber(ctx.store, s.number);
    if (id) {
      const session = await getSession<BureauSession>(ctx.store, id);
      const found = { id, date: session?.date ?? s.date };
      cache.set(s.number, found);
      return found;
    }
    if (!create) return undefined;
    const session: BureauSession & { imported: true } = {
      id: randomUUID(),
      number: s.number,
      date: s.date,
      status: 'closed',
      createdAt: ctx.now().toISOString(),
      createdBy: caller.sub,
      imported: true,
    };
    try {
      await transact(ctx.store, createSessionTxs(ctx.store, session));
      cache.set(s.number, { id: session.id, date: s.date });
      return cache.get(s.number);
    } catch (e) {
      if (!(e instanceof ConditionFailedError && e.label === 'number')) throw e;
      // Another writer created it meanwhile: read it again.
    }
  }
  return undefined;
}

/** One dossier to write, with what it needs besides the cache (its session, rule set and source). */
export interface DossierToWrite {
  readonly dossier: ImportedDossier;
  readonly session: { id: string };
  readonly from: ImportedFrom;
  readonly ruleSet: RuleSet | undefined;
}

/** What the run shares across dossiers: envelopes as last written and reference counters. */
export interface WriteCaches {
  readonly envelopes: EnvelopeCache;
  /** The highest number this run moved each reference counter to (`FTE-2021` → 148). */
  readonly counters: Map<string, number>;
}

/** DynamoDB's limit on the writes of one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/**
 * Writes one imported dossier in one transaction: the dossier (its original reference, filing
 * date, decision, amounts, payments and state), the claim of its reference (a second import of
 * the same file fails on it and adds nothing), its audit events (the history at its own dates,
 * then « importé » with the file's SHA-256), the agenda line of its session, one commitment per
 * funder and the payments, and the envelopes of the decision's year, created or completed.
 * A concurrent change of an envelope retries with what it holds now.
 */
export async function writeImportedDossier(
  ctx: ServiceContext,
  caller: Caller,
  d: ImportedDossier,
  o: WriteOptions,
): Promise<WriteOutcome> {
  const [outcome] = await writeImportedDossiers(
    ctx,
    caller,
    [{ dossier: d, session: o.session, from: o.from, ruleSet: o.ruleSet }],
    o,
  );
  return outcome as WriteOutcome;
}

/** How many writes a dossier's transaction holds (its envelopes included), to pack a group. */
export const itemsOfDossier = (d: ImportedDossier) =>
  6 + (d.lapseDate ? 1 : 0) + d.settlements.reduce((t, s) => t + 2 + 2 * s.payments.length, 0);

/**
 * Writes several imported dossiers in one transaction (at most 100 writes: a Habitat dossier
 * takes about ten), each dossier still all or nothing: its writes all go in or none does. The
 * envelopes they share are updated once, by the sum of what each dossier does to them, computed
 * dossier after dossier exactly as separate transactions would (grown by what each lacks).
 * A dossier whose reference is already claimed (imported meanwhile) or whose own write is refused
 * is taken out and the others written again; a concurrent change of an envelope reads it again.
 * One transaction for ten dossiers instead of ten: the envelopes, which every dossier of a year
 * touches, are the bottleneck (DynamoDB refuses two transactions on one item at once).
 */
export async function writeImportedDossiers(
  ctx: ServiceContext,
  caller: Caller,
  entries: readonly DossierToWrite[],
  o: WriteCaches,
): Promise<WriteOutcome[]> {
  const outcomes: (WriteOutcome | undefined)[] = entries.map(() => undefined);
  let pending = entries.map((_, i) => i);
  for (let attempt = 0; attempt < 5 && pending.length > 0; ) {
    const built = await buildGroup(ctx, caller, pending, entries, o.envelopes);
    for (const [i, message] of built.failed) outcomes[i] = { kind: 'failed', message };
    pending = built.indexes;
    if (pending.length === 0) break;
    try {
      await transact(ctx.store, built.items);
    } catch (e) {
      const at = e instanceof ConditionFailedError ? /^(.*)@(\d+)$/.exec(e.label) : null;
      if (e instanceof ConditionFailedError && at) {
        // One dossier's own write was refused: settle it, write the others again.
        const i = Number(at[2]);
        outcomes[i] =
          at[1] === 'reference'
            ? { kind: 'present' }
            : {
                kind: 'failed',
                message: `Écriture refusée (${at[1]}) : rien n’a été écrit pour ce dossier`,
              };
        pending = pending.filter((p) => p !== i);
        continue;
      }
      if (
        (e instanceof ConditionFailedError && e.label.startsWith('envelope:')) ||
        e instanceof TransactionConflictError
      ) {
        o.envelopes.clear(); // read them afresh
        attempt += 1;
        continue;
      }
      throw e;
    }
    for (const [k, v] of built.after) o.envelopes.set(k, v);
    for (const [i, id] of built.dossierIds) outcomes[i] = { kind: 'created', dossierId: id };
    // The reference counters, once per group: at least the highest number imported.
    const highest = new Map<string, { scheme: string; year: number; seq: number }>();
    for (const i of pending) {
      const ref = parseReference((entries[i] as DossierToWrite).dossier.reference);
      if (!ref) continue;
      const counter = `${ref.scheme}-${ref.year}`;
      if (ref.seq > (highest.get(counter)?.seq ?? 0)) highest.set(counter, ref);
    }
    for (const [counter, ref] of highest)
      if (ref.seq > (o.counters.get(counter) ?? 0)) {
        await raiseReferenceCounter(ctx.store, ref.scheme, ref.year, ref.seq);
        o.counters.set(counter, ref.seq);
      }
    pending = [];
  }
  return outcomes.map(
    (x) =>
      x ?? {
        kind: 'failed',
        message: 'Enveloppe modifiée pendant l’import, cinq fois : rien n’a été écrit pour ce dossier',
      },
  );
}

/** What one dossier does to an envelope, before the group's dossiers are summed. */
interface EnvelopeUse {
  readonly key: { scheme: ImportedDossier['scheme']; year: number; funder: Funder };
  readonly cacheKey: string;
  readonly netCents: number;
  readonly paidCents: number;
  readonly releasedCents: number;
  readonly label: string;
}

/** The group's transaction: each dossier's writes (labels end with `@index`), then the envelopes. */
async function buildGroup(
  ctx: ServiceContext,
  caller: Caller,
  indexes: readonly number[],
  entries: readonly DossierToWrite[],
  cache: EnvelopeCache,
) {
  const now = ctx.now().toISOString();
  /** The envelopes as the group found them (undefined: absent). */
  const seen = new Map<string, EnvelopeState | undefined>();
  const envelopeOf = async (cacheKey: string, key: EnvelopeUse['key']) => {
    if (!seen.has(cacheKey))
      seen.set(
        cacheKey,
        cache.has(cacheKey) ? cache.get(cacheKey) : await getEnvelope<Envelope>(ctx.store, key),
      );
    return seen.get(cacheKey);
  };
  const items: LabelledItem[] = [];
  const kept: number[] = [];
  const failed: [number, string][] = [];
  const dossierIds: [number, string][] = [];
  const uses: EnvelopeUse[] = [];
  for (const i of indexes) {
    const entry = entries[i] as DossierToWrite;
    const built = await buildItems(ctx, caller, entry, envelopeOf);
    if (built.items.length + built.uses.length > MAX_TRANSACTION_ITEMS) {
      failed.push([i, 'Trop de versements pour un seul dossier (une transaction : 100 écritures au plus)']);
      continue;
    }
    for (const it of built.items) items.push({ label: `${it.label}@${i}`, item: it.item });
    uses.push(...built.uses);
    kept.push(i);
    dossierIds.push([i, built.dossierId]);
  }
  // Each envelope once: the dossiers' effects summed in file order, each growing the envelope by
  // what it lacks, as one transaction per dossier would have done.
  const sums = new Map<
    string,
    { use: EnvelopeUse; net: number; paid: number; released: number; grow: number; available: number }
  >();
  for (const u of uses) {
    const s = sums.get(u.cacheKey) ?? {
      use: u,
      net: 0,
      paid: 0,
      released: 0,
      grow: 0,
      available: seen.get(u.cacheKey)?.availableCents ?? 0,
    };
    const grow = seen.get(u.cacheKey) ? Math.max(0, u.netCents - s.available) : 0;
    s.net += u.netCents;
    s.paid += u.paidCents;
    s.released += u.releasedCents;
    s.grow += grow;
    s.available = seen.get(u.cacheKey) ? s.available + grow - u.netCents : 0;
    sums.set(u.cacheKey, s);
  }
  const after: [string, EnvelopeState][] = [];
  for (const [cacheKey, s] of sums) {
    const before = seen.get(cacheKey);
    const budgetLine = before?.budgetLine ?? cacheKey;
    after.push([cacheKey, { budgetLine, availableCents: s.available }]);
    items.push(
      importIntoEnvelopeTx(ctx.store, s.use.key, {
        seen: before ? { availableCents: before.availableCents } : undefined,
        netCents: s.net,
        paidCents: s.paid,
        releasedCents: s.released,
        growCents: s.grow,
        budgetLine,
        label: s.use.label,
        at: now,
      }),
    );
  }
  return { items, indexes: kept, failed, dossierIds, after };
}

async function buildItems(
  ctx: ServiceContext,
  caller: Caller,
  o: DossierToWrite,
  envelopeOf: (cacheKey: string, key: EnvelopeUse['key']) => Promise<EnvelopeState | undefined>,
) {
  const d = o.dossier;
  const now = ctx.now().toISOString();
  const id = randomUUID();
  const filedAt = dayInstant(d.filingDate);
  const decidedAt = dayInstant(d.session.date);
  const year = Number(d.session.date.slice(0, 4));
  const favourable = d.status !== 'rejected';
  const committedByFunder: Partial<Record<Funder, number>> = {};
  const paidByFunder: Partial<Record<Funder, number>> = {};
  for (const s of d.settlements) {
    committedByFunder[s.funder] = s.committedCents;
    paidByFunder[s.funder] = s.paidCents;
  }
  const total = FUNDERS.reduce((t, f) => t + (d.amountsByFunder[f] ?? 0), 0);
  const amountsByFunder = Object.fromEntries(FUNDERS.map((f) => [f, d.amountsByFunder[f] ?? 0])) as Record<
    Funder,
    number
  >;
  const decision = favourable
    ? {
        outcome: 'favourable' as const,
        sessionId: o.session.id,
        deliberationNumber: d.deliberationNumber as string,
        at: decidedAt,
        date: d.session.date,
      }
    : {
        outcome: 'unfavourable' as const,
        sessionId: o.session.id,
        motivation: d.refusalMotivation as string,
        at: decidedAt,
        date: d.session.date,
      };
  const lastPayment = d.payments.at(-1);
  /** What the dossier does to each envelope (the group sums them). */
  const uses: EnvelopeUse[] = [];
  const dossier: Dossier & { imported: ImportedFrom } = {
    id,
    scheme: d.scheme,
    status: d.status,
    version: 1,
    ownerSub: 'import',
    ownerName: d.beneficiary,
    application: d.application,
    createdAt: filedAt,
    updatedAt: now,
    reference: d.reference,
    filedAt,
    ...(o.ruleSet ? { ruleSetVersion: o.ruleSet.version } : {}),
    beneficiary: d.beneficiary,
    communeInsee: d.communeInsee,
    // Issue 14: an imported TPE carries its historical classification (rural, or the QPV it named).
    ...(d.scheme === 'TPE' && o.ruleSet
      ? {
          locationConfirmation: importedTpeLocation(
            d.application as { qpvCode?: string },
            loadAgglomerationCommunes().find((c) => c.insee === d.communeInsee),
            {
              ruralPopulationBelow: (o.ruleSet as TpeRuleSet).eligibility.ruralPopulationBelow.value,
              populationSource: POPULATION_SOURCE,
              by: caller.sub,
              byName: caller.name || 'Import',
              at: now,
            },
          ),
        }
      : {}),
    proposal: {
      kind: favourable ? 'grant' : 'refusal',
      amountsByFunder,
      totalCents: total,
      text: 'Dossier importé : proposition non reprise.',
      by: caller.sub,
      byName: 'Import',
      at: decidedAt,
    },
    sessionId: o.session.id,
    decision,
    ...(favourable ? { committedByFunder, paidByFunder } : {}),
    ...(lastPayment ? { lastPaymentKind: lastPayment.kind } : {}),
    imported: o.from,
  };

  const event = (
    at: string,
    e: Omit<DossierEvent, 'id' | 'dossierId' | 'at' | 'actorSub' | 'actorName' | 'role'>,
  ) =>
    putEventTx<DossierEvent>(ctx.store, {
      id: randomUUID(),
      dossierId: id,
      at,
      actorSub: caller.sub,
      actorName: caller.name || 'Import',
      role: 'admin',
      ...e,
    });
  const items: LabelledItem[] = [
    createDossierTx(ctx.store, dossier),
    claimReferenceTx(ctx.store, { reference: d.reference, dossierId: id }),
    event(filedAt, { action: 'submit', from: 'draft', to: 'submitted', detail: 'Dépôt (dossier importé)' }),
    favourable
      ? event(decidedAt, {
          action: 'approve',
          from: 'scheduled',
          to: 'approved',
          detail: `Délibération n° ${d.deliberationNumber}, séance n° ${d.session.number} (dossier importé)`,
        })
      : event(decidedAt, {
          action: 'reject',
          from: 'scheduled',
          to: 'rejected',
          why: d.refusalMotivation as string,
          detail: `Séance n° ${d.session.number} (dossier importé)`,
        }),
    event(now, {
      action: 'import',
      from: 'draft',
      to: d.status,
      detail: `Importé depuis « ${o.from.fileName} » (SHA-256 ${o.from.sha256}), ligne${o.from.rows.length > 1 ? 's' : ''} ${o.from.rows.join(', ')}`,
    }),
  ];
  const agenda: AgendaItem = {
    sessionId: o.session.id,
    dossierId: id,
    reference: d.reference,
    scheme: d.scheme,
    beneficiary: d.beneficiary,
    communeInsee: d.communeInsee,
    proposalKind: favourable ? 'grant' : 'refusal',
    amountsByFunder,
    totalCents: total,
    addedAt: now,
    decision: {
      outcome: decision.outcome,
      ...(favourable
        ? { deliberationNumber: d.deliberationNumber as string }
        : { motivation: d.refusalMotivation as string }),
      at: decidedAt,
      date: d.session.date,
      by: caller.sub,
    },
  };
  items.push(createAgendaItemTx(ctx.store, agenda));
  // What finance reconciles with (issue 16.5), as the Bureau's decision keeps it.
  const details = beneficiaryDetails(
    d.scheme,
    d.application,
    d.communeInsee,
    dossier.locationConfirmation
      ? { classification: dossier.locationConfirmation.classification, confirmed: true }
      : undefined,
  );
  if (d.lapseDate)
    items.push(
      event(dayInstant(d.lapseDate), {
        action: 'lapse',
        from: 'approved',
        to: 'lapsed',
        detail: 'Caducité (dossier importé)',
      }),
    );

  for (const s of d.settlements) {
    const key = { scheme: d.scheme, year, funder: s.funder };
    const cacheKey = envelopeId(d.scheme, year, s.funder);
    const seen = await envelopeOf(cacheKey, key);
    const budgetLine = seen?.budgetLine ?? envelopeId(d.scheme, year, s.funder);
    const commitmentId = `${id}-${s.funder}`;
    const payments: Payment[] = s.payments.map((p) => ({
      id: randomUUID(),
      dossierId: id,
      commitmentId,
      reference: d.reference,
      scheme: d.scheme,
      year,
      funder: s.funder,
      beneficiary: d.beneficiary,
      budgetLine,
      kind: p.kind,
      amountCents: p.amountCents,
      at: dayInstant(p.date),
      by: caller.sub,
      sessionId: o.session.id,
      sessionNumber: d.session.number,
      deliberationNumber: d.deliberationNumber as string,
      decisionDate: d.session.date,
      details,
    }));
    const commitment: Commitment = {
      id: commitmentId,
      dossierId: id,
      reference: d.reference,
      scheme: d.scheme,
      year,
      funder: s.funder,
      beneficiary: d.beneficiary,
      budgetLine,
      amountCents: s.committedCents,
      paidCents: s.paidCents,
      remainingCents: s.remainingCents,
      releasedCents: s.releasedCents,
      status: s.status,
      sessionId: o.session.id,
      sessionNumber: d.session.number,
      deliberationNumber: d.deliberationNumber as string,
      committedAt: decidedAt,
      decisionDate: d.session.date,
      details,
      payments: payments.map((p) => ({ id: p.id, kind: p.kind, amountCents: p.amountCents, at: p.at })),
    };
    items.push(createCommitmentTx(ctx.store, commitment));
    for (const p of payments) {
      items.push(createPaymentTx(ctx.store, p));
      items.push(
        event(p.at, {
          action: 'payment',
          from: 'approved',
          to: p.kind === 'balance' ? 'paid' : 'partly_paid',
          detail: `${paymentKindLabels[p.kind]} ${funderLabels[p.funder]} : ${formatEuros(p.amountCents)} (dossier importé)`,
        }),
      );
    }
    uses.push({
      key,
      cacheKey,
      netCents: s.committedCents - s.releasedCents,
      paidCents: s.paidCents,
      releasedCents: s.releasedCents,
      label: `${d.scheme} ${year} — ${funderLabels[s.funder]} (complétée par import)`,
    });
  }
  return { dossierId: id, items, uses };
}
