import type { ImportIssue, Scheme } from '@aides/domain';
import type { CsvEncoding } from './csv-offsets.ts';
import type { ImportFormat } from './source-rows.ts';

/** The most problems kept with an import (the counts stay exact beyond). */
export const MAX_ISSUES_KEPT = 1000;

export interface ImportCheck {
  at: string;
  /** Data rows read (the header and blank rows not counted). */
  rows: number;
  dossiers: number;
  /** Dossiers a run would write. */
  toImport: number;
  /** Dossiers whose reference is already in the table (imported before, or given): a run skips them. */
  alreadyPresent: number;
  /** Dossiers with at least one problem: a run skips them. */
  invalid: number;
  issues: ImportIssue[];
  issuesTotal: number;
}

export interface ImportRun {
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Last source row handled: the next slice starts after it. */
  cursorRow: number;
  /** CSV: the byte where the cursor's row ends; the next slice reads the file from there. */
  cursorByte?: number;
  /** CSV: the file's encoding as the run's first slice found it. */
  encoding?: CsvEncoding;
  created: number;
  alreadyPresent: number;
  invalid: number;
  failed: number;
  issues: ImportIssue[];
  issuesTotal: number;
}

/** One import: its file, the dry run's report and the real run's progress. */
export interface ImportJob {
  id: string;
  scheme: Scheme;
  fileName: string;
  format: ImportFormat;
  status: 'awaiting_file' | 'checked' | 'running' | 'done';
  createdAt: string;
  createdBy: string;
  createdByName: string;
  sizeBytes?: number;
  /** SHA-256 of the checked copy (hex): what every imported dossier's audit event names. */
  sha256?: string;
  check?: ImportCheck;
  run?: ImportRun;
}

/** What an imported dossier carries: « importé », from which file and rows. */
export interface ImportedFrom {
  importId: string;
  fileName: string;
  sha256: string;
  rows: number[];
  at: string;
  by: string;
}

export const importStatusLabels: Record<ImportJob['status'], string> = {
  awaiting_file: 'En attente du fichier',
  checked: 'Vérifié (essai fait)',
  running: 'Import en cours',
  done: 'Terminé',
};
