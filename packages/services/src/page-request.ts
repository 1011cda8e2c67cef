/**
 * The header with which the web function's API calls carry the page request they were made for
 * (its API Gateway request id): the API logs it beside its own correlation id, so that an
 * operator can follow a page into the API. A log field only: a client may send anything there
 * and nothing else reads it.
 */
export const PAGE_REQUEST_HEADER = 'x-aides-page-request';

/** The value as logged, or undefined when it is not an id's shape. */
export const pageRequestIdOf = (value: string | undefined): string | undefined =>
  value && /^[\w-]{1,100}$/.test(value) ? value : undefined;
