import { ErrorSummary, Field, SelectField } from '../../lib/forms.tsx';
import type { FormErrors } from '../../lib/http.ts';
import { communeOptions } from '../applicant/steps.ts';

/** The commune and filing-date filters of every instruction queue, with their errors. */
export function QueueFilterFields(p: {
  query: { commune?: string; from?: string; to?: string };
  errors: FormErrors;
}) {
  return (
    <>
      <ErrorSummary errors={p.errors} />
      <SelectField
        name="commune"
        label="Commune"
        value={p.query.commune}
        errors={p.errors}
        options={communeOptions()}
        blank="Toutes"
      />
      <Field name="from" label="Déposé à partir du" type="date" value={p.query.from} errors={p.errors} />
      <Field name="to" label="Déposé jusqu’au" type="date" value={p.query.to} errors={p.errors} />
    </>
  );
}
