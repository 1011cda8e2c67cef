/**
 * The editable figures of a rule set, found by walking the rule set together with its zod schema:
 * no list of figures is kept by hand, so a figure added to a scheme's schema (by whoever changes
 * the rule sets) appears in the admin form with no change here. A figure is a node whose schema is
 * `figureSchema` (or has its shape: `{ value, source }`). Labels are French: a schema's own
 * `.describe()` wins, then the dictionary below, then the key in words. Units come from the key's
 * suffix (`…Cents` €, `…Bp` %, `…Pct` %, `…Months` mois, `…Years` ans): money is shown and typed
 * in euros, rates in percent, never in cents or basis points.
 */
import type * as z from 'zod';
import fr from 'zod/v4/locales/fr.js';
import { formatDateFr } from '../money/dates.ts';
import { amoOfferLabels, DEFAULT_SOURCE, fteWorkTypeLabels, type Scheme } from '../schemes/enums.ts';
import { figureSchema, type RuleSet, ruleSetSchema } from '../schemes/rule-set.ts';

export type FigureUnit =
  | 'euros'
  | 'euros_per_m2'
  | 'euros_per_unit'
  | 'percent_bp'
  | 'percent'
  | 'months'
  | 'years'
  | 'count';

export const unitLabels: Record<FigureUnit, string> = {
  euros: '€',
  euros_per_m2: '€/m²',
  euros_per_unit: '€ par unité',
  percent_bp: '%',
  percent: '%',
  months: 'mois',
  years: 'ans',
  count: '',
};

export interface FigureField {
  /** Dotted path in the rule set (`amounts.works.vmc.amountCents`). */
  readonly path: string;
  /** French label, sections joined by « — ». */
  readonly label: string;
  readonly section: string;
  readonly unit: FigureUnit;
  /** As stored (cents, basis points, or the plain number). */
  readonly value: number;
  readonly source: string;
  readonly isDefault: boolean;
}

/** French words for the keys of the rule sets (labels of figures and of their sections). */
const WORDS: Record<string, string> = {
  payment: 'Versements',
  eligibility: 'Éligibilité',
  amounts: 'Montants',
  works: 'Travaux',
  bouquet: 'Bouquet de travaux',
  energy: 'Rénovation énergétique',
  autonomy: 'Adaptation à la perte d’autonomie',
  funderSharesBp: 'Répartition entre financeurs',
  anahRateBp: 'Taux ANAH',
  very_modest: 'ménages très modestes',
  modest: 'ménages modestes',
  agglomeration: 'Part de l’agglomération',
  region: 'Part de la Région',
  advanceMaxBp: 'Avance, au plus',
  instalmentsMax: 'Nombre d’acomptes, au plus',
  prepaymentTotalMaxBp: 'Avance et acomptes cumulés, au plus',
  worksDeadlineMonths: 'Délai de réalisation des travaux',
  centsPerUnit: 'Aide',
  capCents: 'Plafond',
  rateBp: 'Taux',
  amountCents: 'Forfait',
  minDistinctWorks: 'Nombre de travaux distincts, au moins',
  bonusCents: 'Bonus',
  dossierCapCents: 'Plafond par dossier',
  maxEmployees: 'Effectif salarié, au plus',
  ruralPopulationBelow: 'Commune rurale : population inférieure à (habitants)',
  deMinimisCeilingCents: 'Plafond de minimis',
  deMinimisWindowYears: 'Période de calcul du de minimis',
  minInvestmentCents: 'Investissement minimal',
  maxEligibleInvestmentCents: 'Investissement retenu, au plus',
  investmentAidCapCents: 'Plafond de l’aide à l’investissement',
  perPermanentJobCents: 'Aide par emploi permanent créé',
  maxJobs: 'Nombre d’emplois aidés, au plus',
  minJobs: 'Nombre d’emplois, au moins',
  perJobCents: 'Aide par emploi',
  bonusPerJobCents: 'Bonus par emploi',
  maxBonusJobs: 'Nombre d’emplois bonifiés, au plus',
  energyGainMinPct: 'Gain énergétique, au moins',
  autonomyAgeMin: 'Âge minimal (autonomie)',
  autonomyAgeWithGirMin: 'Âge minimal avec GIR (autonomie)',
  disabilityRateMinPct: 'Taux d’incapacité, au moins',
  worksCapHtCents: 'Plafond des travaux HT',
  agglomerationRateBp: 'Taux de l’agglomération',
  agglomerationCapCents: 'Plafond de l’agglomération',
  minClassesGained: 'Classes DPE gagnées, au moins',
  topUpEnergyGainAbovePct: 'Complément de l’agglomération : gain énergétique supérieur à',
  ageMin: 'Âge minimal',
  ageWithGirMin: 'Âge minimal avec GIR',
  passoireBonus: 'Bonus sortie de passoire',
  publicAidTtcMaxBp: 'Écrêtement : aides publiques, au plus (part du TTC)',
  advance: 'Avance',
  amoLumpSumCents: 'Forfait d’assistance à maîtrise d’ouvrage',
  intermediate: 'ménages intermédiaires',
  high: 'ménages aux revenus supérieurs',
  deMinimis: 'De minimis',
  ceilingCents: 'Plafond',
  windowYears: 'Période de calcul',
  minGrantCents: 'Subvention minimale',
  maxGrantCents: 'Subvention maximale',
  value: 'Valeur',
  ...fteWorkTypeLabels,
  ...amoOfferLabels,
};

/** `someKeyName` → « Some key name » when neither the schema nor the dictionary names it. */
const inWords = (key: string) => {
  const s = key
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** The unit of a figure: from its own key, else from the nearest key above it that says one. */
function unitOf(path: readonly string[], siblings: Record<string, unknown>): FigureUnit {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i] ?? '';
    if (key === 'centsPerUnit') return siblings.unit === 'm2' ? 'euros_per_m2' : 'euros_per_unit';
    if (/Cents$/.test(key)) return 'euros';
    if (/Bp$/.test(key)) return 'percent_bp';
    if (/Pct$/.test(key)) return 'percent';
    if (/Months$/.test(key)) return 'months';
    if (/Years$|^age[A-Z]|AgeMin$|AgeWithGirMin$/.test(key)) return 'years';
  }
  return 'count';
}

// zod's definitions, read structurally (zod 4: `schema._zod.def`).
type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  element?: z.ZodType;
};
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const describedAs = (s: z.ZodType): string | undefined => (s as { description?: string }).description;

function isFigureSchema(s: z.ZodType): boolean {
  if (s === figureSchema) return true;
  const d = defOf(s);
  return d.type === 'object' && !!d.shape && 'value' in d.shape && 'source' in d.shape;
}

/** The schema of `value` inside `schema` (unwrapping optionals, picking a union's matching option). */
function unwrap(schema: z.ZodType, value: unknown): z.ZodType {
  let s = schema;
  for (;;) {
    const d = defOf(s);
    if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default') && d.innerType) {
      s = d.innerType;
      continue;
    }
    if (d.type === 'union' && d.options) {
      s = d.options.find((o) => o.safeParse(value).success) ?? d.options[0] ?? s;
      if (s === schema) return s;
      continue;
    }
    return s;
  }
}

/** An item of a list of steps: « à partir de 2 classes gagnées », else its rank. */
function stepLabel(item: unknown, i: number): string {
  const from = (item as { fromClassesGained?: unknown } | null)?.fromClassesGained;
  if (typeof from === 'number')
    return `à partir de ${from} classe${from > 1 ? 's' : ''} gagnée${from > 1 ? 's' : ''}`;
  return `n° ${i + 1}`;
}

/** Every figure of a rule set, in the schema's order, with its French label, unit and source. */
export function figureFields(ruleSet: RuleSet): FigureField[] {
  const out: FigureField[] = [];
  const walk = (schema: z.ZodType, value: unknown, path: string[], labels: string[]) => {
    if (value === null || typeof value !== 'object') return;
    const s = unwrap(schema, value);
    const d = defOf(s);
    const rec = value as Record<string, unknown>;
    if (isFigureSchema(s)) {
      const parent = path
        .slice(0, -1)
        .reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], ruleSet);
      out.push({
        path: path.join('.'),
        label: labels.join(' — '),
        section: labels[0] ?? '',
        unit: unitOf(path, (parent ?? {}) as Record<string, unknown>),
        value: rec.value as number,
        source: String(rec.source),
        isDefault: rec.source === DEFAULT_SOURCE,
      });
      return;
    }
    if (d.type === 'array' && d.element && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (d.element) walk(d.element, item, [...path, String(i)], [...labels, stepLabel(item, i)]);
      });
      return;
    }
    const child = (key: string): z.ZodType | undefined =>
      d.type === 'object' ? d.shape?.[key] : d.type === 'record' ? d.valueType : undefined;
    for (const [key, v] of Object.entries(rec)) {
      if (key === 'deliberation') continue;
      const cs = child(key);
      if (!cs) continue;
      // A step of a table (`{ fromClassesGained, value }`) is named by its step alone: no « Valeur ».
      const stepValue = key === 'value' && 'fromClassesGained' in rec;
      walk(
        cs,
        v,
        [...path, key],
        stepValue ? labels : [...labels, describedAs(cs) ?? WORDS[key] ?? inWords(key)],
      );
    }
  };
  // The schema every rule set is read with: its union picks the option the set matches.
  walk(ruleSetSchema, ruleSet, [], []);
  return out;
}

/** One field's French message, at the JSON pointer of the request (`/figures/<path>`…). */
export interface RuleSetFieldError {
  readonly pointer: string;
  readonly message: string;
}

export interface NewVersionInput {
  readonly effectiveFrom: string;
  readonly label?: string | undefined;
  readonly deliberation: {
    readonly reference: string;
    readonly date: string;
    readonly source?: string | undefined;
  };
  /** Figures changed, by dotted path, as stored (cents, basis points…); `source` optional. */
  readonly figures: Readonly<
    Record<string, { readonly value: number; readonly source?: string | undefined }>
  >;
  /** Every figure left unchanged and still « par défaut » is confirmed by this deliberation. */
  readonly confirmDefaults?: boolean | undefined;
}

export type NewVersionResult =
  | { ok: true; ruleSet: RuleSet; changes: { path: string; label: string; before: Figure; after: Figure }[] }
  | { ok: false; errors: RuleSetFieldError[] };

type Figure = { value: number; source: string };

const pointerOf = (path: readonly PropertyKey[]) =>
  path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * The next version of a rule set: a copy of `current` with the figures changed, its deliberation
 * and effective date; validated by the scheme's own zod schema (French messages). Unknown figures,
 * negative values and an effective date before `current`'s are refused, each at its pointer.
 */
export function buildNewVersion(
  current: RuleSet,
  input: NewVersionInput,
  existingVersions: readonly string[],
): NewVersionResult {
  const errors: RuleSetFieldError[] = [];
  const fields = new Map(figureFields(current).map((f) => [f.path, f]));
  const deliberationSource =
    input.deliberation.source?.trim() ||
    `Délibération ${input.deliberation.reference.trim()} du ${
      /^\d{4}-\d{2}-\d{2}$/.test(input.deliberation.date)
        ? formatDateFr(input.deliberation.date)
        : input.deliberation.date
    }`;
  if (!input.deliberation.reference.trim())
    errors.push({
      pointer: '/deliberation/reference',
      message: 'La référence de la délibération est obligatoire pour publier.',
    });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.effectiveFrom))
    errors.push({ pointer: '/effectiveFrom', message: 'Date d’effet attendue au format AAAA-MM-JJ.' });
  else if (input.effectiveFrom < current.effectiveFrom)
    errors.push({
      pointer: '/effectiveFrom',
      message: `La date d’effet ne peut précéder celle de la version en vigueur (${current.effectiveFrom}).`,
    });
  const next = structuredClone(current) as RuleSet & Record<string, unknown>;
  const changes: { path: string; label: string; before: Figure; after: Figure }[] = [];
  for (const [path, edit] of Object.entries(input.figures)) {
    const field = fields.get(path);
    const pointer = `/figures/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!field) {
      errors.push({ pointer, message: `Chiffre inconnu de ce règlement : « ${path} ».` });
      continue;
    }
    if (typeof edit?.value !== 'number' || !Number.isFinite(edit.value)) {
      errors.push({ pointer: `${pointer}/value`, message: `${field.label} : nombre attendu.` });
      continue;
    }
    if (edit.value < 0) {
      errors.push({
        pointer: `${pointer}/value`,
        message: `${field.label} : une valeur négative n’est pas possible.`,
      });
      continue;
    }
    if (!Number.isSafeInteger(edit.value)) {
      errors.push({
        pointer: `${pointer}/value`,
        message: `${field.label} : nombre entier attendu (centimes, points de base).`,
      });
      continue;
    }
    const changedValue = edit.value !== field.value;
    const source =
      edit.source?.trim() && edit.source.trim() !== field.source
        ? edit.source.trim()
        : changedValue
          ? deliberationSource
          : field.source;
    if (!changedValue && source === field.source) continue;
    const node = path
      .split('.')
      .reduce<Record<string, unknown>>((n, k) => n[k] as Record<string, unknown>, next);
    node.value = edit.value;
    node.source = source;
    changes.push({
      path,
      label: field.label,
      before: { value: field.value, source: field.source },
      after: { value: edit.value, source },
    });
  }
  if (input.confirmDefaults) {
    for (const field of fields.values()) {
      if (!field.isDefault || changes.some((c) => c.path === field.path)) continue;
      const node = field.path
        .split('.')
        .reduce<Record<string, unknown>>((n, k) => n[k] as Record<string, unknown>, next);
      node.source = deliberationSource;
      changes.push({
        path: field.path,
        label: field.label,
        before: { value: field.value, source: field.source },
        after: { value: field.value, source: deliberationSource },
      });
    }
  }
  let version = input.effectiveFrom;
  for (let n = 2; existingVersions.includes(version); n++) version = `${input.effectiveFrom}-${n}`;
  next.version = version;
  next.label =
    input.label?.trim() || `${current.label.replace(/\s+—\s+.*$/, '')} — version du ${input.effectiveFrom}`;
  next.effectiveFrom = input.effectiveFrom;
  next.deliberation = {
    reference: input.deliberation.reference.trim(),
    date: input.deliberation.date,
    source: deliberationSource,
  };
  if (errors.length) return { ok: false, errors };
  // The same schema the rule set is read with: whatever it refuses is not published.
  const parsed = ruleSetSchema.safeParse(next, { error: fr().localeError });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => {
        const path = i.path.map(String);
        const fieldPath =
          path.at(-1) === 'value' || path.at(-1) === 'source' ? path.slice(0, -1).join('.') : '';
        const field = fields.get(fieldPath);
        return field
          ? { pointer: `/figures/${fieldPath}/${path.at(-1)}`, message: `${field.label} : ${i.message}` }
          : { pointer: pointerOf(i.path), message: i.message };
      }),
    };
  }
  return { ok: true, ruleSet: parsed.data, changes };
}

/** Typed euros, percent or a plain number → the stored integer (cents, basis points); null when unreadable. */
export function parseFigureInput(unit: FigureUnit, raw: string): number | null | undefined {
  const s = raw.replace(/[\s\u00a0\u202f€%]/g, '').replace(',', '.');
  if (s === '') return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  const decimals = s.split('.')[1]?.length ?? 0;
  switch (unit) {
    case 'euros':
    case 'euros_per_m2':
    case 'euros_per_unit':
    case 'percent_bp':
      if (decimals > 2) return null;
      return Math.round(n * 100);
    default:
      if (decimals > 0) return null;
      return n;
  }
}

/** The stored integer → what the form shows (« 12,5 » for 1250 cents or basis points). */
export function figureInputValue(unit: FigureUnit, value: number): string {
  switch (unit) {
    case 'euros':
    case 'euros_per_m2':
    case 'euros_per_unit':
    case 'percent_bp':
      return (value / 100)
        .toFixed(2)
        .replace('.', ',')
        .replace(/,00$/, '')
        .replace(/(,\d)0$/, '$1');
    default:
      return String(value);
  }
}

/** For reading: « 1 500,00 € », « 20 % », « 24 mois ». */
export function formatFigure(unit: FigureUnit, value: number): string {
  const nf = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
  switch (unit) {
    case 'euros':
    case 'euros_per_m2':
    case 'euros_per_unit':
      return `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value / 100)} ${unitLabels[unit]}`;
    case 'percent_bp':
      return `${nf.format(value / 100)} %`;
    case 'percent':
      return `${nf.format(value)} %`;
    case 'count':
      return nf.format(value);
    default:
      return `${nf.format(value)} ${unitLabels[unit]}`;
  }
}
