import type { PaymentKind } from '../schemes/enums.ts';
import type { DossierState, Role } from './states.ts';

export const ACTIONS = [
  'submit',
  'take',
  'request_documents',
  'answer_request',
  'propose',
  'propose_refusal',
  'schedule',
  'unschedule',
  'approve',
  'reject',
  'adjourn',
  'pay_advance',
  'pay_instalment',
  'pay_balance',
  'lapse',
  'withdraw',
] as const;
export type Action = (typeof ACTIONS)[number];

export const actionLabels: Record<Action, string> = {
  submit: 'Déposer',
  take: 'Prendre en instruction',
  request_documents: 'Demander des pièces',
  answer_request: 'Répondre à la demande de pièces',
  propose: 'Proposer au Bureau un accord',
  propose_refusal: 'Proposer au Bureau un refus',
  schedule: "Inscrire à l'ordre du jour",
  unschedule: "Retirer de l'ordre du jour",
  approve: 'Accorder',
  reject: 'Refuser',
  adjourn: 'Ajourner',
  pay_advance: "Verser l'avance",
  pay_instalment: 'Verser un acompte',
  pay_balance: 'Verser le solde',
  lapse: 'Déclarer caduc',
  withdraw: 'Classer sans suite',
};

/** What a transition does to money: commit against the envelope, release it, or pay. */
export type MoneyEffect = 'none' | 'commit' | 'release' | 'pay';

export interface Transition {
  from: readonly DossierState[];
  action: Action;
  to: DossierState;
  roles: readonly Role[];
  needsMotivation: boolean;
  /** Which required documents must all be verified first. */
  requiresDocuments: 'none' | 'before_decision' | 'before_advance' | 'before_payment';
  money: MoneyEffect;
  paymentKind?: PaymentKind;
}

const t = (
  from: DossierState[],
  action: Action,
  to: DossierState,
  roles: Role[],
  extra: Partial<Pick<Transition, 'needsMotivation' | 'requiresDocuments' | 'money' | 'paymentKind'>> = {},
): Transition => ({
  from,
  action,
  to,
  roles,
  needsMotivation: false,
  requiresDocuments: 'none',
  money: 'none',
  ...extra,
});

/**
 * The whole lifecycle as data. `admin` may act wherever the owning role may (support cases),
 * except submitting and withdrawing, which stay the applicant's.
 */
export const TRANSITIONS: readonly Transition[] = [
  t(['draft'], 'submit', 'submitted', ['applicant']),
  t(['submitted'], 'take', 'in_review', ['instructor', 'admin']),
  t(['in_review'], 'request_documents', 'awaiting_documents', ['instructor', 'admin'], {
    needsMotivation: true,
  }),
  t(['awaiting_documents'], 'answer_request', 'in_review', ['applicant']),
  t(['in_review'], 'propose', 'proposed', ['instructor', 'admin'], { requiresDocuments: 'before_decision' }),
  t(['in_review'], 'propose_refusal', 'proposed', ['instructor', 'admin'], { needsMotivation: true }),
  t(['proposed', 'adjourned'], 'schedule', 'scheduled', ['bureau', 'admin']),
  // Taken off the agenda before the decision: back to « Proposé au Bureau », to be scheduled again.
  t(['scheduled'], 'unschedule', 'proposed', ['bureau', 'admin']),
  t(['scheduled'], 'approve', 'approved', ['bureau', 'admin'], { money: 'commit' }),
  t(['scheduled'], 'reject', 'rejected', ['bureau', 'admin'], { needsMotivation: true }),
  t(['scheduled'], 'adjourn', 'adjourned', ['bureau', 'admin'], { needsMotivation: true }),
  t(['approved'], 'pay_advance', 'partly_paid', ['finance', 'admin'], {
    requiresDocuments: 'before_advance',
    money: 'pay',
    paymentKind: 'advance',
  }),
  t(['approved', 'partly_paid'], 'pay_instalment', 'partly_paid', ['finance', 'admin'], {
    requiresDocuments: 'before_payment',
    money: 'pay',
    paymentKind: 'instalment',
  }),
  t(['approved', 'partly_paid'], 'pay_balance', 'paid', ['finance', 'admin'], {
    requiresDocuments: 'before_payment',
    money: 'pay',
    paymentKind: 'balance',
  }),
  t(['approved', 'partly_paid'], 'lapse', 'lapsed', ['finance', 'admin'], {
    needsMotivation: true,
    money: 'release',
  }),
  t(['submitted', 'in_review', 'awaiting_documents', 'proposed'], 'withdraw', 'withdrawn', ['applicant'], {
    needsMotivation: true,
  }),
];
