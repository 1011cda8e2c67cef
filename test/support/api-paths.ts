import type { paths } from './api-types.ts';

/**
 * Types that tie a concrete call (`'POST'`, `` `/api/dossiers/${id}/submit` ``) to its operation in
 * the generated API types: a path or method the OpenAPI document does not describe, or a body
 * that does not fit its schema, fails to compile.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

type Split<S extends string> = S extends `${infer H}/${infer T}` ? [H, ...Split<T>] : [S];
type WithoutQuery<S extends string> = S extends `${infer P}?${string}` ? P : S;

/** Segment by segment: `{name}` in the template matches any one non-empty segment. */
type Matches<T extends string[], C extends string[]> = T extends [
  infer TH extends string,
  ...infer TT extends string[],
]
  ? C extends [infer CH extends string, ...infer CT extends string[]]
    ? TH extends `{${string}}`
      ? CH extends ''
        ? false
        : Matches<TT, CT>
      : CH extends TH
        ? Matches<TT, CT>
        : false
    : false
  : C extends []
    ? true
    : false;

type Verb<M extends Method> = Lowercase<M>;

/** The template path of the document that a concrete path and method call. */
export type TemplateOf<M extends Method, S extends string> = {
  [P in keyof paths & string]: Matches<Split<P>, Split<WithoutQuery<S>>> extends true
    ? [NonNullable<paths[P][Verb<M> & keyof paths[P]]>] extends [never]
      ? never
      : P
    : never;
}[keyof paths & string];

export type OperationOf<M extends Method, S extends string> = NonNullable<
  paths[TemplateOf<M, S>][Verb<M> & keyof paths[TemplateOf<M, S>]]
>;

/** The path itself when the document has it, else a message the compiler shows. */
export type KnownPath<M extends Method, S extends string> = [TemplateOf<M, S>] extends [never]
  ? `Route absente du document OpenAPI : ${M} ${S}`
  : S;

/** The JSON request body the operation takes (`undefined` when it takes none). */
export type RequestBodyOf<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : Op extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B | undefined
    : undefined;
