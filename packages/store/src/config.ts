/**
 * Where the stores are. Read once at module load of an entry point and validated, so a missing
 * variable fails fast with its name. Endpoints are set only locally (DynamoDB Local, s3rver).
 *
 * Checked by hand rather than with zod: every function reads this at cold start, and these five
 * variables alone would load zod (about 100 KB) before any request needs it; request bodies load it
 * with their use case (docs/PERFORMANCE.md, bundles).
 */
export interface StoreConfig {
  readonly tableName: string;
  readonly bucketName: string;
  readonly region: string;
  /** Local only: DynamoDB Local. */
  readonly dynamoEndpoint?: string | undefined;
  /** Local only: the embedded S3 server (path-style addressing). */
  readonly s3Endpoint?: string | undefined;
}

const name = (v: string | undefined) => v !== undefined && v.length >= 3;
const optionalUrl = (v: string | undefined) => v === undefined || URL.canParse(v);

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const invalid = [
    ['TABLE_NAME', name(env.TABLE_NAME)],
    ['BUCKET_NAME', name(env.BUCKET_NAME)],
    ['DYNAMODB_ENDPOINT', optionalUrl(env.DYNAMODB_ENDPOINT)],
    ['S3_ENDPOINT', optionalUrl(env.S3_ENDPOINT)],
  ].flatMap(([variable, ok]) => (ok ? [] : [variable]));
  if (invalid.length > 0) throw new Error(`Configuration invalide ou manquante : ${invalid.join(', ')}`);
  return {
    tableName: env.TABLE_NAME as string,
    bucketName: env.BUCKET_NAME as string,
    region: env.AWS_REGION ?? 'eu-west-3',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT,
    s3Endpoint: env.S3_ENDPOINT,
  };
}
