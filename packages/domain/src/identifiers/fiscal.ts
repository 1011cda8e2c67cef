/**
 * Numéro fiscal (SPI): 13 digits, first digit 0–3, and the key (last 3 digits) equals the first
 * 10 digits modulo 511. Référence de l'avis d'impôt: 13 alphanumeric characters.
 */
export function normalizeFiscal(input: string): string {
  return input.replace(/\s/g, '').toUpperCase();
}

export function isValidNumeroFiscal(input: string): boolean {
  const s = normalizeFiscal(input);
  if (!/^[0-3]\d{12}$/.test(s)) return false;
  const key = Number(s.slice(10));
  return Number(BigInt(s.slice(0, 10)) % 511n) === key;
}

export function isValidReferenceAvis(input: string): boolean {
  return /^[0-9A-Z]{13}$/.test(normalizeFiscal(input));
}
