import { dossierStateLabel, schemeLabels } from '@aides/domain';
import type { Dossier } from '@aides/services/dossiers/model';
import { frDate } from '../../lib/format.ts';
import { communeName } from '../applicant/steps.ts';

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
          <th scope="col">Déposé le</th>
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
            <td>{frDate(d.filedAt)}</td>
            {p.columns.assignee ? <td>{d.assigneeName ?? '—'}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
