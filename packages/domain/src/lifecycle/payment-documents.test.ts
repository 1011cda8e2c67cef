import { describe, expect, it } from 'vitest';
import { fte2021 } from '../schemes/fte.ts';
import { habitat2024 } from '../schemes/habitat.ts';
import { canTransition } from './can-transition.ts';
import { paymentDocumentTypes, paymentNeeds } from './payment-documents.ts';

describe('payment needs', () => {
  it('a granted FTE dossier needs the RIB before the advance, invoices and RIB before the rest', () => {
    const needs = paymentNeeds('approved', fte2021.documents, []);
    expect(needs.map((n) => [n.kind, n.missing])).toEqual([
      ['advance', ['rib']],
      ['instalment', ['invoice', 'rib']],
      ['balance', ['invoice', 'rib']],
    ]);
    expect(paymentNeeds('approved', fte2021.documents, ['rib'])[0]?.missing).toEqual([]);
  });

  it('once something is paid, the advance is no longer offered; closed dossiers need nothing', () => {
    expect(paymentNeeds('partly_paid', habitat2024.documents, ['rib']).map((n) => n.kind)).toEqual([
      'instalment',
      'balance',
    ]);
    for (const s of ['paid', 'lapsed', 'in_review'] as const)
      expect(paymentNeeds(s, fte2021.documents, [])).toEqual([]);
  });

  it('agrees with the transition check on what is missing', () => {
    const verified = ['invoice'];
    const [advance, , balance] = paymentNeeds('approved', fte2021.documents, verified);
    const a = canTransition('approved', 'pay_advance', {
      role: 'finance',
      requiredDocuments: fte2021.documents,
      verifiedDocuments: verified,
    });
    const b = canTransition('approved', 'pay_balance', {
      role: 'finance',
      requiredDocuments: fte2021.documents,
      verifiedDocuments: verified,
    });
    expect(!a.ok && a.missingDocuments).toEqual(advance?.missing);
    expect(!b.ok && b.missingDocuments).toEqual(balance?.missing);
  });

  it('lists each payment document type once', () => {
    expect(paymentDocumentTypes(fte2021.documents)).toEqual(['rib', 'invoice']);
  });
});
