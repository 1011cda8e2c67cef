import { beneficiaryDetails } from '@aides/domain';
import {
  essApplication,
  fteApplication,
  tpeApplication,
  validNumeroFiscal,
} from '@aides/domain/testing/fixtures';
import { createCommitmentTx, createPaymentTx, type Store, transact } from '@aides/store';
import { getObjectStream } from '@aides/store/objects';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../../../test/support/store.ts';
import type { Commitment, Payment } from '../bureau/model.ts';
import type { Caller } from '../caller.ts';
import { createContext, type ServiceContext } from '../context.ts';
import { exportToObject } from './exports.ts';

/**
 * Issue 16.5: what finance reconciles with. Commitments and payments carry the beneficiary's
 * details as at the decision; the exports show them, the bank account in full for finance and
 * masked for anyone else, and a separate summary export gives the subtotals.
 */
const finance: Caller = { sub: 'f', name: 'Fanny', email: 'f@example.fr', roles: ['finance'] };
const admin: Caller = { sub: 'a', name: 'Ada', email: 'a@example.fr', roles: ['admin'] };
const IBAN = 'FR7630006000011234567890189';

let store: Store;
let ctx: ServiceContext;

function commitment(id: string, scheme: 'FTE' | 'TPE' | 'ESS', application: unknown, o: Partial<Commitment>) {
  const amountCents = o.amountCents ?? 100_000;
  return {
    id: `${id}-agglomeration`,
    dossierId: id,
    reference: `${scheme}-2026-${id}`,
    scheme,
    year: 2026,
    funder: 'agglomeration',
    beneficiary: `Bénéficiaire ${id}`,
    budgetLine: '204-20422-72',
    amountCents,
    paidCents: 0,
    remainingCents: amountCents,
    releasedCents: 0,
    status: 'active',
    sessionId: 's1',
    sessionNumber: '2026-03',
    deliberationNumber: `B2026-${id}`,
    committedAt: '2026-03-11T23:00:00.000Z',
    decisionDate: '2026-03-12',
    details: beneficiaryDetails(scheme, application),
    payments: [],
    ...o,
  } satisfies Commitment;
}

// Saint-Venant (rural) with a QPV code typed, decided before any confirmation (issue 14): the
// decision keeps the rule's verdict, rural, and the export says it was not confirmed.
const tpeApp = { ...tpeApplication(), qpvCode: 'QN06201M' };
const tpe = commitment('t1', 'TPE', tpeApp, {
  details: beneficiaryDetails('TPE', tpeApp, undefined, { classification: 'rural', confirmed: false }),
});
const ess = commitment('e1', 'ESS', essApplication(), { amountCents: 300_000 });
const TAX_NUMBER = validNumeroFiscal('0123456789');
const household = fteApplication().household;
const fteApp = fteApplication({
  household: { ...household, notices: [{ numeroFiscal: TAX_NUMBER, referenceAvis: '2612ABCDEF123' }] },
});
const fte = commitment('f1', 'FTE', fteApp, {
  amountCents: 200_000,
  paidCents: 150_000,
  releasedCents: 50_000,
  remainingCents: 0,
  status: 'closed',
});
const payment: Payment = {
  id: 'p1',
  dossierId: fte.dossierId,
  commitmentId: fte.id,
  reference: fte.reference,
  scheme: fte.scheme,
  year: fte.year,
  funder: fte.funder,
  beneficiary: fte.beneficiary,
  budgetLine: fte.budgetLine,
  kind: 'balance',
  amountCents: 150_000,
  at: '2026-09-01T08:00:00.000Z',
  by: 'f',
  sessionId: 's1',
  sessionNumber: fte.sessionNumber,
  deliberationNumber: fte.deliberationNumber,
  decisionDate: '2026-03-12',
  iban: IBAN,
  ...(fte.details ? { details: fte.details } : {}),
};

async function csvRows(caller: Caller, kind: 'commitments' | 'payments', query: Record<string, string> = {}) {
  const r = await exportToObject(ctx, caller, kind, { from: '2026-01-01', to: '2026-12-31', ...query });
  const body = await getObjectStream(store, r.key);
  const text = Buffer.from((await body?.transformToByteArray()) ?? new Uint8Array()).toString('utf8');
  const [header, ...lines] = text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '');
  const names = (header as string).split(';');
  return lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [names[i] as string, v])));
}

beforeAll(async () => {
  store = await createTestStore();
  ctx = createContext(store, { now: () => new Date('2026-11-15T10:00:00Z') });
  await transact(store, [
    ...[tpe, ess, fte].map((c) => createCommitmentTx(store, c)),
    createPaymentTx(store, payment),
  ]);
}, 60_000);

describe('export columns (16.5)', () => {
  it('commitments: beneficiary, identifier, place, project figures, decision and net figures', async () => {
    const rows = await csvRows(finance, 'commitments');
    const byRef = new Map(rows.map((r) => [r.Référence, r]));
    const t = tpeApplication();
    expect(byRef.get(tpe.reference)).toMatchObject({
      'Ligne budgétaire': '204-20422-72',
      Chapitre: '204',
      Article: '20422',
      Fonction: '72',
      'Type de bénéficiaire': 'Entreprise',
      "Type d'identifiant": 'SIRET',
      Identifiant: t.company.siret,
      'Code INSEE': t.address.communeInsee,
      'Rural / QPV': 'Rural (non confirmé)',
      Emplois: String(t.jobs.length),
      Projet: t.project === 'creation' ? 'Création' : 'Développement',
      'Dirigée par des femmes': '',
      Séance: '2026-03',
      'N° délibération': 'B2026-t1',
      'Date de délibération': '12/03/2026',
      "Date d'engagement": '12/03/2026',
      Exercice: '2026',
    });
    expect(byRef.get(tpe.reference)?.Commune).toMatch(/\S/);
    const investment = t.investments.reduce((s, i) => s + i.amountHtCents, 0);
    expect(byRef.get(tpe.reference)?.['Investissement HT']).toBe(
      `${Math.floor(investment / 100)},${String(investment % 100).padStart(2, '0')}`,
    );
    expect(byRef.get(ess.reference)?.['Dirigée par des femmes']).toMatch(/^(Oui|Non)$/);
    // A household's tax number is masked but for its last four digits.
    expect(byRef.get(fte.reference)).toMatchObject({
      'Type de bénéficiaire': 'Ménage (propriétaire occupant)',
      "Type d'identifiant": 'Numéro fiscal (masqué)',
      Identifiant: `*********${TAX_NUMBER.slice(-4)}`,
      'Engagement initial': '2000,00',
      Désengagé: '500,00',
      'Engagé net': '1500,00',
      Versé: '1500,00',
      'Reste à verser': '0,00',
      Statut: 'Soldé',
    });
  });

  it('payments: the kind and the bank account, in full for finance, masked for the admin', async () => {
    const [own] = await csvRows(finance, 'payments');
    expect(own).toMatchObject({
      Nature: 'Solde',
      'Compte bancaire (IBAN)': IBAN,
      'N° délibération': 'B2026-f1',
      'Date de délibération': '12/03/2026',
      'Ligne budgétaire': '204-20422-72',
    });
    const [masked] = await csvRows(admin, 'payments');
    expect(masked?.['Compte bancaire (IBAN)']).toBe('FR76 **** **** **** **** ***0 189');
  });

  it('the summary export: one line per scheme, funder and budget line, and the grand total', async () => {
    const rows = await csvRows(finance, 'commitments', { view: 'summary' });
    const byLabel = new Map(rows.map((r) => [r.Regroupement, r]));
    expect(byLabel.get('Sous-total TPE')).toMatchObject({ Lignes: '1', 'Engagement initial': '1000,00' });
    expect(byLabel.get('Sous-total Agglomération')).toMatchObject({
      Lignes: '3',
      'Engagement initial': '6000,00',
      Désengagé: '500,00',
      'Engagé net': '5500,00',
    });
    expect(byLabel.get('Sous-total ligne 204-20422-72')?.Lignes).toBe('3');
    expect(rows.at(-1)).toMatchObject({
      Regroupement: 'Total général',
      Lignes: '3',
      'Engagé net': '5500,00',
    });
  });
});
