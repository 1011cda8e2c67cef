import { centsToInput, parseEuros } from '../../lib/format.ts';
import { communeName, type FieldDef, fieldNames, type StepDef } from './steps.ts';

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
    for (let i = 0; i < g.rows; i++) {
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
    default:
      return raw === '' ? {} : { value: raw };
  }
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
    for (let i = 0; i < g.rows; i++) {
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
const plain = (msg: string) => (/undefined|reçu|received/i.test(msg) ? 'Ce champ est obligatoire' : msg);

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
