import { applicationSchemas, FILING_QUESTIONS, type Scheme } from '@aides/domain';

/**
 * One definition of "required", read from the domain's application schemas (the ones filing
 * checks): an input is required when its schema, and every block above it, refuses to be left
 * out. The asterisk, the `required` attribute and the "Ce champ est obligatoire" message all come
 * from here, so they cannot disagree. Rules that depend on other answers (a household for an
 * owner-occupier, the energy gain for energy works) are checked by the schema's refinements and
 * reported with their own message; they carry no asterisk.
 */
interface ZodLike {
  safeParse(v: unknown): { success: boolean };
  _zod: {
    def: {
      type: string;
      innerType?: ZodLike;
      in?: ZodLike;
      element?: ZodLike;
      shape?: Record<string, ZodLike>;
    };
  };
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** The schema under optional/default/pipe wrappers (where an object's shape or an array's element is). */
function core(s: ZodLike): ZodLike {
  let cur = s;
  for (;;) {
    const def = cur._zod.def;
    if (WRAPPERS.has(def.type) && def.innerType) cur = def.innerType;
    else if (def.type === 'pipe' && def.in) cur = def.in;
    else return cur;
  }
}

const refusesMissing = (s: ZodLike) => !s.safeParse(undefined).success;

/** Walks `path` (dots) from `root`; undefined when the path names nothing in the schema. */
function walk(root: ZodLike, path: string): { schema: ZodLike; required: boolean } | undefined {
  let schema = root;
  let required = true;
  for (const key of path.split('.')) {
    const shape = core(schema)._zod.def.shape;
    const next = shape?.[key];
    if (!next) return undefined;
    required &&= refusesMissing(next);
    schema = next;
  }
  return { schema, required };
}

const rootOf = (scheme: Scheme) => applicationSchemas[scheme] as unknown as ZodLike;

/** A simple input (`applicant.lastName`) the application cannot be filed without. */
export function isRequired(scheme: Scheme, path: string): boolean {
  // The questions filing requires though the schema keeps them optional for older dossiers (issue 14).
  if (FILING_QUESTIONS[scheme].some((q) => q.path === path)) return true;
  return walk(rootOf(scheme), path)?.required ?? false;
}

/** A repeated block needing at least one line (`works`: « Au moins un poste de travaux »). */
export function groupIsRequired(scheme: Scheme, groupPath: string): boolean {
  const found = walk(rootOf(scheme), groupPath);
  return Boolean(found?.required || (found && !found.schema.safeParse([]).success));
}

/** An input of a line of a repeated block that every line filled in must have. */
export function isRequiredInRow(scheme: Scheme, groupPath: string, fieldPath: string): boolean {
  const found = walk(rootOf(scheme), groupPath);
  const element = found && core(found.schema)._zod.def.element;
  return element ? (walk(element, fieldPath)?.required ?? false) : false;
}
