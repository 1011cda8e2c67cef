import type { Job } from '@aides/domain';
import { essApplication, tpeApplication } from '@aides/domain/testing/fixtures';
import type { Caller } from '@aides/services/caller';
import type { ServiceContext } from '@aides/services/context';
import { openRepayableAdvance, recordRepayment } from '@aides/services/finance/advances';
import type { RulesCase } from './seed-rules-2024.ts';

/**
 * Demo cases of the ESS and TPE rules (issue 14): filed through the real use cases with the
 * 2024 ESS set, its call for projects, and the 2026 TPE set.
 */
const without = ({ filingDate: _f, ...rest }: Record<string, unknown>) => rest;
const job = (
  title: string,
  contract: Job['contract'],
  workingTimePct: number,
  extra: Partial<Job> = {},
): Job => ({
  title,
  contract,
  workingTimePct,
  under26: false,
  disabled: false,
  resident: false,
  ...extra,
});

export function essTpeCases(_now: Date): RulesCase[] {
  return [
    {
      label:
        'ESS 2024 : un CDI à mi-temps (2 500 €), un CDI temps plein d’une résidente de moins de 26 ans, un CDD compté à part',
      scheme: 'ESS',
      application: without(
        essApplication({
          jobs: [
            job('Animatrice', 'cdi', 50),
            job('Valoriste', 'cdi', 100, { under26: true, resident: true }),
            job('Renfort saisonnier', 'cdd', 100),
          ],
        }),
      ),
      outcome: 'eligible',
    },
    {
      label:
        'Appel à projets ESS : tiers-lieu culturel, bourse demandée de 7 500 € (le jury désigne les lauréats)',
      scheme: 'ESS',
      application: without(
        essApplication({
          mode: 'call_for_projects',
          jobs: [],
          callForProjects: { projectTitle: 'Tiers-lieu culturel « Le passage »', requestedCents: 750_000 },
        }),
      ),
      outcome: 'to_review',
    },
    {
      label: 'TPE 2026 : reprise d’une boulangerie, le repreneur non compté, un CDI à mi-temps',
      scheme: 'TPE',
      application: without(
        tpeApplication({
          project: 'takeover',
          jobs: [job('Repreneur', 'cdi', 100, { founder: true }), job('Vendeuse', 'cdi', 50)],
        }),
      ),
      outcome: 'eligible',
    },
  ];
}

/**
 * A developing business granted a repayable advance (built by seed.ts up to the decision):
 * finance opened it as disbursed 16 months ago and recorded the first instalment, so the list
 * shows one instalment late.
 */
export async function seedRepayableAdvance(ctx: ServiceContext, finance: Caller, dossierId: string) {
  const now = ctx.now();
  const disbursed = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 16, 10));
  const opened = await openRepayableAdvance(ctx, finance, dossierId, {
    disbursedOn: disbursed.toISOString().slice(0, 10),
  });
  const first = opened.schedule[0];
  if (first && first.dueDate <= now.toISOString().slice(0, 10))
    await recordRepayment(ctx, finance, dossierId, { date: first.dueDate, amountCents: first.amountCents });
}
