import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { Effect, ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import {
  GLOBAL_SECONDARY_INDEXES,
  STREAM_VIEW_TYPE,
  TABLE_KEYS,
  TTL_ATTRIBUTE,
} from '../../packages/store/src/table-definition.ts';
import { NAG } from './nag-suppressions.ts';

export interface StatefulStackProps extends StackProps {
  /**
   * Origin of the web pages (`https://aides.example.fr`), allowed by the bucket's CORS rule so
   * the browser can POST attachments to S3 with a presigned POST. Without it, no CORS rule.
   */
  readonly webOrigin?: string | undefined;
}

/**
 * What must survive a redeploy: the table, the attachments bucket and their KMS key. Everything
 * is retained on stack deletion; the table also has deletion protection.
 */
export class StatefulStack extends Stack {
  readonly key: Key;
  readonly table: Table;
  readonly bucket: Bucket;
  /**
   * Export name of the bucket ARN. The stateless stack builds its object-level grant from it so
   * that the cdk-nag IAM5 acknowledgement names a stable resource (`<export>/*`).
   */
  readonly bucketArnExportName: string;

  constructor(scope: Construct, id: string, props: StatefulStackProps = {}) {
    super(scope, id, props);

    this.key = new Key(this, 'DataKey', {
      description: 'Chiffrement de la table des dossiers et des pièces jointes',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Table (not TableV2): a customer-managed key on a TableV2 needs a concrete region, and
    // the stacks stay environment-agnostic so that synth needs no credentials.
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // The outbox's stream (e-mail notifications): new images, as STREAM_VIEW_TYPE says locally.
      stream: StreamViewType[STREAM_VIEW_TYPE],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of GLOBAL_SECONDARY_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    // S3 server access logging cannot deliver to an SSE-KMS bucket: SSE-S3 here.
    const logsBucket = new Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }],
          expiration: Duration.days(400),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
    Validations.of(logsBucket).acknowledge(NAG.logsBucketNoAccessLogs);

    if (!props.webOrigin) {
      Validations.of(this).addWarning(
        'aides:webOrigin',
        'No webOrigin context: the attachments bucket has no CORS rule, so browser uploads by presigned POST will be refused. Deploy with -c webOrigin=https://… (the web URL).',
      );
    }

    this.bucket = new Bucket(this, 'AttachmentsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 'attachments/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'noncurrent-and-incomplete',
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          // Exports hold beneficiaries' data and are fetched through a link valid minutes: a day is plenty.
          id: 'exports-one-day',
          prefix: 'exports/',
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      cors: props.webOrigin
        ? [
            {
              allowedMethods: [HttpMethods.POST],
              allowedOrigins: [props.webOrigin],
              allowedHeaders: ['*'],
              exposedHeaders: ['ETag', 'Location'],
              maxAge: 3000,
            },
          ]
        : undefined,
    });

    this.addMalwareProtection();
    this.addBackups();

    this.bucketArnExportName = `${this.stackName}-AttachmentsBucketArn`;
    new CfnOutput(this, 'AttachmentsBucketArn', {
      value: this.bucket.bucketArn,
      exportName: this.bucketArnExportName,
    });
  }

  /**
   * AWS Backup of the table and the attachments bucket, in a vault with its own KMS key: daily
   * kept 35 days, monthly kept 10 years (PITR alone covers 35 days). Restore: infra/README.md.
   */
  private addBackups() {
    const vaultKey = new Key(this, 'BackupVaultKey', {
      description: 'Chiffrement du coffre de sauvegardes',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const vault = new BackupVault(this, 'BackupVault', {
      encryptionKey: vaultKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = new BackupPlan(this, 'BackupPlan', {
      backupVault: vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'daily-35-days',
          scheduleExpression: Schedule.cron({ hour: '2', minute: '0' }),
          deleteAfter: Duration.days(35),
        }),
        new BackupPlanRule({
          ruleName: 'monthly-10-years',
          scheduleExpression: Schedule.cron({ day: '1', hour: '3', minute: '0' }),
          deleteAfter: Duration.days(3650),
        }),
      ],
    });
    // The AWS-managed policies that AWS Backup documents for DynamoDB and S3, backup and restore.
    const role = new Role(this, 'BackupRole', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup : table et pièces jointes',
      managedPolicies: [
        'service-role/AWSBackupServiceRolePolicyForBackup',
        'service-role/AWSBackupServiceRolePolicyForRestores',
        'AWSBackupServiceRolePolicyForS3Backup',
        'AWSBackupServiceRolePolicyForS3Restore',
      ].map((name) => ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    Validations.of(role).acknowledge(
      ...[
        'service-role/AWSBackupServiceRolePolicyForBackup',
        'service-role/AWSBackupServiceRolePolicyForRestores',
        'AWSBackupServiceRolePolicyForS3Backup',
        'AWSBackupServiceRolePolicyForS3Restore',
      ].map((name) => ({
        ...NAG.backupManagedPolicies,
        id: `${NAG.backupManagedPolicies.id}[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
      })),
    );
    plan.addSelection('TableAndBucket', {
      role,
      resources: [
        BackupResource.fromDynamoDbTable(this.table),
        BackupResource.fromArn(this.bucket.bucketArn),
      ],
    });
  }

  /**
   * GuardDuty Malware Protection for S3 scans each new attachment and tags it with
   * `GuardDutyMalwareScanStatus`; the services refuse downloads until the tag says clean
   * (MALWARE_SCANNER=guardduty in the functions). The role is the one GuardDuty documents for it.
   */
  private addMalwareProtection() {
    const { account, region } = Stack.of(this);
    const role = new Role(this, 'MalwareProtectionRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
      description: 'GuardDuty Malware Protection for the attachments bucket',
    });
    const ruleArn = `arn:aws:events:${region}:${account}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*`;
    role.addToPolicy(
      new PolicyStatement({
        actions: [
          'events:PutRule',
          'events:DeleteRule',
          'events:PutTargets',
          'events:RemoveTargets',
          'events:DescribeRule',
          'events:ListTargetsByRule',
        ],
        resources: [ruleArn],
        conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutBucketNotification', 's3:GetBucketNotification', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:PutObjectTagging',
          's3:GetObjectTagging',
          's3:PutObjectVersionTagging',
          's3:GetObjectVersionTagging',
        ],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('malware-protection-resource-validation-object')],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringLike: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
      }),
    );
    for (const resource of [
      ruleArn,
      `<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`,
    ]) {
      const evidence = resource.replace(region, '<AWS::Region>').replace(account, '<AWS::AccountId>');
      Validations.of(role).acknowledge({
        ...NAG.malwareProtectionRole,
        id: `${NAG.malwareProtectionRole.id}[Resource::${evidence}]`,
      });
    }
    new CfnMalwareProtectionPlan(this, 'AttachmentsMalwareProtection', {
      role: role.roleArn,
      protectedResource: { s3Bucket: { bucketName: this.bucket.bucketName, objectPrefixes: ['dossiers/'] } },
      actions: { tagging: { status: 'ENABLED' } },
    });
  }
}
