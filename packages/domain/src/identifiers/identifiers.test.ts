import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNumeroFiscal, isValidReferenceAvis } from './fiscal.ts';
import { isValidIban, maskIban, normalizeIban } from './iban.ts';
import { parseReference, referenceFor } from './reference.ts';
import { isValidSiren, isValidSiret, luhnValid } from './siret.ts';

describe('SIREN / SIRET', () => {
  it.each([
    ['200072460', true], // CABBALR
    ['216209106', true], // Béthune
    ['732829320', true],
    ['200072461', false],
    ['20007246', false],
    ['2000724600', false],
    ['abcdefghi', false],
  ])('SIREN %s → %s', (s, ok) => expect(isValidSiren(s)).toBe(ok));

  it.each([
    ['73282932000074', true],
    ['732 829 320 00074', true],
    ['73282932000075', false],
    ['35600000000001', true], // La Poste: digit sum 15, not Luhn-valid
    ['35600000000048', false], // La Poste: Luhn-valid but digit sum 26
    ['35600000000019', false],
    ['35600000049837', true], // La Poste, sum 45
    ['1234567890123', false],
  ])('SIRET %s → %s', (s, ok) => expect(isValidSiret(s)).toBe(ok));

  it('La Poste SIRET 35600000000001 is not Luhn-valid (the exception matters)', () => {
    expect(luhnValid('35600000000001')).toBe(false);
  });
});

describe('numéro fiscal and référence d’avis', () => {
  const withKey = (ten: string) => ten + String(Number(BigInt(ten) % 511n)).padStart(3, '0');
  it.each([
    [withKey('1234567890'), true],
    [withKey('0000000001'), true],
    [withKey('3999999999'), true],
    [withKey('4000000000'), false], // first digit must be 0–3
    ['1234567890000', false],
    ['123456789012', false],
  ])('numéro fiscal %s → %s', (s, ok) => expect(isValidNumeroFiscal(s)).toBe(ok));

  it('any 10 digits starting 0–3 with the mod-511 key are valid; a wrong key is not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_999_999_999 }), (n) => {
        const ten = String(n).padStart(10, '0');
        const key = Number(BigInt(ten) % 511n);
        const bad = String((key + 1) % 1000).padStart(3, '0');
        return isValidNumeroFiscal(withKey(ten)) && !isValidNumeroFiscal(ten + bad);
      }),
    );
  });

  it.each([
    ['2377A12345678', true],
    ['23 77a 12345678', true],
    ['2377A1234567', false],
    ['2377A1234567-', false],
  ])('référence d’avis %s → %s', (s, ok) => expect(isValidReferenceAvis(s)).toBe(ok));
});

describe('IBAN', () => {
  it.each([
    ['FR76 3000 6000 0112 3456 7890 189', true],
    ['fr7630006000011234567890189', true],
    ['FR7630006000011234567890188', false],
    ['DE89370400440532013000', true],
    ['not an iban', false],
  ])('%s → %s', (s, ok) => expect(isValidIban(s)).toBe(ok));

  it('normalises and masks', () => {
    expect(normalizeIban('FR76 3000 6000 0112 3456 7890 189')).toBe('FR7630006000011234567890189');
    expect(maskIban('FR76 3000 6000 0112 3456 7890 189')).toBe('FR76 **** **** **** **** ***0 189');
  });
});

describe('dossier reference', () => {
  it('formats and parses', () => {
    expect(referenceFor('FTE', 2026, 42)).toBe('FTE-2026-00042');
    expect(parseReference('HABITAT-2025-00001')).toEqual({ scheme: 'HABITAT', year: 2025, seq: 1 });
    expect(parseReference('XYZ-2025-00001')).toBeNull();
    expect(() => referenceFor('TPE', 2026, 0)).toThrow();
  });
});
