/**
 * Local and test provisioning only (the CDK stateful stack makes the bucket on AWS). Kept out of
 * `operations.ts` so that no Lambda bundle carries CreateBucket or PutBucketCors: the functions'
 * IAM grants are derived from the operations their code can call (infra/test/grants.test.ts).
 */
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand } from '@aws-sdk/client-s3';
import type { Store } from '../clients.ts';
import { s3Client } from './operations.ts';

export async function ensureBucket(store: Store, webOrigin: string): Promise<void> {
  const s3 = s3Client(store);
  const Bucket = store.config.bucketName;
  const exists = await s3.send(new HeadBucketCommand({ Bucket })).then(
    () => true,
    () => false,
  );
  if (!exists) await s3.send(new CreateBucketCommand({ Bucket }));
  await s3.send(
    new PutBucketCorsCommand({
      Bucket,
      CORSConfiguration: {
        CORSRules: [{ AllowedOrigins: [webOrigin], AllowedMethods: ['POST', 'GET'], AllowedHeaders: ['*'] }],
      },
    }),
  );
}
