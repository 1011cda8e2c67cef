import { DEFAULT_SOURCE } from './enums.ts';
import type { Figure } from './rule-set.ts';

/** A figure with its public source. */
export const fig = (value: number, source: string): Figure => ({ value, source });
/** A default no public text gave, to be confirmed by a deliberation. */
export const byDefault = (value: number): Figure => ({ value, source: DEFAULT_SOURCE });
export const isDefault = (f: Figure): boolean => f.source === DEFAULT_SOURCE;

export const DELIBERATION_TO_COMPLETE =
  'référence de délibération à compléter (non publiée dans nos sources)';

/** Every figure of a rule set still at its default, with its path (for admin screens and reviews). */
export function defaultedFigures(ruleSet: unknown): { path: string; value: number }[] {
  const out: { path: string; value: number }[] = [];
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    const rec = node as Record<string, unknown>;
    if (typeof rec.value === 'number' && rec.source === DEFAULT_SOURCE) {
      out.push({ path, value: rec.value });
      return;
    }
    for (const [k, v] of Object.entries(rec)) if (k !== 'deliberation') walk(v, path ? `${path}.${k}` : k);
  };
  walk(ruleSet, '');
  return out;
}
