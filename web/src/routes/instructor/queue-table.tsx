import { dossierStateLabel, schemeLabels } from '@aides/domain';
import type { Dossier } from '@aides/services/dossiers/model';
import { euros, frDate } from '../../lib/format.ts';
import { OutcomeBadge } from '../../lib/outcome.tsx';
import { communeName } from '../applicant/steps.ts';

/** Whole days since the filing: how long the dossier has been waiting. */
export function ageInDays(filedAt: string | undefined, now = new Date()): number | undefined {
  if (!filedAt) return undefined;
  return Math.max(0, Math.floor((now.getTime() - new Date(filedAt).getTime()) / 86_400_000));
}

const age = (days: number | undefined) =>
  days === undefined ? '—' : days === 0 ? 'aujourd’hui' : days === 1 ? '1 jour' : `${days} jours`;

/**
 * The table of an instruction queue: each row links to the dossier page. A queue of one state
 * shows who instructs each dossier; "assignés à moi" mixes schemes and states, so it shows those.
 */
export function QueueTable(p: {
  items: readonly Dossier[];
  caption: string;
  columns: { schemeAndState?: boolean; assignee?: boolean };
}) {
  return (
    <table>
      <caption class="sr-only">{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Référence</th>
          {p.columns.schemeAndState ? (
            <>
              <th scope="col">Dispositif</th>
              <th scope="col">État</th>
            </>
          ) : null}
          <th scope="col">Bénéficiaire</th>
          <th scope="col">Commune</th>
          <th scope="col">Éligibilité</th>
          <th scope="col">Montant calculé</th>
          <th scope="col">Déposé le</th>
          <th scope="col">Attente</th>
          {p.columns.assignee ? <th scope="col">Instructeur</th> : null}
        </tr>
      </thead>
      <tbody>
        {p.items.map((d) => (
          <tr>
            <td>
              <a href={`/instruction/dossiers/${d.id}`}>{d.reference}</a>
            </td>
            {p.columns.schemeAndState ? (
              <>
                <td>
                  <abbr title={schemeLabels[d.scheme]}>{d.scheme}</abbr>
                </td>
                <td>
                  <span class="status">{dossierStateLabel(d.status, d.lastPaymentKind)}</span>
                </td>
              </>
            ) : null}
            <td>{d.beneficiary}</td>
            <td>{(d.communeInsee && communeName(d.communeInsee)) ?? d.communeInsee ?? '—'}</td>
            <td>
              {d.eligibility ? <OutcomeBadge outcome={d.eligibility.outcome} /> : '—'}
              {d.ineligibleAcknowledged ? (
                <>
                  <br />
                  <small>déposé en connaissance de cause</small>
                </>
              ) : (
                ''
              )}
            </td>
            <td>{d.amounts ? euros(d.amounts.totalCents) : '—'}</td>
            <td>{frDate(d.filedAt)}</td>
            <td>{age(ageInDays(d.filedAt))}</td>
            {p.columns.assignee ? <td>{d.assigneeName ?? '—'}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
