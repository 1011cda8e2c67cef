/**
 * CSV for spreadsheets in French locale (Excel, LibreOffice): UTF-8 with a byte-order mark so
 * accents survive, `;` as separator (the comma is the decimal mark), CRLF line ends, amounts
 * with a decimal comma and no thousands separator, dates as JJ/MM/AAAA in Europe/Paris.
 */

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';
export const CSV_EOL = '\r\n';

/** A cell that is a number we formatted ourselves: never guarded against formulas. */
export interface CsvNumber {
  readonly csvNumber: string;
}

export type CsvCell = string | number | CsvNumber | null | undefined;

/** 123450 → "1234,50"; −5 → "-0,05". */
export function centsToCsv(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

export const csvAmount = (cents: number): CsvNumber => ({ csvNumber: centsToCsv(cents) });

/**
 * A text cell: prefixed with `'` when it starts like a formula (= + - @, tab, carriage return),
 * so that a beneficiary's name never runs as a formula in a spreadsheet (CSV injection), then
 * quoted when it holds the separator, a quote or a line break.
 */
export function csvText(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(cell).replace('.', ',');
  if (typeof cell === 'object') return cell.csvNumber;
  return csvText(cell);
}

/** One line, CRLF included. */
export const csvLine = (cells: readonly CsvCell[]) => cells.map(csvCell).join(CSV_SEPARATOR) + CSV_EOL;

const parisDay = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** ISO instant (or date) → "JJ/MM/AAAA" in Europe/Paris; a bare date is taken as is. */
export function frenchDate(iso: string): string {
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (bare) return `${bare[3]}/${bare[2]}/${bare[1]}`;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : parisDay.format(new Date(t));
}

/** The Paris calendar day of an instant, as "AAAA-MM-JJ". */
export function parisDate(iso: string): string {
  const [d, m, y] = frenchDate(iso).split('/');
  return `${y}-${m}-${d}`;
}

const parisParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Offset of Europe/Paris from UTC at an instant, in milliseconds (+1 h or +2 h). */
function parisOffsetMs(t: number): number {
  const p = Object.fromEntries(parisParts.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(t / 1000) * 1000;
}

/** The UTC instant at which a calendar day ("AAAA-MM-JJ") starts in Europe/Paris. */
export function parisMidnight(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  let t = guess - parisOffsetMs(guess);
  const again = parisOffsetMs(t);
  if (guess - again !== t) t = guess - again;
  return new Date(t);
}

/** The day after a calendar day, "AAAA-MM-JJ". */
export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
