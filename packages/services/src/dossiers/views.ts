import { type DossierState, stateLabels } from '@aides/domain';
import { keys, queryAll } from '@aides/store';
import type { Caller } from '../caller.ts';
import type { ServiceContext } from '../context.ts';
import { isStaff } from './access.ts';
import type { Dossier, DossierEvent } from './model.ts';

/** What a caller is shown of a dossier: staff-only fields are removed for applicants. */
export function dossierView(d: Dossier, caller: Caller) {
  const staff = isStaff(caller);
  const { ownerSub: _o, ...rest } = d;
  return {
    ...(staff ? d : rest),
    statusLabel: stateLabels[d.status as DossierState],
    ...(staff ? {} : { assigneeSub: undefined, proposal: d.proposal && applicantProposal(d) }),
  };
}

// Until the Bureau decides, an applicant does not see the proposal's internals.
function applicantProposal(d: Dossier) {
  const decided = !['proposed', 'scheduled', 'adjourned'].includes(d.status);
  return decided ? d.proposal : undefined;
}

export interface TimelineEntry extends DossierEvent {
  readonly label: string;
}

/** The audit events of a dossier, oldest first, labelled in French. */
export async function readTimeline(ctx: ServiceContext, dossierId: string): Promise<TimelineEntry[]> {
  const out: TimelineEntry[] = [];
  for await (const page of queryAll<DossierEvent>(ctx.store, {
    pk: keys.dossierPartition(dossierId),
    prefix: 'EVENT#',
  })) {
    for (const e of page) out.push({ ...e, label: stateLabels[e.to] });
  }
  return out;
}
