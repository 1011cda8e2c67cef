import { paymentDocuments } from '@aides/services/attachments/payment-documents';
import type { Caller } from '@aides/services/caller';
import type { ServiceContext } from '@aides/services/context';
import { PaymentDocumentsTable, PaymentNeeds } from './components.tsx';

/**
 * Finance's view of a dossier's payment documents: each file (opened through the download
 * route), its verdict, and what is still missing before each kind of payment — so a payment
 * that would be refused for missing documents is seen before it is tried.
 */
export async function FinancePaymentDocuments(p: { ctx: ServiceContext; caller: Caller; dossierId: string }) {
  const pd = await paymentDocuments(p.ctx, p.caller, p.dossierId);
  return (
    <section aria-labelledby="pieces-paiement-titre">
      <h2 id="pieces-paiement-titre">Pièces de paiement</h2>
      {pd.needs.length ? (
        <PaymentNeeds needs={pd.needs} audience="staff" />
      ) : (
        <p>Aucun versement n’est plus possible sur ce dossier.</p>
      )}
      <PaymentDocumentsTable
        dossierId={p.dossierId}
        documents={pd.documents}
        caption="Pièces de paiement et avis de l’instructeur"
        staff
      />
    </section>
  );
}
