import { describe, expect, it } from 'vitest';
import {
  administrativeCourt,
  agglomerationContact,
  printed,
  type SourcedDetail,
  schemeServiceEmail,
  schemeServices,
} from './public-contacts.ts';

const all: [string, SourcedDetail][] = [
  ...Object.entries(agglomerationContact),
  ...Object.entries(schemeServices),
  ['schemeServiceEmail', schemeServiceEmail],
  ...Object.entries(administrativeCourt),
];

// Issue 13 §3 (the letters' contact details): every figure has its source, none is invented.
describe('public contact details printed on the letters', () => {
  it.each(all)('%s: a verified detail cites a page; an unverified one says what is missing', (_, d) => {
    if (d.verified) {
      expect(d.value).not.toBeNull();
      expect(d.source).toMatch(/https:\/\//);
    } else expect(d.source).toMatch(/^(Not confirmed|Not found|Organisation chart not found)/);
  });

  it('prints an unverified detail « à confirmer », and nothing for what no source gave', () => {
    expect(printed(agglomerationContact.telephone)).toBe('à confirmer');
    expect(printed(schemeServiceEmail)).toBe('à confirmer');
    expect(printed(agglomerationContact.postalAddress, 'adresse à confirmer')).toMatch(
      /\(adresse à confirmer\)$/,
    );
    expect(printed(administrativeCourt.street)).toBe('5 rue Geoffroy Saint-Hilaire');
    expect(printed(administrativeCourt.online)).toBe('Télérecours citoyens (www.telerecours.fr)');
  });

  it('holds no telephone number or e-mail address without a source', () => {
    for (const [, d] of all) {
      if (d.verified || d.value === null) continue;
      expect(d.value).not.toMatch(/@|\b0\d(?: ?\d\d){4}\b/);
    }
  });
});
