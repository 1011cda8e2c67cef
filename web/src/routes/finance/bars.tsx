import { addFigures, envelopeFigures, funderLabels, noFigures, schemeLabels } from '@aides/domain';
import type { Envelope } from '@aides/services/bureau/model';
import { euros } from '../../lib/format.ts';
import { FiguresTable } from './commitment-figures.tsx';

const pct = (part: number, whole: number) =>
  whole > 0 ? Math.max(0, Math.min(100, (part / whole) * 100)) : 0;

/**
 * Each envelope as a stacked bar (paid, committed not yet paid, available) with the values in
 * text beside it: the bar is decoration (aria-hidden), the text carries the information.
 */
export function EnvelopeBars(p: {
  envelopes: readonly Envelope[];
  sessionCommitted?: ReadonlyMap<string, number>;
}) {
  if (p.envelopes.length === 0) return <p>Aucune enveloppe pour cette année.</p>;
  return (
    <>
      <p class="legend" aria-hidden="true">
        <span class="swatch paid"></span> Versé <span class="swatch committed"></span> Engagé non versé{' '}
        <span class="swatch available"></span> Disponible
      </p>
      <ul class="envelopes">
        {p.envelopes.map((e) => {
          const paid = pct(e.paidCents, e.amountCents);
          const committed = pct(e.committedCents - e.paidCents, e.amountCents);
          const session = p.sessionCommitted?.get(`${e.scheme}-${e.funder}`);
          return (
            <li class="envelope">
              <h3>
                {e.scheme} {e.year} — {funderLabels[e.funder]}
                <span class="sr-only"> ({schemeLabels[e.scheme]})</span>
              </h3>
              <svg
                class="bar"
                aria-hidden="true"
                focusable="false"
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
              >
                <rect x="0" y="0" height="10" width={paid.toFixed(2)} fill="#16632a" />
                <rect x={paid.toFixed(2)} y="0" height="10" width={committed.toFixed(2)} fill="#00487a" />
              </svg>
              <p class="values">
                Enveloppe {euros(e.amountCents)} · engagé net {euros(e.committedCents)} · versé{' '}
                {euros(e.paidCents)} · <strong>disponible {euros(e.availableCents)}</strong>
                {e.budgetLine ? ` · ligne budgétaire ${e.budgetLine}` : ''}
                {session !== undefined ? ` · engagé dans cette séance ${euros(session)}` : ''}
              </p>
            </li>
          );
        })}
      </ul>
      <FiguresTable
        caption="Engagements par enveloppe : initial, désengagé, net, versé, reste à verser"
        head="Enveloppe"
        extraHeads={['Disponible']}
        rows={p.envelopes.map((e) => ({
          label: `${e.scheme} ${e.year} — ${funderLabels[e.funder]}`,
          figures: envelopeFigures(e),
          extra: [euros(e.availableCents)],
        }))}
        total={p.envelopes.map(envelopeFigures).reduce(addFigures, noFigures())}
      />
    </>
  );
}
