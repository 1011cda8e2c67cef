/**
 * ANAH income ceilings as an admin enters or imports them: one table per year (household sizes 1
 * to 5 and the increment per extra person), checked before it is published. The CSV layout is the
 * project's reference file (shared/reference/anah_plafonds_hors_idf.csv, copied in
 * packages/domain/src/reference/anah_plafonds_hors_idf.csv):
 * `annee,nb_personnes,tres_modestes_max,modestes_max,intermediaires_max,superieurs_au_dela_de,source`.
 */
import type { AnahCeilingRow } from '../reference/anah-ceilings.ts';

export const CEILING_SIZES = [1, 2, 3, 4, 5, 'extra'] as const;
export type CeilingSize = (typeof CEILING_SIZES)[number];

export const ceilingSizeLabels: Record<string, string> = {
  '1': '1 personne',
  '2': '2 personnes',
  '3': '3 personnes',
  '4': '4 personnes',
  '5': '5 personnes',
  extra: 'Par personne supplémentaire',
};

export const CATEGORY_COLUMNS = [
  ['veryModestMax', 'très modestes'],
  ['modestMax', 'modestes'],
  ['intermediateMax', 'intermédiaires'],
] as const;

export interface CeilingError {
  /** JSON pointer into `{ rows: [...] }` or the CSV line (`/lignes/3`). */
  readonly pointer: string;
  readonly message: string;
}

const euros = (n: number) => `${new Intl.NumberFormat('fr-FR').format(n)} €`;

/**
 * One year's table: every size once, whole euros, each size's ceilings rising from « très
 * modestes » to « intermédiaires », and each category rising with the household's size.
 */
export function checkCeilingTable(year: number, rows: readonly AnahCeilingRow[]): CeilingError[] {
  const errors: CeilingError[] = [];
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    errors.push({ pointer: '/year', message: 'Année invalide (2000 à 2100).' });
  for (const size of CEILING_SIZES) {
    const n = rows.filter((r) => r.householdSize === size).length;
    if (n !== 1)
      errors.push({
        pointer: '/rows',
        message: `${ceilingSizeLabels[String(size)]} : ${n === 0 ? 'ligne manquante' : 'ligne en double'}.`,
      });
  }
  rows.forEach((r, i) => {
    if (r.year !== year)
      errors.push({ pointer: `/rows/${i}/year`, message: `Ligne d’une autre année (${r.year}).` });
    for (const [col, label] of CATEGORY_COLUMNS) {
      const v = r[col];
      if (!Number.isSafeInteger(v) || v <= 0)
        errors.push({
          pointer: `/rows/${i}/${col}`,
          message: `${ceilingSizeLabels[String(r.householdSize)]}, ${label} : montant en euros entiers, positif.`,
        });
    }
    if (!r.source?.trim()) errors.push({ pointer: `/rows/${i}/source`, message: 'Source obligatoire.' });
    if (r.veryModestMax >= r.modestMax || r.modestMax >= r.intermediateMax)
      errors.push({
        pointer: `/rows/${i}/modestMax`,
        message: `${ceilingSizeLabels[String(r.householdSize)]} : les plafonds doivent croître de « très modestes » à « modestes » puis « intermédiaires » (${euros(r.veryModestMax)}, ${euros(r.modestMax)}, ${euros(r.intermediateMax)}).`,
      });
  });
  if (errors.length) return errors;
  const bySize = (s: number) => rows.find((r) => r.householdSize === s) as AnahCeilingRow;
  for (let s = 2; s <= 5; s++) {
    const prev = bySize(s - 1);
    const cur = bySize(s);
    for (const [col, label] of CATEGORY_COLUMNS) {
      if (cur[col] <= prev[col])
        errors.push({
          pointer: `/rows/${rows.indexOf(cur)}/${col}`,
          message: `Plafond « ${label} » qui baisse ou stagne avec la taille du foyer : ${euros(prev[col])} pour ${s - 1} personne${s > 2 ? 's' : ''}, ${euros(cur[col])} pour ${s}.`,
        });
    }
  }
  return errors;
}

/** A CSV line split on its separator, with "quoted, fields" and "" escapes. */
function splitCsvLine(line: string, separator = ','): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

export const CEILINGS_CSV_COLUMNS = [
  'annee',
  'nb_personnes',
  'tres_modestes_max',
  'modestes_max',
  'intermediaires_max',
  'superieurs_au_dela_de',
  'source',
] as const;

export type ParsedCeilings = { ok: true; rows: AnahCeilingRow[] } | { ok: false; errors: CeilingError[] };

/** The reference file's layout → rows (every year in the file); each bad line named. */
export function parseCeilingsCsv(text: string): ParsedCeilings {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // The reference file separates with commas (its sources hold semicolons); a French spreadsheet's
  // export may use semicolons: the header tells which.
  const separator = (lines[0] ?? '').includes(',') ? ',' : ';';
  const header = splitCsvLine(lines[0] ?? '', separator);
  const missing = CEILINGS_CSV_COLUMNS.filter((c) => c !== 'superieurs_au_dela_de' && !header.includes(c));
  if (missing.length)
    return {
      ok: false,
      errors: [{ pointer: '/csv', message: `Colonnes manquantes dans l’en-tête : ${missing.join(', ')}.` }],
    };
  const col = (cells: string[], name: string) => cells[header.indexOf(name)] ?? '';
  const rows: AnahCeilingRow[] = [];
  const errors: CeilingError[] = [];
  lines.slice(1).forEach((line, i) => {
    if (!line.trim()) return;
    const n = i + 2;
    const cells = splitCsvLine(line, separator);
    const year = Number(col(cells, 'annee'));
    const sizeText = col(cells, 'nb_personnes');
    const size: CeilingSize | undefined =
      sizeText === 'par_personne_supplementaire' || sizeText === 'extra'
        ? 'extra'
        : (['1', '2', '3', '4', '5'] as const).includes(sizeText as '1')
          ? (Number(sizeText) as 1)
          : undefined;
    const amount = (name: string) => {
      const t = col(cells, name).replace(/[\s\u00a0\u202f€]/g, '');
      return /^\d+$/.test(t) ? Number(t) : Number.NaN;
    };
    const row = {
      year,
      householdSize: size,
      veryModestMax: amount('tres_modestes_max'),
      modestMax: amount('modestes_max'),
      intermediateMax: amount('intermediaires_max'),
      source: col(cells, 'source'),
    };
    const bad: string[] = [];
    if (!Number.isInteger(year) || year < 2000 || year > 2100) bad.push('année illisible');
    if (size === undefined) bad.push('nombre de personnes illisible (1 à 5 ou par_personne_supplementaire)');
    for (const name of ['tres_modestes_max', 'modestes_max', 'intermediaires_max'])
      if (Number.isNaN(amount(name))) bad.push(`${name} : euros entiers attendus`);
    if (!row.source) bad.push('source manquante');
    if (bad.length) errors.push({ pointer: `/lignes/${n}`, message: `Ligne ${n} : ${bad.join(' ; ')}.` });
    else rows.push(row as AnahCeilingRow);
  });
  if (errors.length) return { ok: false, errors };
  if (rows.length === 0)
    return { ok: false, errors: [{ pointer: '/csv', message: 'Le fichier ne contient aucune ligne.' }] };
  return { ok: true, rows };
}

/** The built-in rows with each published year's table in place of the built-in one for that year. */
export function mergeCeilings(
  builtIn: readonly AnahCeilingRow[],
  published: readonly { year: number; rows: readonly AnahCeilingRow[] }[],
): AnahCeilingRow[] {
  const years = new Set(published.map((p) => p.year));
  return [...builtIn.filter((r) => !years.has(r.year)), ...published.flatMap((p) => p.rows)].sort(
    (a, b) => a.year - b.year,
  );
}
