import { paymentDocuments } from '@aides/services/attachments/payment-documents';
import type { Caller } from '@aides/services/caller';
import type { ServiceContext } from '@aides/services/context';
import type { Dossier } from '@aides/services/dossiers/model';
import { Notice } from '../../lib/forms.tsx';
import { type FormErrors, noErrors } from '../../lib/http.ts';
import { docLabel } from '../applicant/documents.tsx';
import { UploadForm } from '../applicant/upload-form.tsx';
import { PaymentDocumentsTable, PaymentNeeds } from './components.tsx';

/** Whether the household uploads payment documents on this dossier (granted, not fully paid). */
export const takesPaymentDocuments = (d: Pick<Dossier, 'status'>) =>
  d.status === 'approved' || d.status === 'partly_paid';

/**
 * The household's part of paying a granted aid: what each payment needs (as the dossier's rule
 * set says), the documents sent with their verdict and its reason when refused, and the upload
 * form (the same presigned upload and checks as the other documents). Nothing on other dossiers.
 */
export async function ApplicantPaymentDocuments(p: {
  ctx: ServiceContext;
  caller: Caller;
  d: Pick<Dossier, 'id' | 'status'>;
  errors?: FormErrors;
  uploaded?: boolean;
}) {
  if (!takesPaymentDocuments(p.d)) return '';
  const pd = await paymentDocuments(p.ctx, p.caller, p.d.id);
  const missing = [...new Set(pd.needs.flatMap((n) => n.missing))];
  // What is still missing first in the list of types to upload.
  const offered = [...missing, ...pd.types.filter((t) => !missing.includes(t))];
  return (
    <section class="card" aria-labelledby="paiement-titre" id="pieces-paiement">
      <h2 id="paiement-titre">Pièces pour le paiement de l’aide</h2>
      <p>
        L’aide est versée sur votre compte une fois ces pièces reçues et vérifiées par l’instructeur.
        Déposez-les ici : vous serez tenu informé de leur vérification sur cette page.
      </p>
      {p.uploaded ? <Notice>Pièce déposée : elle sera vérifiée par l’instructeur.</Notice> : ''}
      <PaymentNeeds needs={pd.needs} audience="applicant" />
      <PaymentDocumentsTable
        dossierId={p.d.id}
        documents={pd.documents}
        caption="Pièces de paiement déposées"
      />
      <UploadForm
        dossierId={p.d.id}
        returnTo={`/mes-dossiers/${p.d.id}`}
        errors={p.errors ?? noErrors}
        options={offered.map((t) => [t, docLabel(t)] as const)}
        title="Déposer une pièce de paiement"
      />
    </section>
  );
}
