import { type DossierState, dossierStateLabel, formatDateTimeFr } from '@aides/domain';
import { listDossierEvents } from '@aides/store';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { isStaff } from './access.ts';
import type { estimate } from './applications.ts';
import type { Decision, Dossier, DossierEvent, PrivateNote } from './model.ts';

/**
 * What each audience is shown of a dossier and its history. Every view is built field by field:
 * nothing is passed through by default, so a new stored field (or a storage key) reaches nobody
 * until someone adds it here on purpose.
 */

export type Audience = 'applicant' | 'staff';

/**
 * Staff see a filed dossier in full; anybody else, and a staff member looking at their own
 * application, sees the applicant's view.
 */
export const audienceOf = (caller: Caller, d: Pick<Dossier, 'ownerSub'>): Audience =>
  isStaff(caller) && d.ownerSub !== caller.sub ? 'staff' : 'applicant';

/** Copies the listed fields that are present, and nothing else. */
function pick<T extends object, K extends keyof T>(from: T, fields: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of fields) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

/** Fields an applicant may read as stored (their own declaration and what the engine said of it). */
const APPLICANT_FIELDS = [
  'id',
  'scheme',
  'status',
  'version',
  'application',
  'createdAt',
  'updatedAt',
  'reference',
  'filedAt',
  'ruleSetVersion',
  'beneficiary',
  'communeInsee',
  'eligibility',
  'amounts',
  'committedByFunder',
  'paidByFunder',
  'lastPaymentKind',
] as const satisfies readonly (keyof Dossier)[];

/** A decision as the applicant reads it: the Bureau's outcome and motivation, public once taken. */
export type PublicDecision = Pick<Decision, 'outcome' | 'at'> &
  Partial<Pick<Decision, 'deliberationNumber' | 'motivation' | 'date'>>;

export type ApplicantDossierView = Pick<Dossier, (typeof APPLICANT_FIELDS)[number]> & {
  statusLabel: string;
  /** The instructor's request: its message is written for the applicant. */
  documentRequest?: { message: string; documentTypes: string[]; at: string };
  decision?: PublicDecision;
};

/**
 * The applicant's dossier: no owner or staff identifiers, no assignee, no proposal (its amounts,
 * text and motivations are the instructor's advice to the Bureau), no private session ids.
 */
export function applicantDossierView(d: Dossier): ApplicantDossierView {
  return {
    ...pick(d, APPLICANT_FIELDS),
    statusLabel: dossierStateLabel(d.status as DossierState, d.lastPaymentKind),
    ...(d.documentRequest
      ? {
          documentRequest: {
            message: d.documentRequest.message,
            documentTypes: [...d.documentRequest.documentTypes],
            at: d.documentRequest.at,
          },
        }
      : {}),
    ...(d.decision
      ? { decision: pick(d.decision, ['outcome', 'deliberationNumber', 'motivation', 'at', 'date']) }
      : {}),
  };
}

/** Staff read every field of the dossier, never its storage keys or index attributes. */
const STAFF_FIELDS = [
  ...APPLICANT_FIELDS,
  'ownerSub',
  'ownerName',
  'assigneeSub',
  'assigneeName',
  'documentRequest',
  'proposal',
  'sessionId',
  'decision',
  'ineligibleAcknowledged',
  'locationConfirmation',
] as const satisfies readonly (keyof Dossier)[];

export type StaffDossierView = Pick<Dossier, (typeof STAFF_FIELDS)[number]> & { statusLabel: string };

export function staffDossierView(d: Dossier): StaffDossierView {
  return {
    ...pick(d, STAFF_FIELDS),
    statusLabel: dossierStateLabel(d.status as DossierState, d.lastPaymentKind),
  };
}

/** The dossier as this caller may read it. */
export function dossierView(d: Dossier, caller: Caller): ApplicantDossierView | StaffDossierView {
  return audienceOf(caller, d) === 'staff' ? staffDossierView(d) : applicantDossierView(d);
}

// ---------------------------------------------------------------------------------------------
// Timeline

/** A timeline line as staff read it: who did what, when, from which state to which, and why. */
export interface StaffTimelineEntry {
  id: string;
  at: string;
  action: DossierEvent['action'];
  title: string;
  from: DossierState;
  to: DossierState;
  /** French label of the state reached. */
  label: string;
  actorSub: string;
  actorName: string;
  role: DossierEvent['role'];
  why?: string;
  detail?: string;
}

const STAFF_TITLES: Record<DossierEvent['action'], string> = {
  unschedule: 'Retrait de l’ordre du jour',
  create: 'Brouillon créé',
  update: 'Brouillon modifié',
  submit: 'Demande déposée',
  take: 'Prise en instruction',
  assign: 'Instructeur désigné',
  confirm_location: 'Classement rural / QPV confirmé',
  verdict: 'Pièce vérifiée',
  request_documents: 'Pièces demandées',
  answer_request: 'Pièces transmises',
  propose: 'Proposition d’accord au Bureau',
  propose_refusal: 'Proposition de refus au Bureau',
  schedule_agenda: 'Inscription à l’ordre du jour',
  schedule: 'Inscription à l’ordre du jour',
  approve: 'Aide accordée par le Bureau',
  reject: 'Refus du Bureau',
  adjourn: 'Ajournement',
  payment: 'Versement',
  pay_advance: 'Avance versée',
  pay_instalment: 'Acompte versé',
  pay_balance: 'Solde versé',
  lapse: 'Aide devenue caduque',
  withdraw: 'Demande classée sans suite',
  email_sent: 'Courriel envoyé',
  issue_letter: 'Document officiel émis',
  import: 'Dossier importé',
  rectify: 'Données rectifiées à la demande de la personne',
  appeal: 'Recours',
  purge: 'Données personnelles purgées',
};

/** « Courriel envoyé le 3 décembre 2026 à 14:02 » (its subject is the line's detail). */
const emailSentTitle = (at: string) => `Courriel envoyé le ${formatDateTimeFr(at)}`;

/** The state an event reached, named after the payment it was when it was one. */
const reachedLabel = (e: DossierEvent) =>
  dossierStateLabel(
    e.to,
    e.action === 'pay_advance' ? 'advance' : e.action === 'pay_instalment' ? 'instalment' : undefined,
  );

export function staffTimelineEntry(e: DossierEvent): StaffTimelineEntry {
  return {
    ...pick(e, ['id', 'at', 'action', 'from', 'to', 'actorSub', 'actorName', 'role', 'why', 'detail']),
    title:
      e.action === 'email_sent'
        ? `${emailSentTitle(e.at)}${e.audience === 'staff' ? ' (agent)' : ' (demandeur)'}`
        : (STAFF_TITLES[e.action] ?? e.action),
    label: reachedLabel(e),
  };
}

/**
 * Who acted, as the applicant is told: themselves, a public service or the automatic mailing
 * (the e-mails that follow each step), never a person.
 */
export type PublicActor =
  | 'Vous'
  | 'Service instructeur'
  | 'Bureau communautaire'
  | 'Service financier'
  | 'Envoi automatique';

/** A timeline line as the applicant reads it. */
export interface PublicTimelineEntry {
  at: string;
  /** Public event code (stable for API clients; not the internal action). */
  event: PublicEvent;
  title: string;
  by: PublicActor;
  from: DossierState;
  to: DossierState;
  /** French label of the state reached. */
  label: string;
  /** A motivation meant for the applicant (document request, Bureau decision, lapse, their own withdrawal). */
  why?: string;
  /** Public detail: reference, session, deliberation, their own answer. */
  detail?: string;
}

export type PublicEvent =
  | 'created'
  | 'filed'
  | 'review_started'
  | 'documents_requested'
  | 'documents_sent'
  | 'sent_to_bureau'
  | 'scheduled'
  | 'granted'
  | 'refused'
  | 'adjourned'
  | 'advance_paid'
  | 'instalment_paid'
  | 'balance_paid'
  | 'lapsed'
  | 'withdrawn'
  | 'email_sent';

interface PublicRule {
  event: PublicEvent;
  title: string;
  by: PublicActor;
  /** Whether the event's motivation is written for the applicant. */
  why?: true;
  /** Whether the event's detail is public (a reference, a session, their own words). */
  detail?: true;
}

/**
 * The allowlist: the only events an applicant sees, in public wording. Anything not listed
 * (reassignments, verdicts, edits, any future action) stays staff-only. Both kinds of proposal
 * read the same, so the instructor's advice is not told before the Bureau decides; the
 * instructor's motivation (refusal or adjustment) is never shown. The Bureau's motivation
 * (refusal, adjournment) and finance's lapse motivation are decisions the applicant is owed.
 */
const PUBLIC_EVENTS: Partial<Record<DossierEvent['action'], PublicRule>> = {
  create: { event: 'created', title: 'Brouillon créé', by: 'Vous' },
  submit: { event: 'filed', title: 'Demande déposée', by: 'Vous', detail: true },
  take: { event: 'review_started', title: 'Prise en instruction', by: 'Service instructeur' },
  request_documents: {
    event: 'documents_requested',
    title: 'Pièces demandées',
    by: 'Service instructeur',
    why: true,
  },
  answer_request: { event: 'documents_sent', title: 'Pièces transmises', by: 'Vous', detail: true },
  propose: {
    event: 'sent_to_bureau',
    title: 'Dossier transmis au Bureau communautaire',
    by: 'Service instructeur',
  },
  propose_refusal: {
    event: 'sent_to_bureau',
    title: 'Dossier transmis au Bureau communautaire',
    by: 'Service instructeur',
  },
  schedule: {
    event: 'scheduled',
    title: 'Inscription à l’ordre du jour',
    by: 'Bureau communautaire',
    detail: true,
  },
  approve: {
    event: 'granted',
    title: 'Aide accordée par le Bureau communautaire',
    by: 'Bureau communautaire',
    detail: true,
  },
  reject: {
    event: 'refused',
    title: 'Refus du Bureau communautaire',
    by: 'Bureau communautaire',
    why: true,
    detail: true,
  },
  adjourn: {
    event: 'adjourned',
    title: 'Ajournement par le Bureau communautaire',
    by: 'Bureau communautaire',
    why: true,
    detail: true,
  },
  pay_advance: { event: 'advance_paid', title: 'Avance versée', by: 'Service financier' },
  pay_instalment: { event: 'instalment_paid', title: 'Acompte versé', by: 'Service financier' },
  pay_balance: { event: 'balance_paid', title: 'Solde versé', by: 'Service financier' },
  lapse: { event: 'lapsed', title: 'Aide devenue caduque', by: 'Service financier', why: true },
  withdraw: { event: 'withdrawn', title: 'Demande classée sans suite', by: 'Vous', why: true },
};

/**
 * Who sent an e-mail, as the applicant reads it: the system, after a step taken by whoever it
 * names (the Bureau's decision, finance's payment…), not the instructor.
 */
const EMAIL_SENDER: PublicActor = 'Envoi automatique';

/** The applicant's timeline: allowlisted events only, each rebuilt in public wording. */
export function applicantTimeline(events: readonly DossierEvent[]): PublicTimelineEntry[] {
  const out: PublicTimelineEntry[] = [];
  for (const e of events) {
    if (e.action === 'email_sent') {
      // Only the e-mails sent to the applicant, with their subject; never staff notices.
      if (e.audience !== 'applicant') continue;
      out.push({
        at: e.at,
        event: 'email_sent',
        title: emailSentTitle(e.at),
        by: EMAIL_SENDER,
        from: e.from,
        to: e.to,
        label: reachedLabel(e),
        ...(e.detail ? { detail: `Objet : ${e.detail}` } : {}),
      });
      continue;
    }
    const rule = PUBLIC_EVENTS[e.action];
    if (!rule) continue;
    out.push({
      at: e.at,
      event: rule.event,
      title: rule.title,
      by: rule.by,
      from: e.from,
      to: e.to,
      label: reachedLabel(e),
      ...(rule.why && e.why ? { why: e.why } : {}),
      ...(rule.detail && e.detail ? { detail: e.detail } : {}),
    });
  }
  return out;
}

/** A dossier's audit events, oldest first (storage keys already stripped by the store). */
async function readEvents(ctx: ServiceContext, dossierId: string): Promise<DossierEvent[]> {
  return listDossierEvents<DossierEvent>(ctx.store, dossierId);
}

/** The full timeline, for staff pages and answers. */
export async function readStaffTimeline(ctx: ServiceContext, dossierId: string) {
  return (await readEvents(ctx, dossierId)).map(staffTimelineEntry);
}

/** The applicant's timeline, for their pages and answers. */
export async function readApplicantTimeline(ctx: ServiceContext, dossierId: string) {
  return applicantTimeline(await readEvents(ctx, dossierId));
}

/** The timeline of a dossier the caller has been allowed to load, as this caller may read it. */
export async function timelineFor(
  ctx: ServiceContext,
  caller: Caller,
  d: Dossier,
): Promise<PublicTimelineEntry[] | StaffTimelineEntry[]> {
  return audienceOf(caller, d) === 'staff' ? readStaffTimeline(ctx, d.id) : readApplicantTimeline(ctx, d.id);
}

// ---------------------------------------------------------------------------------------------
// Other answers about a dossier

/** A private note (staff only: the route table admits no applicant). */
export const noteView = (n: PrivateNote): PrivateNote => ({
  id: n.id,
  dossierId: n.dossierId,
  at: n.at,
  authorSub: n.authorSub,
  authorName: n.authorName,
  text: n.text,
});

/** The pre-check and estimate: the rule set, the eligibility and the amounts, or what is missing. */
export function estimateView(e: Awaited<ReturnType<typeof estimate>>) {
  if (!e.complete) {
    return {
      complete: false as const,
      missing: e.missing.map((m) => ({ pointer: m.pointer, detail: m.detail })),
    };
  }
  // An ineligible application is promised no amount (issue 14): the conditions it fails, only.
  return {
    complete: true as const,
    ruleSet: { version: e.ruleSet.version, label: e.ruleSet.label },
    eligibility: e.eligibility,
    ...(e.eligibility.outcome === 'not_eligible' ? {} : { amounts: e.amounts }),
  };
}
