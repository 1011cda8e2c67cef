/**
 * The single route table. The CDK stateless stack makes one Lambda function per area and one
 * HTTP API route per line (with the JWT authorizer unless `public`); the local server matches
 * requests against the same lines and calls the same handlers.
 */
import { ROLES, type Role } from '@aides/services/caller';

export { ROLES, type Role };

/**
 * One Lambda function per area. `exports` (CSV/XLSX) and `documents` (the official PDF documents:
 * letters to applicants and the deliberation extract, pdfmake) hold the document writers: their
 * libraries stay out of the other bundles, and out of each other's.
 */
export const AREAS = [
  'system',
  'applications',
  'attachments',
  'instruction',
  'bureau',
  'finance',
  'exports',
  'documents',
  'reports',
  'admin',
  // Import of earlier years' dossiers: its own function, so exceljs and csv-parse stay out of the others.
  'imports',
] as const;
export type Area = (typeof AREAS)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * problem+json statuses a route's own code can answer. Not listed, because every route of the
 * kind gives them: 401 and 403 (any non-public route), 400 and 413 (any POST, PUT or PATCH: its body
 * is parsed, 256 KB at most).
 * 428 means the route needs `If-Match` (the dossier version seen); a stale one is a 409.
 */
export type ProblemStatus = 400 | 404 | 409 | 422 | 428 | 503;

/**
 * What the OpenAPI document says of a route. Every field is required: a route added without them
 * does not compile ("Property 'operationId' is missing…"). `operationId` is the method name that
 * generated clients get: camelCase, and never renamed once published.
 */
export interface RouteDoc<Id extends string = string> {
  readonly operationId: Id;
  /** Its tag, summary and description are in route-texts.ts (out of the functions' start chunks). */
  readonly answers: readonly ProblemStatus[];
  /** Honours an `Idempotency-Key` header (a retried request answers the first answer). */
  readonly idempotencyKey?: true;
}

export interface RouteDefinition<Id extends string = string> extends RouteDoc<Id> {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/api/dossiers/{id}`. */
  readonly path: string;
  readonly area: Area;
  /** No token needed (health, OpenAPI document). */
  readonly public?: boolean;
  /** Roles allowed; ignored when public. */
  readonly roles: readonly Role[];
}

const APPLICANT: Role[] = ['applicant'];
const STAFF: Role[] = ['instructor', 'bureau', 'finance', 'admin'];
const EVERYONE: Role[] = [...ROLES];
const INSTRUCTION: Role[] = ['instructor', 'admin'];
const BUREAU: Role[] = ['bureau', 'admin'];
const FINANCE: Role[] = ['finance', 'admin'];
/** Who answers for the numbering of dossiers: instruction and finance. */
const NUMBERING: Role[] = ['instructor', 'finance', 'admin'];
/** The administration (issue 15): rule sets, ANAH ceilings, staff, audit log; imports (16.1). */
const ADMIN: Role[] = ['admin'];

/** Answers of a route that changes a dossier through its life cycle (If-Match, busy retry). */
const TRANSITION: ProblemStatus[] = [400, 404, 409, 422, 428, 503];

const r = <const Id extends string>(
  method: HttpMethod,
  path: string,
  area: Area,
  roles: readonly Role[],
  doc: RouteDoc<Id>,
): RouteDefinition<Id> => ({ method, path, area, roles, ...doc });

export const routes = [
  {
    ...r('GET', '/api/health', 'system', [], {
      operationId: 'getHealth',
      answers: [],
    }),
    public: true,
  },
  {
    ...r('GET', '/api/openapi.json', 'system', [], {
      operationId: 'getOpenApiDocument',
      answers: [],
    }),
    public: true,
  },
  r('GET', '/api/me', 'system', EVERYONE, {
    operationId: 'getMe',
    answers: [],
  }),

  r('POST', '/api/dossiers', 'applications', APPLICANT, {
    operationId: 'createDraft',
    answers: [400, 422],
  }),
  r('GET', '/api/dossiers', 'applications', APPLICANT, {
    operationId: 'listMyDossiers',
    answers: [400],
  }),
  r('GET', '/api/dossiers/{id}', 'applications', EVERYONE, {
    operationId: 'getDossier',
    answers: [404],
  }),
  r('PUT', '/api/dossiers/{id}', 'applications', APPLICANT, {
    operationId: 'updateDraft',
    answers: TRANSITION,
  }),
  r('POST', '/api/dossiers/{id}/estimate', 'applications', EVERYONE, {
    operationId: 'estimateDossier',
    answers: [404, 422],
  }),
  r('POST', '/api/dossiers/{id}/submit', 'applications', APPLICANT, {
    operationId: 'submitDossier',
    answers: TRANSITION,
    idempotencyKey: true,
  }),
  r('POST', '/api/dossiers/{id}/answer', 'applications', APPLICANT, {
    operationId: 'answerDocumentRequest',
    answers: TRANSITION,
  }),
  r('POST', '/api/dossiers/{id}/withdraw', 'applications', APPLICANT, {
    operationId: 'withdrawDossier',
    answers: TRANSITION,
  }),

  r('POST', '/api/dossiers/{id}/attachments', 'attachments', APPLICANT, {
    operationId: 'requestUpload',
    answers: [400, 404, 409],
  }),
  r('GET', '/api/dossiers/{id}/attachments', 'attachments', EVERYONE, {
    operationId: 'listAttachments',
    answers: [404],
  }),
  r('POST', '/api/dossiers/{id}/attachments/{attachmentId}/confirm', 'attachments', APPLICANT, {
    operationId: 'confirmUpload',
    answers: [404, 409, 422],
  }),
  r('GET', '/api/dossiers/{id}/attachments/{attachmentId}/download', 'attachments', EVERYONE, {
    operationId: 'getDownloadLink',
    answers: [404, 409],
  }),
  r('DELETE', '/api/dossiers/{id}/attachments/{attachmentId}', 'attachments', APPLICANT, {
    operationId: 'deleteAttachment',
    answers: [404, 409],
  }),

  r('GET', '/api/queues', 'instruction', STAFF, {
    operationId: 'listQueue',
    answers: [400],
  }),
  r('GET', '/api/queues/mine', 'instruction', INSTRUCTION, {
    operationId: 'listMyQueue',
    answers: [400],
  }),
  r('GET', '/api/queues/counts', 'instruction', STAFF, {
    operationId: 'countQueues',
    answers: [400],
  }),
  r('GET', '/api/instructors', 'instruction', INSTRUCTION, {
    operationId: 'listInstructors',
    answers: [],
  }),
  r('POST', '/api/dossiers/{id}/assign', 'instruction', INSTRUCTION, {
    operationId: 'assignDossier',
    answers: TRANSITION,
  }),
  r('PUT', '/api/dossiers/{id}/attachments/{attachmentId}/verdict', 'instruction', INSTRUCTION, {
    operationId: 'recordVerdict',
    answers: [400, 404, 409],
  }),
  r('POST', '/api/dossiers/{id}/request-documents', 'instruction', INSTRUCTION, {
    operationId: 'requestDocuments',
    answers: TRANSITION,
  }),
  r('GET', '/api/dossiers/{id}/notes', 'instruction', STAFF, {
    operationId: 'listNotes',
    answers: [404],
  }),
  r('POST', '/api/dossiers/{id}/notes', 'instruction', STAFF, {
    operationId: 'addNote',
    answers: [400, 404],
  }),
  r('POST', '/api/dossiers/{id}/propose', 'instruction', INSTRUCTION, {
    operationId: 'proposeToBureau',
    answers: TRANSITION,
  }),

  // Issue 14: the instructor confirms a TPE's rural / QPV classification (instructors only).
  r('POST', '/api/dossiers/{id}/location', 'instruction', ['instructor'], {
    operationId: 'confirmTpeLocation',
    answers: TRANSITION,
  }),
  r('POST', '/api/sessions', 'bureau', BUREAU, {
    operationId: 'createSession',
    answers: [400, 409],
  }),
  r('GET', '/api/sessions', 'bureau', STAFF, {
    operationId: 'listSessions',
    answers: [400],
  }),
  r('GET', '/api/sessions/{sessionId}', 'bureau', STAFF, {
    operationId: 'getSession',
    answers: [404],
  }),
  r('POST', '/api/sessions/{sessionId}/agenda', 'bureau', BUREAU, {
    operationId: 'scheduleDossier',
    answers: TRANSITION,
  }),
  r('POST', '/api/sessions/{sessionId}/agenda/remove', 'bureau', BUREAU, {
    operationId: 'unscheduleDossier',
    answers: TRANSITION,
  }),
  r('POST', '/api/sessions/{sessionId}/decisions', 'bureau', BUREAU, {
    operationId: 'recordDecision',
    answers: TRANSITION,
  }),
  r('PUT', '/api/sessions/{sessionId}/minutes', 'bureau', BUREAU, {
    operationId: 'recordSessionMinutes',
    answers: [400, 404, 409, 422],
  }),
  r('GET', '/api/sessions/{sessionId}/extract.pdf', 'documents', STAFF, {
    operationId: 'getDeliberationExtract',
    answers: [404, 409],
  }),
  r('GET', '/api/dossiers/{id}/letters', 'documents', EVERYONE, {
    operationId: 'listDossierLetters',
    answers: [404],
  }),
  r('GET', '/api/dossiers/{id}/letters/{letterId}', 'documents', EVERYONE, {
    operationId: 'getDossierLetter',
    answers: [404],
  }),
  // The personal-data export (RGPD art. 15) holds a PDF of each dossier: made here, by the
  // documents function, so the web function carries no PDF renderer (issue 17 §8).
  r('POST', '/api/me/personal-data-export', 'documents', APPLICANT, {
    operationId: 'exportMyPersonalData',
    answers: [],
  }),
  r('POST', '/api/admin/personal-data-exports', 'documents', ADMIN, {
    operationId: 'exportPersonalData',
    answers: [400],
  }),

  r('POST', '/api/envelopes', 'finance', FINANCE, {
    operationId: 'createEnvelope',
    answers: [400, 409],
  }),
  r('GET', '/api/envelopes', 'finance', ['finance', 'bureau', 'admin'], {
    operationId: 'listEnvelopes',
    answers: [],
  }),
  r('POST', '/api/envelopes/{envelopeId}/raise', 'finance', FINANCE, {
    operationId: 'raiseEnvelope',
    answers: [400, 404],
  }),
  r('GET', '/api/dossiers/{id}/commitments', 'finance', STAFF, {
    operationId: 'listCommitments',
    answers: [404],
  }),
  r('POST', '/api/dossiers/{id}/payments', 'finance', FINANCE, {
    operationId: 'recordPayment',
    answers: TRANSITION,
  }),
  r('POST', '/api/dossiers/{id}/lapse', 'finance', FINANCE, {
    operationId: 'lapseDossier',
    answers: TRANSITION,
  }),
  // Repayable advances (avances remboursables) of TPE in development: beside the grants.
  r('GET', '/api/advances', 'finance', ['finance', 'bureau', 'admin'], {
    operationId: 'listRepayableAdvances',
    answers: [400],
  }),
  r('POST', '/api/dossiers/{id}/advance', 'finance', FINANCE, {
    operationId: 'openRepayableAdvance',
    answers: [404, 409, 422],
  }),
  r('GET', '/api/dossiers/{id}/advance', 'finance', STAFF, {
    operationId: 'getRepayableAdvance',
    answers: [404],
  }),
  r('POST', '/api/dossiers/{id}/advance/repayments', 'finance', FINANCE, {
    operationId: 'recordRepayment',
    answers: [404, 409, 422],
  }),
  r('GET', '/api/exports/commitments', 'exports', FINANCE, {
    operationId: 'exportCommitments',
    answers: [400],
  }),
  r('GET', '/api/exports/payments', 'exports', FINANCE, {
    operationId: 'exportPayments',
    answers: [400],
  }),

  r('GET', '/api/reports/{year}', 'reports', STAFF, {
    operationId: 'getYearlyIndicators',
    answers: [400],
  }),
  r('GET', '/api/references/gaps', 'reports', NUMBERING, {
    operationId: 'listReferenceGaps',
    answers: [400],
  }),

  // ---- Notifications by e-mail (issue 13 §2) -------------------------------------------------
  r('GET', '/api/me/notifications', 'instruction', STAFF, {
    operationId: 'getNotificationPreferences',
    answers: [],
  }),
  r('PUT', '/api/me/notifications', 'instruction', STAFF, {
    operationId: 'setNotificationPreferences',
    answers: [],
  }),
  r('GET', '/api/notifications/failed', 'instruction', STAFF, {
    operationId: 'listFailedNotifications',
    answers: [400],
  }),
  r('POST', '/api/dossiers/{id}/notifications/{notificationId}/retry', 'instruction', STAFF, {
    operationId: 'retryNotification',
    answers: [404],
  }),
  // Administration (functions/src/admin/app.ts, packages/services/src/admin/).
  r('GET', '/api/admin/rule-sets/{scheme}', 'admin', ADMIN, {
    operationId: 'listRuleSetVersions',
    answers: [404],
  }),
  r('GET', '/api/admin/rule-sets/{scheme}/draft', 'admin', ADMIN, {
    operationId: 'getRuleSetDraft',
    answers: [404],
  }),
  r('POST', '/api/admin/rule-sets/{scheme}/preview', 'admin', ADMIN, {
    operationId: 'previewRuleSet',
    answers: [400, 404],
  }),
  r('POST', '/api/admin/rule-sets/{scheme}', 'admin', ADMIN, {
    operationId: 'publishRuleSet',
    answers: [400, 404, 409, 503],
  }),
  r('GET', '/api/admin/anah-ceilings', 'admin', ADMIN, {
    operationId: 'listAnahCeilings',
    answers: [],
  }),
  r('PUT', '/api/admin/anah-ceilings/{year}', 'admin', ADMIN, {
    operationId: 'publishAnahCeilings',
    answers: [400, 409, 503],
  }),
  r('POST', '/api/admin/anah-ceilings/import', 'admin', ADMIN, {
    operationId: 'importAnahCeilings',
    answers: [400, 409, 503],
  }),
  r('GET', '/api/admin/staff', 'admin', ADMIN, {
    operationId: 'listStaff',
    answers: [],
  }),
  r('GET', '/api/admin/staff/{sub}/open-dossiers', 'admin', ADMIN, {
    operationId: 'listOpenDossiersOfStaff',
    answers: [404],
  }),
  r('POST', '/api/admin/staff/{sub}/deactivate', 'admin', ADMIN, {
    operationId: 'deactivateStaff',
    answers: [400, 404, 409, 422, 503],
  }),
  r('POST', '/api/admin/staff/{sub}/reactivate', 'admin', ADMIN, {
    operationId: 'reactivateStaff',
    answers: [400, 404, 409, 422, 503],
  }),
  r('GET', '/api/admin/audit', 'admin', ADMIN, {
    operationId: 'searchAuditLog',
    answers: [400],
  }),
  r('GET', '/api/admin/qpv-lists', 'admin', ADMIN, {
    operationId: 'listQpvLists',
    answers: [],
  }),
  r('POST', '/api/admin/qpv-lists/{generation}', 'admin', ADMIN, {
    operationId: 'importQpvList',
    answers: [400, 409, 503],
  }),
  // Import of earlier years' dossiers (docs/IMPORT.md): admins only, see services/imports/imports.ts.
  r('GET', '/api/reports/{year}/comparison', 'reports', STAFF, {
    operationId: 'getYearComparison',
    answers: [400],
  }),
  r('POST', '/api/imports', 'imports', ADMIN, {
    operationId: 'createImport',
    answers: [400],
  }),
  r('GET', '/api/imports', 'imports', ADMIN, {
    operationId: 'listImports',
    answers: [400],
  }),
  r('GET', '/api/imports/{importId}', 'imports', ADMIN, {
    operationId: 'getImport',
    answers: [404],
  }),
  r('POST', '/api/imports/{importId}/check', 'imports', ADMIN, {
    operationId: 'checkImport',
    answers: [404, 409, 422],
  }),
  r('POST', '/api/imports/{importId}/run', 'imports', ADMIN, {
    operationId: 'runImport',
    answers: [404, 409],
  }),
] as const satisfies readonly RouteDefinition[];

/** The operation ids, as a type: per-operation tables (response schemas) must cover every one. */
export type OperationId = (typeof routes)[number]['operationId'];

/** `GET /api/dossiers/{id}`: the routeKey API Gateway puts in the event. */
export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** The areas that have at least one route: one Lambda function each. */
export const areasInUse = (): Area[] => AREAS.filter((a) => routes.some((r) => r.area === a));

/** Handler module of an area, relative to the repository root (used by the CDK and the local server). */
export const handlerEntry = (area: Area) => `functions/src/${area}/handler.ts`;
