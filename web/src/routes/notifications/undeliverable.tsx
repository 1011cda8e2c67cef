import { frDateTime } from '../../lib/format.ts';

/** On a staff dossier page: the applicant's address bounced or complained (SES), so e-mails stop. */
export function UndeliverableNotice(p: {
  status: { address: string; reason: 'bounce' | 'complaint'; at: string; detail: string };
}) {
  return (
    <div class="alert info" role="status">
      <strong>Adresse électronique du demandeur non distribuable</strong> : {p.status.address} —{' '}
      {p.status.reason === 'complaint' ? 'signalée comme indésirable' : 'rejet définitif'} le{' '}
      {frDateTime(p.status.at)} ({p.status.detail}). Les courriels ne lui sont plus envoyés : prévenez-le par
      un autre moyen et faites corriger l’adresse.
    </div>
  );
}
