import type { PaymentKind, PaymentNeed } from '@aides/domain';
import type { PaymentDocumentView } from '@aides/services/attachments/payment-documents';
import { frDate } from '../../lib/format.ts';
import { docLabel } from '../applicant/documents.tsx';

const BEFORE: Record<PaymentKind, string> = {
  advance: 'Avant l’avance',
  instalment: 'Avant un acompte',
  balance: 'Avant le solde',
};

/** Before each payment still possible: the documents it needs, each verified or still missing. */
export function PaymentNeeds(p: { needs: readonly PaymentNeed[]; audience: 'applicant' | 'staff' }) {
  if (p.needs.length === 0) return '';
  return (
    <ul class="payment-needs">
      {p.needs.map((n) => (
        <li>
          <strong>{BEFORE[n.kind]}</strong> :{' '}
          {n.missing.length === 0 ? (
            <span class="done">✓ pièces vérifiées ({n.required.map(docLabel).join(', ')})</span>
          ) : (
            <span class="todo">
              {p.audience === 'applicant' ? 'à fournir ou en cours de vérification' : 'manque'} :{' '}
              {n.missing.map(docLabel).join(', ')}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The payment documents received, their state and, when refused, why. */
export function PaymentDocumentsTable(p: {
  dossierId: string;
  documents: readonly PaymentDocumentView[];
  caption: string;
  /** The verdict's author and date (staff). */
  staff?: boolean;
}) {
  if (p.documents.length === 0) return <p>Aucune pièce de paiement déposée pour l’instant.</p>;
  return (
    <table class="payment-documents">
      <caption>{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Pièce</th>
          <th scope="col">Fichier</th>
          <th scope="col">État</th>
        </tr>
      </thead>
      <tbody>
        {p.documents.map((a) => (
          <tr data-state={a.state}>
            <td>{a.documentTypeLabel}</td>
            <td>
              {a.available ? (
                <a href={`/dossiers/${p.dossierId}/pieces/${a.id}`}>
                  {a.fileName}
                  <span class="sr-only"> (ouvrir {a.documentTypeLabel})</span>
                </a>
              ) : (
                a.fileName
              )}
              <br />
              <small>
                {a.confirmedAt ? `Déposé le ${frDate(a.confirmedAt)} · ` : ''}
                {a.scanStatusLabel}
              </small>
            </td>
            <td>
              {a.stateLabel}
              {a.reason ? ` : ${a.reason}` : ''}
              {p.staff && a.verifiedBy ? (
                <>
                  <br />
                  <small>
                    ({a.verifiedBy}, le {frDate(a.verdictAt)})
                  </small>
                </>
              ) : (
                ''
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
