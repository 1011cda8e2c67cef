import { describe, expect, it } from 'vitest';
import { essApplicationSchema } from '../applications/schemas.ts';
import { essApplication, tpeApplication } from '../testing/fixtures.ts';
import { beneficiaryDetails, maskTaxNumber } from './beneficiary-details.ts';
import { addFigures, commitmentFigures, envelopeFigures, noFigures } from './commitment-figures.ts';

describe('commitment figures (16.3)', () => {
  it('net is initial − released, remaining is net − paid', () => {
    expect(commitmentFigures({ amountCents: 480_000, releasedCents: 80_000, paidCents: 400_000 })).toEqual({
      initialCents: 480_000,
      releasedCents: 80_000,
      netCents: 400_000,
      paidCents: 400_000,
      remainingCents: 0,
    });
  });

  it('an envelope gives the same figures from its counters as its commitments added up', () => {
    const a = commitmentFigures({ amountCents: 480_000, releasedCents: 80_000, paidCents: 400_000 });
    const b = commitmentFigures({ amountCents: 100_000, releasedCents: 0, paidCents: 30_000 });
    const envelope = { committedCents: 500_000, paidCents: 430_000, releasedCents: 80_000 };
    expect(envelopeFigures(envelope)).toEqual(addFigures(addFigures(noFigures(), a), b));
  });
});

describe('beneficiary details (16.5)', () => {
  it('masks a tax number but for its last four digits', () => {
    expect(maskTaxNumber('0123 4567 89012')).toBe('*********9012');
  });

  it('identifies an association by its RNA when it has no SIRET, and says whether women lead it', () => {
    const base = essApplication();
    const { siret: _s, ...structure } = base.structure;
    const app = essApplicationSchema.parse({
      ...base,
      structure: { ...structure, legalForm: 'association', rna: 'w623001234' },
    });
    const d = beneficiaryDetails('ESS', app);
    expect(d).toMatchObject({
      beneficiaryType: 'association',
      identifierKind: 'rna',
      identifier: 'W623001234',
    });
    expect(typeof d.womenLed).toBe('boolean');
    expect(() =>
      essApplicationSchema.parse({ ...base, structure: { ...base.structure, rna: 'X1' } }),
    ).toThrow(/Numéro RNA invalide/);
  });

  it('a TPE: SIRET, QPV or rural, investment HT, project, commune name from the INSEE code', () => {
    const app = tpeApplication();
    const d = beneficiaryDetails('TPE', { ...app, qpvCode: undefined }, undefined, {
      classification: 'rural',
      confirmed: true,
    });
    expect(d).toMatchObject({
      beneficiaryType: 'business',
      identifierKind: 'siret',
      area: 'rural',
      areaConfirmed: true,
      investmentCents: app.investments.reduce((t, i) => t + i.amountHtCents, 0),
      jobs: app.jobs.length,
      communeInsee: app.address.communeInsee,
    });
    // Issue 14: the area is the classification that counts (confirmed, else the rule's), never a
    // typed code: a Saint-Venant firm with a QPV code typed stays rural; none given, none guessed.
    expect(
      beneficiaryDetails('TPE', { ...app, qpvCode: 'QN06201M' }, undefined, {
        classification: 'rural',
        confirmed: false,
      }),
    ).toMatchObject({ area: 'rural', areaConfirmed: false });
    expect(beneficiaryDetails('TPE', { ...app, qpvCode: 'QN06201M' }).area).toBeUndefined();
  });

  it('reads a draft-shaped or empty application without failing', () => {
    expect(beneficiaryDetails('FTE', undefined)).toEqual({
      beneficiaryType: 'household',
      investmentCents: 0,
    });
    expect(beneficiaryDetails('ESS', { jobs: 'x' })).toMatchObject({ beneficiaryType: 'structure' });
  });
});
