/** SIREN (9 digits) and SIRET (14 digits): Luhn check, with La Poste's exception. */
export const LA_POSTE_SIREN = '356000000';

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function normalizeDigits(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

export function isValidSiren(input: string): boolean {
  const s = normalizeDigits(input);
  return /^\d{9}$/.test(s) && luhnValid(s);
}

/** La Poste's establishments (SIREN 356000000) do not follow Luhn: their digit sum is a multiple of 5. */
export function isValidSiret(input: string): boolean {
  const s = normalizeDigits(input);
  if (!/^\d{14}$/.test(s)) return false;
  if (s.startsWith(LA_POSTE_SIREN)) {
    const digitSum = [...s].reduce((a, c) => a + Number(c), 0);
    return digitSum % 5 === 0;
  }
  return luhnValid(s);
}

export function sirenOf(siret: string): string {
  return normalizeDigits(siret).slice(0, 9);
}
