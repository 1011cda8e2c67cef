import type { Scheme } from './enums.ts';
import { ess2017, ess2024, essCall2022, essCall2024 } from './ess.ts';
import { fte2017, fte2021 } from './fte.ts';
import { habitat2024, habitatMpr2024, habitatMpr2025, habitatMpr2025Reopening } from './habitat.ts';
import { type RuleSet, type RuleSetOf, ruleSetSchema } from './rule-set.ts';
import { tpe2017, tpe2024, tpe2026 } from './tpe.ts';

/**
 * The rule sets shipped with the code; an admin publishes later versions as data (validated by
 * `parseRuleSet` when read). These are typed in code and checked against the schema by
 * schemes.test.ts, not parsed at load: that parse cost every Lambda ≈ 60 ms of cold start.
 */
export const builtInRuleSets: readonly RuleSet[] = [
  fte2017,
  fte2021,
  tpe2017,
  tpe2024,
  tpe2026,
  // The call for projects before the jobs aid: the last ESS set of the list stays the jobs aid.
  essCall2022,
  essCall2024,
  ess2017,
  ess2024,
  // The legacy Habitat set first (same effectiveFrom as mpr-2024: the later in the list wins).
  habitat2024,
  habitatMpr2024,
  habitatMpr2025,
  habitatMpr2025Reopening,
];

/**
 * A scheme can run more than one kind of aid at once, each with its own rule sets: ESS has its
 * jobs aid and its yearly call for projects. `default` is the only track of the other schemes.
 */
export type RuleSetTrack = 'default' | 'call_for_projects';
export const ruleSetTrack = (r: RuleSet): RuleSetTrack =>
  r.scheme === 'ESS' && r.mode === 'call_for_projects' ? 'call_for_projects' : 'default';
/** The track an application asks for (an ESS application in the call-for-projects mode). */
export const applicationTrack = (a: { scheme: Scheme; mode?: unknown }): RuleSetTrack =>
  a.scheme === 'ESS' && a.mode === 'call_for_projects' ? 'call_for_projects' : 'default';

/**
 * The rule set in force on a filing date: the one of the scheme with the latest `effectiveFrom`
 * on or before that date (ties: the latest in the list). A set published later never applies to
 * a dossier filed before its `effectiveFrom`.
 */
export function ruleSetInForce<S extends Scheme>(
  scheme: S,
  filingDate: string,
  ruleSets: readonly RuleSet[] = builtInRuleSets,
  track: RuleSetTrack = 'default',
): RuleSetOf<S> | undefined {
  const day = filingDate.slice(0, 10);
  let best: RuleSet | undefined;
  for (const r of ruleSets) {
    if (r.scheme !== scheme || r.effectiveFrom > day || ruleSetTrack(r) !== track) continue;
    if (!best || r.effectiveFrom >= best.effectiveFrom) best = r;
  }
  return best as RuleSetOf<S> | undefined;
}

export function parseRuleSet(input: unknown): RuleSet {
  return ruleSetSchema.parse(input);
}
