/**
 * What a purged dossier keeps: its statistical tombstone. The yearly report reads granted
 * dossiers' amounts, communes and a few non-identifying facts of the application (works types and
 * amounts, investments, jobs counted, project kind, leaders' genders); everything that names or
 * reaches a person (identity, contact, address lines, tax notice, bank details, company names,
 * SIRET, job titles, leaders' names, birth dates, free text) is left out.
 *
 * Whitelists, not blacklists: a field added to an application later is dropped by default.
 */
import type { Scheme } from '../schemes/enums.ts';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const pick = (o: unknown, fields: readonly string[]): Rec => {
  const out: Rec = {};
  if (!isRec(o)) return out;
  for (const f of fields) if (o[f] !== undefined) out[f] = o[f];
  return out;
};
const list = (v: unknown, fields: readonly string[]): Rec[] =>
  Array.isArray(v) ? v.map((x) => pick(x, fields)) : [];

const JOB_FIELDS = ['contract', 'workingTimePct', 'under26', 'disabled', 'resident'] as const;

/** The application's statistical extract: same shape as the application, only what counts. */
export function statisticalApplication(scheme: Scheme, application: Rec): Rec {
  const commune = isRec(application.address) ? pick(application.address, ['communeInsee']) : undefined;
  const base: Rec = { scheme, ...(commune ? { address: commune } : {}) };
  switch (scheme) {
    case 'FTE':
      return {
        ...base,
        ...pick(application, ['ownerStatus']),
        ...(isRec(application.household) ? { household: pick(application.household, ['size']) } : {}),
        works: list(application.works, ['type', 'surfaceM2', 'units', 'amountHtCents', 'amountTtcCents']),
      };
    case 'TPE':
      return {
        ...base,
        ...pick(application, ['project', 'qpvCode']),
        company: pick(application.company, ['legalForm', 'employees', 'sector', 'nafCode']),
        investments: list(application.investments, ['amountHtCents']),
        jobs: list(application.jobs, JOB_FIELDS),
      };
    case 'ESS':
      return {
        ...base,
        ...pick(application, ['project']),
        structure: pick(application.structure, ['legalForm']),
        leaders: list(application.leaders, ['gender']),
        jobs: list(application.jobs, JOB_FIELDS),
      };
    case 'HABITAT':
      return {
        ...base,
        ...pick(application, ['ownerStatus', 'programme', 'workKind', 'energyGainPct']),
        ...(isRec(application.household) ? { household: pick(application.household, ['size']) } : {}),
        works: list(application.works, ['amountHtCents', 'amountTtcCents']),
      };
  }
}
