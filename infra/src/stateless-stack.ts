import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AssetHashType,
  Aws,
  CfnOutput,
  CfnParameter,
  DockerImage,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  OAuthScope,
  UserPool,
  type UserPoolClient,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../functions/src/observability/names.ts';
import { type Area, areasInUse, ROLES, routeKey, routes } from '../../functions/src/routes.ts';
import { GLOBAL_SECONDARY_INDEXES } from '../../packages/store/src/table-definition.ts';
import { BUCKET_LEVEL_S3, FUNCTIONS, type FunctionName, WEB_ENTRY } from './function-access.ts';
import { bundleLambda } from './lambda-bundling.ts';
import { Monitoring } from './monitoring.ts';
import { NAG } from './nag-suppressions.ts';
import { addNotifications, alarmOnDeadLetters, type NotificationParts } from './notifications.ts';
import { RetentionSchedule } from './retention-schedule.ts';

/** Repository root: handler entries in routes.ts are relative to it. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export { WEB_ENTRY };

/** The route that files an application: throttled on its own at the stage. */
export const FILING_ROUTE = 'POST /api/dossiers/{id}/submit';

const KMS_ACTIONS: Record<'read' | 'readWrite', string[]> = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  readWrite: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
};

export interface StatelessStackProps extends StackProps {
  readonly table: ITable;
  readonly bucket: IBucket;
  readonly key: IKey;
  /** Export name of the bucket ARN (StatefulStack.bucketArnExportName). */
  readonly bucketArnExportName: string;
  /** Origin of the web pages; Cognito accepts `${webOrigin}/auth/callback`. Default: the API URL. */
  readonly webOrigin?: string | undefined;
  /** Prefix of the Cognito hosted domain (`<prefix>.auth.<region>.amazoncognito.com`). */
  readonly cognitoDomainPrefix?: string | undefined;
  /** Sender of the e-mail notifications (its domain is the SES identity). */
  readonly mailFrom?: string | undefined;
}

/** Functions, HTTP API, Cognito and the web function: can be destroyed and redeployed at will. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly functions: Partial<Record<FunctionName, LambdaFunction>> = {};
  readonly accessLogs: LogGroup;
  readonly logGroups: Partial<Record<FunctionName, LogGroup>> = {};
  readonly monitoring: Monitoring;
  readonly retention: RetentionSchedule;
  readonly notifications: NotificationParts;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { table, bucket, key } = props;

    // ---- Cognito -------------------------------------------------------------------------
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge(NAG.userPoolMfaOptional, NAG.userPoolNotPlusTier);

    ROLES.forEach((role, precedence) => {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        // Lower wins in cognito:preferred_role; the order of ROLES is kept.
        precedence,
      });
    });

    const domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.cognitoDomainPrefix ?? `aides-cabbalr-${Aws.ACCOUNT_ID}` },
    });

    // The API is created before the client so the callback can point at its URL.
    this.api = new HttpApi(this, 'Api', {
      description: 'Aides et dossiers : API et pages web',
      createDefaultStage: false,
    });
    // Where the pages are served: the custom origin if given, else the API URL itself.
    const webOrigin = props.webOrigin ?? this.api.apiEndpoint;

    this.userPoolClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${webOrigin}/auth/callback`],
        logoutUrls: [`${webOrigin}/`],
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
    });

    // ---- Functions ---------------------------------------------------------------------
    // The secret header CloudFront adds (edge-stack.ts); the API and web functions refuse requests
    // without it, so the execute-api address does not bypass the WAF. Empty: not checked (first
    // deploy, before the edge exists). NoEcho: it is in neither the template nor the console's
    // parameter view (it is in the functions' environment, readable by whoever reads their config).
    const originVerify = new CfnParameter(this, 'OriginVerifySecret', {
      type: 'String',
      noEcho: true,
      default: '',
      description: 'Secret de l’en-tête x-origin-verify ajouté par CloudFront (32 caractères ou plus)',
    });
    const edgeEnv = { ORIGIN_VERIFY_SECRET: originVerify.valueAsString };
    const makeFunction = (name: FunctionName, extraEnv: Record<string, string> = {}) => {
      const entry = FUNCTIONS[name].entry;
      const logGroup = new LogGroup(this, `${name}-logs`, {
        retention: RetentionDays.ONE_YEAR,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      // Own role: no AWSLambdaBasicExecutionRole managed policy, logs only to its own group.
      const role = new Role(this, `${name}-role`, {
        assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        description: `Fonction ${name}`,
      });
      logGroup.grantWrite(role);
      grantData(this, role, name, { table, bucket, key, bucketArnExportName: props.bucketArnExportName });

      const fn = new LambdaFunction(this, `${name}-function`, {
        code: Code.fromAsset(resolve(REPO_ROOT, dirname(entry)), {
          assetHashType: AssetHashType.OUTPUT,
          bundling: {
            // Never pulled: esbuild runs in this process (lambda-bundling.ts) and never declines.
            image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
            // Part of the staging cache key: the two Cognito triggers share a folder, and without
            // it the second would reuse the first one's bundle.
            environment: { AIDES_ENTRY: entry },
            local: {
              tryBundle: (outdir) => {
                bundleLambda({
                  entry: resolve(REPO_ROOT, entry),
                  outdir,
                  tsconfig: resolve(REPO_ROOT, 'tsconfig.json'),
                  sourcemap: true,
                });
                return true;
              },
            },
          },
        }),
        handler: 'index.handler',
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: 1024,
        // As long as API Gateway waits (30 s) where work can queue: exports stream whole periods,
        // filings take turns on their scheme's reference counter during a burst, and an import runs
        // in slices of 20 s (services/imports/imports.ts); the retention job works through what is
        // due; the notifier retries a refused message with backoff within one invocation (13 §2).
        timeout:
          name === 'retention'
            ? Duration.minutes(5)
            : Duration.seconds(
                ['exports', 'applications', 'web', 'imports'].includes(name)
                  ? 29
                  : name === 'notifier'
                    ? 120
                    : 10,
              ),
        role,
        logGroup,
        loggingFormat: LoggingFormat.JSON,
        // X-Ray segments per invocation without an SDK in the bundle (see observability/powertools.ts).
        tracing: Tracing.ACTIVE,
        environment: {
          POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
          POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
          TABLE_NAME: table.tableName,
          BUCKET_NAME: bucket.bucketName,
          NODE_OPTIONS: '--enable-source-maps',
          // GuardDuty tags each attachment; downloads wait for a clean verdict.
          MALWARE_SCANNER: 'guardduty',
          ...extraEnv,
        },
      });
      Validations.of(role).acknowledge(NAG.xrayTracing);
      this.functions[name] = fn;
      this.logGroups[name] = logGroup;
      return fn;
    };

    const areaIntegrations = new Map<Area, HttpLambdaIntegration>();
    for (const area of areasInUse()) {
      const fn = makeFunction(area, edgeEnv);
      areaIntegrations.set(area, new HttpLambdaIntegration(`${area}-integration`, fn));
    }
    // Read by web/src/auth/cognito.ts.
    // The retention job (issue 20): its schedule, dead-letter queue and alarms are below, once the
    // alarms' topic exists; its errors and throttles are also in the common alarms.
    const retentionFunction = makeFunction('retention');
    const webFunction = makeFunction('web', {
      ...edgeEnv,
      COGNITO_ISSUER: this.userPool.userPoolProviderUrl,
      COGNITO_CLIENT_ID: this.userPoolClient.userPoolClientId,
      COGNITO_DOMAIN: domain.baseUrl(),
      WEB_ORIGIN: webOrigin,
      // The API calls the pages make for the visitor go to the HTTP API itself (web/src/lib/api.ts).
      API_ORIGIN: this.api.apiEndpoint,
    });

    // ---- Cognito triggers --------------------------------------------------------------
    // Self sign-up → `applicant`; staff groups only with TOTP MFA (functions/src/cognito/).
    // Their Cognito rights are a separate policy: the pool refers to the functions, so the
    // functions' own default policy cannot refer to the pool without a cycle.
    const triggers = [
      ['post-confirmation', UserPoolOperation.POST_CONFIRMATION],
      ['staff-mfa', UserPoolOperation.PRE_TOKEN_GENERATION],
    ] as const;
    for (const [name, operation] of triggers) {
      const fn = makeFunction(name);
      this.userPool.addTrigger(operation, fn);
      new Policy(this, `${name}-cognito`, {
        roles: [fn.role as Role],
        statements: [
          new PolicyStatement({
            actions: [...FUNCTIONS[name].cognito],
            resources: [this.userPool.userPoolArn],
          }),
        ],
      });
    }

    // ---- E-mail notifications (issue 13 §2; infra/src/notifications.ts) ----------------
    this.notifications = addNotifications(this, {
      table,
      makeFunction: (name, env) => makeFunction(name, env),
      webOrigin,
      mailFrom: props.mailFrom,
    });

    // ---- HTTP API ----------------------------------------------------------------------
    // Issuer https://cognito-idp.{region}.amazonaws.com/{userPoolId}, audience = the web client.
    const jwt = new HttpUserPoolAuthorizer('Cognito', this.userPool, {
      userPoolClients: [this.userPoolClient],
    });
    const none = new HttpNoneAuthorizer();

    const routeConstructs = new Map<string, HttpRoute>();
    for (const r of routes) {
      const integration = areaIntegrations.get(r.area)!;
      const route = new HttpRoute(this, `Route ${routeKey(r).replaceAll('/', '|')}`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(r.path, HttpMethod[r.method]),
        integration,
        authorizer: r.public ? none : jwt,
      });
      if (r.public) Validations.of(route).acknowledge(NAG.publicRoute);
      routeConstructs.set(routeKey(r), route);
    }

    const webIntegration = new HttpLambdaIntegration('web-integration', webFunction);
    for (const path of ['/', '/{proxy+}']) {
      const route = new HttpRoute(this, `Route ANY ${path.replaceAll('/', '|')}`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(path, HttpMethod.ANY),
        integration: webIntegration,
        authorizer: none,
      });
      Validations.of(route).acknowledge(NAG.publicRoute);
    }

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.accessLogs = accessLogs;
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 200 },
      // JSON, one line per request; requestId is the correlation id of the functions' logs.
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
          }),
        ),
      },
    });

    // Filing has its own, lower throttle (CloudFront's WAF also limits it per IP: edge-stack.ts).
    const cfnStage = stage.node.defaultChild as CfnStage;
    cfnStage.addPropertyOverride('RouteSettings', {
      [FILING_ROUTE]: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
    });
    stage.node.addDependency(routeConstructs.get(FILING_ROUTE)!);

    this.monitoring = new Monitoring(this, 'Monitoring', {
      api: this.api,
      table,
      functions: this.functions as Record<string, LambdaFunction>,
      deletingLogGroups: (Object.keys(FUNCTIONS) as FunctionName[])
        .filter((n) => FUNCTIONS[n].s3.includes('s3:DeleteObject'))
        .map((n) => this.logGroups[n] as LogGroup),
    });

    // ---- Retention job (issue 20) --------------------------------------------------------
    this.retention = new RetentionSchedule(this, 'Retention', {
      fn: retentionFunction,
      topic: this.monitoring.topic,
    });
    alarmOnDeadLetters(this, this.notifications.deadLetterQueue, this.monitoring.topic);

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    new CfnOutput(this, 'AlarmsTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'CognitoDomain', { value: domain.baseUrl() });
  }
}

/**
 * Explicit statements from FUNCTIONS (function-access.ts): named actions, the table and its named
 * indexes, one bucket and its objects, and the KMS key through those services only.
 */
function grantData(
  scope: Construct,
  role: Role,
  name: FunctionName,
  {
    table,
    bucket,
    key,
    bucketArnExportName,
  }: { table: ITable; bucket: IBucket; key: IKey; bucketArnExportName: string },
) {
  const access = FUNCTIONS[name];
  const region = Stack.of(scope).region;
  if (access.dynamodb.length > 0) {
    const itemLevel = access.dynamodb.some((a) => a !== 'dynamodb:DescribeTable');
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [...access.dynamodb],
        resources: itemLevel
          ? [table.tableArn, ...GLOBAL_SECONDARY_INDEXES.map((i) => `${table.tableArn}/index/${i.indexName}`)]
          : [table.tableArn],
      }),
    );
  }
  const bucketActions = access.s3.filter((a) => BUCKET_LEVEL_S3.includes(a));
  const objectActions = access.s3.filter((a) => !BUCKET_LEVEL_S3.includes(a));

  const dataWrites = (a: string) => !/:(Get|Query|Describe|List)/.test(a);
  const viaServices: string[] = [];
  if (access.dynamodb.some((a) => a !== 'dynamodb:DescribeTable'))
    viaServices.push(`dynamodb.${region}.amazonaws.com`);
  if (objectActions.length > 0) viaServices.push(`s3.${region}.amazonaws.com`);
  if (viaServices.length > 0) {
    const writes = [...access.dynamodb, ...objectActions].some(dataWrites);
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: KMS_ACTIONS[writes ? 'readWrite' : 'read'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': viaServices } },
      }),
    );
  }
  if (bucketActions.length > 0) {
    // HeadBucket (health) and a real 404 instead of 403 for a missing object both need ListBucket.
    role.addToPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: bucketActions, resources: [bucket.bucketArn] }),
    );
  }
  if (objectActions.length > 0) {
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: objectActions,
        resources: (access.s3Keys ?? ['*']).map((k) => `${Fn.importValue(bucketArnExportName)}/${k}`),
      }),
    );
    // One acknowledgement per object pattern granted (the documents function's are prefix-scoped).
    for (const k of access.s3Keys ?? ['*'])
      Validations.of(role).acknowledge({
        ...NAG.bucketObjects,
        id: `${NAG.bucketObjects.id}[Resource::${bucketArnExportName}/${k}]`,
      });
  }
}
