import {
  qpvListOn,
  type TpeClassification,
  type TpeRuleSet,
  tpeClassificationOf,
  tpeLocation,
} from '@aides/domain';
import type { ServiceContext } from '../context.ts';
import type { Dossier } from '../dossiers/model.ts';
import { loadQpvLists, loadRuleSets } from '../rule-sets.ts';

export type TpeArea = { classification: TpeClassification | null; confirmed: boolean };

/**
 * Issue 14: the classification every count uses (yearly report, commitments and their exports):
 * the instructor's confirmation; for a dossier not confirmed yet (filed before the confirmation
 * existed, or proposed for a refusal), the rule's own verdict on its filed location — its commune's
 * population against its rule set's threshold, its QPV in the list in force on its filing date and
 * in its commune — never « a QPV code was typed ». Loads the lists and rule sets once.
 */
export async function tpeClassifier(ctx: ServiceContext): Promise<(d: Dossier) => TpeArea> {
  const [lists, ruleSets, { loadAgglomerationCommunes }] = await Promise.all([
    loadQpvLists(ctx),
    loadRuleSets(ctx, 'TPE') as Promise<TpeRuleSet[]>,
    import('@aides/domain/reference/communes'),
  ]);
  const communes = loadAgglomerationCommunes();
  const latest = ruleSets.at(-1);
  return (d) =>
    tpeClassificationOf(d, () => {
      const list = qpvListOn(lists, d.filedAt ?? d.createdAt);
      const ruleSet = ruleSets.find((r) => r.version === d.ruleSetVersion) ?? latest;
      if (!ruleSet) return { kind: 'none', why: 'Règlement TPE introuvable.' };
      const app = d.application as { address?: { communeInsee?: string }; qpvCode?: string };
      const address = { communeInsee: d.communeInsee ?? app.address?.communeInsee ?? '' };
      const threshold = ruleSet.eligibility.ruralPopulationBelow.value;
      const reference = { anahCeilings: [], communes, qpv: list?.qpv ?? [] };
      const where = tpeLocation({ address, qpvCode: app.qpvCode }, threshold, reference);
      // A firm in a rural commune is rural whatever district code was typed (one of another commune,
      // or of no list): the code never makes it QPV, nor unclassified.
      return where.kind === 'none' ? tpeLocation({ address }, threshold, reference) : where;
    });
}
