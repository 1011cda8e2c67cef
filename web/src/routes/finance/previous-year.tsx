import type { ComparedFigure, YearComparison } from '@aides/services/reports/comparison';
import { euros } from '../../lib/format.ts';

/**
 * The year's figures beside the previous year's (issue 16.1): « 154 dossiers (148 en 2021) ».
 * Kept apart from reports.tsx, which only places these components.
 */

const count = new Intl.NumberFormat('fr-FR');
const show = (f: Pick<ComparedFigure, 'unit'>, v: number) =>
  f.unit === '€' ? euros(v) : `${count.format(v)} ${f.unit}`;

/** « 154 (148 en 2021) »: a figure and, in a lighter text, the previous year's. */
export function WithPrevious(p: { value: string; previous: string; previousYear: string }) {
  return (
    <>
      {p.value}{' '}
      <span class="hint">
        ({p.previous} en {p.previousYear})
      </span>
    </>
  );
}

/** A count or amount of the report with the previous year's beside it. */
export const n = (value: number, previous: number, previousYear: string) => (
  <WithPrevious value={count.format(value)} previous={count.format(previous)} previousYear={previousYear} />
);
export const money = (value: number, previous: number, previousYear: string) => (
  <WithPrevious value={euros(value)} previous={euros(previous)} previousYear={previousYear} />
);

/** Every indicator of the report, one row each: the year, then the previous year. */
export function ComparisonTable(p: { comparison: YearComparison }) {
  const { year, previousYear, figures } = p.comparison;
  const sections = [...new Set(figures.map((f) => f.section))];
  return (
    <section aria-labelledby="comparaison">
      <h2 id="comparaison">
        Tous les indicateurs : {year} et {previousYear}
      </h2>
      {sections.map((s) => (
        <table class="table">
          <caption>
            {s} : {year} comparé à {previousYear}
          </caption>
          <thead>
            <tr>
              <th scope="col">Indicateur</th>
              <th scope="col">{year}</th>
              <th scope="col">{previousYear}</th>
            </tr>
          </thead>
          <tbody>
            {figures
              .filter((f) => f.section === s)
              .map((f) => (
                <tr>
                  <th scope="row">{f.label}</th>
                  <td>{show(f, f.value)}</td>
                  <td>{show(f, f.previous)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
