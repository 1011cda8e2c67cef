import { formatDatesIn, funderLabels } from '@aides/domain';
import { euros, frDate, frDateTime, parseEuros } from '../../lib/format.ts';
import { Checkbox, Field, fieldId, SelectField } from '../../lib/forms.tsx';
import type { FormErrors } from '../../lib/http.ts';
import { byGravity, OutcomeBadge, ReasonText } from '../../lib/outcome.tsx';
import { describeMissing, type MissingItem, plain } from './form-model.ts';
import { StepLink } from './step-nav.tsx';
import { communeOptions, type FieldDef, type GroupDef, labelledFields, type StepDef } from './steps.ts';

type Estimate =
  | { complete: false; missing: readonly { pointer: string; detail: string }[] }
  | {
      complete: true;
      ruleSet?: { version: string; label: string };
      eligibility: {
        outcome: string;
        reasons: readonly { rule: string; outcome: string; message: string; redirectTo?: string }[];
      };
      amounts: {
        lines: readonly { label: string; funder: string; amountCents: number; explanation: string }[];
        totalCents: number;
        explanation: readonly string[];
      };
    };

/** How many missing items the panel lists before it only counts the rest. */
const SHOWN = 5;

/**
 * What the estimate still needs, as a list of French messages: those of the current step first
 * (linked to their inputs), then the first few of other steps (linked to their step), then a count.
 */
function MissingList(p: {
  missing: readonly { pointer: string; detail: string }[];
  steps?: readonly StepDef[] | undefined;
  current?: number | undefined;
  hrefOf?: ((step: number) => string) | undefined;
  /** On a step page: links to other steps save the form first. */
  onForm?: boolean | undefined;
  id?: string | undefined;
}) {
  const items: MissingItem[] = p.steps
    ? describeMissing(p.steps, p.missing)
    : p.missing.map((m) => ({ step: -1, label: '', message: plain(m.detail) }));
  const here = items.filter((x) => p.current !== undefined && x.step === p.current);
  const elsewhere = items.filter((x) => !here.includes(x));
  const shownHere = here.slice(0, SHOWN);
  const shownElsewhere = shownHere.length ? [] : elsewhere.slice(0, SHOWN);
  const rest = items.length - shownHere.length - shownElsewhere.length;
  const stepTitle = (i: number) => p.steps?.[i]?.title;
  return (
    <>
      {shownHere.length ? (
        <>
          <p>À compléter ou corriger dans cette étape :</p>
          <ul class="missing">
            {shownHere.map((x) => (
              <li>
                {x.name ? <a href={`#${fieldId(x.name)}`}>{x.label}</a> : x.label} : {x.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {shownElsewhere.length ? (
        <>
          <p>Informations encore manquantes ou à corriger :</p>
          <ul class="missing">
            {shownElsewhere.map((x) => {
              const where = stepTitle(x.step);
              const href = x.step >= 0 ? p.hrefOf?.(x.step) : undefined;
              return (
                <li>
                  {href && where ? (
                    p.onForm && p.id ? (
                      <StepLink id={p.id} to={String(x.step + 1)} onForm>
                        {where}
                      </StepLink>
                    ) : (
                      <a href={href}>{where}</a>
                    )
                  ) : (
                    (where ?? '')
                  )}
                  {where ? ' — ' : ''}
                  {x.label && x.label !== where ? `${x.label} : ` : ''}
                  {x.message}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        ''
      )}
      {rest > 0 ? (
        <p>
          Et {rest} {rest > 1 ? 'autres informations' : 'autre information'} à compléter
          {shownHere.length && elsewhere.length === rest ? ' dans d’autres étapes' : ''}.
        </p>
      ) : (
        ''
      )}
    </>
  );
}

/** The eligibility result and the amount estimate with its explanation. */
export function EstimatePanel(p: {
  estimate: Estimate;
  version?: number;
  steps?: readonly StepDef[];
  current?: number;
  hrefOf?: (step: number) => string;
  /** The dossier, when the panel sits beside the step form (its step links then save the form). */
  formOf?: string;
}) {
  const e = p.estimate;
  return (
    <div id="estimation" aria-live="polite" {...(p.version ? { 'data-version': String(p.version) } : {})}>
      <h2>Estimation</h2>
      {!e.complete ? (
        <>
          <p>Complétez la demande pour connaître votre éligibilité et le montant estimé.</p>
          {e.missing.length > 0 ? (
            <MissingList
              missing={e.missing}
              steps={p.steps}
              current={p.current}
              hrefOf={p.hrefOf}
              onForm={Boolean(p.formOf)}
              id={p.formOf}
            />
          ) : (
            ''
          )}
        </>
      ) : (
        <>
          <p>
            <strong>Éligibilité :</strong> <OutcomeBadge outcome={e.eligibility.outcome} />
          </p>
          <ul class="reasons">
            {byGravity(e.eligibility.reasons).map((r) => (
              <li class={r.outcome}>
                <ReasonText outcome={r.outcome} message={r.message} />
                {r.redirectTo ? (
                  <>
                    {' '}
                    <a href="/demandes/nouvelle">Déposer plutôt une demande {r.redirectTo}</a>
                  </>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
          {e.eligibility.outcome === 'not_eligible' ? (
            // An ineligible application shows no amount: only what fails, and how to go on.
            <p class="total">
              <strong>Pas de montant estimé : la demande ne remplit pas les conditions ci-dessus.</strong>
            </p>
          ) : (
            <>
              <p class="total">
                <strong>Montant estimé : {euros(e.amounts.totalCents)}</strong>
              </p>
              <table>
                <caption class="sr-only">Détail du montant</caption>
                <thead>
                  <tr>
                    <th scope="col">Ligne</th>
                    <th scope="col">Financeur</th>
                    <th scope="col">Montant</th>
                  </tr>
                </thead>
                <tbody>
                  {e.amounts.lines.map((l) => (
                    <tr>
                      <td>
                        {l.label}
                        <br />
                        <small>{l.explanation}</small>
                      </td>
                      <td>{funderLabels[l.funder as keyof typeof funderLabels] ?? l.funder}</td>
                      <td>{euros(l.amountCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <details>
                <summary>Explication du calcul</summary>
                <ul>
                  {e.amounts.explanation.map((x) => (
                    <li>{x}</li>
                  ))}
                </ul>
              </details>
            </>
          )}
          {e.ruleSet ? <p class="hint">Règlement appliqué : {e.ruleSet.label}</p> : ''}
          <p class="hint">Estimation indicative : le montant est fixé par le Bureau communautaire.</p>
        </>
      )}
    </div>
  );
}

function Input(p: {
  def: FieldDef;
  name: string;
  label: string;
  values: Record<string, string>;
  errors: FormErrors;
  /** In a repeated block, only the first line of a block that needs one is required as such. */
  required?: boolean;
  /** The quartiers prioritaires to choose from ([code, « name (commune) »]); empty: none imported. */
  qpvOptions?: readonly (readonly [string, string])[] | undefined;
}) {
  const { def, name } = p;
  const required = p.required ?? def.required;
  if (def.kind === 'bool') return <Checkbox name={name} label={p.label} checked={p.values[name] === 'on'} />;
  const common = {
    name,
    label: p.label,
    value: p.values[name],
    errors: p.errors,
    ...(def.hint ? { hint: def.hint } : {}),
    ...(required ? { required: true, nativeRequired: true } : {}),
  };
  if (def.kind === 'qpv' && !p.qpvOptions?.length) {
    // No list imported yet (an admin's task): the code as text, and we say so.
    return (
      <Field
        {...common}
        hint={`${def.hint ?? ''}. La liste des quartiers n’est pas encore disponible ici : indiquez le code du quartier (par exemple QN06201M).`}
      />
    );
  }
  if (def.kind === 'select' || def.kind === 'commune' || def.kind === 'qpv') {
    return (
      <SelectField
        {...common}
        options={
          def.kind === 'commune'
            ? communeOptions()
            : def.kind === 'qpv'
              ? (p.qpvOptions ?? [])
              : (def.options ?? [])
        }
        blank={def.kind === 'qpv' ? '— Hors quartier prioritaire —' : '— Choisir —'}
      />
    );
  }
  const type = def.kind === 'int' || def.kind === 'euros' ? 'text' : def.kind;
  return (
    <Field
      {...common}
      type={type}
      {...(def.kind === 'int'
        ? { inputmode: 'numeric' }
        : def.kind === 'euros'
          ? { inputmode: 'decimal' }
          : {})}
    />
  );
}

/** « Pour chaque ligne remplie : … obligatoires. », from the same definition as the asterisks. */
const rowRule = (g: GroupDef) => {
  const names = g.fields.filter((x) => x.required).map((x) => x.label);
  return names.length
    ? `Dans chaque ligne remplie, obligatoire${names.length > 1 ? 's' : ''} : ${names.join(', ')}.`
    : '';
};

/** The inputs of one step: simple fields, then each repeated block as a fieldset per row. */
export function StepFields(p: {
  step: StepDef;
  values: Record<string, string>;
  errors: FormErrors;
  rowsOf?: (g: GroupDef) => number;
  qpvOptions?: readonly (readonly [string, string])[] | undefined;
}) {
  return (
    <>
      {p.step.fields.map((def) => (
        <Input
          def={def}
          name={def.path}
          label={def.label}
          values={p.values}
          errors={p.errors}
          qpvOptions={p.qpvOptions}
        />
      ))}
      {(p.step.groups ?? []).map((g) => (
        <fieldset>
          <legend>{g.legend}</legend>
          <p class="hint">
            {g.required ? 'Au moins une ligne. ' : ''}
            {rowRule(g)} Laissez vides les lignes inutiles.
          </p>
          {Array.from({ length: p.rowsOf?.(g) ?? g.rows }, (_, i) => (
            <fieldset class="row" id={`ligne-${g.path}-${i}`}>
              <legend>
                {g.rowLabel} {i + 1}
              </legend>
              {g.fields.map((def) => (
                <Input
                  def={def}
                  name={`${g.path}.${i}.${def.path}`}
                  label={def.label}
                  values={p.values}
                  errors={p.errors}
                  required={Boolean(def.required && g.required && i === 0)}
                />
              ))}
            </fieldset>
          ))}
          <button type="submit" name="ajouter" value={g.path} class="secondary small">
            Ajouter une ligne<span class="sr-only"> : {g.legend}</span>
          </button>
        </fieldset>
      ))}
    </>
  );
}

/** What the applicant declared, step by step, with a link to change each step. */
export function ApplicationSummary(p: {
  steps: readonly StepDef[];
  values: (step: StepDef) => Record<string, string>;
  editHref?: (i: number) => string;
}) {
  return (
    <>
      {p.steps.map((step, i) => {
        const values = p.values(step);
        const shown = labelledFields(step).filter((x) => values[x.name]);
        return (
          <section class="summary">
            <h3>
              {step.title}
              {p.editHref ? (
                <>
                  {' '}
                  <a href={p.editHref(i)} class="small">
                    Modifier<span class="sr-only"> : {step.title}</span>
                  </a>
                </>
              ) : (
                ''
              )}
            </h3>
            {shown.length === 0 ? (
              <p>Rien de renseigné.</p>
            ) : (
              <dl>
                {shown.map((x) => (
                  <>
                    <dt>{x.label}</dt>
                    <dd>{readable(x.def, values[x.name] ?? '')}</dd>
                  </>
                ))}
              </dl>
            )}
          </section>
        );
      })}
    </>
  );
}

function readable(def: FieldDef, v: string): string {
  if (def.kind === 'bool') return v === 'on' ? 'Oui' : 'Non';
  if (def.kind === 'euros') {
    const cents = parseEuros(v);
    return typeof cents === 'number' ? euros(cents) : v;
  }
  if (def.kind === 'date') return frDate(v);
  if (def.kind === 'commune') return communeOptions().find(([i]) => i === v)?.[1] ?? v;
  if (def.kind === 'select') return def.options?.find(([k]) => k === v)?.[1] ?? v;
  return v;
}

export interface TimelineItem {
  at: string;
  /** What happened, in the reader's wording (see the timeline views in @aides/services). */
  title: string;
  /** French label of the state reached. */
  label: string;
  action?: string;
  why?: string;
  detail?: string;
  /** Staff: the person; applicant: « Vous » or a public service. */
  actorName?: string;
  by?: string;
}

/** Filing → instruction → Bureau session → payment, oldest first. */
export function Timeline(p: { items: readonly TimelineItem[]; staff?: boolean }) {
  return (
    <ol class="timeline">
      {p.items.map((t) => (
        <li>
          <strong>{t.title}</strong> — <span class="status">{t.label}</span>
          <br />
          <small>
            {frDateTime(t.at)}
            {p.staff && t.actorName ? ` · ${t.actorName}` : t.by ? ` · ${t.by}` : ''}
          </small>
          {t.why ? <p class="why">{t.why}</p> : ''}
          {t.detail && t.action !== 'create' && !t.action?.startsWith('pay') ? (
            <p class="detail">{formatDatesIn(t.detail)}</p>
          ) : (
            ''
          )}
        </li>
      ))}
    </ol>
  );
}
