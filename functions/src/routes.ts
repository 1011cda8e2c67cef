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

/** OpenAPI tags: one per business area, as clients group their methods (descriptions: system/openapi.ts). */
export const TAGS = [
  'Système',
  'Demandes',
  'Pièces',
  'Instruction',
  'Bureau',
  'Finances',
  'Rapports',
  'Administration',
  'Imports',
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

  // Issue 14: the instructor confirms a TPE's rural / QPV classification (instructors only).
  r('POST', '/api/dossiers/{id}/location', 'instruction', ['instructor'], {
    operationId: 'confirmTpeLocation',
    tag: 'Instruction',
    summary: 'Confirmer le classement rural ou QPV d’une TPE',
    description:
      'Pendant l’instruction, avant la proposition au Bureau : commune rurale (population INSEE retenue) ou ' +
      'quartier prioritaire de la commune (liste en vigueur à la date du dépôt). Un changement demande un motif. ' +
      'Sans classement confirmé, la proposition d’accord est refusée (422).',
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
  r('PUT', '/api/sessions/{sessionId}/minutes', 'bureau', BUREAU, {
    operationId: 'recordSessionMinutes',
    tag: 'Bureau',
    summary: 'Relevé de la séance pour l’extrait',
    description:
      'Membres en exercice et présents, pouvoirs, quorum, signataire, dates de transmission à la préfecture et ' +
      'de publication. Modifiable jusqu’à la délivrance de l’extrait (409 ensuite) ; 422 si le quorum n’est pas ' +
      'atteint ou si une date précède la séance.',
    answers: [400, 404, 409, 422],
  }),
  r('GET', '/api/sessions/{sessionId}/extract.pdf', 'documents', STAFF, {
    operationId: 'getDeliberationExtract',
    tag: 'Bureau',
    summary: 'Extrait de délibération (PDF)',
    description:
      'Une fois la séance relevée et tous ses dossiers décidés : l’extrait « certifié exécutoire », délivré une ' +
      'fois et conservé (mêmes octets ensuite ; la séance est alors close). Avant : un projet marqué comme tel ' +
      '(en-tête `X-Document-Status: projet`), conservé nulle part.',
    answers: [404, 409],
  }),
  r('GET', '/api/dossiers/{id}/letters', 'documents', EVERYONE, {
    operationId: 'listDossierLetters',
    tag: 'Demandes',
    summary: 'Documents officiels d’un dossier',
    description:
      'Accusé de réception, notification de décision, avis de paiement : un par événement survenu, délivré ' +
      '(`issuedAt`, `sha256`) ou délivré au premier téléchargement. Le demandeur ne voit que ses dossiers (404).',
    answers: [404],
  }),
  r('GET', '/api/dossiers/{id}/letters/{letterId}', 'documents', EVERYONE, {
    operationId: 'getDossierLetter',
    tag: 'Demandes',
    summary: 'Télécharger un document officiel (PDF)',
    description:
      'Délivré une fois (conservé, son SHA-256 dans l’historique du dossier) puis servi à l’identique : ' +
      'l’en-tête `ETag` est ce SHA-256. 404 pour le dossier d’un autre ou un document qui n’existe pas.',
    answers: [404],
  }),
  // The personal-data export (RGPD art. 15) holds a PDF of each dossier: made here, by the
  // documents function, so the web function carries no PDF renderer (issue 17 §8).
  r('POST', '/api/me/personal-data-export', 'documents', APPLICANT, {
    operationId: 'exportMyPersonalData',
    tag: 'Demandes',
    summary: 'Exporter mes données personnelles (ZIP)',
    description:
      'Le demandeur reçoit tout ce que le service détient sur lui (article 15 du RGPD) : par dossier, ' +
      'JSON, PDF, pièces et courriers. Écrit le ZIP puis redirige (303, `Location`) vers un lien de ' +
      'téléchargement de quelques minutes.',
    answers: [],
  }),
  r('POST', '/api/admin/personal-data-exports', 'documents', ADMIN, {
    operationId: 'exportPersonalData',
    tag: 'Administration',
    summary: 'Exporter les données d’une personne (ZIP)',
    description:
      'Pour une demande d’accès reçue par courrier ou au guichet : le même ZIP que celui du demandeur, ' +
      'pour l’identifiant donné ; l’export est inscrit au journal des consultations. Redirige (303, ' +
      '`Location`) vers un lien de téléchargement de quelques minutes.',
    answers: [400],
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
  // Repayable advances (avances remboursables) of TPE in development: beside the grants.
  r('GET', '/api/advances', 'finance', ['finance', 'bureau', 'admin'], {
    operationId: 'listRepayableAdvances',
    tag: 'Finances',
    summary: 'Avances remboursables : remboursé, reste dû, échéances en retard',
    description:
      'Toutes les avances remboursables (TPE en développement), les plus en retard d’abord ; `asOf` ' +
      '(AAAA-MM-JJ) fixe le jour d’appréciation des retards ; `format=csv` donne l’export de ce qui reste dû.',
    answers: [400],
  }),
  r('POST', '/api/dossiers/{id}/advance', 'finance', FINANCE, {
    operationId: 'openRepayableAdvance',
    tag: 'Finances',
    summary: 'Ouvrir l’avance remboursable d’un dossier',
    description:
      'Après la décision favorable, enregistre la date de versement de l’avance : l’échéancier en découle ' +
      '(différé et échéances du règlement). 409 si elle est déjà ouverte, 422 si le dossier n’est pas une avance.',
    answers: [404, 409, 422],
  }),
  r('GET', '/api/dossiers/{id}/advance', 'finance', STAFF, {
    operationId: 'getRepayableAdvance',
    tag: 'Finances',
    summary: 'Avance remboursable d’un dossier',
    description: 'Échéancier, remboursements, reste dû et échéances en retard.',
    answers: [404],
  }),
  r('POST', '/api/dossiers/{id}/advance/repayments', 'finance', FINANCE, {
    operationId: 'recordRepayment',
    tag: 'Finances',
    summary: 'Enregistrer un remboursement d’avance',
    description:
      'Jamais plus que le reste dû, jamais avant le versement ni dans le futur (422) ; 409 si l’avance a ' +
      'changé entre-temps.',
    answers: [404, 409, 422],
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
  // Administration (functions/src/admin/app.ts, packages/services/src/admin/).
  r('GET', '/api/admin/rule-sets/{scheme}', 'admin', ADMIN, {
    operationId: 'listRuleSetVersions',
    tag: 'Administration',
    summary: 'Versions du règlement d’un dispositif',
    description:
      'Chaque version (intégrée ou publiée), sa délibération, sa date d’effet et chaque chiffre avec sa source ' +
      '(`isDefault` : encore « par défaut, à confirmer par délibération »).',
    answers: [404],
  }),
  r('GET', '/api/admin/rule-sets/{scheme}/draft', 'admin', ADMIN, {
    operationId: 'getRuleSetDraft',
    tag: 'Administration',
    summary: 'Point de départ d’une nouvelle version',
    description:
      'La dernière version et ses chiffres (libellés, unités, sources) : ce que le formulaire propose. ESS : ' +
      '`track=call_for_projects` pour l’appel à projets (par défaut, l’aide aux emplois).',
    answers: [404],
  }),
  r('POST', '/api/admin/rule-sets/{scheme}/preview', 'admin', ADMIN, {
    operationId: 'previewRuleSet',
    tag: 'Administration',
    summary: 'Aperçu d’une nouvelle version',
    description:
      'Valide la nouvelle version comme à la publication, sans rien écrire, et liste les dossiers en instruction ' +
      'dont le montant changerait, et de combien (ils gardent leur règlement de dépôt). Chiffres en centimes ou ' +
      'points de base, par chemin (`amounts.dossierCapCents`).',
    answers: [400, 404],
  }),
  r('POST', '/api/admin/rule-sets/{scheme}', 'admin', ADMIN, {
    operationId: 'publishRuleSet',
    tag: 'Administration',
    summary: 'Publier une nouvelle version du règlement',
    description:
      'Référence de délibération et motif obligatoires ; la version s’applique aux dépôts à partir de sa date ' +
      'd’effet. Chiffre inconnu, valeur négative ou date d’effet antérieure à la version précédente : 400, rien ' +
      'n’est écrit. Un événement d’audit est écrit dans la même transaction.',
    answers: [400, 404, 409, 503],
  }),
  r('GET', '/api/admin/anah-ceilings', 'admin', ADMIN, {
    operationId: 'listAnahCeilings',
    tag: 'Administration',
    summary: 'Plafonds de ressources ANAH par année',
    description: 'Hors Île-de-France, en euros entiers, par taille du foyer, avec leur source.',
    answers: [],
  }),
  r('PUT', '/api/admin/anah-ceilings/{year}', 'admin', ADMIN, {
    operationId: 'publishAnahCeilings',
    tag: 'Administration',
    summary: 'Saisir les plafonds ANAH d’une année',
    description:
      'Six lignes (1 à 5 personnes, et par personne supplémentaire), croissantes par taille et par catégorie, ' +
      'avec leur source et un motif. L’éligibilité les applique dès la publication.',
    answers: [400, 409, 503],
  }),
  r('POST', '/api/admin/anah-ceilings/import', 'admin', ADMIN, {
    operationId: 'importAnahCeilings',
    tag: 'Administration',
    summary: 'Importer des plafonds ANAH (CSV)',
    description:
      'Même colonnes que le fichier de référence du projet (`annee,nb_personnes,tres_modestes_max,modestes_max,' +
      'intermediaires_max,superieurs_au_dela_de,source`) ; chaque année du fichier est vérifiée, tout ou rien.',
    answers: [400, 409, 503],
  }),
  r('GET', '/api/admin/staff', 'admin', ADMIN, {
    operationId: 'listStaff',
    tag: 'Administration',
    summary: 'Annuaire du personnel',
    description: 'Chaque personne des groupes du personnel : rôles, dernière connexion, actif ou désactivé.',
    answers: [],
  }),
  r('GET', '/api/admin/staff/{sub}/open-dossiers', 'admin', ADMIN, {
    operationId: 'listOpenDossiersOfStaff',
    tag: 'Administration',
    summary: 'Dossiers ouverts assignés à une personne',
    description: 'À réassigner quand la personne part.',
    answers: [404],
  }),
  r('POST', '/api/admin/staff/{sub}/deactivate', 'admin', ADMIN, {
    operationId: 'deactivateStaff',
    tag: 'Administration',
    summary: 'Désactiver un profil',
    description:
      'La personne n’est plus proposée pour une assignation ; la réponse liste ses dossiers ouverts à réassigner.',
    answers: [400, 404, 409, 422, 503],
  }),
  r('POST', '/api/admin/staff/{sub}/reactivate', 'admin', ADMIN, {
    operationId: 'reactivateStaff',
    tag: 'Administration',
    summary: 'Réactiver un profil',
    description: 'La personne est de nouveau proposée pour une assignation.',
    answers: [400, 404, 409, 422, 503],
  }),
  r('GET', '/api/admin/audit', 'admin', ADMIN, {
    operationId: 'searchAuditLog',
    tag: 'Administration',
    summary: 'Journal d’audit',
    description:
      'Par référence de dossier, personne (`actor`), type d’événement et période (`from`, `to`) ; par défaut les ' +
      '31 derniers jours. Chaque événement donne l’avant et l’après de ce qui a changé. CSV avec `format=csv`.',
    answers: [400],
  }),
  r('GET', '/api/admin/qpv-lists', 'admin', ADMIN, {
    operationId: 'listQpvLists',
    tag: 'Administration',
    summary: 'Listes des quartiers prioritaires par génération',
    description:
      'Génération 2015 (décret n° 2014-1750, jusqu’au 31 décembre 2023) et 2024 (décret n° 2023-1314, depuis le ' +
      '1er janvier 2024) : la liste importée de chacune, ses quartiers et leurs communes, sa source, et si elle ' +
      'n’est qu’une liste de démonstration. Un dossier est jugé avec la liste en vigueur à sa date de dépôt.',
    answers: [],
  }),
  r('POST', '/api/admin/qpv-lists/{generation}', 'admin', ADMIN, {
    operationId: 'importQpvList',
    tag: 'Administration',
    summary: 'Importer la liste des quartiers prioritaires d’une génération (CSV)',
    description:
      'Disposition officielle : une ligne par quartier et par commune, colonnes `code_qp`, `lib_qp`, `insee_com` ' +
      '(les autres sont ignorées), séparateur `;` ou `,`. `dryRun: true` rend le rapport ligne à ligne sans rien ' +
      'écrire ; sinon la liste remplace celle de la génération (démonstration comprise), avec son événement ' +
      'd’audit, ou rien n’est écrit si une ligne est fausse (code d’une autre génération, commune hors de ' +
      'l’agglomération, doublon) : 400 avec chaque ligne.',
    answers: [400, 409, 503],
  }),
  // Import of earlier years' dossiers (docs/IMPORT.md): admins only, see services/imports/imports.ts.
  r('GET', '/api/reports/{year}/comparison', 'reports', STAFF, {
    operationId: 'getYearComparison',
    tag: 'Rapports',
    summary: 'Indicateurs de l’année à côté de l’année précédente',
    description:
      'Chaque indicateur du rapport annuel avec sa valeur de l’année précédente (« 154 dossiers (148 en 2021) ») ; montants en centimes. En CSV avec `format=csv`.',
    answers: [400],
  }),
  r('POST', '/api/imports', 'imports', ADMIN, {
    operationId: 'createImport',
    tag: 'Imports',
    summary: 'Nouvel import de dossiers d’années antérieures',
    description:
      'Déclare le fichier (dispositif, nom .csv ou .xlsx, taille ≤ 50 Mo) et répond un dépôt présigné (POST multipart vers S3, 15 minutes) : envoyez les champs `fields` puis le fichier, avec le `Content-Type` donné.',
    answers: [400],
  }),
  r('GET', '/api/imports', 'imports', ADMIN, {
    operationId: 'listImports',
    tag: 'Imports',
    summary: 'Imports, du plus récent au plus ancien',
    description: 'Cinquante par page, avec leur rapport d’essai et l’avancement de l’import.',
    answers: [400],
  }),
  r('GET', '/api/imports/{importId}', 'imports', ADMIN, {
    operationId: 'getImport',
    tag: 'Imports',
    summary: 'Un import : fichier, essai, avancement',
    description: 'Le rapport d’essai (ligne, colonne, message) et les compteurs de l’import réel.',
    answers: [404],
  }),
  r('POST', '/api/imports/{importId}/check', 'imports', ADMIN, {
    operationId: 'checkImport',
    tag: 'Imports',
    summary: 'Essai : vérifier le fichier sans rien importer',
    description:
      'Lit le fichier déposé et signale chaque problème par ligne et colonne ; compte les dossiers à importer, déjà présents et invalides. N’écrit aucun dossier.',
    answers: [404, 409, 422],
  }),
  r('POST', '/api/imports/{importId}/run', 'imports', ADMIN, {
    operationId: 'runImport',
    tag: 'Imports',
    summary: 'Importer (une tranche de 20 secondes au plus)',
    description:
      'Écrit chaque dossier valide dans sa propre transaction ; les dossiers déjà présents sont ignorés (un second import du même fichier n’ajoute rien). S’arrête après 20 secondes avec `status: running` : rappelez la route pour continuer ; `done` à la fin.',
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
