import type { YearlyReport } from '@aides/services/reports/indicators';
import { euros } from '../../lib/format.ts';

/** An inline SVG bar chart (granted / paid per scheme) with the same figures in a table. */
export function SchemeChart(p: { report: YearlyReport }) {
  const rows = p.report.schemes;
  const max = Math.max(1, ...rows.flatMap((r) => [r.grantedCents, r.paidCents]));
  const rowH = 44;
  const width = 560;
  const labelW = 90;
  const barW = (v: number) => Math.round(((width - labelW - 10) * v) / max);
  return (
    <figure>
      <svg
        role="img"
        aria-labelledby="chart-title"
        viewBox={`0 0 ${width} ${rows.length * rowH + 10}`}
        width="100%"
        class="chart"
      >
        <title id="chart-title">Montants accordés et versés par dispositif en {p.report.year}</title>
        {rows.map((r, i) => (
          <g transform={`translate(0 ${i * rowH + 5})`}>
            <text x="0" y="22" font-size="14" fill="#1b1b1b">
              {r.scheme}
            </text>
            <rect x={labelW} y="4" height="16" width={barW(r.grantedCents)} fill="#00487a" />
            <rect x={labelW} y="22" height="16" width={barW(r.paidCents)} fill="#16632a" />
          </g>
        ))}
      </svg>
      <figcaption>
        <span class="swatch granted"></span> Accordé <span class="swatch paid"></span> Versé — détail dans le
        tableau ci-dessous.
      </figcaption>
      <table>
        <caption>Indicateurs {p.report.year} par dispositif</caption>
        <thead>
          <tr>
            <th scope="col">Dispositif</th>
            <th scope="col">Dossiers déposés</th>
            <th scope="col">Dossiers accordés</th>
            <th scope="col">dont caducs</th>
            <th scope="col">Accordé</th>
            <th scope="col">Engagé net</th>
            <th scope="col">Versé en {p.report.year}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td>{r.filedFiles}</td>
              <td>{r.approvedFiles}</td>
              <td>
                {r.lapsedFiles}
                {r.lapsedFiles ? ` (${euros(r.lapsedGrantedCents)})` : ''}
              </td>
              <td>{euros(r.grantedCents)}</td>
              <td>{euros(r.committedCents)}</td>
              <td>{euros(r.paidCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
