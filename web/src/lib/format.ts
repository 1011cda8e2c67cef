import { formatEuros } from '@aides/domain';

const dateFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });
const dateTimeFmt = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** ISO instant or calendar day → French date (Europe/Paris). */
export function frDate(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
}

export function frDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFmt.format(d);
}

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
