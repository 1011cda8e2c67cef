import { describe, expect, it } from 'vitest';
import { testReference } from '../testing/fixtures.ts';
import { tpeClassificationOf, tpeLocation } from './tpe-location.ts';

const reference = {
  ...testReference(),
  qpv: [
    { code: 'QN06201M', name: 'Mont-Liébaut', communes: ['62119'] },
    // Made up: a district over an urban and a rural commune, to test "never both".
    { code: 'QN06299X', name: 'Intercommunal', communes: ['62119', '62770'] },
  ],
};
const at = (communeInsee: string, qpvCode?: string) => ({ address: { communeInsee }, qpvCode });

describe('TPE location: rural or QPV, never both, and true (issue 14)', () => {
  it.each([
    ['Saint-Venant, nothing declared', at('62770'), { kind: 'rural', population: 2999 }],
    ['Béthune in its own QPV', at('62119', 'QN06201M'), { kind: 'qpv', code: 'QN06201M' }],
    ['Béthune, QPV typed in lower case', at('62119', ' qn06201m '), { kind: 'qpv', code: 'QN06201M' }],
  ])('%s', (_label, app, expected) => {
    expect(tpeLocation(app, 3000, reference)).toMatchObject(expected);
  });

  it('a rural commune stays rural when a QPV is also declared: the QPV is not counted', () => {
    // Before: a firm counted as QPV whenever a code was typed, even in a rural commune.
    const where = tpeLocation(at('62770', 'QN06299X'), 3000, reference);
    expect(where).toMatchObject({ kind: 'rural', qpvIgnored: 'Intercommunal (QN06299X)' });
  });

  it('a QPV of another commune is refused, naming where it is', () => {
    const where = tpeLocation(at('62178', 'QN06201M'), 3000, reference);
    expect(where).toEqual({
      kind: 'none',
      why: 'Le quartier prioritaire Mont-Liébaut (QN06201M) est situé à Béthune, pas à Bruay-la-Buissière.',
    });
  });

  it('a code that exists nowhere in the list in force is refused', () => {
    expect(tpeLocation(at('62119', 'QN99999Z'), 3000, reference)).toMatchObject({
      kind: 'none',
      why: expect.stringContaining('ne figure pas dans la liste en vigueur'),
    });
  });

  it('Béthune (25,224 inhabitants) without a QPV is neither', () => {
    expect(tpeLocation(at('62119'), 3000, reference)).toMatchObject({
      kind: 'none',
      why: expect.stringContaining('25\u202f224 habitants'),
    });
  });

  it('the report counts the instructor’s confirmation, else the rule’s verdict (never « a code was typed »)', () => {
    const computed = (app: ReturnType<typeof at>) => () => tpeLocation(app, 3000, reference);
    // Before: a rural-commune firm with a typed QPV code counted as QPV.
    expect(tpeClassificationOf({}, computed(at('62770', 'QN06299X')))).toEqual({
      classification: 'rural',
      confirmed: false,
    });
    expect(tpeClassificationOf({}, computed(at('62119', 'QN06201M')))).toEqual({
      classification: 'qpv',
      confirmed: false,
    });
    // A QPV of another commune: neither, until an instructor says otherwise.
    expect(tpeClassificationOf({}, computed(at('62178', 'QN06201M')))).toEqual({
      classification: null,
      confirmed: false,
    });
    expect(
      tpeClassificationOf(
        { locationConfirmation: { classification: 'rural' } },
        computed(at('62119', 'QN06201M')),
      ),
    ).toEqual({ classification: 'rural', confirmed: true });
  });
});
