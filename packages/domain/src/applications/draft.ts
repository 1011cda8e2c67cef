import * as z from 'zod';
import type { Scheme } from '../schemes/enums.ts';
import { applicationSchemas } from './schemas.ts';

/**
 * Drafts, validated by allowlist. A draft may be incomplete and hold values the full check will
 * refuse at submission (a wrong SIRET, an unknown work type): those are listed by the estimate.
 * But its *shape* is the application's: only known keys at every level, strings and lists of
 * bounded length, numbers that are safe integers, so nothing a client sends can reach storage
 * in a form DynamoDB refuses (an empty key, 1e308, a 40-digit integer) or that later code trips
 * on (`constructor`, keys nobody reads).
 *
 * The draft schemas are derived from the application schemas, so a field added there is
 * accepted in drafts at once: objects become strict deep-partial objects, leaves keep their
 * kind (text, integer, yes/no) without the finer rules. Every number of an application is an
 * integer (cents, counts, percentages, years), hence safe integers only. `filingDate` is set by
 * the services at submission, never by the applicant.
 */
export const DRAFT_LIMITS = { text: 500, list: 50 } as const;

const draftText = () =>
  z
    .string({ error: 'Texte attendu' })
    .max(DRAFT_LIMITS.text, `Texte trop long (${DRAFT_LIMITS.text} caractères au plus)`);
const draftInteger = () =>
  z
    .number({ error: 'Nombre attendu' })
    .int('Nombre entier attendu (sans décimales, au plus 9 007 199 254 740 991)');

// zod's internal definition, enough to walk a schema (zod 4 `_zod.def`).
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function leafOfValues(values: unknown[]): z.ZodType {
  if (values.every((v) => typeof v === 'string')) return draftText();
  if (values.every((v) => typeof v === 'number')) return draftInteger();
  throw new Error('Brouillon : valeurs énumérées de types mêlés non prises en charge');
}

/** The draft counterpart of one application schema node. Fails at load on a kind it does not know. */
export function toDraft(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape: Record<string, z.ZodType> = {};
      for (const [k, v] of Object.entries(def.shape ?? {})) shape[k] = toDraft(v).optional();
      return z.strictObject(shape, { error: 'Objet attendu' });
    }
    case 'array':
      return z
        .array(toDraft(def.element as z.ZodType), { error: 'Liste attendue' })
        .max(DRAFT_LIMITS.list, `Liste trop longue (${DRAFT_LIMITS.list} éléments au plus)`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return toDraft(def.innerType as z.ZodType);
    case 'pipe':
      return toDraft(def.in as z.ZodType);
    case 'string':
      return draftText();
    case 'number':
      return draftInteger();
    case 'boolean':
      return z.boolean({ error: 'Oui ou non attendu' });
    case 'enum':
      return leafOfValues(Object.values(def.entries ?? {}));
    case 'literal':
      return leafOfValues(def.values ?? []);
    default:
      throw new Error(`Brouillon : type zod « ${def.type} » non pris en charge`);
  }
}

function draftSchemaFor(scheme: Scheme) {
  const { filingDate: _set, scheme: _fixed, ...fields } = defOf(applicationSchemas[scheme]).shape ?? {};
  const shape: Record<string, z.ZodType> = { scheme: z.literal(scheme) };
  for (const [k, v] of Object.entries(fields)) shape[k] = toDraft(v).optional();
  return z.strictObject(shape, { error: 'Objet attendu' });
}

export const draftSchemas = {
  FTE: draftSchemaFor('FTE'),
  TPE: draftSchemaFor('TPE'),
  ESS: draftSchemaFor('ESS'),
  HABITAT: draftSchemaFor('HABITAT'),
} as const satisfies Record<Scheme, z.ZodType>;
