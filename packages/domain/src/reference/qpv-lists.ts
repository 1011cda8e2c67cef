/**
 * Quartiers prioritaires de la politique de la ville (QPV), by generation. Each generation is a
 * decree with its own codes and validity; the list that counts for a dossier is the one in force
 * on its filing date (issue 15.3). No official list ships with the project (none was available
 * offline): an admin imports each generation's list for the agglomeration's communes.
 */
import type { Qpv } from './reference-data.ts';

export type QpvGeneration = '2015' | '2024';

export interface QpvGenerationRule {
  readonly decree: string;
  readonly validFrom: string;
  /** Last day in force (inclusive); null while in force. */
  readonly validTo: string | null;
  /** Shape of the codes of this generation. */
  readonly codePattern: RegExp;
  readonly codeExample: string;
}

/** Sources: décret n° 2014-1750 du 30 décembre 2014 (rectifié par le décret n° 2015-1138), in force
 * from 1 January 2015 to 31 December 2023; décret n° 2023-1314 du 28 décembre 2023 (JORF du 29),
 * in force from 1 January 2024. Codes: « QP » + department + number (QP062001) for 2015, « QN » +
 * department + number + letter (QN06201M) for 2024. */
export const QPV_GENERATIONS: Readonly<Record<QpvGeneration, QpvGenerationRule>> = {
  '2015': {
    decree: 'Décret n° 2014-1750 du 30 décembre 2014',
    validFrom: '2015-01-01',
    validTo: '2023-12-31',
    codePattern: /^QP\d{6}$/,
    codeExample: 'QP062001',
  },
  '2024': {
    decree: 'Décret n° 2023-1314 du 28 décembre 2023',
    validFrom: '2024-01-01',
    validTo: null,
    codePattern: /^QN\d{5}[A-Z]$/,
    codeExample: 'QN06201M',
  },
};

export const QPV_GENERATION_IDS = Object.keys(QPV_GENERATIONS) as QpvGeneration[];

/** One generation's list for the agglomeration, as an admin imported it. */
export interface QpvList {
  readonly generation: QpvGeneration;
  readonly qpv: readonly Qpv[];
  /** Where the list comes from (file, publication), as the admin stated it. */
  readonly source: string;
  /** A made-up list (demo data): every screen that uses it says so. */
  readonly demonstration: boolean;
}

/** The generation in force on a date (YYYY-MM-DD…), or null before the first one. */
export function generationOn(date: string): QpvGeneration | null {
  const day = date.slice(0, 10);
  for (const id of QPV_GENERATION_IDS) {
    const g = QPV_GENERATIONS[id];
    if (day >= g.validFrom && (g.validTo === null || day <= g.validTo)) return id;
  }
  return null;
}

/** The list in force on a date: the one of that date's generation, if it was imported. */
export function qpvListOn(lists: readonly QpvList[], date: string): QpvList | null {
  const generation = generationOn(date);
  return lists.find((l) => l.generation === generation) ?? null;
}

export const qpvInCommune = (q: Qpv, insee: string): boolean => q.communes.includes(insee);

/** A problem with one line of an import, in French, with the column it concerns. */
export interface QpvImportIssue {
  readonly line: number;
  readonly column: string;
  readonly message: string;
}

export interface QpvImportLine {
  readonly line: number;
  readonly code: string;
  readonly name: string;
  readonly communeInsee: string;
}

/** Columns of the import (the official list's, one line per district and commune). */
export const QPV_CSV_COLUMNS = { code: 'code_qp', name: 'lib_qp', commune: 'insee_com' } as const;

/**
 * Checks an import against its generation and the agglomeration's communes, and groups the lines
 * into districts. Every problem is reported with its line; the list is usable only without any.
 */
export function checkQpvLines(
  generation: QpvGeneration,
  lines: readonly QpvImportLine[],
  communes: readonly { insee: string; name: string }[],
): { qpv: Qpv[]; issues: QpvImportIssue[] } {
  const rule = QPV_GENERATIONS[generation];
  const members = new Map(communes.map((c) => [c.insee, c.name]));
  const issues: QpvImportIssue[] = [];
  const byCode = new Map<string, { code: string; name: string; communes: string[]; line: number }>();
  for (const l of lines) {
    const before = issues.length;
    if (!rule.codePattern.test(l.code))
      issues.push({
        line: l.line,
        column: QPV_CSV_COLUMNS.code,
        message: `Code « ${l.code} » : un code de la génération ${generation} s’écrit comme ${rule.codeExample}.`,
      });
    if (l.name === '')
      issues.push({ line: l.line, column: QPV_CSV_COLUMNS.name, message: 'Nom du quartier manquant.' });
    if (!/^\d[0-9AB]\d{3}$/.test(l.communeInsee))
      issues.push({
        line: l.line,
        column: QPV_CSV_COLUMNS.commune,
        message: `Code INSEE « ${l.communeInsee} » invalide (5 caractères, par exemple 62119).`,
      });
    else if (!members.has(l.communeInsee))
      issues.push({
        line: l.line,
        column: QPV_CSV_COLUMNS.commune,
        message: `La commune ${l.communeInsee} n’est pas membre de l’agglomération.`,
      });
    if (issues.length > before) continue;
    const seen = byCode.get(l.code);
    if (!seen) byCode.set(l.code, { code: l.code, name: l.name, communes: [l.communeInsee], line: l.line });
    else if (seen.name !== l.name)
      issues.push({
        line: l.line,
        column: QPV_CSV_COLUMNS.name,
        message: `Le quartier ${l.code} porte le nom « ${seen.name} » à la ligne ${seen.line} et « ${l.name} » ici.`,
      });
    else if (seen.communes.includes(l.communeInsee))
      issues.push({
        line: l.line,
        column: QPV_CSV_COLUMNS.code,
        message: `Le quartier ${l.code} et la commune ${l.communeInsee} figurent déjà à la ligne ${seen.line}.`,
      });
    else seen.communes.push(l.communeInsee);
  }
  const qpv = [...byCode.values()].map(({ code, name, communes: c }) => ({ code, name, communes: c }));
  return { qpv, issues };
}
