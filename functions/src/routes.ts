/**
 * The single route table. The CDK stateless stack makes one Lambda function per area and one
 * HTTP API route per line (with the JWT authorizer unless `public`); the local server matches
 * requests against the same lines and calls the same handlers.
 */
import { ROLES, type Role } from '@aides/services/caller';

export { ROLES, type Role };

/**
 * One Lambda function per area. `exports` (CSV/XLSX) and `extracts` (the deliberation extract
 * PDF, pdf-lib) hold the document writers: their libraries stay out of the other bundles, and
 * out of each other's.
 */
export const AREAS = [
  'system',
  'applications',
  'attachments',
  'instruction',
  'bureau',
  'finance',
  'exports',
  'extracts',
  'reports',
] as const;
export type Area = (typeof AREAS)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** OpenAPI tags: one per business area, as clients group their methods (descriptions: system/openapi.ts). */
export const TAGS = [
  'Système',
  'Demandes',
  'Pièces',
  'Instruction',
  'Bureau',
  'Finances',
  'Rapports',
] as const;
export type Tag = (typeof TAGS)[number];

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
  readonly tag: Tag;
  /** French, one line. */
  readonly summary: string;
  /** French: what it does, for whom, and what to expect. */
  readonly description: string;
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
      tag: 'Système',
      summary: 'État du service et des stockages',
      description: 'Sans jeton. 200 si la table et le compartiment répondent, 503 (même corps) sinon.',
      answers: [],
    }),
    public: true,
  },
  {
    ...r('GET', '/api/openapi.json', 'system', [], {
      operationId: 'getOpenApiDocument',
      tag: 'Système',
      summary: 'Document OpenAPI 3.1',
      description: 'Sans jeton. Ce document : de quoi générer un client typé.',
      answers: [],
    }),
    public: true,
  },
  r('GET', '/api/me', 'system', EVERYONE, {
    operationId: 'getMe',
    tag: 'Système',
    summary: 'Identité et rôles de l’appelant',
    description: 'Ce que le jeton dit de l’appelant : identifiant, nom, courriel et rôles.',
    answers: [],
  }),

  r('POST', '/api/dossiers', 'applications', APPLICANT, {
    operationId: 'createDraft',
    tag: 'Demandes',
    summary: 'Créer un brouillon',
    description: 'Le demandeur ouvre un brouillon pour un dispositif ; la déclaration peut être incomplète.',
    answers: [400, 422],
  }),
  r('GET', '/api/dossiers', 'applications', APPLICANT, {
    operationId: 'listMyDossiers',
    tag: 'Demandes',
    summary: 'Mes dossiers',
    description: 'Les dossiers du demandeur, du plus récent au plus ancien, par pages de 50 (`cursor`).',
    answers: [400],
  }),
  r('GET', '/api/dossiers/{id}', 'applications', EVERYONE, {
    operationId: 'getDossier',
    tag: 'Demandes',
    summary: 'Lire un dossier et sa chronologie',
    description:
      'Le dossier tel que l’appelant peut le lire (vue du demandeur ou des services) et sa chronologie. ' +
      'L’ETag porte la version à renvoyer en If-Match.',
    answers: [404],
  }),
  r('PUT', '/api/dossiers/{id}', 'applications', APPLICANT, {
    operationId: 'updateDraft',
    tag: 'Demandes',
    summary: 'Modifier un brouillon',
    description: 'Remplace la déclaration d’un brouillon. If-Match obligatoire : 409 si le dossier a changé.',
    answers: TRANSITION,
  }),
  r('POST', '/api/dossiers/{id}/estimate', 'applications', EVERYONE, {
    operationId: 'estimateDossier',
    tag: 'Demandes',
    summary: 'Pré-contrôle d’éligibilité et estimation du montant',
    description:
      'Sans rien enregistrer : les champs manquants, ou l’éligibilité et les montants du règlement en vigueur.',
    answers: [404, 422],
  }),
  r('POST', '/api/dossiers/{id}/submit', 'applications', APPLICANT, {
    operationId: 'submitDossier',
    tag: 'Demandes',
    summary: 'Déposer la demande',
    description:
      'Dépose un brouillon complet : numéro de dossier, éligibilité et montants figés. If-Match obligatoire ; ' +
      'avec une Idempotency-Key, un dépôt rejoué rend la première réponse.',
    answers: TRANSITION,
    idempotencyKey: true,
  }),
  r('POST', '/api/dossiers/{id}/answer', 'applications', APPLICANT, {
    operationId: 'answerDocumentRequest',
    tag: 'Demandes',
    summary: 'Répondre à une demande de pièces',
    description:
      'Le demandeur signale qu’il a joint les pièces demandées ; le dossier revient en instruction.',
    answers: TRANSITION,
  }),
  r('POST', '/api/dossiers/{id}/withdraw', 'applications', APPLICANT, {
    operationId: 'withdrawDossier',
    tag: 'Demandes',
    summary: 'Retirer la demande',
    description: 'Le demandeur classe sa demande sans suite, avec un motif.',
    answers: TRANSITION,
  }),

  r('POST', '/api/dossiers/{id}/attachments', 'attachments', APPLICANT, {
    operationId: 'requestUpload',
    tag: 'Pièces',
    summary: 'Autorisation de dépôt d’une pièce',
    description:
      'Rend la pièce en attente et un POST présigné (adresse et champs) pour envoyer le fichier au stockage.',
    answers: [400, 404, 409],
  }),
  r('GET', '/api/dossiers/{id}/attachments', 'attachments', EVERYONE, {
    operationId: 'listAttachments',
    tag: 'Pièces',
    summary: 'Pièces du dossier',
    description: 'Les pièces telles que l’appelant peut les lire (le verdict reste aux services).',
    answers: [404],
  }),
  r('POST', '/api/dossiers/{id}/attachments/{attachmentId}/confirm', 'attachments', APPLICANT, {
    operationId: 'confirmUpload',
    tag: 'Pièces',
    summary: 'Confirmer le dépôt',
    description:
      'Après l’envoi du fichier : contrôle de sa taille et de son type réel, puis analyse antivirus.',
    answers: [404, 409, 422],
  }),
  r('GET', '/api/dossiers/{id}/attachments/{attachmentId}/download', 'attachments', EVERYONE, {
    operationId: 'getDownloadLink',
    tag: 'Pièces',
    summary: 'Lien de téléchargement de courte durée',
    description: 'Un lien présigné, seulement pour une pièce reçue et saine.',
    answers: [404, 409],
  }),
  r('DELETE', '/api/dossiers/{id}/attachments/{attachmentId}', 'attachments', APPLICANT, {
    operationId: 'deleteAttachment',
    tag: 'Pièces',
    summary: 'Supprimer une pièce',
    description: 'Tant que le dossier est un brouillon.',
    answers: [404, 409],
  }),

  r('GET', '/api/queues', 'instruction', STAFF, {
    operationId: 'listQueue',
    tag: 'Instruction',
    summary: 'File par dispositif et statut',
    description: 'Dossiers d’un dispositif dans un statut, du plus ancien dépôt au plus récent, par pages.',
    answers: [400],
  }),
  r('GET', '/api/queues/mine', 'instruction', INSTRUCTION, {
    operationId: 'listMyQueue',
    tag: 'Instruction',
    summary: 'Dossiers qui me sont assignés',
    description: 'Les dossiers en cours assignés à l’instructeur appelant, par pages.',
    answers: [400],
  }),
  r('GET', '/api/queues/counts', 'instruction', STAFF, {
    operationId: 'countQueues',
    tag: 'Instruction',
    summary: 'Nombre de dossiers par statut',
    description: 'Pour un dispositif (`scheme`) : le nombre de dossiers dans chaque statut.',
    answers: [400],
  }),
  r('GET', '/api/instructors', 'instruction', INSTRUCTION, {
    operationId: 'listInstructors',
    tag: 'Instruction',
    summary: 'Instructeurs à qui assigner un dossier',
    description: 'Les instructeurs connus (ceux qui se sont déjà connectés).',
    answers: [],
  }),
  r('POST', '/api/dossiers/{id}/assign', 'instruction', INSTRUCTION, {
    operationId: 'assignDossier',
    tag: 'Instruction',
    summary: 'Prendre ou assigner un dossier',
    description: 'Sans `assigneeSub`, l’appelant prend le dossier ; sinon il l’assigne à cet instructeur.',
    answers: TRANSITION,
  }),
  r('PUT', '/api/dossiers/{id}/attachments/{attachmentId}/verdict', 'instruction', INSTRUCTION, {
    operationId: 'recordVerdict',
    tag: 'Instruction',
    summary: 'Verdict sur une pièce',
    description: 'Pièce valable ou non (avec un motif), pendant l’instruction ou avant un versement.',
    answers: [400, 404, 409],
  }),
  r('POST', '/api/dossiers/{id}/request-documents', 'instruction', INSTRUCTION, {
    operationId: 'requestDocuments',
    tag: 'Instruction',
    summary: 'Demander des pièces',
    description: 'Un message au demandeur et la liste des pièces attendues ; le dossier attend sa réponse.',
    answers: TRANSITION,
  }),
  r('GET', '/api/dossiers/{id}/notes', 'instruction', STAFF, {
    operationId: 'listNotes',
    tag: 'Instruction',
    summary: 'Notes privées',
    description: 'Les notes des services sur le dossier ; jamais montrées au demandeur.',
    answers: [404],
  }),
  r('POST', '/api/dossiers/{id}/notes', 'instruction', STAFF, {
    operationId: 'addNote',
    tag: 'Instruction',
    summary: 'Ajouter une note privée',
    description: 'Une note des services sur le dossier ; jamais montrée au demandeur.',
    answers: [400, 404],
  }),
  r('POST', '/api/dossiers/{id}/propose', 'instruction', INSTRUCTION, {
    operationId: 'proposeToBureau',
    tag: 'Instruction',
    summary: 'Proposer au Bureau (accord ou refus)',
    description:
      'Toutes les pièces vérifiées : proposition d’accord (montants, ajustés ou non) ou de refus motivé.',
    answers: TRANSITION,
  }),

  r('POST', '/api/sessions', 'bureau', BUREAU, {
    operationId: 'createSession',
    tag: 'Bureau',
    summary: 'Créer une séance du Bureau',
    description: 'Une séance par numéro : 409 si ce numéro existe déjà.',
    answers: [400, 409],
  }),
  r('GET', '/api/sessions', 'bureau', STAFF, {
    operationId: 'listSessions',
    tag: 'Bureau',
    summary: 'Séances',
    description: 'Les séances, de la plus récente à la plus ancienne, par pages de 50 (`cursor`).',
    answers: [400],
  }),
  r('GET', '/api/sessions/{sessionId}', 'bureau', STAFF, {
    operationId: 'getSession',
    tag: 'Bureau',
    summary: 'Séance, ordre du jour et totaux',
    description: 'La séance, les dossiers à son ordre du jour avec leur décision, et les montants engagés.',
    answers: [404],
  }),
  r('POST', '/api/sessions/{sessionId}/agenda', 'bureau', BUREAU, {
    operationId: 'scheduleDossier',
    tag: 'Bureau',
    summary: 'Inscrire un dossier à l’ordre du jour',
    description: 'Un dossier proposé, sur une séance ouverte. If-Match : la version du dossier.',
    answers: TRANSITION,
  }),
  r('POST', '/api/sessions/{sessionId}/agenda/remove', 'bureau', BUREAU, {
    operationId: 'unscheduleDossier',
    tag: 'Bureau',
    summary: 'Retirer un dossier de l’ordre du jour',
    description:
      'Le dossier revient à « Proposé » et peut être inscrit à une autre séance ; la séance doit être ouverte. ' +
      'If-Match : la version du dossier.',
    answers: TRANSITION,
  }),
  r('POST', '/api/sessions/{sessionId}/decisions', 'bureau', BUREAU, {
    operationId: 'recordDecision',
    tag: 'Bureau',
    summary: 'Décision du Bureau sur un dossier',
    description:
      'Avis favorable (engage les montants sur les enveloppes), défavorable ou ajournement. If-Match : la ' +
      'version du dossier.',
    answers: TRANSITION,
  }),
  r('GET', '/api/sessions/{sessionId}/extract.pdf', 'extracts', STAFF, {
    operationId: 'getDeliberationExtract',
    tag: 'Bureau',
    summary: 'Extrait de délibération (PDF)',
    description: 'L’extrait des décisions de la séance, en PDF.',
    answers: [404],
  }),

  r('POST', '/api/envelopes', 'finance', FINANCE, {
    operationId: 'createEnvelope',
    tag: 'Finances',
    summary: 'Créer une enveloppe',
    description: 'Une enveloppe par dispositif, année et financeur : 409 si elle existe déjà.',
    answers: [400, 409],
  }),
  r('GET', '/api/envelopes', 'finance', ['finance', 'bureau', 'admin'], {
    operationId: 'listEnvelopes',
    tag: 'Finances',
    summary: 'Enveloppes : engagé, payé, disponible',
    description: 'Toutes les enveloppes, ou celles d’une année (`year`).',
    answers: [],
  }),
  r('POST', '/api/envelopes/{envelopeId}/raise', 'finance', FINANCE, {
    operationId: 'raiseEnvelope',
    tag: 'Finances',
    summary: 'Augmenter une enveloppe',
    description: 'Ajoute un montant (en centimes) à l’enveloppe.',
    answers: [400, 404],
  }),
  r('GET', '/api/dossiers/{id}/commitments', 'finance', STAFF, {
    operationId: 'listCommitments',
    tag: 'Finances',
    summary: 'Engagements d’un dossier',
    description: 'Un engagement par financeur, avec ses versements et le reste à payer.',
    answers: [404],
  }),
  r('POST', '/api/dossiers/{id}/payments', 'finance', FINANCE, {
    operationId: 'recordPayment',
    tag: 'Finances',
    summary: 'Versement (avance, acompte, solde)',
    description: 'Un versement sur l’engagement d’un financeur. If-Match : la version du dossier.',
    answers: TRANSITION,
  }),
  r('POST', '/api/dossiers/{id}/lapse', 'finance', FINANCE, {
    operationId: 'lapseDossier',
    tag: 'Finances',
    summary: 'Déclarer caduc',
    description: 'Clôt les engagements et rend le reste aux enveloppes. If-Match : la version du dossier.',
    answers: TRANSITION,
  }),
  r('GET', '/api/exports/commitments', 'exports', FINANCE, {
    operationId: 'exportCommitments',
    tag: 'Finances',
    summary: 'Export des engagements (CSV ou XLSX)',
    description:
      'Écrit l’export puis redirige (303, `Location`) vers un lien de téléchargement de courte durée.',
    answers: [400],
  }),
  r('GET', '/api/exports/payments', 'exports', FINANCE, {
    operationId: 'exportPayments',
    tag: 'Finances',
    summary: 'Export des versements (CSV ou XLSX)',
    description:
      'Écrit l’export puis redirige (303, `Location`) vers un lien de téléchargement de courte durée.',
    answers: [400],
  }),

  r('GET', '/api/reports/{year}', 'reports', STAFF, {
    operationId: 'getYearlyIndicators',
    tag: 'Rapports',
    summary: 'Indicateurs annuels par dispositif',
    description: 'En JSON, ou en CSV avec `format=csv`.',
    answers: [400],
  }),
  r('GET', '/api/references/gaps', 'reports', NUMBERING, {
    operationId: 'listReferenceGaps',
    tag: 'Rapports',
    summary: 'Numéros non attribués',
    description: 'Pour un dispositif et une année : les numéros de dossier sautés, avec leur motif.',
    answers: [400],
  }),

  // ---- Notifications by e-mail (issue 13 §2) -------------------------------------------------
  r('GET', '/api/me/notifications', 'instruction', STAFF, {
    operationId: 'getNotificationPreferences',
    tag: 'Instruction',
    summary: 'Mes avis par courriel',
    description: 'Pour un agent : reçoit-il les avis par courriel (dossier confié, réponse d’un demandeur) ?',
    answers: [],
  }),
  r('PUT', '/api/me/notifications', 'instruction', STAFF, {
    operationId: 'setNotificationPreferences',
    tag: 'Instruction',
    summary: 'Activer ou désactiver mes avis par courriel',
    description: 'Pour un agent : `staffNotices` à faux, plus aucun avis aux agents ne lui est envoyé.',
    answers: [],
  }),
  r('GET', '/api/notifications/failed', 'instruction', STAFF, {
    operationId: 'listFailedNotifications',
    tag: 'Instruction',
    summary: 'Courriels en échec',
    description:
      'Les courriels que l’envoi n’a pas pu remettre après ses nouvelles tentatives, les plus anciens d’abord (50 par page).',
    answers: [400],
  }),
  r('POST', '/api/dossiers/{id}/notifications/{notificationId}/retry', 'instruction', STAFF, {
    operationId: 'retryNotification',
    tag: 'Instruction',
    summary: 'Renvoyer un courriel en échec',
    description: 'Remet le courriel dans la file d’envoi ; il quitte la liste des échecs.',
    answers: [404],
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
