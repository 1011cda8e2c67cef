/**
 * Every key format of the table, and nothing else builds keys. Items carry `type` so a reader of
 * the table can tell entities apart.
 */
export const keys = {
  userProfile: (sub: string) => ({ pk: `USER#${sub}`, sk: 'PROFILE' }),
} as const;
