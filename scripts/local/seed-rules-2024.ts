import type { Scheme } from '@aides/domain';
import { fteApplication, habitatApplication, validNumeroFiscal } from '@aides/domain/testing/fixtures';
import type { Caller } from '@aides/services/caller';
import type { ServiceContext } from '@aides/services/context';
import { createDraft } from '@aides/services/dossiers/applications';
import type { Dossier } from '@aides/services/dossiers/model';
import { submitDossier } from '@aides/services/dossiers/submit';

/**
 * Demo cases of the 2024–2026 rules (issue 14), filed through the real use cases: one dossier
 * each, in the « submitted » queue, with the outcome the rules give today.
 */
export interface RulesCase {
  readonly label: string;
  readonly scheme: Scheme;
  readonly application: Record<string, unknown>;
  /** The outcome the eligibility gives when filed today. */
  readonly outcome: 'eligible' | 'not_eligible' | 'to_review';
  /** Filed though ineligible: the applicant confirmed it. */
  readonly acknowledgeIneligible?: boolean;
}

const year = (now: Date) => now.getUTCFullYear();
const without = ({ filingDate: _f, ...rest }: Record<string, unknown>) => rest;

export function rulesCases(now: Date): RulesCase[] {
  const y = year(now);
  const household = (taxIncomeEuros: number) => ({ size: 1, taxIncomeEuros, taxIncomeYear: y - 1 });
  return [
    {
      label: "MaPrimeRénov' Parcours accompagné : ménage très modeste, DPE F → C, gain de 45 % (abondement)",
      scheme: 'HABITAT',
      application: without(
        habitatApplication({
          workKind: 'energy',
          autonomy: undefined,
          household: household(12_000),
          dpe: { before: 'F', after: 'C', assessmentReference: '2362E1234567A' },
          energyGainPct: 45,
          works: [
            {
              label: 'Isolation des murs par l’extérieur et pompe à chaleur',
              amountHtCents: 4_500_000,
              amountTtcCents: 4_747_500,
              company: { name: 'Réno’Artois' },
            },
          ],
        }),
      ),
      // Very modest in the 2025 bands (the latest loaded): eligible; the income year and the
      // missing 2026 bands are said « to review » until the 2026 rows are added.
      outcome: 'to_review',
    },
    {
      label: "MaPrimeAdapt' : locataire du parc privé, bénéficiaire de la PCH, accompagnement complet",
      scheme: 'HABITAT',
      application: without(
        habitatApplication({
          ownerStatus: 'tenant',
          household: household(12_000),
          autonomy: { beneficiaryBirthDate: '1985-03-12', pch: true, amoOffer: 'complet' },
        }),
      ),
      outcome: 'to_review',
    },
    {
      label: 'Propriétaire bailleur : l’instructeur fixe le montant (aucun calcul automatique)',
      scheme: 'HABITAT',
      application: without(
        habitatApplication({
          ownerStatus: 'landlord',
          household: undefined,
          workKind: 'energy',
          autonomy: undefined,
          dpe: { before: 'G', after: 'D', assessmentReference: '2362E7654321B' },
          energyGainPct: 50,
        }),
      ),
      outcome: 'to_review',
    },
    {
      label:
        'Parcours accompagné refusé depuis la réouverture : logement classé D (E, F ou G exigé), un seul saut de classe ; déposé en connaissance de cause',
      scheme: 'HABITAT',
      application: without(
        habitatApplication({
          workKind: 'energy',
          autonomy: undefined,
          household: household(12_000),
          dpe: { before: 'D', after: 'C', assessmentReference: '2362E5555555C' },
          energyGainPct: 20,
        }),
      ),
      outcome: 'not_eligible',
      acknowledgeIneligible: true,
    },
    {
      label: 'FTE non éligible (ménage modeste, orienté vers Habitat), déposé en connaissance de cause',
      scheme: 'FTE',
      application: without(
        fteApplication({
          household: {
            ...household(20_000),
            notices: [{ numeroFiscal: validNumeroFiscal('3012345678'), referenceAvis: '2477B98765432' }],
          },
        }),
      ),
      outcome: 'not_eligible',
      acknowledgeIneligible: true,
    },
  ];
}

export async function seedRulesCases(
  ctx: ServiceContext,
  owners: Record<Scheme, Caller>,
  uploadAll: (ctx: ServiceContext, owner: Caller, d: Dossier, scheme: Scheme) => Promise<void>,
): Promise<void> {
  for (const c of rulesCases(ctx.now())) {
    const owner = owners[c.scheme];
    const d = await createDraft(ctx, owner, { scheme: c.scheme, application: c.application });
    await uploadAll(ctx, owner, d, c.scheme);
    await submitDossier(ctx, owner, d.id, d.version, undefined, {
      acknowledgeIneligible: c.acknowledgeIneligible === true,
    });
  }
}
