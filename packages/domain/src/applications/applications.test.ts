import { describe, expect, it } from 'vitest';
import {
  essApplication,
  fteApplication,
  habitatApplication,
  tpeApplication,
  validNumeroFiscal,
} from '../testing/fixtures.ts';
import { applicationSchemas } from './schemas.ts';
import { validateApplication, validateDraft } from './validate.ts';

describe('application schemas', () => {
  it.each([
    ['FTE', fteApplication()],
    ['TPE', tpeApplication()],
    ['ESS', essApplication()],
    ['HABITAT', habitatApplication()],
  ] as const)('a complete %s application validates, through its schema and the union', (scheme, app) => {
    expect(applicationSchemas[scheme].safeParse(app).success).toBe(true);
    const r = validateApplication(app);
    expect(r.ok).toBe(true);
  });

  it('errors carry JSON-pointer paths and French messages', () => {
    const bad = fteApplication({
      works: [{ type: 'vmc', amountHtCents: 10.5, amountTtcCents: 5, company: { name: 'X', siret: '123' } }],
    });
    const r = validateApplication({ ...bad, contact: { email: 'pas-un-mail' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
    expect(byPath['/contact/email']).toBe('Adresse électronique invalide');
    expect(byPath['/works/0/amountHtCents']).toMatch(/centimes entiers/);
    expect(byPath['/works/0/company/siret']).toMatch(/SIRET invalide/);
  });

  it.each([
    [{ household: { size: 0, taxIncomeEuros: 1, taxIncomeYear: 2023 } }, '/household/size'],
    [{ household: { size: 2, taxIncomeEuros: -1, taxIncomeYear: 2023 } }, '/household/taxIncomeEuros'],
    [
      { address: { line1: 'x', postalCode: '624', communeInsee: '62119', communeName: 'B' } },
      '/address/postalCode',
    ],
    [
      { address: { line1: 'x', postalCode: '62400', communeInsee: '6211', communeName: 'B' } },
      '/address/communeInsee',
    ],
    [{ adviceAppointment: { date: '15/03/2024', adviser: 'A' } }, '/adviceAppointment/date'],
    [{ works: [] }, '/works'],
  ])('FTE field error at %s', (over, path) => {
    const r = validateApplication(fteApplication(over as never));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toContain(path);
  });

  it('checks fiscal identifiers in the household notices', () => {
    const ok = fteApplication({
      household: {
        size: 2,
        taxIncomeEuros: 38_000,
        taxIncomeYear: 2023,
        notices: [{ numeroFiscal: validNumeroFiscal(), referenceAvis: '2377A12345678' }],
      },
    });
    expect(validateApplication(ok).ok).toBe(true);
    const bad = fteApplication({
      household: {
        size: 2,
        taxIncomeEuros: 38_000,
        taxIncomeYear: 2023,
        notices: [{ numeroFiscal: '1234567890000', referenceAvis: 'short' }],
      },
    });
    const r = validateApplication(bad);
    expect(!r.ok && r.errors.map((e) => e.path)).toEqual([
      '/household/notices/0/numeroFiscal',
      '/household/notices/0/referenceAvis',
    ]);
  });

  it('TPE: sector, SIRET and employees are checked', () => {
    const r = validateApplication({
      ...tpeApplication(),
      company: { ...tpeApplication().company, sector: 'industrie', siret: '73282932000075' },
    });
    expect(!r.ok && r.errors.map((e) => e.path).sort()).toEqual(['/company/sector', '/company/siret']);
    if (!r.ok) expect(r.errors.find((e) => e.path === '/company/sector')?.message).toMatch(/artisanat/);
  });

  it('ESS: leaders carry a gender for reporting', () => {
    const app = essApplication();
    const r = validateApplication({ ...app, leaders: [{ ...app.leaders[0], gender: 'x' }] });
    expect(!r.ok && r.errors[0]?.path).toBe('/leaders/0/gender');
  });

  it('Habitat: conditional fields by owner status and work kind', () => {
    const r = validateApplication({ ...habitatApplication(), household: undefined, autonomy: undefined });
    expect(!r.ok && r.errors.map((e) => e.path).sort()).toEqual(['/autonomy', '/household']);
    const energy = validateApplication(habitatApplication({ workKind: 'energy', energyGainPct: undefined }));
    expect(!energy.ok && energy.errors[0]?.path).toBe('/dpe');
    expect(
      validateApplication(habitatApplication({ ownerStatus: 'landlord', household: undefined })).ok,
    ).toBe(true);
  });

  it('unknown scheme is refused in French; drafts only need a scheme', () => {
    const r = validateApplication({ scheme: 'XYZ' });
    expect(r.ok).toBe(false);
    expect(validateDraft('FTE', { scheme: 'FTE', works: [{ type: 'vmc' }] }).ok).toBe(true);
    const d = validateDraft('FTE', {});
    expect(!d.ok && d.errors[0]?.path).toBe('/scheme');
  });

  it('fills defaults (jobs flags, de minimis list)', () => {
    const r = validateApplication({
      ...tpeApplication(),
      jobs: [{ title: 'Vendeur', contract: 'cdi', workingTimePct: 100 }],
      deMinimisAids: undefined,
    });
    expect(r.ok && r.value.scheme === 'TPE' && r.value.jobs[0]).toMatchObject({
      under26: false,
      resident: false,
    });
  });
});
