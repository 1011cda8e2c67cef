import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './clients.ts';
import { keys } from './keys.ts';

export interface UserProfile {
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  readonly groups: readonly string[];
}

/** Upserts a person's profile (demo personas locally; Cognito users on first sign-in). */
export async function putUserProfile(store: Store, profile: UserProfile): Promise<void> {
  await store.ddb.send(
    new PutCommand({
      TableName: store.config.tableName,
      Item: { ...keys.userProfile(profile.sub), type: 'user', ...profile, groups: [...profile.groups] },
    }),
  );
}
