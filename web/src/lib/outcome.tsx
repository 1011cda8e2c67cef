import { type Outcome, outcomeLabels } from '@aides/domain';

/**
 * Pass / fail / to-review said three ways (WCAG 1.4.1: never by colour alone): an icon, a word
 * at the start of each condition, and the colour. The icon is decorative (`aria-hidden`): the
 * word carries the meaning for screen readers.
 */
const ICONS: Record<Outcome, string> = { eligible: '✔', not_eligible: '✖', to_review: '?' };
export const reasonWords: Record<Outcome, string> = {
  eligible: 'Condition remplie',
  not_eligible: 'Condition non remplie',
  to_review: 'À vérifier',
};

const known = (o: string): o is Outcome => o in ICONS;

export function OutcomeBadge(p: { outcome: string }) {
  const o = p.outcome;
  return (
    <span class={`outcome ${o}`}>
      {known(o) ? (
        <span class="icon" aria-hidden="true">
          {ICONS[o]}
        </span>
      ) : (
        ''
      )}{' '}
      {known(o) ? outcomeLabels[o] : o}
    </span>
  );
}

/** Failing conditions first, then those to check, then those met. */
const ORDER: Record<Outcome, number> = { not_eligible: 0, to_review: 1, eligible: 2 };
export const byGravity = <R extends { outcome: string }>(reasons: readonly R[]): R[] =>
  [...reasons].sort((a, b) => (ORDER[a.outcome as Outcome] ?? 3) - (ORDER[b.outcome as Outcome] ?? 3));

export function ReasonText(p: { outcome: string; message: string }) {
  const o = p.outcome;
  return (
    <>
      {known(o) ? (
        <>
          <span class="icon" aria-hidden="true">
            {ICONS[o]}
          </span>{' '}
          <strong>{reasonWords[o]} :</strong>{' '}
        </>
      ) : (
        ''
      )}
      {p.message}
    </>
  );
}
