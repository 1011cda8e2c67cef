/**
 * Ties a response schema to the view type the code answers with, for response-schemas.ts and
 * admin-response-schemas.ts: a view that gains a field the schema lacks, or loses one it requires,
 * stops compiling where the schema is declared.
 */
import type * as z from 'zod';

type Fields<T> = T extends readonly (infer E)[] ? keyof E : keyof T;
/** The view's fields the schema does not name (top level). */
type Undescribed<View, S extends z.ZodType> = Exclude<Fields<View>, Fields<z.input<S>>> & string;

export const describes =
  <View>() =>
  <S extends z.ZodType>(
    schema: S,
    ..._check: [View] extends [z.input<S>]
      ? [Undescribed<View, S>] extends [never]
        ? []
        : [`champ de la vue absent du schéma : ${Undescribed<View, S>}`]
      : ['ce schéma ne décrit pas la vue que le code renvoie']
  ) =>
    schema;
