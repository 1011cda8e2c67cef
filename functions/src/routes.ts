/**
 * The single route table. The CDK stateless stack makes one Lambda function per area and one
 * HTTP API route per line (with the JWT authorizer unless `public`); the local server matches
 * requests against the same lines and calls the same handlers.
 */
import { ROLES, type Role } from '@aides/services/caller';

export { ROLES, type Role };

export const AREAS = [
  'system',
  'applications',
  'attachments',
  'instruction',
  'bureau',
  'finance',
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
  {
    method: 'GET',
    path: '/api/me',
    area: 'system',
    roles: [...ROLES],
    summary: 'Identité et rôles de l’appelant',
  },
];

/** `GET /api/dossiers/{id}`: the routeKey API Gateway puts in the event. */
export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** The areas that have at least one route: one Lambda function each. */
export const areasInUse = (): Area[] => AREAS.filter((a) => routes.some((r) => r.area === a));

/** Handler module of an area, relative to the repository root (used by the CDK and the local server). */
export const handlerEntry = (area: Area) => `functions/src/${area}/handler.ts`;
