import type { ApplicantAttachmentView } from '@aides/services/attachments/views';
import { docLabel } from './documents.tsx';

/**
 * The refused documents the household still has to replace: a refused document that a later one
 * of the same type has replaced is no longer listed (after a refused RIB was replaced and found
 * conforming, the page still said « Pièces à remplacer … un formulaire de dépôt apparaîtra »).
 */
export function toReplace(attachments: readonly ApplicantAttachmentView[]) {
  const available = attachments.filter((a) => a.status === 'available');
  const at = (a: ApplicantAttachmentView) => a.confirmedAt ?? a.createdAt;
  return available.filter(
    (a) =>
      a.verdict?.valid === false &&
      !available.some((b) => b.id !== a.id && b.documentType === a.documentType && at(b) > at(a)),
  );
}

/**
 * The documents the instructor found not conforming, with the reason written for the applicant,
 * and what to do next: upload a new one where the page offers it (a request for documents, or the
 * payment documents of a granted aid), else wait for the instructor's request.
 */
export function RefusedDocuments(p: {
  attachments: readonly ApplicantAttachmentView[];
  /** Where the page offers the upload of a new one, if it does. */
  uploadHere: 'request' | 'payment' | null;
}) {
  const refused = toReplace(p.attachments);
  if (refused.length === 0) return '';
  return (
    <section class="alert" aria-labelledby="refusees-titre">
      <h2 id="refusees-titre">Pièces à remplacer</h2>
      <ul>
        {refused.map((a) => (
          <li>
            <strong>{docLabel(a.documentType)}</strong> ({a.fileName}) : refusée par l’instructeur.
            {a.verdict?.reason ? ` Motif : ${a.verdict.reason}` : ''}
          </li>
        ))}
      </ul>
      <p>
        {p.uploadHere === 'request'
          ? 'Déposez une nouvelle pièce ci-dessous, puis répondez à l’instructeur.'
          : p.uploadHere === 'payment'
            ? 'Déposez une nouvelle pièce ci-dessous, dans « Pièces pour le paiement de l’aide ».'
            : 'Le service instructeur vous demandera de la remplacer : un formulaire de dépôt apparaîtra alors sur cette page.'}
      </p>
    </section>
  );
}
