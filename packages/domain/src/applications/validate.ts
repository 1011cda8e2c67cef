import type * as z from 'zod';
import fr from 'zod/v4/locales/fr.js';
import { type Application, applicationSchema, draftSchema } from './schemas.ts';

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

/** Lenient validation for saving a draft: only the scheme is required. */
export function validateDraft(input: unknown): ValidationResult<z.infer<typeof draftSchema>> {
  return validateWith(draftSchema, input);
}
