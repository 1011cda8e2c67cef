import { AGGLOMERATION_COMMUNES } from './communes-data.ts';
import { POSTAL_CODES_BY_INSEE } from './postal-codes-data.ts';

export { POSTAL_CODES_SOURCE } from './postal-codes-data.ts';

/** Postal codes of a member commune (official data); undefined for a commune outside the agglomeration. */
export const postalCodesOf = (insee: string): readonly string[] | undefined => POSTAL_CODES_BY_INSEE[insee];

/**
 * The French message when a postal code does not belong to the member commune chosen, or
 * undefined when it does (or when the commune is not a member: the eligibility says so).
 */
export function postalCodeMismatch(
  postalCode: string,
  insee: string,
  communeName?: string,
): string | undefined {
  const codes = postalCodesOf(insee);
  if (!codes || codes.includes(postalCode)) return undefined;
  const name = AGGLOMERATION_COMMUNES.find((c) => c.insee === insee)?.name ?? communeName ?? insee;
  const list = codes.length === 1 ? `est ${codes[0]}` : `est l’un de ${codes.join(', ')}`;
  return `Le code postal ${postalCode} ne correspond pas à ${name} : son code postal ${list}.`;
}
