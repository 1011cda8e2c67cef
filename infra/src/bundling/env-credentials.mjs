// Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles
// (infra/src/lambda-bundling.ts). Its default chain tries the environment first, then SSO, shared
// ini files, processes, web identity and the container/instance metadata services, which pull in
// @aws-sdk/nested-clients and eight providers (about 90 KB per function). On Lambda the runtime
// puts the execution role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN (« Defined runtime environment variables »,
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
// so the environment is the only link ever used there. (SnapStart, which serves credentials
// otherwise, does not exist for Node.js functions.) infra/test/bundles.test.ts checks that a
// bundled client signs with those variables.
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** The client's `credentialDefaultProvider`: the environment's credentials, read on each call. */
export const defaultProvider = (init = {}) => fromEnv(init);

// The same helpers as @aws-sdk/credential-provider-node's (credentials that expire within 5 min).
export const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300000;
