/**
 * Net commitments (issue 16.3). A commitment starts at the amount the Bureau granted (« engagement
 * initial »); what goes back to the envelope when a balance is paid below it or the dossier lapses
 * is released (« désengagement »). Every page, export and report shows the same five figures,
 * computed here, so that the sum of net commitments of an envelope is what the envelope shows as
 * committed (the envelope is debited by the initial amount and credited back by each release).
 */

export interface CommitmentAmounts {
  /** Initial commitment, cents. */
  readonly amountCents: number;
  /** Released back to the envelope (balance below the commitment, lapse), cents. */
  readonly releasedCents: number;
  /** Paid so far, cents. */
  readonly paidCents: number;
}

export interface CommitmentFigures {
  readonly initialCents: number;
  readonly releasedCents: number;
  /** initial − released: what the envelope counts as committed. */
  readonly netCents: number;
  readonly paidCents: number;
  /** net − paid: what can still be paid. */
  readonly remainingCents: number;
}

export function commitmentFigures(c: CommitmentAmounts): CommitmentFigures {
  const released = c.releasedCents ?? 0;
  const net = c.amountCents - released;
  return {
    initialCents: c.amountCents,
    releasedCents: released,
    netCents: net,
    paidCents: c.paidCents,
    remainingCents: net - c.paidCents,
  };
}

/** The five figures' French labels, in display order: one wording everywhere. */
export const COMMITMENT_FIGURES = [
  'initialCents',
  'releasedCents',
  'netCents',
  'paidCents',
  'remainingCents',
] as const;
export const commitmentFigureLabels: Record<(typeof COMMITMENT_FIGURES)[number], string> = {
  initialCents: 'Engagement initial',
  releasedCents: 'Désengagé',
  netCents: 'Engagé net',
  paidCents: 'Versé',
  remainingCents: 'Reste à verser',
};

/** Adds figures up (per envelope, scheme, funder…). */
export function addFigures(a: CommitmentFigures, b: CommitmentFigures): CommitmentFigures {
  return {
    initialCents: a.initialCents + b.initialCents,
    releasedCents: a.releasedCents + b.releasedCents,
    netCents: a.netCents + b.netCents,
    paidCents: a.paidCents + b.paidCents,
    remainingCents: a.remainingCents + b.remainingCents,
  };
}

export const noFigures = (): CommitmentFigures => ({
  initialCents: 0,
  releasedCents: 0,
  netCents: 0,
  paidCents: 0,
  remainingCents: 0,
});

/**
 * An envelope's figures from its own counters: it is debited by each initial commitment and
 * credited back by each release, so `committedCents` is already net; `releasedCents` (kept since
 * issue 16.3, absent on older envelopes) gives back the initial amount.
 */
export function envelopeFigures(e: {
  readonly committedCents: number;
  readonly paidCents: number;
  readonly releasedCents?: number | undefined;
}): CommitmentFigures {
  const released = e.releasedCents ?? 0;
  return {
    initialCents: e.committedCents + released,
    releasedCents: released,
    netCents: e.committedCents,
    paidCents: e.paidCents,
    remainingCents: e.committedCents - e.paidCents,
  };
}
