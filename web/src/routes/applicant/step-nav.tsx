import type { Child } from 'hono/jsx';

/** The id of the step form, which the step buttons outside it (progress, estimate) submit. */
export const STEP_FORM = 'etape';

/**
 * A way to another step. On a step page it is a submit button of the step form
 * (`aller=<step>`): the typed values are saved before leaving, whatever the way out.
 * Elsewhere (documents, review) it is a plain link.
 */
export function StepLink(p: { id: string; to: string; onForm: boolean; children: Child; class?: string }) {
  if (p.onForm)
    return (
      <button type="submit" form={STEP_FORM} name="aller" value={p.to} class={p.class ?? 'link'}>
        {p.children}
      </button>
    );
  return (
    <a href={targetHref(p.id, p.to)} {...(p.class ? { class: p.class } : {})}>
      {p.children}
    </a>
  );
}

/** Where `aller` leads: a step number (1-based), the documents or the review. */
export function targetHref(id: string, to: string): string {
  if (to === 'pieces') return `/demandes/${id}/pieces`;
  if (to === 'recapitulatif') return `/demandes/${id}/recapitulatif`;
  return `/demandes/${id}/etape/${/^\d{1,2}$/.test(to) ? to : '1'}`;
}
