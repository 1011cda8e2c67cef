/**
 * Every key format of the table; nothing else builds keys. Items also carry `type` so a reader
 * of the table can tell entities apart. Sort keys that order by time start with an ISO date.
 */
export const keys = {
  userProfile: (sub: string) => ({ pk: `USER#${sub}`, sk: 'PROFILE' }),
  /** A web sign-in, by the SHA-256 of the id its cookie holds (the table never holds the id). */
  webSession: (idHash: string) => ({ pk: `WEBSESSION#${idHash}`, sk: 'SESSION' }),
  /** Who belongs to a group (e.g. the instructors a dossier can be handed to), one item each. */
  directoryEntry: (group: string, sub: string) => ({ pk: `DIRECTORY#${group}`, sk: `USER#${sub}` }),
  directoryPartition: (group: string) => `DIRECTORY#${group}`,

  dossier: (id: string) => ({ pk: `DOSSIER#${id}`, sk: 'META' }),
  dossierPartition: (id: string) => `DOSSIER#${id}`,
  /** Queue by scheme and status (drafts are not indexed: nobody but their owner sees them). */
  dossierByStatus: (scheme: string, status: string, filedAt: string, id: string) => ({
    gsi1pk: `SCHEME#${scheme}#STATUS#${status}`,
    gsi1sk: `${filedAt}#${id}`,
  }),
  statusPartition: (scheme: string, status: string) => `SCHEME#${scheme}#STATUS#${status}`,
  dossierByAssignee: (assignee: string, filedAt: string, id: string) => ({
    gsi2pk: `ASSIGNEE#${assignee}`,
    gsi2sk: `${filedAt}#${id}`,
  }),
  assigneePartition: (assignee: string) => `ASSIGNEE#${assignee}`,
  dossierByOwner: (owner: string, createdAt: string, id: string) => ({
    gsi3pk: `OWNER#${owner}`,
    gsi3sk: `${createdAt}#${id}`,
  }),
  ownerPartition: (owner: string) => `OWNER#${owner}`,

  event: (dossierId: string, at: string, id: string) => ({
    pk: `DOSSIER#${dossierId}`,
    sk: `EVENT#${at}#${id}`,
  }),
  note: (dossierId: string, at: string, id: string) => ({
    pk: `DOSSIER#${dossierId}`,
    sk: `NOTE#${at}#${id}`,
  }),
  message: (dossierId: string, at: string, id: string) => ({
    pk: `DOSSIER#${dossierId}`,
    sk: `MESSAGE#${at}#${id}`,
  }),
  attachment: (dossierId: string, attachmentId: string) => ({
    pk: `DOSSIER#${dossierId}`,
    sk: `ATTACHMENT#${attachmentId}`,
  }),
  /**
   * Payment documents awaiting the instructor's verdict, one partition for all schemes on the
   * byStatus index (a few hundred a year at most), oldest upload first. Only an attachment
   * confirmed on a granted dossier and without a verdict carries these attributes.
   */
  paymentDocumentToVerify: (since: string, dossierId: string, attachmentId: string) => ({
    gsi1pk: 'PAYMENT_DOCUMENTS#TO_VERIFY',
    gsi1sk: `${since}#${dossierId}#${attachmentId}`,
  }),
  paymentDocumentsToVerifyPartition: () => 'PAYMENT_DOCUMENTS#TO_VERIFY',
  commitment: (dossierId: string, funder: string) => ({
    pk: `DOSSIER#${dossierId}`,
    sk: `COMMITMENT#${funder}`,
  }),
  /** Commitments and payments by month, for exports over a period. */
  byMonth: (kind: 'COMMITMENTS' | 'PAYMENTS', at: string, tail: string) => ({
    gsi4pk: `${kind}#${at.slice(0, 7)}`,
    gsi4sk: `${at}#${tail}`,
  }),
  monthPartition: (kind: 'COMMITMENTS' | 'PAYMENTS', month: string) => `${kind}#${month}`,
  payment: (dossierId: string, at: string, id: string) => ({
    pk: `DOSSIER#${dossierId}`,
    sk: `PAYMENT#${at}#${id}`,
  }),

  /** One counter per scheme and year (last number taken); one claim per number: a dossier's, or void. */
  referenceCounter: (scheme: string, year: number) => ({ pk: `COUNTER#${scheme}#${year}`, sk: 'COUNTER' }),
  referenceClaim: (reference: string) => ({ pk: `REFERENCE#${reference}`, sk: 'CLAIM' }),
  idempotency: (callerSub: string, key: string) => ({
    pk: `IDEMPOTENCY#${callerSub}#${key}`,
    sk: 'RESPONSE',
  }),

  session: (sessionId: string) => ({ pk: `SESSION#${sessionId}`, sk: 'META' }),
  sessionList: (date: string, sessionId: string) => ({ gsi1pk: 'SESSIONS', gsi1sk: `${date}#${sessionId}` }),
  sessionNumberClaim: (number: string) => ({ pk: `SESSION_NUMBER#${number}`, sk: 'CLAIM' }),
  agendaItem: (sessionId: string, dossierId: string) => ({
    pk: `SESSION#${sessionId}`,
    sk: `AGENDA#${dossierId}`,
  }),

  envelope: (scheme: string, year: number, funder: string) => ({
    pk: `ENVELOPE#${scheme}#${year}#${funder}`,
    sk: 'META',
  }),
  envelopeList: (year: number, scheme: string, funder: string) => ({
    gsi1pk: 'ENVELOPES',
    gsi1sk: `${year}#${scheme}#${funder}`,
  }),

  /** A dossier's repayable advance (TPE development), one per dossier; listed for finance. */
  repayableAdvance: (dossierId: string) => ({ pk: `DOSSIER#${dossierId}`, sk: 'ADVANCE' }),
  repayableAdvanceList: (openedAt: string, dossierId: string) => ({
    gsi1pk: 'ADVANCES',
    gsi1sk: `${openedAt}#${dossierId}`,
  }),
  repayableAdvancePartition: () => 'ADVANCES',

  ruleSet: (scheme: string, effectiveFrom: string, version: string) => ({
    pk: `RULESET#${scheme}`,
    sk: `${effectiveFrom}#${version}`,
  }),
  ruleSetPartition: (scheme: string) => `RULESET#${scheme}`,
  /** One item per QPV generation (2015, 2024). The single `LIST` item of wave 1 is no longer read. */
  qpvList: (generation: string) => ({ pk: 'CONFIG#QPV', sk: `LIST#${generation}` }),
  qpvLists: () => ({ pk: 'CONFIG#QPV', prefix: 'LIST#' }),

  // Administration (packages/store/src/admin.ts)
  /** ANAH ceilings published by an admin, one item per year. */
  ceilingsYear: (year: number) => ({ pk: 'CONFIG#ANAH_CEILINGS', sk: `YEAR#${year}` }),
  ceilingsPartition: () => 'CONFIG#ANAH_CEILINGS',
  /** Administration events (rule sets, ceilings, staff), in one partition by time. */
  adminEvent: (at: string, id: string) => ({ pk: 'AUDIT#ADMIN', sk: `EVENT#${at}#${id}` }),
  /** Audit events by type, person and month, on the byStatus, byAssignee and byParent indexes. */
  auditByType: (type: string, at: string, id: string) => ({
    gsi1pk: `AUDIT#TYPE#${type}`,
    gsi1sk: `${at}#${id}`,
  }),
  auditTypePartition: (type: string) => `AUDIT#TYPE#${type}`,
  auditByActor: (sub: string, at: string, id: string) => ({
    gsi2pk: `AUDIT#ACTOR#${sub}`,
    gsi2sk: `${at}#${id}`,
  }),
  auditActorPartition: (sub: string) => `AUDIT#ACTOR#${sub}`,
  auditByMonth: (at: string, id: string) => ({
    gsi4pk: `AUDIT#MONTH#${at.slice(0, 7)}`,
    gsi4sk: `${at}#${id}`,
  }),
  auditMonthPartition: (month: string) => `AUDIT#MONTH#${month}`,
  // Official documents (letters.ts): one record per issued document, beside what it reports.
  /** A letter issued for a dossier (acknowledgement, decision, payment notice). */
  dossierLetter: (dossierId: string, letterId: string) => ({
    pk: `DOSSIER#${dossierId}`,
    sk: `LETTER#${letterId}`,
  }),
  /** The deliberation extract issued for a session, and the session's own audit events. */
  sessionLetter: (sessionId: string, letterId: string) => ({
    pk: `SESSION#${sessionId}`,
    sk: `LETTER#${letterId}`,
  }),
  sessionEvent: (sessionId: string, at: string, id: string) => ({
    pk: `SESSION#${sessionId}`,
    sk: `EVENT#${at}#${id}`,
  }),
  // Imports of earlier years' dossiers (packages/store/src/imports.ts).
  importJob: (id: string) => ({ pk: `IMPORT#${id}`, sk: 'META' }),
  importJobList: (createdAt: string, id: string) => ({ gsi1pk: 'IMPORTS', gsi1sk: `${createdAt}#${id}` }),
  // ---- Personal data (issue 20): retention, purge, access log, elimination lists ----------
  /** A dossier waiting for its retention clock, by state and the instant the clock started. */
  dossierByRetention: (partition: string, since: string, id: string) => ({
    gsi5pk: `RETENTION#${partition}`,
    gsi5sk: `${since}#${id}`,
  }),
  retentionPartition: (partition: string) => `RETENTION#${partition}`,
  /** One staff access to personal data: under its dossier (or the caller, for an export without one). */
  accessEvent: (subject: string, at: string, id: string) => ({ pk: `ACCESS#${subject}`, sk: `${at}#${id}` }),
  accessPartition: (subject: string) => `ACCESS#${subject}`,
  accessByActor: (actorSub: string, at: string, id: string) => ({
    gsi2pk: `ACCESS_BY#${actorSub}`,
    gsi2sk: `${at}#${id}`,
  }),
  accessByActorPartition: (actorSub: string) => `ACCESS_BY#${actorSub}`,
  accessOfPerson: (personSub: string, at: string, id: string) => ({
    gsi3pk: `ACCESS_OF#${personSub}`,
    gsi3sk: `${at}#${id}`,
  }),
  accessOfPersonPartition: (personSub: string) => `ACCESS_OF#${personSub}`,
  eliminationList: (listId: string) => ({ pk: `ELIMINATION#${listId}`, sk: 'META' }),
  eliminationEntry: (listId: string, dossierId: string) => ({
    pk: `ELIMINATION#${listId}`,
    sk: `ENTRY#${dossierId}`,
  }),
  eliminationPartition: (listId: string) => `ELIMINATION#${listId}`,
  eliminationLists: (createdAt: string, listId: string) => ({
    gsi1pk: 'ELIMINATION_LISTS',
    gsi1sk: `${createdAt}#${listId}`,
  }),
} as const;

/** Opaque pagination cursor from a LastEvaluatedKey (and back). */
export const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    // Only string key attributes may come back: anything else is a forged cursor.
    for (const v of Object.values(value)) if (typeof v !== 'string') return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
