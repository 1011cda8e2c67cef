import { secureHeaders } from 'hono/secure-headers';

/**
 * Content-Security-Policy of every page: scripts and styles only from the app itself (the
 * script is served at /static/app.js, nothing inline), and the browser may talk to S3 for the
 * presigned uploads and follow the export form's redirect to a presigned download.
 */
export function s3Origin(s3Endpoint: string | undefined): string {
  if (s3Endpoint) {
    try {
      return new URL(s3Endpoint).origin;
    } catch {
      // An unreadable endpoint fails elsewhere; fall back to AWS's.
    }
  }
  return 'https://*.amazonaws.com';
}

export function contentSecurityPolicy(s3Endpoint: string | undefined) {
  const s3 = s3Origin(s3Endpoint);
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", s3],
    formAction: ["'self'", s3],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    objectSrc: ["'none'"],
  };
}

/**
 * The security headers of every response, the web app's and the sign-in routes' mounted beside
 * it (the dev login locally, Cognito's redirects on AWS): both entries apply this one middleware.
 */
export const securityHeaders = (s3Endpoint: string | undefined) =>
  secureHeaders({
    contentSecurityPolicy: contentSecurityPolicy(s3Endpoint),
    // same-origin, not hono's no-referrer: with no-referrer, browsers send `Origin: null` on
    // same-origin form posts, which the CSRF check (lib/same-origin.tsx) must refuse.
    referrerPolicy: 'same-origin',
  });
