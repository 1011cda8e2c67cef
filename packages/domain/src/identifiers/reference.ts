import type { Scheme } from '../schemes/enums.ts';

/** Dossier reference shown to users: FTE-2026-00042. */
export function referenceFor(scheme: Scheme, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 99_999)
    throw new RangeError(`Numéro d'ordre invalide : ${seq}`);
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`Année invalide : ${year}`);
  return `${scheme}-${year}-${String(seq).padStart(5, '0')}`;
}

export function parseReference(ref: string): { scheme: Scheme; year: number; seq: number } | null {
  const m = /^(FTE|TPE|ESS|HABITAT)-(\d{4})-(\d{5})$/.exec(ref);
  if (!m) return null;
  return { scheme: m[1] as Scheme, year: Number(m[2]), seq: Number(m[3]) };
}
