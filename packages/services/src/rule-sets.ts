import { type QpvList, qpvListOn, type ReferenceData, type RuleSet } from '@aides/domain';
import { getQpvLists, listPublishedCeilings, listPublishedRuleSets } from '@aides/store';
import type { ServiceContext } from './context.ts';
import { unprocessable } from './errors.ts';

// Apart from context.ts, which every entry point loads at cold start; and the rule sets (with their
// zod schemas) and the reference tables are imported on first use, so that a use case that only
// might need them (an upload, which needs them after the grant) does not load them at cold start.

/**
 * Communes ship with the domain; the ANAH ceilings are the domain's years with each year an admin
 * published in the table in place of the built-in one (so a year's table applies as soon as it is
 * published); the QPV lists are configuration in the table, and the one that counts is the list in
 * force on `on` (a dossier's filing date; today for an estimate): the 2015 generation until 2023,
 * the 2024 one since (domain/reference/qpv-lists.ts).
 */
export async function loadReferenceData(ctx: ServiceContext, on?: string): Promise<ReferenceData> {
  const [lists, published, { anahCeilings }, { loadAgglomerationCommunes }, { mergeCeilings }] =
    await Promise.all([
      getQpvLists(ctx.store) as Promise<QpvList[]>,
      listPublishedCeilings(ctx.store),
      import('@aides/domain/reference/anah-ceilings'),
      import('@aides/domain/reference/communes'),
      import('@aides/domain/admin/ceilings'),
    ]);
  const list = qpvListOn(lists, on ?? ctx.now().toISOString());
  return {
    anahCeilings: mergeCeilings(anahCeilings, published),
    communes: loadAgglomerationCommunes(),
    qpv: list?.qpv ?? [],
    qpvList: list
      ? { generation: list.generation, demonstration: list.demonstration, source: list.source }
      : null,
  };
}

/** Every imported QPV list (one per generation). */
export const loadQpvLists = (ctx: ServiceContext) => getQpvLists(ctx.store) as Promise<QpvList[]>;

/** Rule sets: the built-in ones plus versions an admin published in the table. */
export async function loadRuleSets(ctx: ServiceContext, scheme: string): Promise<RuleSet[]> {
  const [published, { builtInRuleSets, parseRuleSet }] = await Promise.all([
    listPublishedRuleSets(ctx.store, scheme),
    import('@aides/domain/schemes/registry'),
  ]);
  const stored = published.map(parseRuleSet);
  const builtIn = builtInRuleSets.filter((r) => r.scheme === scheme);
  const seen = new Set(stored.map((r) => r.version));
  return [...builtIn.filter((r) => !seen.has(r.version)), ...stored];
}

/** The rule set a filed dossier was judged by (fixed at submission): publishing a later one changes nothing. */
export async function ruleSetOfDossier(
  ctx: ServiceContext,
  d: { scheme: string; ruleSetVersion?: string | undefined },
): Promise<RuleSet> {
  const ruleSet = (await loadRuleSets(ctx, d.scheme)).find((r) => r.version === d.ruleSetVersion);
  if (!ruleSet) throw unprocessable('Règlement du dossier introuvable.');
  return ruleSet;
}
