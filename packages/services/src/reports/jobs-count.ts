import { tallyJobs } from '@aides/domain';

/**
 * Jobs as the yearly report counts them (issue 16.6): what the rules pay for, permanent contracts
 * (CDI) in full-time equivalents, the founder not counted; other contracts (CDD, apprenticeship,
 * other) apart. Before, every declared line counted as one job: an ESS year showed 33 jobs where
 * 24 permanent full-time jobs were funded.
 */
export interface JobsCount {
  /** CDI in full-time equivalents (0.5 for a half-time CDI), founder excluded. */
  permanentFte: number;
  /** Lines on another contract, each counted once whatever its working time. */
  otherContracts: number;
}

type DeclaredJob = { contract?: unknown; workingTimePct?: unknown; founder?: unknown };

/** From a dossier's declared jobs (a stored application: fields may be missing). */
export function countJobs(jobs: readonly DeclaredJob[] | undefined): JobsCount {
  const t = tallyJobs(
    (jobs ?? []).map((j) => ({
      contract: j.contract === 'cdi' ? 'cdi' : 'other',
      workingTimePct: typeof j.workingTimePct === 'number' ? j.workingTimePct : 100,
      founder: j.founder === true,
    })),
  );
  return { permanentFte: t.cdiFteHundredths / 100, otherContracts: t.otherLines };
}

/** Adds FTE without floating-point dust (hundredths are exact). */
export const addFte = (a: number, b: number): number => Math.round((a + b) * 100) / 100;
