/**
 * Cells of an import file in French formats: amounts in euros with a decimal comma (« 1 234,56 »,
 * spaces or no-break spaces between thousands, an optional « € »), dates as dd/mm/yyyy, whole
 * numbers. Each parser answers the value or a French message; an empty cell is `undefined`.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

/** Spaces of every kind a spreadsheet puts between thousands (space, no-break, narrow no-break). */
const SPACES = /[\s\u00a0\u202f]/g;

/** « 1 234,56 » → 123456 cents. Refuses a decimal point, more than two decimals and negatives. */
export function parseEurosFr(cell: string): Parsed<number> {
  const s = cell.replace(SPACES, '').replace(/€$/, '');
  if (/^\d+\.\d{1,2}$/.test(s))
    return fail(`Montant « ${cell} » : la décimale s’écrit avec une virgule (par exemple 1 234,56)`);
  const m = /^(\d{1,11})(?:,(\d{1,2}))?$/.exec(s);
  if (!m)
    return fail(`Montant « ${cell} » invalide : attendu un nombre d’euros positif, par exemple 1 234,56`);
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return ok(cents);
}

/** « 30/06/2022 » → « 2022-06-30 », a real calendar day. */
export function parseDateFr(cell: string): Parsed<string> {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(cell.trim());
  if (!m) return fail(`Date « ${cell} » invalide : attendu jj/mm/aaaa, par exemple 30/06/2022`);
  const [, d, mo, y] = m as unknown as [string, string, string, string];
  const iso = `${y}-${mo}-${d}`;
  const t = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso)
    return fail(`Date « ${cell} » inexistante`);
  return ok(iso);
}

/** A whole number ≥ 0 (« 3 »). */
export function parseCountFr(cell: string): Parsed<number> {
  const s = cell.replace(SPACES, '');
  if (!/^\d{1,6}$/.test(s)) return fail(`Nombre « ${cell} » invalide : attendu un entier positif ou nul`);
  return ok(Number(s));
}

/** Lower case, without accents or surrounding spaces: « Région » and « region » match. */
export const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(SPACES, ' ').trim();

/** One of the listed values, compared without case or accents; the message lists the choices. */
export function parseChoice<T extends string>(
  cell: string,
  choices: readonly (readonly [label: string, value: T])[],
  what: string,
): Parsed<T> {
  const f = fold(cell);
  for (const [label, value] of choices) if (fold(label) === f) return ok(value);
  const labels = choices.map(([l]) => `« ${l} »`);
  return fail(`${what} « ${cell} » inconnu : attendu ${labels.join(', ')}`);
}
