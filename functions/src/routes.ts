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

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/api/dossiers/{id}`. */
  readonly path: string;
  readonly area: Area;
  /** No token needed (health, OpenAPI document). */
  readonly public?: boolean;
  /** Roles allowed; ignored when public. */
  readonly roles: readonly Role[];
  readonly summary: string;
}

const APPLICANT: Role[] = ['applicant'];
const STAFF: Role[] = ['instructor', 'bureau', 'finance', 'admin'];
const EVERYONE: Role[] = [...ROLES];
const INSTRUCTION: Role[] = ['instructor', 'admin'];
const BUREAU: Role[] = ['bureau', 'admin'];
const FINANCE: Role[] = ['finance', 'admin'];
/** Who answers for the numbering of dossiers: instruction and finance. */
const NUMBERING: Role[] = ['instructor', 'finance', 'admin'];

const r = (
  method: HttpMethod,
  path: string,
  area: Area,
  roles: readonly Role[],
  summary: string,
): RouteDefinition => ({
  method,
  path,
  area,
  roles,
  summary,
});

export const routes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/api/health',
    area: 'system',
    public: true,
    roles: [],
    summary: 'État du service et des stockages',
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    area: 'system',
    public: true,
    roles: [],
    summary: 'Document OpenAPI 3.1',
  },
  r('GET', '/api/me', 'system', EVERYONE, 'Identité et rôles de l’appelant'),

  r('POST', '/api/dossiers', 'applications', APPLICANT, 'Créer un brouillon'),
  r('GET', '/api/dossiers', 'applications', APPLICANT, 'Mes dossiers'),
  r('GET', '/api/dossiers/{id}', 'applications', EVERYONE, 'Lire un dossier et sa chronologie'),
  r('PUT', '/api/dossiers/{id}', 'applications', APPLICANT, 'Modifier un brouillon (If-Match)'),
  r(
    'POST',
    '/api/dossiers/{id}/estimate',
    'applications',
    EVERYONE,
    'Pré-contrôle d’éligibilité et estimation du montant',
  ),
  r('POST', '/api/dossiers/{id}/submit', 'applications', APPLICANT, 'Déposer (If-Match, Idempotency-Key)'),
  r('POST', '/api/dossiers/{id}/answer', 'applications', APPLICANT, 'Répondre à une demande de pièces'),
  r('POST', '/api/dossiers/{id}/withdraw', 'applications', APPLICANT, 'Retirer la demande (motif)'),

  r(
    'POST',
    '/api/dossiers/{id}/attachments',
    'attachments',
    APPLICANT,
    'Autorisation de dépôt d’une pièce (POST présigné)',
  ),
  r('GET', '/api/dossiers/{id}/attachments', 'attachments', EVERYONE, 'Pièces du dossier'),
  r(
    'POST',
    '/api/dossiers/{id}/attachments/{attachmentId}/confirm',
    'attachments',
    APPLICANT,
    'Confirmer le dépôt (contrôle du type réel)',
  ),
  r(
    'GET',
    '/api/dossiers/{id}/attachments/{attachmentId}/download',
    'attachments',
    EVERYONE,
    'Lien de téléchargement de courte durée',
  ),
  r(
    'DELETE',
    '/api/dossiers/{id}/attachments/{attachmentId}',
    'attachments',
    APPLICANT,
    'Supprimer une pièce (brouillon)',
  ),

  r('GET', '/api/queues', 'instruction', STAFF, 'File par dispositif et statut'),
  r('GET', '/api/queues/mine', 'instruction', INSTRUCTION, 'Dossiers qui me sont assignés'),
  r('GET', '/api/queues/counts', 'instruction', STAFF, 'Nombre de dossiers par statut'),
  r('GET', '/api/instructors', 'instruction', INSTRUCTION, 'Instructeurs à qui assigner un dossier'),
  r('POST', '/api/dossiers/{id}/assign', 'instruction', INSTRUCTION, 'Prendre ou assigner un dossier'),
  r(
    'PUT',
    '/api/dossiers/{id}/attachments/{attachmentId}/verdict',
    'instruction',
    INSTRUCTION,
    'Verdict sur une pièce',
  ),
  r('POST', '/api/dossiers/{id}/request-documents', 'instruction', INSTRUCTION, 'Demander des pièces'),
  r('GET', '/api/dossiers/{id}/notes', 'instruction', STAFF, 'Notes privées'),
  r('POST', '/api/dossiers/{id}/notes', 'instruction', STAFF, 'Ajouter une note privée'),
  r('POST', '/api/dossiers/{id}/propose', 'instruction', INSTRUCTION, 'Proposer au Bureau (accord ou refus)'),

  r('POST', '/api/sessions', 'bureau', BUREAU, 'Créer une séance du Bureau'),
  r('GET', '/api/sessions', 'bureau', STAFF, 'Séances'),
  r('GET', '/api/sessions/{sessionId}', 'bureau', STAFF, 'Séance, ordre du jour et totaux'),
  r('POST', '/api/sessions/{sessionId}/agenda', 'bureau', BUREAU, 'Inscrire un dossier à l’ordre du jour'),
  r(
    'POST',
    '/api/sessions/{sessionId}/agenda/remove',
    'bureau',
    BUREAU,
    'Retirer un dossier de l’ordre du jour',
  ),
  r('POST', '/api/sessions/{sessionId}/decisions', 'bureau', BUREAU, 'Décision du Bureau sur un dossier'),
  r('GET', '/api/sessions/{sessionId}/extract.pdf', 'extracts', STAFF, 'Extrait de délibération (PDF)'),

  r('POST', '/api/envelopes', 'finance', FINANCE, 'Créer une enveloppe'),
  r(
    'GET',
    '/api/envelopes',
    'finance',
    ['finance', 'bureau', 'admin'],
    'Enveloppes : engagé, payé, disponible',
  ),
  r('POST', '/api/envelopes/{envelopeId}/raise', 'finance', FINANCE, 'Augmenter une enveloppe'),
  r('GET', '/api/dossiers/{id}/commitments', 'finance', STAFF, 'Engagements d’un dossier'),
  r('POST', '/api/dossiers/{id}/payments', 'finance', FINANCE, 'Versement (avance, acompte, solde)'),
  r('POST', '/api/dossiers/{id}/lapse', 'finance', FINANCE, 'Déclarer caduc (libère le reste)'),
  r('GET', '/api/exports/commitments', 'exports', FINANCE, 'Export des engagements (CSV ou XLSX)'),
  r('GET', '/api/exports/payments', 'exports', FINANCE, 'Export des versements (CSV ou XLSX)'),

  r('GET', '/api/reports/{year}', 'reports', STAFF, 'Indicateurs annuels par dispositif (JSON ou CSV)'),
  r(
    'GET',
    '/api/references/gaps',
    'reports',
    NUMBERING,
    'Numéros non attribués, avec leur motif (dispositif et année)',
  ),
];

/** `GET /api/dossiers/{id}`: the routeKey API Gateway puts in the event. */
export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** The areas that have at least one route: one Lambda function each. */
export const areasInUse = (): Area[] => AREAS.filter((a) => routes.some((r) => r.area === a));

/** Handler module of an area, relative to the repository root (used by the CDK and the local server). */
export const handlerEntry = (area: Area) => `functions/src/${area}/handler.ts`;
