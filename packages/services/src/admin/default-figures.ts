import { figureFields } from '@aides/domain/admin/rule-set-form';
import type { ServiceContext } from '../context.ts';
import { loadRuleSets } from '../rule-sets.ts';

/**
 * Issue 15: how many figures of the rule set each dossier was filed under are still « par défaut,
 * à confirmer par délibération », by dossier id (0 for a draft, or a version no rule set has).
 * Staff see it wherever an amount rests on them. The rule sets are read once per scheme.
 */
export async function defaultFigureCounts(
  ctx: ServiceContext,
  dossiers: readonly { id: string; scheme: string; ruleSetVersion?: string | undefined }[],
): Promise<Map<string, number>> {
  const schemes = [...new Set(dossiers.filter((d) => d.ruleSetVersion).map((d) => d.scheme))];
  const ruleSets = new Map(
    await Promise.all(schemes.map(async (s) => [s, await loadRuleSets(ctx, s)] as const)),
  );
  const counts = new Map<string, number>();
  for (const d of dossiers) {
    const ruleSet = ruleSets.get(d.scheme)?.find((r) => r.version === d.ruleSetVersion);
    counts.set(d.id, ruleSet ? figureFields(ruleSet).filter((f) => f.isDefault).length : 0);
  }
  return counts;
}
