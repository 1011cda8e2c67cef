import type { Job } from '../applications/common.ts';

/**
 * Jobs created as a rule pays for them: permanent contracts (CDI) in full-time equivalents, the
 * founder never counted. Working time is in whole percent, so FTE are kept in hundredths (a
 * half-time CDI is 50, four full-time CDI 400): sums stay integers.
 */
export const isCountedCdi = (j: Pick<Job, 'contract' | 'founder'>): boolean =>
  j.contract === 'cdi' && !j.founder;

export interface JobsTally {
  /** CDI (founder excluded), in hundredths of a full-time equivalent. */
  cdiFteHundredths: number;
  /** CDI lines counted (founder excluded). */
  cdiLines: number;
  /** Lines on another contract (CDD, apprenticeship, other), kept apart. */
  otherLines: number;
  /** Lines declared as the founder. */
  founderLines: number;
}

export function tallyJobs(jobs: readonly Pick<Job, 'contract' | 'founder' | 'workingTimePct'>[]): JobsTally {
  const t: JobsTally = { cdiFteHundredths: 0, cdiLines: 0, otherLines: 0, founderLines: 0 };
  for (const j of jobs) {
    if (j.founder) t.founderLines += 1;
    else if (j.contract === 'cdi') {
      t.cdiLines += 1;
      t.cdiFteHundredths += Math.min(100, Math.max(0, j.workingTimePct));
    } else t.otherLines += 1;
  }
  return t;
}

/** « 1,5 ETP » from hundredths. */
export const formatFte = (hundredths: number): string =>
  `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(hundredths / 100)} ETP`;

/** `perFte` cents for each full-time equivalent, up to `maxFte`; floor to the cent. */
export function fteAmountCents(
  hundredths: number,
  perFteCents: number,
  maxFte: number,
): {
  countedHundredths: number;
  amountCents: number;
} {
  const countedHundredths = Math.min(Math.max(0, hundredths), maxFte * 100);
  return { countedHundredths, amountCents: Math.floor((perFteCents * countedHundredths) / 100) };
}
