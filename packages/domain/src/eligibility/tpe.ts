import type { TpeApplication } from '../applications/schemas.ts';
import { formatEuros, sumCents } from '../money/money.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { type TpeRuleSet, tpeProjectLabels } from '../schemes/rule-set.ts';
import { communeRule, findCommune, subtractYears, worksNotStartedRule } from './common.ts';
import { tpeLocation } from './tpe-location.ts';
import { fail, pass, type Reason, review } from './types.ts';

/** De minimis aid received over the rolling window ending on the filing date. */
export function deMinimisReceivedCents(
  aids: readonly { date: string; amountCents: number }[],
  filingDate: string,
  windowYears: number,
): number {
  const from = subtractYears(filingDate, windowYears);
  return sumCents(aids.filter((a) => a.date > from && a.date <= filingDate).map((a) => a.amountCents));
}

const inhabitants = (n: number): string => new Intl.NumberFormat('fr-FR').format(n);

export function tpeReasons(
  app: TpeApplication,
  ruleSet: TpeRuleSet,
  reference: ReferenceData,
  filingDate: string,
): Reason[] {
  const e = ruleSet.eligibility;
  const reasons: Reason[] = [];
  const max = e.maxEmployees.value;
  reasons.push(
    app.company.employees <= max
      ? pass('tpe.employees', `${app.company.employees} salarié(s) : moins de ${max + 1} salariés.`)
      : fail(
          'tpe.employees',
          `${app.company.employees} salariés : l'aide est réservée aux entreprises de moins de ${max + 1} salariés.`,
        ),
  );
  reasons.push(
    e.sectors.includes(app.company.sector)
      ? pass('tpe.sector', `Secteur ${app.company.sector} éligible.`)
      : fail('tpe.sector', `Secteur ${app.company.sector} hors du champ (artisanat, commerce, services).`),
  );

  const membership = communeRule('tpe.commune', reference, app.address.communeInsee);
  reasons.push(membership);
  const where = tpeLocation(app, e.ruralPopulationBelow.value, reference);
  const demo = reference.qpvList?.demonstration ? ' (liste de démonstration, pas la liste officielle)' : '';
  if (where.kind === 'rural') {
    const below = e.ruralPopulationBelow.value;
    reasons.push(
      pass(
        'tpe.location',
        `${where.communeName} compte ${inhabitants(where.population)} habitants (population municipale INSEE 2023) : commune rurale de moins de ${inhabitants(below)} habitants.${where.qpvIgnored ? ` Le quartier déclaré, ${where.qpvIgnored}, n’est pas compté : un établissement est rural ou en quartier prioritaire, jamais les deux.` : ''}`,
      ),
    );
  } else if (where.kind === 'qpv') {
    reasons.push(
      review(
        'tpe.location',
        `Établissement déclaré dans le quartier prioritaire ${where.name} (${where.code})${demo} : l'instructeur vérifie que l'adresse est dans le périmètre.`,
      ),
    );
  } else if (findCommune(reference, app.address.communeInsee)) {
    reasons.push(fail('tpe.location', where.why));
  }

  const received = deMinimisReceivedCents(app.deMinimisAids, filingDate, e.deMinimisWindowYears.value);
  const ceiling = e.deMinimisCeilingCents.value;
  reasons.push(
    received < ceiling
      ? pass(
          'tpe.de_minimis',
          `Aides de minimis reçues sur ${e.deMinimisWindowYears.value} ans : ${formatEuros(received)}, sous le plafond de ${formatEuros(ceiling)}.`,
        )
      : fail(
          'tpe.de_minimis',
          `Aides de minimis reçues sur ${e.deMinimisWindowYears.value} ans : ${formatEuros(received)}, plafond de ${formatEuros(ceiling)} atteint.`,
        ),
  );

  reasons.push(...projectReasons(app, ruleSet));
  if (e.deMinimisDeclarationRequired && app.deMinimisDeclared !== true) {
    reasons.push(
      review(
        'tpe.de_minimis_declaration',
        'Déclaration sur l’honneur des aides de minimis reçues sur trois ans non faite : à obtenir avant la décision.',
      ),
    );
  }

  const invest = sumCents(app.investments.map((i) => i.amountHtCents));
  const floor = ruleSet.amounts.minInvestmentCents.value;
  reasons.push(
    invest >= floor
      ? pass(
          'tpe.investment_floor',
          `Investissement de ${formatEuros(invest)} HT, au moins ${formatEuros(floor)} HT.`,
        )
      : fail(
          'tpe.investment_floor',
          `Investissement de ${formatEuros(invest)} HT, inférieur au minimum de ${formatEuros(floor)} HT.`,
        ),
  );
  reasons.push(
    worksNotStartedRule('tpe.works_not_started', filingDate, [app.worksStartDate], {
      declared: app.worksNotStarted,
    }),
  );
  return reasons;
}

/** Projects before 2026: creation and development (a takeover was filed as a creation). */
const LEGACY_PROJECTS = ['creation', 'development'] as const;

/** Whether the project is one the set funds, and in which form (grant or repayable advance). */
function projectReasons(app: TpeApplication, ruleSet: TpeRuleSet): Reason[] {
  const accepted: readonly string[] = ruleSet.eligibility.projects ?? LEGACY_PROJECTS;
  const label = tpeProjectLabels[app.project];
  if (!accepted.includes(app.project)) {
    return [
      fail(
        'tpe.project',
        `${label} : projet non prévu par le règlement ${ruleSet.version} (${accepted.map((p) => tpeProjectLabels[p as keyof typeof tpeProjectLabels].toLowerCase()).join(', ')}).`,
      ),
    ];
  }
  const advance = ruleSet.amounts.repayableAdvance;
  if (advance?.projects.includes(app.project)) {
    return [
      pass(
        'tpe.project',
        `${label} : l’aide prend la forme d’une avance remboursable à taux zéro (premier remboursement ${advance.deferralMonths.value} mois après le versement, puis ${advance.instalments.value} échéances tous les ${advance.periodMonths.value} mois).`,
      ),
    ];
  }
  return [pass('tpe.project', `${label} : l’aide prend la forme d’une subvention.`)];
}
