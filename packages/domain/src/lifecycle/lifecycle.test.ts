import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fte2021 } from '../schemes/fte.ts';
import { habitat2024 } from '../schemes/habitat.ts';
import { availableActions, canTransition, type TransitionContext } from './can-transition.ts';
import { checkPayment } from './payments.ts';
import {
  DOSSIER_STATES,
  type DossierState,
  dossierStateLabel,
  ROLES,
  stateLabels,
  TERMINAL_STATES,
} from './states.ts';
import { ACTIONS, type Action, TRANSITIONS } from './transitions.ts';

const docs = fte2021.documents;
const allDocs: TransitionContext = {
  role: 'instructor',
  requiredDocuments: docs,
  verifiedDocuments: [...docs.beforeDecision, ...docs.beforePayment],
  motivation: 'Motivation',
};

describe('lifecycle table', () => {
  it('every state has its French label', () => {
    expect(stateLabels.partly_paid).toBe('Avance ou acompte versé');
    expect(dossierStateLabel('partly_paid', 'advance')).toBe('Avance versée');
    expect(dossierStateLabel('partly_paid', 'instalment')).toBe('Acompte versé');
    expect(dossierStateLabel('approved')).toBe('Accordé (engagé)');
    expect(Object.keys(stateLabels).sort()).toEqual([...DOSSIER_STATES].sort());
  });

  it.each([
    ['draft', 'submit', 'applicant', 'submitted', 'none'],
    ['submitted', 'take', 'instructor', 'in_review', 'none'],
    ['in_review', 'request_documents', 'instructor', 'awaiting_documents', 'none'],
    ['awaiting_documents', 'answer_request', 'applicant', 'in_review', 'none'],
    ['in_review', 'propose', 'instructor', 'proposed', 'none'],
    ['in_review', 'propose_refusal', 'instructor', 'proposed', 'none'],
    ['proposed', 'schedule', 'bureau', 'scheduled', 'none'],
    ['scheduled', 'approve', 'bureau', 'approved', 'commit'],
    ['scheduled', 'reject', 'bureau', 'rejected', 'none'],
    ['scheduled', 'adjourn', 'bureau', 'adjourned', 'none'],
    ['adjourned', 'schedule', 'bureau', 'scheduled', 'none'],
    ['approved', 'pay_advance', 'finance', 'partly_paid', 'pay'],
    ['partly_paid', 'pay_instalment', 'finance', 'partly_paid', 'pay'],
    ['approved', 'pay_balance', 'finance', 'paid', 'pay'],
    ['partly_paid', 'pay_balance', 'finance', 'paid', 'pay'],
    ['approved', 'lapse', 'finance', 'lapsed', 'release'],
    ['partly_paid', 'lapse', 'finance', 'lapsed', 'release'],
    ['proposed', 'withdraw', 'applicant', 'withdrawn', 'none'],
    ['scheduled', 'approve', 'admin', 'approved', 'commit'],
  ] as const)('%s --%s (%s)--> %s, money %s', (state, action, role, to, money) => {
    const r = canTransition(state, action, { ...allDocs, role });
    expect(r).toMatchObject({ ok: true, to, money });
  });

  it.each([
    ['draft', 'take', 'instructor', /impossible pour un dossier à l'état « Brouillon »/],
    ['submitted', 'take', 'applicant', /rôle « Demandeur »/],
    ['scheduled', 'approve', 'instructor', /rôle « Instructeur »/],
    ['approved', 'withdraw', 'applicant', /impossible/],
    ['paid', 'pay_balance', 'finance', /impossible/],
    ['draft', 'submit', 'admin', /rôle « Administrateur »/],
  ] as const)('%s --%s (%s) is refused', (state, action, role, message) => {
    const r = canTransition(state, action, { ...allDocs, role });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(message);
  });

  it.each([
    ['scheduled', 'reject', 'bureau'],
    ['in_review', 'propose_refusal', 'instructor'],
    ['in_review', 'request_documents', 'instructor'],
    ['submitted', 'withdraw', 'applicant'],
    ['approved', 'lapse', 'finance'],
  ] as const)('%s --%s needs a motivation', (state, action, role) => {
    const r = canTransition(state, action, { ...allDocs, role, motivation: '  ' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/motivé/);
  });

  it('proposing needs every document-before-decision verified, and names what is missing in French', () => {
    const r = canTransition('in_review', 'propose', {
      role: 'instructor',
      requiredDocuments: docs,
      verifiedDocuments: ['identity_document', 'quote'],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missingDocuments).toEqual(['tax_notice', 'property_proof', 'france_renov_certificate']);
    expect(r.reason).toMatch(/Attestation de rendez-vous à l'Espace Conseil France Rénov'/);
    expect(canTransition('in_review', 'propose', { role: 'instructor' }).ok).toBe(false);
  });

  it('paying needs the documents-before-payment verified', () => {
    const r = canTransition('approved', 'pay_balance', {
      role: 'finance',
      requiredDocuments: docs,
      verifiedDocuments: ['rib'],
    });
    expect(!r.ok && r.missingDocuments).toEqual(['invoice']);
  });

  it('terminal states have no way out', () => {
    for (const s of TERMINAL_STATES) for (const role of ROLES) expect(availableActions(s, role)).toEqual([]);
    expect(availableActions('in_review', 'instructor').sort()).toEqual([
      'propose',
      'propose_refusal',
      'request_documents',
    ]);
  });

  it('property: any sequence of attempted actions only ever reaches states by table edges', () => {
    const edges = new Set(TRANSITIONS.flatMap((t) => t.from.map((f) => `${f}>${t.to}`)));
    const reachable = new Set<DossierState>();
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            // Half the steps try any action as any role, motivated or not, documents verified or
            // not (mostly refused); the other half take one of the table's ways out of the current
            // state with everything it needs, so that runs also walk deep into the lifecycle
            // (paid, lapsed…) instead of staying next to the draft.
            steer: fc.boolean(),
            pick: fc.noBias(fc.nat(10_000)),
            action: fc.constantFrom<Action>(...ACTIONS),
            role: fc.constantFrom(...ROLES),
            motivated: fc.boolean(),
            docs: fc.boolean(),
          }),
          { minLength: 20, maxLength: 40, size: 'max' },
        ),
        (steps) => {
          let state: DossierState = 'draft';
          for (const s of steps) {
            const ways = TRANSITIONS.filter((t) => t.from.includes(state)).flatMap((t) =>
              t.roles.map((role) => ({ action: t.action, role })),
            );
            const way = s.steer && ways.length > 0 ? ways[s.pick % ways.length] : undefined;
            const { action, role } = way ?? s;
            const motivated = way !== undefined || s.motivated;
            const verified = way !== undefined || s.docs;
            const r = canTransition(state, action, {
              role,
              motivation: motivated ? 'Motivation' : undefined,
              requiredDocuments: docs,
              verifiedDocuments: verified ? [...docs.beforeDecision, ...docs.beforePayment] : [],
            });
            // A way the table offers, with its motivation and documents, is never refused.
            if (way) expect(r).toMatchObject({ ok: true });
            if (r.ok) {
              expect(edges.has(`${state}>${r.to}`)).toBe(true);
              expect(r.transition.roles).toContain(role);
              if (r.transition.needsMotivation) expect(motivated).toBe(true);
              if (r.transition.requiresDocuments !== 'none') expect(verified).toBe(true);
              state = r.to;
              reachable.add(state);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
    // Every state but the draft is entered by some run (the draft has no way back in).
    expect([...reachable].sort()).toEqual(
      [
        'submitted',
        'in_review',
        'awaiting_documents',
        'proposed',
        'scheduled',
        'approved',
        'rejected',
        'adjourned',
        'withdrawn',
        'partly_paid',
        'paid',
        'lapsed',
      ].sort(),
    );
  });

  it('exhaustively: the states reachable through canTransition are exactly those the table reaches', () => {
    const explore = (next: (s: DossierState) => DossierState[]) => {
      const seen = new Set<DossierState>(['draft']);
      const queue: DossierState[] = ['draft'];
      for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
        for (const n of next(s)) {
          if (seen.has(n)) continue;
          seen.add(n);
          queue.push(n);
        }
      }
      return seen;
    };
    const viaFunction = explore((s) =>
      ACTIONS.flatMap((a) => ROLES.map((role) => canTransition(s, a, { ...allDocs, role }))).flatMap((r) =>
        r.ok ? [r.to] : [],
      ),
    );
    const viaTable = explore((s) => TRANSITIONS.filter((t) => t.from.includes(s)).map((t) => t.to));
    expect([...viaFunction].sort()).toEqual([...viaTable].sort());
    expect([...viaTable].sort()).toEqual([...DOSSIER_STATES].sort());
  });
});

describe('payment limits', () => {
  const limits = habitat2024.payment;
  const committed = 1_000_000;
  it.each([
    [{ kind: 'advance', amountCents: 700_000 }, [], true],
    [{ kind: 'advance', amountCents: 700_001 }, [], false],
    [{ kind: 'instalment', amountCents: 300_000 }, [{ kind: 'advance', amountCents: 400_000 }], true],
    [{ kind: 'instalment', amountCents: 300_001 }, [{ kind: 'advance', amountCents: 400_000 }], false],
    [
      { kind: 'instalment', amountCents: 1 },
      [
        { kind: 'instalment', amountCents: 1 },
        { kind: 'instalment', amountCents: 1 },
        { kind: 'instalment', amountCents: 1 },
      ],
      false,
    ],
    [{ kind: 'advance', amountCents: 1 }, [{ kind: 'instalment', amountCents: 1 }], false],
    [{ kind: 'balance', amountCents: 300_000 }, [{ kind: 'advance', amountCents: 700_000 }], true],
    [{ kind: 'balance', amountCents: 300_001 }, [{ kind: 'advance', amountCents: 700_000 }], false],
    [{ kind: 'balance', amountCents: 1 }, [{ kind: 'balance', amountCents: 1 }], false],
    [{ kind: 'balance', amountCents: 0 }, [], false],
  ] as const)('%j after %j → %s', (payment, previous, ok) => {
    expect(checkPayment(payment, committed, previous, limits).ok).toBe(ok);
  });
  it('FTE allows an advance of at most 30 % by default', () => {
    expect(
      checkPayment({ kind: 'advance', amountCents: committed * 0.3 }, committed, [], fte2021.payment).ok,
    ).toBe(true);
    const r = checkPayment(
      { kind: 'advance', amountCents: committed * 0.3 + 1 },
      committed,
      [],
      fte2021.payment,
    );
    expect(!r.ok && r.reason).toMatch(/Avance limitée à 30 %/);
  });
});
