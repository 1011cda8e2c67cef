import * as z from 'zod';

/**
 * Where the stores are. Read once at module load of an entry point and validated, so a missing
 * variable fails fast with its name. Endpoints are set only locally (DynamoDB Local, s3rver).
 */
const envSchema = z.object({
  TABLE_NAME: z.string().min(3),
  BUCKET_NAME: z.string().min(3),
  AWS_REGION: z.string().default('eu-west-3'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  S3_ENDPOINT: z.url().optional(),
});

export interface StoreConfig {
  readonly tableName: string;
  readonly bucketName: string;
  readonly region: string;
  /** Local only: DynamoDB Local. */
  readonly dynamoEndpoint?: string | undefined;
  /** Local only: the embedded S3 server (path-style addressing). */
  readonly s3Endpoint?: string | undefined;
}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Configuration invalide ou manquante : ${names}`);
  }
  const e = parsed.data;
  return {
    tableName: e.TABLE_NAME,
    bucketName: e.BUCKET_NAME,
    region: e.AWS_REGION,
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    s3Endpoint: e.S3_ENDPOINT,
  };
}
