import { COMMITMENT_FIGURES, type CommitmentFigures, commitmentFigureLabels } from '@aides/domain';
import type { Child } from 'hono/jsx';
import { euros } from '../../lib/format.ts';

/**
 * The five figures of a commitment (issue 16.3) as one table, the same columns in the same order
 * wherever they appear: the envelopes, the indicators and the dossier. Each row is headed by
 * what it is about (an envelope, a scheme, a funder); `extra` adds columns after the five.
 */
export function FiguresTable(p: {
  caption: string;
  head: string;
  rows: readonly { label: Child; figures: CommitmentFigures; extra?: readonly Child[] }[];
  extraHeads?: readonly string[];
  total?: CommitmentFigures;
}) {
  return (
    <table class="figures">
      <caption>{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{p.head}</th>
          {COMMITMENT_FIGURES.map((k) => (
            <th scope="col">{commitmentFigureLabels[k]}</th>
          ))}
          {(p.extraHeads ?? []).map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <tr>
            <th scope="row">{r.label}</th>
            {COMMITMENT_FIGURES.map((k) => (
              <td>{euros(r.figures[k])}</td>
            ))}
            {(r.extra ?? []).map((x) => (
              <td>{x}</td>
            ))}
          </tr>
        ))}
      </tbody>
      {p.total ? (
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {COMMITMENT_FIGURES.map((k) => (
              <td>{euros(p.total?.[k])}</td>
            ))}
            {(p.extraHeads ?? []).map(() => (
              <td></td>
            ))}
          </tr>
        </tfoot>
      ) : (
        ''
      )}
    </table>
  );
}
