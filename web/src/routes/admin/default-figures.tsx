import { figureFields } from '@aides/domain/admin/rule-set-form';
import type { ServiceContext } from '@aides/services/context';
import { ruleSetOfDossier } from '@aides/services/rule-sets';

/** How many figures of the rule set a dossier was filed under are still « par défaut » (0 if unknown). */
export async function defaultFigureCount(
  ctx: ServiceContext,
  d: { scheme: string; ruleSetVersion?: string | undefined },
): Promise<number> {
  if (!d.ruleSetVersion) return 0;
  try {
    return figureFields(await ruleSetOfDossier(ctx, d)).filter((f) => f.isDefault).length;
  } catch {
    return 0;
  }
}

/** Shown to staff wherever a rule set's figures are used, until a deliberation replaces them. */
export function DefaultFiguresNote(p: { count: number; version: string | undefined }) {
  return (
    <p class="default-figure">
      <strong class="default-mark">
        {p.count} chiffre{p.count > 1 ? 's' : ''} du règlement {p.version ?? ''} encore « par défaut, à
        confirmer par délibération »
      </strong>{' '}
      : le montant en dépend.
    </p>
  );
}
