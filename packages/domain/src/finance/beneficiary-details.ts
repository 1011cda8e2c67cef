import { tallyJobs } from '../eligibility/jobs.ts';
import { normalizeFiscal } from '../identifiers/fiscal.ts';
import { AGGLOMERATION_COMMUNES } from '../reference/communes-data.ts';

const communeNames = new Map(AGGLOMERATION_COMMUNES.map((c) => [c.insee, c.name]));

/**
 * What finance reconciles a commitment or a payment with (issue 16.5): who the beneficiary is and
 * how to identify them, where, and the project's figures. Taken from the dossier's application
 * when the Bureau decides and kept on the commitment (then on each payment), so an export of
 * 100,000 lines reads no dossier. Pure: the application is read defensively (a draft-shaped or
 * older record gives blanks, never an error).
 */

export const BENEFICIARY_TYPES = ['household', 'landlord', 'business', 'association', 'structure'] as const;
export type BeneficiaryType = (typeof BENEFICIARY_TYPES)[number];
export const beneficiaryTypeLabels: Record<BeneficiaryType, string> = {
  household: 'Ménage (propriétaire occupant)',
  landlord: 'Propriétaire bailleur',
  business: 'Entreprise',
  association: 'Association',
  structure: 'Structure de l’ESS',
};

export type IdentifierKind = 'siret' | 'rna' | 'tax';
export const identifierKindLabels: Record<IdentifierKind, string> = {
  siret: 'SIRET',
  rna: 'RNA',
  tax: 'Numéro fiscal (masqué)',
};

export type ProjectKind = 'creation' | 'takeover' | 'development';
export const projectKindLabels: Record<ProjectKind, string> = {
  creation: 'Création',
  takeover: 'Reprise',
  development: 'Développement',
};

export interface BeneficiaryDetails {
  beneficiaryType?: BeneficiaryType;
  identifierKind?: IdentifierKind;
  /** SIRET or RNA as declared; a tax number masked but for its last four digits. */
  identifier?: string;
  communeInsee?: string;
  communeName?: string;
  /**
   * TPE: rural or QPV as the report counts it (issue 14): the instructor's confirmation, else the
   * rule's verdict on the filed location (`areaConfirmed: false`); blank when neither.
   */
  area?: 'rural' | 'qpv';
  areaConfirmed?: boolean;
  /** TPE: eligible investment HT; FTE and Habitat: works HT; cents. */
  investmentCents?: number;
  /** Permanent jobs (CDI) in full-time equivalents, founder excluded (see `jobsOf`). */
  jobs?: number;
  project?: ProjectKind;
  /** ESS: women are a strict majority of the declared leaders. */
  womenLed?: boolean;
}

export const areaLabels = { rural: 'Rural', qpv: 'QPV' } as const;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const sumCents = (items: Obj[], field: string) =>
  items.reduce((t, i) => t + (typeof i[field] === 'number' ? (i[field] as number) : 0), 0);

/** « 1234567890123 » → « *********0123 »: enough to reconcile, not enough to identify. */
export function maskTaxNumber(value: string): string {
  const s = normalizeFiscal(value);
  return s.length <= 4 ? '*'.repeat(s.length) : `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
}

/**
 * The jobs figure of a TPE or ESS file (issue 16.6): what the rules pay for, permanent contracts
 * (CDI) in full-time equivalents, the founder not counted (a half-time CDI is 0.5), as the yearly
 * report counts them. Other contracts are not jobs here.
 */
export function jobsOf(application: unknown): number | undefined {
  const jobs = obj(application).jobs;
  if (!Array.isArray(jobs)) return undefined;
  const t = tallyJobs(
    list(jobs).map((j) => ({
      contract: j.contract === 'cdi' ? 'cdi' : 'other',
      workingTimePct: typeof j.workingTimePct === 'number' ? j.workingTimePct : 100,
      founder: j.founder === true,
    })),
  );
  return t.cdiFteHundredths / 100;
}

/** ESS: a structure is "led by a woman" when women are a strict majority of its declared leaders. */
export function isWomenLed(application: unknown): boolean {
  const leaders = list(obj(application).leaders);
  return leaders.length > 0 && leaders.filter((l) => l.gender === 'female').length * 2 > leaders.length;
}

export function beneficiaryDetails(
  scheme: string,
  application: unknown,
  communeInsee?: string,
  /** TPE: the classification that counts (`tpeClassificationOf`); never guessed from a typed code. */
  tpeArea?: { classification: 'rural' | 'qpv' | null; confirmed: boolean },
): BeneficiaryDetails {
  const a = obj(application);
  const address = obj(a.address);
  const insee = communeInsee ?? str(address.communeInsee);
  const out: BeneficiaryDetails = {};
  if (insee) {
    out.communeInsee = insee;
    const name = communeNames.get(insee) ?? str(address.communeName);
    if (name) out.communeName = name;
  }
  const project = str(a.project);
  if (project === 'creation' || project === 'takeover' || project === 'development') out.project = project;

  if (scheme === 'TPE') {
    const company = obj(a.company);
    out.beneficiaryType = 'business';
    const siret = str(company.siret);
    if (siret) Object.assign(out, { identifierKind: 'siret', identifier: siret });
    if (tpeArea?.classification) {
      out.area = tpeArea.classification;
      out.areaConfirmed = tpeArea.confirmed;
    }
    out.investmentCents = sumCents(list(a.investments), 'amountHtCents');
    const jobs = jobsOf(a);
    if (jobs !== undefined) out.jobs = jobs;
  } else if (scheme === 'ESS') {
    const s = obj(a.structure);
    out.beneficiaryType = str(s.legalForm) === 'association' ? 'association' : 'structure';
    const siret = str(s.siret);
    const rna = str(s.rna);
    if (siret) Object.assign(out, { identifierKind: 'siret', identifier: siret });
    else if (rna) Object.assign(out, { identifierKind: 'rna', identifier: rna });
    const jobs = jobsOf(a);
    if (jobs !== undefined) out.jobs = jobs;
    out.womenLed = isWomenLed(a);
  } else {
    out.beneficiaryType = a.ownerStatus === 'landlord' ? 'landlord' : 'household';
    const notice = list(obj(a.household).notices)[0];
    const tax = str(notice?.numeroFiscal);
    if (tax) Object.assign(out, { identifierKind: 'tax', identifier: maskTaxNumber(tax) });
    out.investmentCents = sumCents(list(a.works), 'amountHtCents');
  }
  return out;
}
