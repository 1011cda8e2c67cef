import { centsToInput, parseEuros } from '../../lib/format.ts';
import {
  communeName,
  type FieldDef,
  fieldNames,
  type GroupDef,
  labelledFields,
  MAX_ROWS,
  type StepDef,
} from './steps.ts';

type Obj = Record<string, unknown>;

export function getPath(o: unknown, path: string): unknown {
  let cur = o;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Obj)[k];
  }
  return cur;
}

function setPath(o: Obj, path: string, v: unknown) {
  const parts = path.split('.');
  let cur = o;
  for (const k of parts.slice(0, -1)) {
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Obj;
  }
  const last = parts.at(-1) as string;
  if (v === undefined) delete cur[last];
  else cur[last] = v;
}

/** Removes objects left empty (an unanswered optional block must be absent, not `{}`). */
function prune(o: Obj): Obj {
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      prune(v as Obj);
      if (Object.keys(v).length === 0) delete o[k];
    }
  }
  return o;
}

const display = (def: FieldDef, v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (def.kind === 'euros') return centsToInput(v);
  if (def.kind === 'bool') return v === true ? 'on' : '';
  return String(v);
};

/** The text of each input of a step, from the stored application. */
export function valuesFromApplication(step: StepDef, app: Obj): Record<string, string> {
  const out: Record<string, string> = {};
  for (const def of step.fields) out[def.path] = display(def, getPath(app, def.path));
  for (const g of step.groups ?? []) {
    const rows = (getPath(app, g.path) as unknown[] | undefined) ?? [];
    for (let i = 0; i < Math.max(g.rows, rows.length); i++) {
      for (const def of g.fields)
        out[`${g.path}.${i}.${def.path}`] = display(def, getPath(rows[i], def.path));
    }
  }
  return out;
}

/** Converts one input; `error` when the text cannot be read (the value is then not saved). */
function convert(def: FieldDef, raw: string): { value?: unknown; error?: string } {
  switch (def.kind) {
    case 'bool':
      return { value: raw !== '' };
    case 'int':
      if (raw === '') return {};
      return /^\d+$/.test(raw.replace(/\s/g, ''))
        ? { value: Number(raw.replace(/\s/g, '')) }
        : { error: 'Nombre entier attendu (chiffres uniquement)' };
    case 'euros': {
      const cents = parseEuros(raw);
      if (cents === null) return { error: 'Montant en euros attendu, par exemple 3 000 ou 2 450,50' };
      return cents === undefined ? {} : { value: cents };
    }
    case 'select':
      if (raw === '') return {};
      if (def.boolean)
        return raw === 'true' || raw === 'false'
          ? { value: raw === 'true' }
          : { error: 'Choisissez Oui ou Non' };
      if (!def.numeric) return { value: raw };
      return /^\d+$/.test(raw) ? { value: Number(raw) } : { error: 'Choisissez une valeur de la liste' };
    default:
      return raw === '' ? {} : { value: raw };
  }
}

/** How many lines of a block the form holds: up to the last one with something typed in it. */
function linesIn(g: GroupDef, get: (name: string) => string): number {
  let last = -1;
  for (let i = 0; i < MAX_ROWS; i++)
    if (g.fields.some((def) => def.kind !== 'bool' && get(`${g.path}.${i}.${def.path}`) !== '')) last = i;
  return last + 1;
}

/** How many lines of a block to show: what is there (at least the block's minimum), plus one asked for. */
export function linesShown(g: GroupDef, values: Record<string, string>, added = false): number {
  let last = -1;
  for (let i = 0; i < MAX_ROWS; i++)
    if (g.fields.some((def) => def.kind !== 'bool' && values[`${g.path}.${i}.${def.path}`])) last = i;
  return Math.min(MAX_ROWS, Math.max(g.rows, last + 1) + (added ? 1 : 0));
}

/**
 * Applies a step's submitted inputs to the draft application. Returns the new application and
 * the inputs that could not be read.
 */
export function applyStep(step: StepDef, app: Obj, get: (name: string) => string) {
  const next = structuredClone(app);
  const errors: Record<string, string> = {};
  for (const def of step.fields) {
    const r = convert(def, get(def.path));
    if (r.error) errors[def.path] = r.error;
    else setPath(next, def.path, r.value);
    if (def.kind === 'commune') {
      const insee = get(def.path);
      const parent = def.path.split('.').slice(0, -1).join('.');
      setPath(next, `${parent}.communeName`, insee ? communeName(insee) : undefined);
    }
  }
  for (const g of step.groups ?? []) {
    const rows: Obj[] = [];
    for (let i = 0; i < linesIn(g, get); i++) {
      const row: Obj = {};
      let filled = false;
      for (const def of g.fields) {
        const name = `${g.path}.${i}.${def.path}`;
        const raw = get(name);
        if (def.kind !== 'bool' && raw !== '') filled = true;
        const r = convert(def, raw);
        if (r.error) errors[name] = r.error;
        else setPath(row, def.path, r.value);
      }
      if (filled) rows.push(prune(row));
    }
    setPath(next, g.path, rows);
  }
  return { application: prune(next), errors };
}

/** Zod's generic "undefined received" messages, said plainly. */
export const plain = (msg: string) =>
  /undefined|reçu|received/i.test(msg) ? 'Ce champ est obligatoire' : msg;

/**
 * Which estimate errors belong to this step, keyed by input name: an error on a whole block
 * (`/application/works`) goes to the block's first input.
 */
export function stepErrors(step: StepDef, missing: readonly { pointer: string; detail: string }[]) {
  const names = fieldNames(step);
  const out: Record<string, string> = {};
  for (const m of missing) {
    let n = m.pointer
      .replace(/^\/application\/?/, '')
      .split('/')
      .join('.');
    let target: string | undefined;
    while (n && !target) {
      target = names.find((x) => x === n) ?? names.find((x) => x.startsWith(`${n}.`));
      n = n.split('.').slice(0, -1).join('.');
    }
    if (target && !out[target]) out[target] = plain(m.detail);
  }
  return out;
}

/** Which step an error pointer belongs to (for links from the review page). */
export function stepOf(steps: readonly StepDef[], pointer: string): number {
  for (const [i, s] of steps.entries())
    if (Object.keys(stepErrors(s, [{ pointer, detail: 'x' }])).length) return i;
  return -1;
}

/** One thing the estimate still needs, said in French: where it is and what is wrong. */
export interface MissingItem {
  /** Index of the step holding it, −1 when no step does. */
  readonly step: number;
  /** The input to focus on that step. */
  readonly name?: string;
  readonly label: string;
  readonly message: string;
}

/** The estimate's `missing` list as labelled French messages, in the order of the steps. */
export function describeMissing(
  steps: readonly StepDef[],
  missing: readonly { pointer: string; detail: string }[],
): MissingItem[] {
  const items = missing.flatMap((m): MissingItem[] => {
    const step = stepOf(steps, m.pointer);
    const def = steps[step];
    if (!def) return [{ step: -1, label: 'Demande', message: plain(m.detail) }];
    const [name, message] = Object.entries(stepErrors(def, [m]))[0] as [string, string];
    const path = m.pointer
      .replace(/^\/application\/?/, '')
      .split('/')
      .join('.');
    const fields = labelledFields(def);
    const exact = fields.find((x) => x.name === path);
    const group = def.groups?.find((g) => path === g.path || path.startsWith(`${g.path}.`));
    if (!exact && !group) {
      // A whole block left empty (`/application/applicant`): name its required inputs.
      const required = fields.filter((x) => x.name.startsWith(`${path}.`) && x.def.required);
      if (required.length)
        return required.map((x) => ({ step, name: x.name, label: x.label, message: plain(m.detail) }));
    }
    return [{ step, name, label: exact?.label ?? group?.legend ?? def.title, message }];
  });
  return items.sort((a, b) => (a.step < 0 ? 1 : b.step < 0 ? -1 : a.step - b.step));
}

export const REQUIRED_MESSAGE = 'Ce champ est obligatoire';

type Problem = { pointer: string; detail: string };
const pointerOf = (path: string) => `/application/${path.split('.').join('/')}`;

/**
 * Every required input (steps.ts, derived from the domain schema) left empty, in step order: the
 * same list as the asterisks. In a repeated block: the first line of a block that needs one,
 * and any line that was started.
 */
export function requiredProblems(steps: readonly StepDef[], app: Obj): (Problem & { path: string })[] {
  const out: (Problem & { path: string })[] = [];
  const need = (path: string) => out.push({ path, pointer: pointerOf(path), detail: REQUIRED_MESSAGE });
  for (const step of steps) {
    for (const def of step.fields) if (def.required && getPath(app, def.path) === undefined) need(def.path);
    for (const g of step.groups ?? []) {
      const rows = (getPath(app, g.path) as unknown[] | undefined) ?? [];
      const lines = rows.length === 0 && g.required ? [{}] : rows;
      for (const [i, row] of lines.entries())
        for (const def of g.fields)
          if (def.required && getPath(row, def.path) === undefined) need(`${g.path}.${i}.${def.path}`);
    }
  }
  return out;
}

/**
 * The schema's complaints about missing values said once, the way the form marks them: each
 * required empty input gets « Ce champ est obligatoire » (whether zod spoke of the input, of a
 * whole block left out, or of an empty list), and every other complaint (a malformed e-mail, a
 * rule that depends on other answers) is kept as it is.
 */
export function normalizeMissing(
  steps: readonly StepDef[],
  app: Obj,
  missing: readonly Problem[],
): Problem[] {
  const required = requiredProblems(steps, app);
  const covered = (pointer: string) => {
    const path = pointer
      .replace(/^\/application\/?/, '')
      .split('/')
      .join('.');
    if (!path) return false;
    // The commune's name is written from the chosen commune: its absence is the commune's.
    if (path.endsWith('.communeName'))
      return required.some((r) => r.path === path.replace(/communeName$/, 'communeInsee'));
    const value = getPath(app, path);
    const holds = required.some((r) => r.path === path || r.path.startsWith(`${path}.`));
    return holds && (value === undefined || (Array.isArray(value) && value.length === 0));
  };
  return [
    ...required.map(({ pointer, detail }) => ({ pointer, detail })),
    ...missing.filter((m) => !covered(m.pointer)),
  ];
}

/** An estimate whose `missing` list is normalised as above (see normalizeMissing). */
export function normalizeEstimate<E extends { complete: boolean; missing?: readonly Problem[] }>(
  steps: readonly StepDef[],
  app: Obj,
  est: E,
): E {
  return est.complete || !est.missing ? est : { ...est, missing: normalizeMissing(steps, app, est.missing) };
}
