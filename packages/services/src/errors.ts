import type { z } from 'zod';

/** One invalid field: a JSON pointer into the request body and a French message. */
export interface FieldError {
  readonly pointer: string;
  readonly detail: string;
}

/**
 * Errors a use case may end with. The HTTP edge and the web pages map them; nothing else
 * inspects them. `type` is a stable URI-like slug for problem+json.
 */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 503,
    readonly type: string,
    readonly title: string,
    detail: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const unauthorized = (detail = 'Authentification requise ou jeton invalide.') =>
  new AppError(401, 'non-authentifie', 'Non authentifié', detail);
export const forbidden = (detail = 'Votre rôle ne permet pas cette action.') =>
  new AppError(403, 'interdit', 'Action interdite', detail);
export const notFound = (detail = 'Ressource introuvable.') =>
  new AppError(404, 'introuvable', 'Introuvable', detail);
export const conflict = (detail: string) => new AppError(409, 'conflit', 'Conflit', detail);
export const badRequest = (detail: string, errors: readonly FieldError[] = []) =>
  new AppError(400, 'requete-invalide', 'Requête invalide', detail, errors);
export const unprocessable = (detail: string, errors: readonly FieldError[] = []) =>
  new AppError(422, 'regle-metier', 'Demande non recevable', detail, errors);

/** RFC 6901 pointer from a zod issue path. */
export const toPointer = (path: readonly PropertyKey[]) =>
  `/${path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`.replace(/^\/$/, '');

export function validationError(error: z.ZodError, detail = 'Certaines données sont invalides.'): AppError {
  return badRequest(
    detail,
    error.issues.map((i) => ({ pointer: toPointer(i.path), detail: i.message })),
  );
}

/** Parses with a zod schema or throws a 400 with every field error. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error);
  return r.data;
}
