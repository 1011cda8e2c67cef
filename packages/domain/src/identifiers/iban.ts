import { electronicFormatIBAN, isValidIBAN } from 'ibantools';

export function normalizeIban(input: string): string | null {
  return electronicFormatIBAN(input) ?? null;
}

export function isValidIban(input: string): boolean {
  const e = normalizeIban(input);
  return e !== null && isValidIBAN(e);
}

/**
 * Display form that hides all but the country, check digits and the last four characters, in
 * groups of four: FR7630006000011234567890189 → "FR76 **** **** **** **** ***0 189".
 */
export function maskIban(input: string): string {
  const e = normalizeIban(input) ?? input.replace(/\s/g, '').toUpperCase();
  const masked = [...e].map((ch, i) => (i < 4 || i >= e.length - 4 ? ch : '*')).join('');
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}
