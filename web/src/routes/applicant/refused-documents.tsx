import { type ApplicantAttachmentView, documentsToReplace } from '@aides/services/attachments/views';
import { docLabel } from './documents.tsx';

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
  const refused = documentsToReplace(p.attachments);
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
