/**
 * How the web function reaches the HTTP API for what it does not render itself: the official PDF
 * documents (letters, deliberation extract) are made by the `documents` function, so pdfmake is
 * not in the web bundle. The call
 * carries the visitor's own session token, and the API checks it like any other request.
 */
export type ApiFetch = (path: string, token: string) => Promise<Response>;

/** On AWS: the same HTTP API that serves the pages (`origin` is the site's address). */
export const apiOverHttp =
  (origin: string): ApiFetch =>
  (path, token) =>
    fetch(new URL(path, origin), { headers: { authorization: `Bearer ${token}` } });
