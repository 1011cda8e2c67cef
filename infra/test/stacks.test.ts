import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type CfnResource, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { areasInUse, routeKey, routes } from '../../functions/src/routes.ts';
import { GLOBAL_SECONDARY_INDEXES, TABLE_KEYS } from '../../packages/store/src/table-definition.ts';
import { type AidesStacks, addStacks } from '../src/app.ts';
import { LARGE_BODY_PATH_PATTERN, WAF_BODY_INSPECTED_BYTES } from '../src/edge-stack.ts';
import { FUNCTIONS, type FunctionName } from '../src/function-access.ts';

const WEB_ORIGIN = 'https://aides.example.fr';

// The feature flags of cdk.json, so the tests see what `cdk synth` sees.
const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));

// No asset bundling here (fast); `npx cdk synth` bundles for real.
const newApp = () =>
  new App({
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      webOrigin: WEB_ORIGIN,
      cognitoDomainPrefix: 'aides-test',
    },
  });

let stacks: AidesStacks;
let stateful: Template;
let stateless: Template;

beforeAll(() => {
  stacks = addStacks(newApp(), { nag: false });
  stateful = Template.fromStack(stacks.stateful);
  stateless = Template.fromStack(stacks.stateless);
});

describe('stateful stack', () => {
  it('table is on demand, with PITR, deletion protection, a customer KMS key and the GSIs of table-definition', () => {
    stateful.resourceCountIs('AWS::DynamoDB::Table', 1);
    stateful.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      }),
    });
    const table = Object.values(stateful.findResources('AWS::DynamoDB::Table'))[0]!;
    const gsis = table.Properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown }[];
    expect(gsis.map((g) => g.IndexName).sort()).toEqual(
      GLOBAL_SECONDARY_INDEXES.map((i) => i.indexName).sort(),
    );
    for (const index of GLOBAL_SECONDARY_INDEXES) {
      expect(gsis.find((g) => g.IndexName === index.indexName)?.KeySchema).toEqual([
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ]);
    }
    const attributes = table.Properties.AttributeDefinitions as { AttributeType: string }[];
    expect(attributes.every((a) => a.AttributeType === 'S')).toBe(true);
  });

  it('KMS key rotates and is retained', () => {
    stateful.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EnableKeyRotation: true }),
    });
  });

  it('attachments bucket is private, versioned, SSE-KMS, TLS-only, logged, retained, with lifecycle and CORS', () => {
    stateful.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
            }),
          ],
        },
        LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({
              Status: 'Enabled',
              NoncurrentVersionExpiration: { NoncurrentDays: 90 },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            }),
          ]),
        },
        CorsConfiguration: {
          CorsRules: [Match.objectLike({ AllowedMethods: ['POST'], AllowedOrigins: [WEB_ORIGIN] })],
        },
      }),
    });
  });

  it('every bucket denies requests without TLS and is retained', () => {
    const buckets = stateful.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(2);
    for (const bucket of Object.values(buckets)) expect(bucket.DeletionPolicy).toBe('Retain');
    const policies = Object.values(stateful.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });
});

describe('stateless stack', () => {
  it('one Node 24 arm64 function per area in use, plus the web function, two Cognito triggers and the retention job, each with its log group', () => {
    const functions = stateless.findResources('AWS::Lambda::Function');
    // + web, two Cognito triggers, the retention job, and the three of the e-mail notifications.
    expect(Object.keys(functions)).toHaveLength(areasInUse().length + 4 + 3);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
      expect(fn.Properties.Environment.Variables).toMatchObject({
        TABLE_NAME: expect.anything(),
        BUCKET_NAME: expect.anything(),
      });
    }
    stateless.resourcePropertiesCountIs(
      'AWS::Logs::LogGroup',
      { RetentionInDays: 365 },
      areasInUse().length + 5 + 3,
    );
    const webFn = stacks.stateless.functions.web!.node.defaultChild as CfnFunction;
    const webEnv =
      stateless.toJSON().Resources[stacks.stateless.getLogicalId(webFn)].Properties.Environment.Variables;
    expect(webEnv).toMatchObject({
      COGNITO_ISSUER: expect.anything(),
      COGNITO_CLIENT_ID: expect.anything(),
      COGNITO_DOMAIN: expect.anything(),
      WEB_ORIGIN: WEB_ORIGIN,
    });
    // Its API calls go to the HTTP API's own address (with the edge secret), not back through the WAF.
    expect(webEnv.API_ORIGIN).toEqual({
      'Fn::GetAtt': [
        stacks.stateless.getLogicalId(stacks.stateless.api.node.defaultChild as CfnResource),
        'ApiEndpoint',
      ],
    });
    expect(webEnv.ORIGIN_VERIFY_SECRET).toEqual({ Ref: 'OriginVerifySecret' });
    for (const area of [...areasInUse(), 'web']) {
      expect(stacks.stateless.functions[area as keyof typeof stacks.stateless.functions]).toBeDefined();
    }
  });

  it('one route per line of the route table: JWT unless public, NONE when public', () => {
    const apiRoutes = Object.values(stateless.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties,
    );
    for (const route of routes) {
      const found = apiRoutes.filter((r) => r.RouteKey === routeKey(route));
      expect(found, routeKey(route)).toHaveLength(1);
      expect(found[0].AuthorizationType, routeKey(route)).toBe(route.public ? 'NONE' : 'JWT');
      if (!route.public) expect(found[0].AuthorizerId).toBeDefined();
    }
    const web = apiRoutes.filter((r) => r.RouteKey === 'ANY /' || r.RouteKey === 'ANY /{proxy+}');
    expect(web.map((r) => r.AuthorizationType)).toEqual(['NONE', 'NONE']);
    expect(apiRoutes).toHaveLength(routes.length + 2);
  });

  it('the JWT authorizer trusts the Cognito user pool and the web client', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('WebClient') }],
        Issuer: {
          'Fn::Join': [
            '',
            Match.arrayWith(['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/']),
          ],
        },
      },
    });
  });

  it('the $default stage writes access logs', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });

  it('user pool: strong passwords, optional TOTP, the five groups, a public client with the code flow', () => {
    stateless.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        MfaConfiguration: 'OPTIONAL',
        DeletionProtection: 'ACTIVE',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
      }),
    });
    const groups = Object.values(stateless.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['admin', 'applicant', 'bureau', 'finance', 'instructor']);
    stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: [`${WEB_ORIGIN}/auth/callback`],
      LogoutURLs: [`${WEB_ORIGIN}/`],
    });
  });

  it('no IAM policy in either stack allows *, dynamodb:*, s3:* or dynamodb:Scan, and no managed policy is used', () => {
    for (const template of [stateful, stateless]) {
      for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
        for (const statement of policy.Properties.PolicyDocument.Statement) {
          const actions: string[] = [statement.Action].flat();
          for (const action of actions) {
            expect(['*', 'dynamodb:*', 's3:*', 'dynamodb:Scan']).not.toContain(action);
            expect(action).not.toMatch(/\*/);
          }
        }
      }
      for (const [id, role] of Object.entries(template.findResources('AWS::IAM::Role'))) {
        // AWS Backup's role uses the managed policies AWS documents for it (acknowledged IAM4).
        if (id.startsWith('BackupRole')) continue;
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    }
  });

  it('each function role holds exactly the actions of function-access.ts (derived from its code by grants.test.ts)', () => {
    const policies = Object.entries(stateless.findResources('AWS::IAM::Policy'));
    for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
      const actions = policies
        .filter(
          ([id]) =>
            id.startsWith(`${name.replaceAll('-', '')}role`) ||
            id.startsWith(`${name.replaceAll('-', '')}cognito`),
        )
        .flatMap(([, p]) =>
          p.Properties.PolicyDocument.Statement.flatMap((s: { Action: unknown }) => [s.Action].flat()),
        )
        .filter((a: string) => /^(dynamodb|s3|cognito-idp|ses):/.test(a));
      const access = FUNCTIONS[name];
      expect([...new Set(actions)].sort(), name).toEqual(
        [...access.dynamodb, ...access.s3, ...access.cognito, ...access.ses].sort(),
      );
    }
    // Deletion is granted where the code deletes, BatchWriteItem nowhere (no code uses it).
    expect(FUNCTIONS.attachments.s3).toContain('s3:DeleteObject');
    expect(JSON.stringify(policies)).not.toContain('BatchWriteItem');
  });

  it('the web role holds no right on the bucket: its pages reach files through the API (17 §7)', () => {
    const web = Object.entries(stateless.findResources('AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith('webrole'))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    expect(web.length).toBeGreaterThan(0);
    const text = JSON.stringify(web);
    expect(text).not.toMatch(/"s3:/);
    // Its KMS use is through DynamoDB only: the bucket's key cannot decrypt an object for it.
    expect(text).not.toContain('s3.');
    expect(text).toContain('dynamodb:PutItem');
  });

  it('the Cognito triggers are wired: PostConfirmation and PreTokenGeneration', () => {
    stateless.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PostConfirmation: { 'Fn::GetAtt': [Match.stringLikeRegexp('^postconfirmationfunction'), 'Arn'] },
        PreTokenGeneration: { 'Fn::GetAtt': [Match.stringLikeRegexp('^staffmfafunction'), 'Arn'] },
      },
    });
  });

  it('the API access log is one JSON line per request with route, status, latency and integration error', () => {
    const stage = Object.values(stateless.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      integrationError: '$context.integrationErrorMessage',
    });
  });

  it('every function has active X-Ray tracing and the Powertools service name', () => {
    for (const f of Object.values(stateless.findResources('AWS::Lambda::Function'))) {
      expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('aides');
    }
  });
});

describe('operations: alarms, dashboard, backups, data lifecycle', () => {
  it('alarms on 5xx rate, Lambda errors and throttles, DynamoDB throttles and system errors, failed deletions, each to the SNS topic', () => {
    const alarms = Object.values(stateless.findResources('AWS::CloudWatch::Alarm'));
    // The alarm topic; the other one carries SES's bounces and complaints (infra/src/notifications.ts).
    const topic = Object.keys(stateless.findResources('AWS::SNS::Topic')).filter(
      (t) => !t.startsWith('MailEvents'),
    );
    expect(topic).toHaveLength(1);
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([{ Ref: topic[0] }]);
    const metricNames = alarms.map((a) => a.Properties.MetricName).filter(Boolean);
    const fnCount = Object.keys(stateless.findResources('AWS::Lambda::Function')).length;
    // One per function, plus the retention job's own (any failure, issue 20).
    expect(metricNames.filter((m) => m === 'Errors')).toHaveLength(fnCount + 1);
    expect(metricNames.filter((m) => m === 'Throttles')).toHaveLength(fnCount);
    expect(metricNames).toContain('ObjectDeleteFailures');
    const expressions = JSON.stringify(alarms.filter((a) => a.Properties.Metrics));
    expect(expressions).toContain('100 * errors / requests');
    expect(expressions).toContain('ThrottledRequests');
    expect(expressions).toContain('SystemErrors');
    stateless.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    stateless.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    stateless.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: 'OBJECT_DELETE_FAILED' });
  });

  it('GuardDuty THREATS_FOUND goes to the alarm topic through EventBridge', () => {
    stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty'],
        detail: { scanResultDetails: { scanResultStatus: ['THREATS_FOUND'] } },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('Alarms') } })],
    });
  });

  it('objects under exports/ expire after a day', () => {
    const bucket = Object.values(stateful.findResources('AWS::S3::Bucket')).find(
      (b) => b.Properties.VersioningConfiguration,
    )!;
    expect(bucket.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Prefix: 'exports/', ExpirationInDays: 1, Status: 'Enabled' }),
    );
  });

  it('AWS Backup: table and bucket, daily kept 35 days, monthly kept 10 years, in a vault with its own key', () => {
    stateful.hasResourceProperties('AWS::Backup::BackupVault', { EncryptionKeyArn: Match.anyValue() });
    stateful.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: Match.arrayWith([
          Match.objectLike({ RuleName: 'daily-35-days', Lifecycle: { DeleteAfterDays: 35 } }),
          Match.objectLike({ RuleName: 'monthly-10-years', Lifecycle: { DeleteAfterDays: 3650 } }),
        ]),
      },
    });
    const selection = Object.values(stateful.findResources('AWS::Backup::BackupSelection'))[0]!;
    const resources = JSON.stringify(selection.Properties.BackupSelection.Resources);
    expect(resources).toMatch(/Table/);
    expect(resources).toMatch(/AttachmentsBucket/);
  });
});

describe('edge: CloudFront + WAF in front of the web and the API', () => {
  it('a CLOUDFRONT web ACL in us-east-1 with the common and known-bad-inputs rules, a rate per IP and a filing rate', () => {
    expect(stacks.edge.region).toBe('us-east-1');
    const edge = Template.fromStack(stacks.edge);
    const acl = Object.values(edge.findResources('AWS::WAFv2::WebACL'))[0]!;
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    const rules = acl.Properties.Rules as {
      Name: string;
      Statement: { RateBasedStatement?: { AggregateKeyType: string } };
    }[];
    expect(rules.map((r) => r.Name)).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'rate-per-ip',
      'filing-rate-per-ip',
      'oversize-body',
    ]);
    expect(rules[2]!.Statement.RateBasedStatement?.AggregateKeyType).toBe('IP');
    expect(JSON.stringify(rules[3]!.Statement)).toContain('/submit$');
  });

  it('bodies over what the WAF inspects are refused except where files and admin JSON are sent', () => {
    const acl = Object.values(Template.fromStack(stacks.edge).findResources('AWS::WAFv2::WebACL'))[0]!;
    const rules = acl.Properties.Rules as { Name: string; Statement: Record<string, unknown> }[];
    // The common rule set's 8 KB body rule only counts (it would refuse every file sent without JavaScript)…
    expect(rules[0]!.Statement).toMatchObject({
      ManagedRuleGroupStatement: {
        RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
      },
    });
    // …and a body the WAF cannot read whole (16 KB) is blocked outside the large-body routes.
    const oversize = JSON.stringify(rules[4]!.Statement);
    expect(oversize).toContain('"OversizeHandling":"MATCH"');
    expect(oversize).toContain(`"Size":${WAF_BODY_INSPECTED_BYTES}`);
    expect(oversize).toContain('NotStatement');
    const large = new RegExp(LARGE_BODY_PATH_PATTERN);
    for (const path of [
      '/dossiers/0b9e/pieces',
      '/imports',
      '/admin/quartiers-prioritaires',
      '/admin/plafonds-anah/import',
      '/api/admin/qpv-lists/2024',
    ])
      expect(path, path).toMatch(large);
    for (const path of ['/api/dossiers', '/demandes/0b9e/etape/2', '/api/dossiers/0b9e/submit', '/admin'])
      expect(path, path).not.toMatch(large);
    // Every form that sends a file is one of those above: a new one must be added to the pattern.
    const forms = readdirSync('web/src/routes', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx'))
      .flatMap(
        (f) => readFileSync(join('web/src/routes', f), 'utf8').match(/enctype="multipart\/form-data"/g) ?? [],
      );
    expect(forms).toHaveLength(4);
  });

  it('the distribution uses the web ACL, HTTPS, no cache, security headers, and the API as origin', () => {
    const edge = Template.fromStack(stacks.edge);
    edge.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebAcl'), 'Arn'] },
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp('SecurityHeaders') },
        }),
        Origins: [
          Match.objectLike({
            DomainName: { Ref: 'ApiDomain' },
            OriginCustomHeaders: [
              { HeaderName: 'x-origin-verify', HeaderValue: { Ref: 'OriginVerifySecret' } },
            ],
          }),
        ],
      }),
    });
    edge.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31536000 }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
  });

  it('the origin secret is a NoEcho parameter in both stacks and reaches the API and web functions only', () => {
    expect(Template.fromStack(stacks.edge).toJSON().Parameters.OriginVerifySecret).toMatchObject({
      NoEcho: true,
      MinLength: 32,
    });
    expect(stateless.toJSON().Parameters.OriginVerifySecret).toMatchObject({ NoEcho: true, Default: '' });
    const functions = stateless.findResources('AWS::Lambda::Function');
    const withSecret = Object.entries(functions)
      .filter(([, f]) => JSON.stringify(f.Properties.Environment ?? {}).includes('OriginVerifySecret'))
      .map(([id]) => id);
    // Every function behind the HTTP API (the areas and the web), none of the Cognito triggers.
    expect(withSecret.some((id) => id.startsWith('web'))).toBe(true);
    expect(withSecret.some((id) => /post|staff/i.test(id))).toBe(false);
    expect(withSecret.length).toBeGreaterThan(5);
  });

  it('filing is throttled on its own route at the API stage', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: {
        'POST /api/dossiers/{id}/submit': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      },
    });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning, and synth succeeds with the plugin', () => {
    const app = newApp();
    const { stateful: a, stateless: b } = addStacks(app, { nag: false });
    const checks = new AwsSolutionsChecks(app);
    Validations.of(app).addPlugins(checks);
    expect(() => app.synth()).not.toThrow();
    const report = checks.validateScope(app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
    expect([a.stackName, b.stackName]).toEqual(['AidesStateful', 'AidesStateless']);
  });
});

describe('malware protection', () => {
  it('GuardDuty scans and tags the attachments bucket, and the functions wait for its verdict', () => {
    const app = newApp();
    const { stateful, stateless } = addStacks(app, { nag: false });
    const t = Template.fromStack(stateful);
    t.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      Actions: { Tagging: { Status: 'ENABLED' } },
      ProtectedResource: { S3Bucket: { ObjectPrefixes: ['dossiers/'] } },
    });
    const functions = Template.fromStack(stateless).findResources('AWS::Lambda::Function');
    for (const f of Object.values(functions)) {
      if (!f.Properties.Environment?.Variables?.TABLE_NAME) continue;
      expect(f.Properties.Environment.Variables.MALWARE_SCANNER).toBe('guardduty');
    }
  });
});

// ---- Personal data (issue 20): the retention job ------------------------------------------------
describe('retention job: schedule, least privilege, alarms', () => {
  const retentionFn = () =>
    stacks.stateless.getLogicalId(stacks.stateless.functions.retention!.node.defaultChild as CfnFunction);

  it('an EventBridge rule invokes it daily, retried, with a dead-letter queue', () => {
    stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(30 2 * * ? *)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [retentionFn(), 'Arn'] },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      ],
    });
    stateless.hasResourceProperties('AWS::Lambda::Function', { Timeout: 300 });
  });

  it('may delete objects and their versions and list the bucket, and nothing else of S3', () => {
    const policies = Object.values(stateless.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(
        stacks.stateless.getLogicalId(stacks.stateless.functions.retention!.role!.node.defaultChild as never),
      ),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    const s3Actions = statements
      .flatMap((st: { Action: string | string[] }) => [st.Action].flat())
      .filter((a: string) => a.startsWith('s3:'))
      .sort();
    expect(s3Actions).toEqual([
      's3:DeleteObject',
      's3:DeleteObjectVersion',
      's3:ListBucket',
      's3:ListBucketVersions',
    ]);
    const objectStatement = statements.find((st: { Action: string | string[] }) =>
      [st.Action].flat().includes('s3:DeleteObjectVersion'),
    );
    expect(JSON.stringify(objectStatement.Resource)).toContain('/*');
    const ddb = statements
      .flatMap((st: { Action: string | string[] }) => [st.Action].flat())
      .filter((a: string) => a.startsWith('dynamodb:'));
    expect(ddb).not.toContain('dynamodb:Scan');
  });

  it('alarms to the topic on any failure, on a message in its dead-letter queue, and on a day without a run', () => {
    const alarms = Object.values(stateless.findResources('AWS::CloudWatch::Alarm'));
    const mine = alarms.filter((a) =>
      String(a.Properties.AlarmDescription).startsWith('Conservation des données'),
    );
    expect(mine.map((a) => [a.Properties.MetricName, a.Properties.Threshold]).sort()).toEqual([
      ['ApproximateNumberOfMessagesVisible', 1],
      ['Errors', 1],
      ['Invocations', 1],
    ]);
    for (const a of mine) expect(a.Properties.AlarmActions).toHaveLength(1);
    stateless.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('the table has the byRetention index the job queries', () => {
    expect(GLOBAL_SECONDARY_INDEXES.map((i) => i.indexName)).toContain('byRetention');
  });
});
