import type { Scheme } from '@aides/domain';
import type { Caller } from '@aides/services/caller';
import type { ServiceContext } from '@aides/services/context';
import { listMyDossiers } from '@aides/services/dossiers/applications';
import type { Dossier } from '@aides/services/dossiers/model';
import { loadReferenceData } from '@aides/services/rule-sets';
import { frDate } from '../../lib/format.ts';
import { communeName } from './steps.ts';

/** The caller's drafts, newest first (the first page of « Mes dossiers » is plenty). */
export async function myDrafts(ctx: ServiceContext, caller: Caller): Promise<Dossier[]> {
  const { items } = await listMyDossiers(ctx, caller);
  return items.filter((d) => d.status === 'draft');
}

/** « Brouillon FTE du 3 décembre 2026 »: a draft has no reference yet, so scheme and day name it. */
export const draftName = (d: Pick<Dossier, 'scheme' | 'createdAt'>) =>
  `Brouillon ${d.scheme as Scheme} du ${frDate(d.createdAt)}`;

/**
 * What the account already says, to start a new draft with: first and last name, e-mail. The
 * account holds one display name (Cognito's `name`): its first word is taken as the first name and
 * the rest as the last name; the applicant checks both on step 1.
 */
export function prefillFromAccount(caller: Caller): Record<string, unknown> {
  const [firstName, ...rest] = caller.name.trim().split(/\s+/);
  const lastName = rest.join(' ');
  return {
    ...(firstName && lastName ? { applicant: { firstName, lastName } } : {}),
    ...(caller.email ? { contact: { email: caller.email } } : {}),
  };
}

/**
 * The quartiers prioritaires an admin imported, as choices « name — commune (code) », sorted by
 * commune. Empty when no list exists yet: the form then asks for the code as text.
 */
export async function qpvChoices(ctx: ServiceContext): Promise<(readonly [string, string])[]> {
  const { qpv } = await loadReferenceData(ctx);
  return [...qpv]
    .map((q) => {
      const commune = q.communes.map((insee) => communeName(insee) ?? insee).join(', ');
      return [q.code, `${commune} — ${q.name} (${q.code})`] as const;
    })
    .sort((a, b) => a[1].localeCompare(b[1], 'fr'));
}
