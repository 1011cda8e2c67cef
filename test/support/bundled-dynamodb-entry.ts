/**
 * An entry point for infra/test/bundles.test.ts: the DynamoDB client bundled with the deployed
 * options (credentials from the environment only), making one call to `DYNAMODB_ENDPOINT`.
 */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export const handler = async () => {
  const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, maxAttempts: 1 });
  try {
    const out = await client.send(new ListTablesCommand({}));
    return { ok: true, tables: out.TableNames ?? [] };
  } catch (e) {
    return { ok: false, error: `${(e as Error).name}: ${(e as Error).message}` };
  }
};
