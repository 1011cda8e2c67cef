import { timingSafeEqual } from 'node:crypto';

/**
 * CloudFront (with its WAF) is the only way in on AWS: the distribution adds a secret header to
 * every request it forwards, and the functions refuse requests without it, so the HTTP API's own
 * execute-api address cannot be used to bypass the WAF's rules. The secret is the stacks'
 * `OriginVerifySecret` parameter (infra/README.md); it is absent locally, where nothing is checked.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** Read once at module load (empty: no edge in front, nothing to check). */
const SECRET = process.env.ORIGIN_VERIFY_SECRET ?? '';

export function cameThroughEdge(headerValue: string | undefined, secret = SECRET): boolean {
  if (secret === '') return true;
  if (headerValue === undefined) return false;
  const given = Buffer.from(headerValue);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The header that lets a request through the functions' check (empty when nothing is checked). */
export const originVerifyHeaders = (secret = SECRET): Record<string, string> =>
  secret === '' ? {} : { [ORIGIN_VERIFY_HEADER]: secret };
