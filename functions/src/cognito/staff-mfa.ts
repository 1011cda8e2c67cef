/**
 * Cognito PreTokenGeneration trigger: the staff roles (instructor, bureau, finance, admin) only go
 * into a token if the person has TOTP MFA enabled. The pool's MFA is optional because applicants
 * are the public; a person who has enabled TOTP must give a code at every sign-in (Cognito's
 * rule for optional MFA), so "TOTP enabled" means "this sign-in passed MFA". Without it, the staff
 * groups are removed from the token: the person signs in as an applicant (if they are one) or
 * with no role, and the pages tell them to enrol an authenticator app.
 */
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import middy from '@middy/core';
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { countMetric, logger, observability } from '../observability/powertools.ts';

export const STAFF_GROUPS: readonly string[] = ['instructor', 'bureau', 'finance', 'admin'];

export function makeStaffMfaCheck(client: Pick<CognitoIdentityProviderClient, 'send'>) {
  return async (event: PreTokenGenerationTriggerEvent): Promise<PreTokenGenerationTriggerEvent> => {
    const groups = event.request.groupConfiguration.groupsToOverride ?? [];
    if (!groups.some((g) => STAFF_GROUPS.includes(g))) return event;
    const user = await client.send(
      new AdminGetUserCommand({ UserPoolId: event.userPoolId, Username: event.userName }),
    );
    if (user.UserMFASettingList?.includes('SOFTWARE_TOKEN_MFA')) return event;
    const kept = groups.filter((g) => !STAFF_GROUPS.includes(g));
    logger.warn('Rôles du personnel retirés du jeton : MFA TOTP non activée', {
      sub: event.request.userAttributes.sub,
      removed: groups.filter((g) => STAFF_GROUPS.includes(g)),
    });
    countMetric('StaffRolesWithheldNoMfa');
    event.response.claimsOverrideDetails = {
      ...event.response.claimsOverrideDetails,
      groupOverrideDetails: { groupsToOverride: kept, iamRolesToOverride: [] },
    };
    return event;
  };
}

export const handler = middy(makeStaffMfaCheck(new CognitoIdentityProviderClient({}))).use(observability());
