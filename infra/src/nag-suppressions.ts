import type { Acknowledgment } from 'aws-cdk-lib';

/**
 * Every cdk-nag acknowledgement (cdk-nag 3: `Validations.of(construct).acknowledge(...)`) of the app, with its reason, in one place. The stacks attach
 * these to the narrowest construct they concern (never to a whole stack), and infra/README.md
 * lists them for reviewers. Adding a rule here is a design decision: write why, not "not needed".
 */
export const NAG = {
  /** On the access-logs bucket only. */
  logsBucketNoAccessLogs: {
    id: 'AwsSolutions-S1',
    reason:
      'This bucket is the server access log target of the attachments bucket; logging it into itself would loop and another log bucket would only move the problem one level.',
  },
  /** On the Cognito user pool. */
  userPoolMfaOptional: {
    id: 'AwsSolutions-COG2',
    reason:
      'Applicants are members of the public filing aid requests; requiring MFA would exclude people without a smartphone. Staff MFA is enforced: the PreTokenGeneration trigger (functions/src/cognito/staff-mfa.ts) removes the staff groups (instructor, bureau, finance, admin) from the token of anyone without TOTP MFA enabled, and a person with TOTP enabled must give a code at each sign-in.',
  },
  /** On the Cognito user pool. */
  userPoolNotPlusTier: {
    id: 'AwsSolutions-COG8',
    reason:
      'The Essentials feature plan is chosen for cost: the Plus tier (threat protection) is billed per monthly active user across all applicants. Strong password policy, e-mail verification and optional TOTP MFA are in place; revisit if credential-stuffing is observed.',
  },
  /** On GuardDuty's malware-protection role. */
  malwareProtectionRole: {
    id: 'AwsSolutions-IAM5',
    reason:
      'The policy GuardDuty documents for Malware Protection for S3: it scans and tags every new object of this one bucket (objects/*), and manages only its own EventBridge rules (DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*, condition events:ManagedBy).',
  },
  /** On the public HTTP API routes (flag `public` in functions/src/routes.ts, and the web pages). */
  publicRoute: {
    id: 'AwsSolutions-APIG4',
    reason:
      'Public by design: health check, OpenAPI document and the server-rendered web pages (which handle sign-in themselves through the Cognito hosted UI). Every other route uses the Cognito JWT authorizer.',
  },
  /** On the roles of the functions that read and write objects (attachments, exports, documents, imports). */
  bucketObjects: {
    id: 'AwsSolutions-IAM5',
    reason:
      'Attachment, export and official-document object keys are generated at upload, export or issue time, so object-level S3 actions (GetObject, PutObject, DeleteObject, GetObjectTagging and their by-version forms only, no wildcard action) must apply to objects of this one bucket (the documents function: only under dossiers/*/courriers/ and seances/).',
  },
  /** On the AWS Backup role. */
  backupManagedPolicies: {
    id: 'AwsSolutions-IAM4',
    reason:
      'The AWS-managed policies AWS Backup documents for backing up and restoring DynamoDB and S3; AWS keeps them current as the services change, which a hand-copied inline policy would not.',
  },
  /** On the CloudFront distribution. */
  edgeDefaultCertificate: {
    id: 'AwsSolutions-CFR4',
    reason:
      'Until the agglomeration’s domain and its ACM certificate exist, the distribution uses the *.cloudfront.net certificate, whose minimum protocol CloudFront fixes; viewers are redirected to HTTPS and the origin is HTTPS only (TLS 1.2).',
  },
  /** On the CloudFront distribution. */
  edgeNoGeoRestriction: {
    id: 'AwsSolutions-CFR1',
    reason:
      'Households may file from abroad (family, work); WAF rate limits and managed rules protect the service instead of a geographic block.',
  },
  /** On every function role (active tracing). */
  xrayTracing: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permission, so the Lambda service grants them on * (X-Ray actions only).',
  },
  /** On the retention job's dead-letter queue (issue 20). */
  retentionDeadLetterQueue: {
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself the dead-letter queue of the retention schedule’s target: it receives the events of failed runs, watched by an alarm; a dead-letter queue of its own would hold nothing.',
  },
  /** On the notifier's dead-letter queue (e-mail notifications, issue 13 §2). */
  notifierDeadLetterQueue: {
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself the dead-letter destination (on-failure destination of the notifier’s DynamoDB stream mapping); giving it another dead-letter queue would only move the problem one level. An alarm fires on its first message.',
  },
  /** On the notifier's stream-reading policy. */
  listStreams: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'dynamodb:ListStreams supports no resource-level permission (AWS documents it on *); the other stream actions are limited to the table’s stream ARN.',
  },
} as const satisfies Record<string, Acknowledgment>;
