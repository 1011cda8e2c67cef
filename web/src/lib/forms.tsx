import type { Child } from 'hono/jsx';
import type { FormErrors } from './http.ts';

const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * The id of a field's input (for radio groups: of the first radio), which the error summary
 * links to. Several forms on one page tell their fields apart with a prefix.
 */
export const fieldId = (name: string, idPrefix = '') => idOf(idPrefix + name);

interface FieldProps {
  nativeRequired?: boolean | undefined;
  name: string;
  idPrefix?: string;
  label: string;
  value?: string | undefined;
  errors: FormErrors;
  type?: string;
  hint?: string | undefined;
  required?: boolean;
  inputmode?: 'numeric' | 'decimal' | 'text' | 'tel' | 'email';
  autocomplete?: string;
}

interface FrameProps {
  /** The `required` attribute itself (in a form marked `novalidate`, so the server still answers). */
  nativeRequired?: boolean | undefined;
  name: string;
  idPrefix?: string | undefined;
  label: string;
  errors: FormErrors;
  hint?: string | undefined;
  required?: boolean | undefined;
}

/** `required` (which screen readers announce too) where asked, else `aria-required`. */
const requiredAttributes = (p: { required?: boolean | undefined; nativeRequired?: boolean | undefined }) =>
  p.required ? (p.nativeRequired ? { required: true } : { 'aria-required': 'true' }) : {};

/** The attributes that tie a control to its hint and error. */
type ControlAttributes = Record<string, string>;

/**
 * Label, hint and error around one control; the control gets the ids and aria attributes that
 * tie them together (aria-describedby, aria-invalid, aria-required).
 */
function FieldFrame(p: FrameProps & { control: (id: string, attributes: ControlAttributes) => Child }) {
  const id = idOf((p.idPrefix ?? '') + p.name);
  const error = p.errors.fields[p.name];
  const described = [p.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const attributes: ControlAttributes = {
    ...(described ? { 'aria-describedby': described } : {}),
    ...(error ? { 'aria-invalid': 'true' } : {}),
  };
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : ''}
      </label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : (
        ''
      )}
      {p.control(id, attributes)}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

/** A labelled input with its hint and error beside it. */
export function Field(p: FieldProps) {
  return (
    <FieldFrame
      {...p}
      control={(id, attributes) => (
        <input
          id={id}
          name={p.name}
          type={p.type ?? 'text'}
          value={p.value ?? ''}
          {...(p.inputmode ? { inputmode: p.inputmode } : {})}
          {...(p.autocomplete ? { autocomplete: p.autocomplete } : {})}
          {...requiredAttributes(p)}
          {...attributes}
        />
      )}
    />
  );
}

/** A file to send with the form (`enctype="multipart/form-data"`), with its label, hint and error. */
export function FileField(p: FrameProps & { accept: string }) {
  return (
    <FieldFrame
      {...p}
      control={(id, attributes) => (
        <input
          id={id}
          name={p.name}
          type="file"
          accept={p.accept}
          {...requiredAttributes(p)}
          {...attributes}
        />
      )}
    />
  );
}

export function SelectField(
  p: FrameProps & {
    value?: string | undefined;
    options: readonly (readonly [string, string])[];
    blank?: string;
  },
) {
  return (
    <FieldFrame
      {...p}
      control={(id, attributes) => (
        <select id={id} name={p.name} {...requiredAttributes(p)} {...attributes}>
          {p.blank !== undefined ? <option value="">{p.blank}</option> : ''}
          {p.options.map(([v, l]) => (
            <option value={v} selected={v === p.value}>
              {l}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function TextArea(p: FrameProps & { value?: string }) {
  return (
    <FieldFrame
      {...p}
      control={(id, attributes) => (
        <textarea id={id} name={p.name} rows={4} {...requiredAttributes(p)} {...attributes}>
          {p.value ?? ''}
        </textarea>
      )}
    />
  );
}

/**
 * Radio buttons in a fieldset, the error beside them. The first radio carries the field's id,
 * so the error summary's link moves the focus into the group.
 */
export function RadioGroup(p: {
  name: string;
  idPrefix?: string;
  legend: Child;
  legendClass?: string;
  options: readonly (readonly [string, Child])[];
  value?: string | undefined;
  errors: FormErrors;
  block?: boolean;
}) {
  const id = idOf((p.idPrefix ?? '') + p.name);
  const error = p.errors.fields[p.name];
  return (
    <fieldset
      class={error ? 'has-error' : undefined}
      {...(error ? { 'aria-describedby': `${id}-error` } : {})}
    >
      <legend {...(p.legendClass ? { class: p.legendClass } : {})}>{p.legend}</legend>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        ''
      )}
      {p.options.map(([v, label], i) => {
        const rid = i === 0 ? id : `${id}-${v.replace(/[^A-Za-z0-9_-]/g, '-')}`;
        const input = (
          <>
            <input
              type="radio"
              id={rid}
              name={p.name}
              value={v}
              checked={v === p.value}
              {...(error ? { 'aria-invalid': 'true' } : {})}
            />
            <label for={rid}>{label}</label>
          </>
        );
        return p.block ? <div class="radio">{input}</div> : <span class="radio">{input}</span>;
      })}
    </fieldset>
  );
}

export function Checkbox(p: { name: string; label: string; checked: boolean; value?: string; id?: string }) {
  const id = p.id ?? idOf(`${p.name}-${p.value ?? 'on'}`);
  return (
    <div class="check">
      <input type="checkbox" id={id} name={p.name} value={p.value ?? 'on'} checked={p.checked} />
      <label for={id}>{p.label}</label>
    </div>
  );
}

/** One more line of an error summary: a link to the item at fault. */
export interface SummaryLink {
  readonly href: string;
  readonly text: string;
}

/**
 * The general message of a failed form, announced to screen readers and focused when the page
 * loads (autofocus, and the script for browsers that ignore it on a div), with links to the
 * fields; `anchor` links the message itself to the item it is about, `links` add lines.
 */
export function ErrorSummary(p: {
  errors: FormErrors;
  labels?: Record<string, string>;
  idPrefix?: string;
  anchor?: string | undefined;
  links?: readonly SummaryLink[];
}) {
  const names = Object.keys(p.errors.fields);
  const links = p.links ?? [];
  if (!p.errors.message && names.length === 0) return '';
  return (
    <div class="alert error-summary" role="alert" tabindex={-1} autofocus>
      <h2>Le formulaire n’a pas pu être enregistré</h2>
      {p.errors.message ? (
        <p>{p.anchor ? <a href={`#${p.anchor}`}>{p.errors.message}</a> : p.errors.message}</p>
      ) : (
        ''
      )}
      {names.length || links.length ? (
        <ul>
          {names.map((n) => (
            <li>
              <a href={`#${idOf((p.idPrefix ?? '') + n)}`}>
                {p.labels?.[n] ? `${p.labels[n]} : ` : ''}
                {p.errors.fields[n]}
              </a>
            </li>
          ))}
          {links.map((l) => (
            <li>
              <a href={l.href}>{l.text}</a>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </div>
  );
}

export function Notice(p: { children: Child; kind?: 'ok' | 'info' }) {
  return (
    <div class={`alert ${p.kind ?? 'ok'}`} role="status">
      {p.children}
    </div>
  );
}

/** Hidden fields every dossier form carries: the version it was built from. */
export const VersionField = (p: { version: number }) => (
  <input type="hidden" name="version" value={String(p.version)} />
);
