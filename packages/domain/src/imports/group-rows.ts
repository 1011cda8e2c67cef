import { type ImportIssue, isBlankRow, referenceOfRow, type SourceRow } from './dossier-rows.ts';
import { COL } from './templates.ts';

export type RowGroup = { readonly rows: SourceRow[] } | { readonly issue: ImportIssue };

/**
 * Groups a stream of rows into dossiers: a dossier's rows follow each other and share its
 * « Référence ». A reference met again further down is refused (its rows must be together), and
 * so is a row without reference. Blank rows are skipped. Memory holds one dossier's rows and the
 * set of references met (20,000 short strings for the largest files).
 */
export async function* groupDossierRows(rows: AsyncIterable<SourceRow>): AsyncGenerator<RowGroup> {
  const seen = new Set<string>();
  let current: SourceRow[] = [];
  let currentRef = '';
  for await (const row of rows) {
    if (isBlankRow(row)) continue;
    const ref = referenceOfRow(row);
    if (ref === currentRef && current.length > 0) {
      current.push(row);
      continue;
    }
    if (current.length > 0) yield { rows: current };
    current = [];
    currentRef = '';
    if (ref === '') {
      yield { issue: { row: row.row, column: COL.reference, message: 'Référence obligatoire' } };
      continue;
    }
    if (seen.has(ref)) {
      yield {
        issue: {
          row: row.row,
          column: COL.reference,
          message: `Référence ${ref} déjà rencontrée plus haut : les lignes d’un dossier se suivent`,
        },
      };
      continue;
    }
    seen.add(ref);
    current = [row];
    currentRef = ref;
  }
  if (current.length > 0) yield { rows: current };
}
