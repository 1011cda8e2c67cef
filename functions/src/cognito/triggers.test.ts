import { createRequire } from 'node:module';
import { callerFromClaims } from '@aides/services/caller';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CognitoLocal, lambdaContext, startCognitoLocal } from '../../../test/support/cognito-local.ts';

const totp = createRequire(import.meta.url)('cognito-local/lib/services/totp.js') as {
  generate(secret: string): string;
};

let cognito: CognitoLocal;
let client: CognitoIdentityProviderClient;
let userPoolId: string;
let clientId: string;
const PASSWORD = 'Motdepasse-solide-1';

beforeAll(async () => {
  // The trigger's own client (module scope, as on AWS) reads the endpoint from the environment:
  // the module is imported at its first invocation, once the variables below are set.
  cognito = await startCognitoLocal({
    PostConfirmation: async (event, context) => {
      const { handler } = await import('./post-confirmation.ts');
      return handler(event as never, context);
    },
  });
  vi.stubEnv('AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', cognito.endpoint);
  vi.stubEnv('AWS_REGION', 'eu-west-3');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  client = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const pool = await client.send(new CreateUserPoolCommand({ PoolName: 'aides' }));
  userPoolId = pool.UserPool?.Id as string;
  for (const group of ['applicant', 'instructor', 'bureau', 'finance', 'admin'])
    await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
  const appClient = await client.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'web' }),
  );
  clientId = appClient.UserPoolClient?.ClientId as string;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await cognito?.stop();
});

const groupsOf = async (username: string) =>
  (
    await client.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }))
  ).Groups?.map((g) => g.GroupName);

describe('self sign-up on Cognito (cognito-local)', () => {
  it('a household who signs up and confirms joins the applicant group, and only that one', async () => {
    const email = 'menage@example.fr';
    const { UserSub } = await client.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: email,
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    // An e-mail alias pool: the username is the sub, as on AWS.
    const username = UserSub as string;
    expect(await groupsOf(username)).toEqual([]);
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: email }));
    expect(await groupsOf(username), cognito.output()).toEqual(['applicant']);
  });

  it('a caller whose token has no group has no role (and so no route but the public ones)', () => {
    expect(callerFromClaims({ sub: 'nouveau', email: 'a@example.fr' })?.roles).toEqual([]);
    expect(callerFromClaims({ sub: 'nouveau', 'cognito:groups': [] })?.roles).toEqual([]);
  });
});

describe('staff roles need TOTP MFA (PreTokenGeneration)', () => {
  const tokenEvent = (username: string, groups: string[]) =>
    ({
      version: '1',
      triggerSource: 'TokenGeneration_HostedAuth',
      region: 'eu-west-3',
      userPoolId,
      userName: username,
      callerContext: { awsSdkVersion: 'x', clientId },
      request: {
        userAttributes: { sub: username },
        groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [] },
      },
      response: { claimsOverrideDetails: null },
    }) as unknown as PreTokenGenerationTriggerEvent;

  const createStaff = async (email: string) => {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        UserAttributes: [{ Name: 'email', Value: email }],
        MessageAction: 'SUPPRESS',
      }),
    );
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: email,
        Password: PASSWORD,
        Permanent: true,
      }),
    );
  };

  it('withholds the staff groups from the token of someone without TOTP, keeps the others', async () => {
    await createStaff('instructrice@example.fr');
    const { handler } = await import('./staff-mfa.ts');
    const out = await handler(
      tokenEvent('instructrice@example.fr', ['instructor', 'applicant']),
      lambdaContext('mfa'),
    );
    expect(out.response.claimsOverrideDetails?.groupOverrideDetails?.groupsToOverride).toEqual(['applicant']);
  });

  it('keeps the staff groups once TOTP is enrolled and verified', async () => {
    const email = 'finances@example.fr';
    await createStaff(email);
    const auth = await client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD },
      }),
    );
    const AccessToken = auth.AuthenticationResult?.AccessToken as string;
    const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    await client.send(
      new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp.generate(SecretCode as string) }),
    );
    await client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const { handler } = await import('./staff-mfa.ts');
    const out = await handler(tokenEvent(email, ['finance']), lambdaContext('mfa'));
    expect(out.response.claimsOverrideDetails?.groupOverrideDetails).toBeUndefined();
  });
});
