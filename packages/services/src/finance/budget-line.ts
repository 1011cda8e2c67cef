/**
 * A budget line as finance enters it on an envelope (issue 16.4): in the M57 nomenclature,
 * chapter-article-function such as « 204-20422-72 », or any code of letters, digits, « - », « . »,
 * « / », « _ » and spaces. Commitments and payments carry it as entered, and the export filter
 * `budgetLine=` takes the same form, so what was entered can be filtered on.
 */
export const BUDGET_LINE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_./ -]{0,63}$/;
export const BUDGET_LINE_MESSAGE =
  'Ligne budgétaire : chapitre-article-fonction de la M57, par exemple 204-20422-72 (lettres, chiffres, « - », « . », « / », « _ », 64 caractères au plus)';

/** « 204-20422-72 » → chapter 204, article 20422, function 72; anything else: undefined. */
export function m57Parts(line: string): { chapter: string; article: string; fn: string } | undefined {
  const m = /^(\d{2,3})[-/. ](\d{2,6})[-/. ](\d{1,4})$/.exec(line.trim());
  return m ? { chapter: m[1] as string, article: m[2] as string, fn: m[3] as string } : undefined;
}
