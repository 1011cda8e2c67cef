/**
 * Cognito PostConfirmation trigger: a household who confirms its own sign-up joins the
 * `applicant` group, and nothing else. Staff accounts are created by an administrator, who puts
 * them in their groups; they never pass here as a self sign-up.
 */
import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import middy from '@middy/core';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { logger, observability } from '../observability/powertools.ts';

export const SELF_SIGN_UP_GROUP = 'applicant';

export function makePostConfirmation(client: Pick<CognitoIdentityProviderClient, 'send'>) {
  return async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
    // A confirmed password reset passes here too (PostConfirmation_ConfirmForgotPassword): no change.
    if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;
    await client.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: event.userPoolId,
        Username: event.userName,
        GroupName: SELF_SIGN_UP_GROUP,
      }),
    );
    logger.info('Inscription confirmée : groupe applicant', { sub: event.request.userAttributes.sub });
    return event;
  };
}

export const handler = middy(makePostConfirmation(new CognitoIdentityProviderClient({}))).use(
  observability(),
);
