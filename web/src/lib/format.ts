import { formatDateFr, formatDateTimeFr, formatEuros } from '@aides/domain';

// The domain's formatters, the same for pages and documents (« 15 décembre 2026 », « 4 000,00 € »).

/** ISO instant or calendar day → French date (Europe/Paris). */
export const frDate = (iso: string | undefined): string => (iso ? formatDateFr(iso) : '—');

export const frDateTime = (iso: string | undefined): string => (iso ? formatDateTimeFr(iso) : '—');

export const euros = (cents: number | undefined) => formatEuros(cents ?? 0);

/** "3 000,50" / "3000.5" / "3 000 €" → cents; undefined for empty; null when unreadable. */
export function parseEuros(raw: string): number | undefined | null {
  const s = raw.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (s === '') return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** Cents → the editable euros text ("3000,5" style without grouping). */
export const centsToInput = (cents: unknown) =>
  typeof cents === 'number' ? (cents / 100).toFixed(2).replace('.', ',').replace(/,00$/, '') : '';
