import { type DocumentType, documentTypeLabels } from '../schemes/documents.ts';
import { type DossierState, type Role, roleLabels, stateLabels } from './states.ts';
import type { MoneyEffect } from './transitions.ts';
import { type Action, actionLabels, TRANSITIONS, type Transition } from './transitions.ts';

export interface TransitionContext {
  role: Role;
  motivation?: string;
  /** Document types verified by the instructor. */
  verifiedDocuments?: readonly string[];
  /** The rule set's required documents (ruleSet.documents). */
  requiredDocuments?: {
    beforeDecision: readonly string[];
    beforeAdvance: readonly string[];
    beforePayment: readonly string[];
  };
}

export type TransitionCheck =
  | { ok: true; to: DossierState; money: MoneyEffect; transition: Transition }
  | { ok: false; reason: string; missingDocuments?: string[] };

export function findTransition(state: DossierState, action: Action): Transition | undefined {
  return TRANSITIONS.find((t) => t.action === action && t.from.includes(state));
}

/** The actions a role may attempt from a state (documents and motivation still checked on firing). */
export function availableActions(state: DossierState, role: Role): Action[] {
  return TRANSITIONS.filter((t) => t.from.includes(state) && t.roles.includes(role)).map((t) => t.action);
}

export function canTransition(state: DossierState, action: Action, ctx: TransitionContext): TransitionCheck {
  const tr = findTransition(state, action);
  if (!tr) {
    return {
      ok: false,
      reason: `Action « ${actionLabels[action]} » impossible pour un dossier à l'état « ${stateLabels[state]} ».`,
    };
  }
  if (!tr.roles.includes(ctx.role)) {
    return {
      ok: false,
      reason: `Le rôle « ${roleLabels[ctx.role]} » ne peut pas « ${actionLabels[action].toLowerCase()} » un dossier.`,
    };
  }
  if (tr.needsMotivation && (ctx.motivation?.trim() ?? '') === '') {
    return { ok: false, reason: `« ${actionLabels[action]} » doit être motivé.` };
  }
  if (tr.requiresDocuments !== 'none') {
    const required =
      (tr.requiresDocuments === 'before_decision'
        ? ctx.requiredDocuments?.beforeDecision
        : tr.requiresDocuments === 'before_advance'
          ? ctx.requiredDocuments?.beforeAdvance
          : ctx.requiredDocuments?.beforePayment) ?? [];
    const verified = new Set(ctx.verifiedDocuments ?? []);
    const missing = required.filter((d) => !verified.has(d));
    if (!ctx.requiredDocuments) {
      return {
        ok: false,
        reason: 'Liste des pièces requises non fournie : impossible de vérifier le dossier.',
      };
    }
    if (missing.length > 0) {
      const when =
        tr.requiresDocuments === 'before_decision'
          ? 'avant la proposition au Bureau'
          : tr.requiresDocuments === 'before_advance'
            ? 'avant l’avance'
            : 'avant le versement';
      return {
        ok: false,
        reason: `Pièces à vérifier ${when} : ${missing.map((d) => documentTypeLabels[d as DocumentType] ?? d).join(', ')}.`,
        missingDocuments: missing,
      };
    }
  }
  return { ok: true, to: tr.to, money: tr.money, transition: tr };
}
