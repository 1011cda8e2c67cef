import type * as z from 'zod';
import fr from 'zod/v4/locales/fr.js';
import type { Scheme } from '../schemes/enums.ts';
import { draftSchemas } from './draft.ts';
import { type Application, applicationSchema } from './schemas.ts';

export interface FieldError {
  /** JSON pointer (RFC 6901), e.g. `/works/0/amountHtCents`. */
  path: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

// Only the French locale: `z.locales` would bundle every language into each Lambda.
const frenchErrors = fr().localeError;

export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function validateWith<T>(schema: z.ZodType<T>, input: unknown): ValidationResult<T> {
  const r = schema.safeParse(input, { error: frenchErrors });
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: r.error.issues.map((i) => ({ path: toPointer(i.path), message: i.message })) };
}

/** Full validation, at submission. */
export function validateApplication(input: unknown): ValidationResult<Application> {
  return validateWith(applicationSchema, input);
}

/** At most this many errors are listed: a body with 10,000 unknown keys gets a short answer. */
const MAX_DRAFT_ERRORS = 50;

/**
 * Validation for saving a draft (see draft.ts): any field may be missing, but every key must be
 * known and every value of the right kind and size. Each unknown key is one error at its own path.
 */
export function validateDraft(scheme: Scheme, input: unknown): ValidationResult<Record<string, unknown>> {
  const r = draftSchemas[scheme].safeParse(input, { error: frenchErrors });
  if (r.success) return { ok: true, value: r.data as Record<string, unknown> };
  const errors = r.error.issues.flatMap((i): FieldError[] =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({
          path: toPointer([...i.path, key]),
          message: key === '' ? 'Champ sans nom non reconnu' : `Champ inconnu : « ${key.slice(0, 40)} »`,
        }))
      : [{ path: toPointer(i.path), message: i.message }],
  );
  if (errors.length <= MAX_DRAFT_ERRORS) return { ok: false, errors };
  return {
    ok: false,
    errors: [
      ...errors.slice(0, MAX_DRAFT_ERRORS),
      { path: '', message: `… et ${errors.length - MAX_DRAFT_ERRORS} autres erreurs` },
    ],
  };
}
