import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { CSV_BOM, type CsvCell, csvAmount, csvLine } from '../finance/csv.ts';
import { indicatorRows, parseYear, type YearlyReport, yearlyIndicators } from './indicators.ts';

/**
 * The yearly report beside the previous year's (« 154 dossiers (148 en 2021) »). Every figure of
 * the report's CSV (`indicatorRows`, one row per indicator, what `indicatorsCsv` writes) gets the
 * previous year's value of the same indicator: the figures come from that one list, so an
 * indicator added to the report is compared without a change here. Labels naming the year
 * (« Montant engagé en 2022 ») are matched with the year left out. The rows are taken as data, not
 * by reading the CSV back: no CSV parser here, so none in the web function that shows the page
 * (issue 17 §8, bundle budget).
 */

export interface ComparedFigure {
  section: string;
  label: string;
  unit: string;
  /** The year's value: a count, or integer cents when the unit is « € ». */
  value: number;
  /** The previous year's value of the same indicator (0 when that year did not have it). */
  previous: number;
}

export interface YearComparison {
  year: string;
  previousYear: string;
  figures: ComparedFigure[];
}

/** The report's indicators as (section, label with the year left out) → row. */
function indicators(report: YearlyReport) {
  const out = new Map<string, { section: string; label: string; unit: string; value: number }>();
  for (const { section, label, unit, value } of indicatorRows(report))
    out.set(`${section}\u0000${label.replaceAll(report.year, '{année}')}`, { section, label, unit, value });
  return out;
}

/** Figures of `year` and of the year before, side by side, in the order of the year's report. */
export function compareReports(current: YearlyReport, previous: YearlyReport): YearComparison {
  const now = indicators(current);
  const before = indicators(previous);
  const figures: ComparedFigure[] = [];
  for (const [key, f] of now) figures.push({ ...f, previous: before.get(key)?.value ?? 0 });
  // An indicator only the previous year had (an FTE work type no longer funded) is kept, at 0.
  for (const [key, f] of before)
    if (!now.has(key))
      figures.push({
        ...f,
        label: f.label.replaceAll(previous.year, current.year),
        value: 0,
        previous: f.value,
      });
  return { year: current.year, previousYear: previous.year, figures };
}

/** Both years' reports and their figures side by side (any year from 2018: the previous one exists). */
export async function yearComparison(
  ctx: ServiceContext,
  caller: Caller,
  year: string,
): Promise<YearComparison & { current: YearlyReport; previous: YearlyReport }> {
  const y = parseYear(year);
  const [current, before] = await Promise.all([
    yearlyIndicators(ctx, caller, String(y)),
    // 2017 is the first year a report covers (the FTE began in December 2017): before it, nothing.
    y > 2017 ? yearlyIndicators(ctx, caller, String(y - 1)) : undefined,
  ]);
  const previous = before ?? nothingIn(current, String(y - 1));
  return { ...compareReports(current, previous), current, previous };
}

/** The report's shape with every figure at 0 and lists emptied: a year with nothing recorded. */
function nothingIn(report: YearlyReport, year: string): YearlyReport {
  const zero = (v: unknown): unknown =>
    typeof v === 'number'
      ? 0
      : Array.isArray(v)
        ? []
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, zero(x)]))
          : v;
  return {
    ...(zero(report) as YearlyReport),
    year,
    generatedAt: report.generatedAt,
    method: report.method,
    schemes: report.schemes.map((s) => ({ ...(zero(s) as typeof s), scheme: s.scheme, label: s.label })),
  };
}

/** The comparison as CSV for spreadsheets in French locale (BOM, `;`, CRLF, decimal comma). */
export function comparisonCsv(c: YearComparison): string {
  const rows: CsvCell[][] = [
    ['Rubrique', 'Indicateur', `Valeur ${c.year}`, `Valeur ${c.previousYear}`, 'Unité'],
  ];
  for (const f of c.figures)
    rows.push([
      f.section,
      f.label,
      f.unit === '€' ? csvAmount(f.value) : f.value,
      f.unit === '€' ? csvAmount(f.previous) : f.previous,
      f.unit,
    ]);
  return CSV_BOM + rows.map(csvLine).join('');
}
