/**
 * Every Lambda function of the app and exactly what it may do: the only place where permissions
 * are decided. `infra/test/grants.test.ts` bundles each function as the CDK does, reads which
 * DynamoDB, S3 and Cognito operations its code calls, maps them with `IAM_ACTIONS` and requires
 * the result to equal the lists below (no grant unused, none missing). No Scan, no wildcard.
 */
import { type Area, areasInUse, handlerEntry } from '../../functions/src/routes.ts';

export const WEB_ENTRY = 'web/src/lambda.ts';
export const RETENTION_ENTRY = 'functions/src/retention/handler.ts';
/** S3 actions on the bucket itself (the others are on its objects). */
export const BUCKET_LEVEL_S3 = ['s3:ListBucket', 's3:ListBucketVersions'];

export type FunctionName =
  | Area
  | 'web'
  | 'post-confirmation'
  | 'staff-mfa'
  // E-mail notifications (issue 13 §2): the stream's notifier, SES's bounce events, the daily reminders.
  | 'notifier'
  | 'mail-events'
  | 'reminders'
  // Personal data (issue 20): the retention job.
  | 'retention';

export interface FunctionAccess {
  readonly entry: string;
  /** IAM actions on the table (and its indexes when more than DescribeTable). */
  readonly dynamodb: readonly string[];
  /** IAM actions on the attachments bucket (ListBucket) and its objects (the others). */
  readonly s3: readonly string[];
  /** IAM actions on the user pool (the Cognito triggers). */
  readonly cognito: readonly string[];
  /** IAM actions on the SES sending identity and its configuration set (the notifier). */
  readonly ses: readonly string[];
  /** Object keys the S3 object actions are limited to (IAM patterns); the whole bucket when absent. */
  readonly s3Keys?: readonly string[];
}

const READ = ['dynamodb:GetItem', 'dynamodb:Query'];
const WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];
const fn = (entry: string, o: Partial<Omit<FunctionAccess, 'entry'>>): FunctionAccess => ({
  entry,
  dynamodb: [...(o.dynamodb ?? [])].sort(),
  s3: [...(o.s3 ?? [])].sort(),
  cognito: [...(o.cognito ?? [])].sort(),
  ses: [...(o.ses ?? [])].sort(),
  ...(o.s3Keys ? { s3Keys: [...o.s3Keys] } : {}),
});
const area = (a: Area, o: Partial<Omit<FunctionAccess, 'entry'>>) => fn(handlerEntry(a), o);

/** Served by version (the bucket is versioned), their tags read by version. */
const SERVE = ['s3:GetObject', 's3:GetObjectVersion'];
const TAGS = ['s3:GetObjectTagging', 's3:GetObjectVersionTagging'];

export const FUNCTIONS: Record<FunctionName, FunctionAccess> = {
  system: area('system', { dynamodb: ['dynamodb:DescribeTable'], s3: ['s3:ListBucket'] }),
  applications: area('applications', { dynamodb: [...READ, ...WRITE] }),
  attachments: area('attachments', {
    dynamodb: [...READ, ...WRITE],
    s3: [...SERVE, ...TAGS, 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'],
  }),
  instruction: area('instruction', { dynamodb: [...READ, ...WRITE] }),
  bureau: area('bureau', { dynamodb: [...READ, ...WRITE] }),
  finance: area('finance', { dynamodb: [...READ, ...WRITE] }),
  // Exports are streamed to the bucket (multipart) and handed out as presigned links.
  // Each export is written to the staff access log (issue 20): one PutItem.
  exports: area('exports', {
    dynamodb: ['dynamodb:Query', 'dynamodb:PutItem'],
    s3: [...SERVE, 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListBucket'],
  }),
  // Official documents: each is written once (conditional put) under `dossiers/*/courriers/` or
  // `seances/`, recorded with its audit event, and read back to be served (stacks: prefix-scoped).
  // The personal-data export (issue 20, made here since issue 17 §8 so that the web carries no
  // PDF renderer) reads a person's dossiers' files and letters, streams its ZIP (multipart) under
  // `exports/donnees-personnelles/` and logs the admin's export (PutItem).
  documents: area('documents', {
    dynamodb: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    s3: [...SERVE, 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListBucket'],
    // The key formats of `objectKeys.dossierLetter`, `objectKeys.sessionLetter`, the stored
    // attachments (`objectKeys.attachment`, `confirmedAttachment`) and `objectKeys.personalExport`.
    s3Keys: [
      'dossiers/*/courriers/*',
      'seances/*',
      'dossiers/*/pieces/*',
      'dossiers/*/confirmees/*',
      'exports/donnees-personnelles/*',
    ],
  }),
  reports: area('reports', { dynamodb: [...READ, 'dynamodb:BatchGetItem'] }),
  admin: area('admin', { dynamodb: [...READ, ...WRITE] }),
  // Import of earlier dossiers: presigned upload, copy to the checked key, streamed read, writes.
  imports: area('imports', {
    dynamodb: [...READ, ...WRITE, 'dynamodb:BatchGetItem'],
    s3: [...SERVE, 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListBucket'],
  }),
  // The pages read and write the table in process (infra/README.md: the web role). Everything
  // that touches the bucket (files, letters, exports, imports) goes through the API with the
  // visitor's token, so the web holds no right on the bucket.
  web: fn(WEB_ENTRY, { dynamodb: [...READ, 'dynamodb:BatchGetItem', ...WRITE] }),
  'post-confirmation': fn('functions/src/cognito/post-confirmation.ts', {
    cognito: ['cognito-idp:AdminAddUserToGroup'],
  }),
  'staff-mfa': fn('functions/src/cognito/staff-mfa.ts', { cognito: ['cognito-idp:AdminGetUser'] }),
  // The retention job (issue 20), on an EventBridge schedule: finds what is due by Query, writes
  // tombstones and elimination lists, deletes items, and deletes every object and version under a
  // purged dossier's prefixes. It reads no object.
  retention: fn(RETENTION_ENTRY, {
    dynamodb: [...READ, ...WRITE],
    s3: ['s3:ListBucket', 's3:ListBucketVersions', 's3:DeleteObject', 's3:DeleteObjectVersion'],
  }),
  // E-mail notifications (issue 13 §2). The notifier's stream reads are the event source
  // mapping's (a policy of their own, infra/src/notifications.ts), not its code's.
  notifier: fn('functions/src/notifier/handler.ts', {
    dynamodb: ['dynamodb:GetItem', ...WRITE],
    ses: ['ses:SendEmail'],
  }),
  'mail-events': fn('functions/src/notifier/mail-events.ts', { dynamodb: ['dynamodb:PutItem'] }),
  reminders: fn('functions/src/notifier/reminders.ts', { dynamodb: [...READ, ...WRITE] }),
};

/** The API's functions, one per area of the route table. */
export const apiFunctions = (): Area[] => areasInUse();

/**
 * What each SDK call needs in IAM. HeadObject and GetObject also need ListBucket so that a
 * missing object answers 404, not 403. A transaction needs the item action of each of its parts.
 */
export const IAM_ACTIONS: Record<string, readonly string[]> = {
  // DynamoDB (document client names and low-level names alike)
  GetItem: ['dynamodb:GetItem'],
  Get: ['dynamodb:GetItem'],
  Query: ['dynamodb:Query'],
  BatchGet: ['dynamodb:BatchGetItem'],
  BatchGetItem: ['dynamodb:BatchGetItem'],
  Put: ['dynamodb:PutItem'],
  PutItem: ['dynamodb:PutItem'],
  Update: ['dynamodb:UpdateItem'],
  UpdateItem: ['dynamodb:UpdateItem'],
  Delete: ['dynamodb:DeleteItem'],
  DeleteItem: ['dynamodb:DeleteItem'],
  BatchWrite: ['dynamodb:BatchWriteItem'],
  Scan: ['dynamodb:Scan'],
  DescribeTable: ['dynamodb:DescribeTable'],
  CreateTable: ['dynamodb:CreateTable'],
  'TransactWrite:Put': ['dynamodb:PutItem'],
  'TransactWrite:Update': ['dynamodb:UpdateItem'],
  'TransactWrite:Delete': ['dynamodb:DeleteItem'],
  'TransactWrite:ConditionCheck': ['dynamodb:ConditionCheckItem'],
  // S3
  GetObject: [...SERVE, 's3:ListBucket'],
  HeadObject: [...SERVE, 's3:ListBucket'],
  GetObjectTagging: TAGS,
  PutObject: ['s3:PutObject'],
  CopyObject: [...SERVE, 's3:PutObject'],
  DeleteObject: ['s3:DeleteObject'],
  /** A DeleteObject that names a version (sdk-calls.ts tells them apart): removes the bytes for good. */
  DeleteObjectVersion: ['s3:DeleteObjectVersion'],
  ListObjectsV2: ['s3:ListBucket'],
  ListObjectVersions: ['s3:ListBucketVersions'],
  HeadBucket: ['s3:ListBucket'],
  CreateBucket: ['s3:CreateBucket'],
  PutBucketCors: ['s3:PutBucketCORS'],
  /** lib-storage's multipart upload: parts are PutObject; a failed one is aborted. */
  Upload: ['s3:PutObject', 's3:AbortMultipartUpload'],
  /** The browser POSTs with a policy signed by the function's credentials. */
  createPresignedPost: ['s3:PutObject'],
  // Cognito
  AdminAddUserToGroup: ['cognito-idp:AdminAddUserToGroup'],
  AdminGetUser: ['cognito-idp:AdminGetUser'],
  // SES v2
  SendEmail: ['ses:SendEmail'],
};
