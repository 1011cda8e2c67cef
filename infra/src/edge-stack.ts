import {
  CfnOutput,
  CfnParameter,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { NAG } from './nag-suppressions.ts';

/** Paths that file an application: the API route and the web form that calls it. */
export const FILING_PATH_PATTERNS = ['^/api/dossiers/[^/]+/submit$', '^/demandes/[^/]+/deposer$'];
/**
 * Where a body may be larger than the WAF inspects (16 KB from CloudFront): the forms that send a
 * file without JavaScript (a dossier's document, an import's file, the admin's CSV files) and the
 * administration's JSON (rule sets, QPV lists). There, the application checks what it receives
 * (type sniffed from the bytes, CSV read row by row, 256 KB JSON bound); everywhere else a body
 * the WAF cannot read whole is refused.
 */
export const LARGE_BODY_PATH_PATTERN = '^/(dossiers/[^/]+/pieces|imports|admin/.+|api/admin/.+)$';
/** The body size CloudFront forwards to the WAF by default (its inspection limit). */
export const WAF_BODY_INSPECTED_BYTES = 16 * 1024;
/** Requests per IP per 5 minutes: everything, and filings (a household files a handful a year). */
export const RATE_LIMITS = { perIp: 1000, filingPerIp: 20 } as const;

export interface EdgeStackProps extends StackProps {
  /** The HTTP API's domain (`<id>.execute-api.<region>.amazonaws.com`), from the stateless stack. */
  readonly apiDomain?: string | undefined;
}

/**
 * CloudFront in front of the HTTP API (which serves both the API and the web pages), with AWS WAF
 * and security headers. A CLOUDFRONT-scope web ACL exists only in us-east-1: this stack is pinned
 * there (app.ts) while the others stay environment-agnostic. The API's domain comes from context
 * (`-c apiDomain=…`) or the `ApiDomain` parameter at deploy time, so synth stays offline.
 */
export class EdgeStack extends Stack {
  readonly distribution: Distribution;
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps = {}) {
    super(scope, id, props);
    const apiDomain = new CfnParameter(this, 'ApiDomain', {
      type: 'String',
      description: 'Domaine de l’API HTTP (sortie ApiUrl de AidesStateless, sans https://)',
      ...(props.apiDomain ? { default: props.apiDomain } : {}),
    });

    // Sent to the origin on every request; the functions refuse requests without it
    // (packages/services/src/origin-verify.ts). The same value as AidesStateless's parameter.
    const originVerify = new CfnParameter(this, 'OriginVerifySecret', {
      type: 'String',
      noEcho: true,
      minLength: 32,
      description: 'Secret de l’en-tête x-origin-verify (le même que pour AidesStateless)',
    });

    const managed = (name: string, priority: number, countOnly: string[] = []): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(countOnly.length > 0
            ? { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
            : {}),
        },
      },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
    });
    const filingPaths: CfnWebACL.StatementProperty = {
      orStatement: {
        statements: FILING_PATH_PATTERNS.map((pattern) => ({
          regexMatchStatement: {
            regexString: pattern,
            fieldToMatch: { uriPath: {} },
            textTransformations: [{ priority: 0, type: 'NONE' }],
          },
        })),
      },
    };
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: 'aides-edge',
        sampledRequestsEnabled: true,
      },
      rules: [
        // Its SizeRestrictions_BODY blocks every body over 8 KB, which would refuse each file sent
        // without JavaScript: counted only, and replaced by `oversize-body` below.
        managed('AWSManagedRulesCommonRuleSet', 0, ['SizeRestrictions_BODY']),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 1),
        {
          name: 'rate-per-ip',
          priority: 2,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: RATE_LIMITS.perIp, aggregateKeyType: 'IP' } },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: 'rate-per-ip',
            sampledRequestsEnabled: true,
          },
        },
        {
          name: 'filing-rate-per-ip',
          priority: 3,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: RATE_LIMITS.filingPerIp,
              aggregateKeyType: 'IP',
              scopeDownStatement: filingPaths,
            },
          },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: 'filing-rate-per-ip',
            sampledRequestsEnabled: true,
          },
        },
        {
          name: 'oversize-body',
          priority: 4,
          action: { block: {} },
          statement: {
            andStatement: {
              statements: [
                {
                  sizeConstraintStatement: {
                    fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
                    comparisonOperator: 'GT',
                    size: WAF_BODY_INSPECTED_BYTES,
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                },
                {
                  notStatement: {
                    statement: {
                      regexMatchStatement: {
                        regexString: LARGE_BODY_PATH_PATTERN,
                        fieldToMatch: { uriPath: {} },
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                  },
                },
              ],
            },
          },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: 'oversize-body',
            sampledRequestsEnabled: true,
          },
        },
      ],
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'En-têtes de sécurité (la CSP est posée par les pages elles-mêmes)',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          preload: false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });

    // CloudFront standard logs need ACLs on their bucket (object writer).
    const logs = new Bucket(this, 'EdgeLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(400) }],
    });
    Validations.of(logs).acknowledge(NAG.logsBucketNoAccessLogs);

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Aides et dossiers : pages et API',
      webAclId: this.webAcl.attrArn,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      defaultBehavior: {
        origin: new HttpOrigin(apiDomain.valueAsString, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          customHeaders: { 'x-origin-verify': originVerify.valueAsString },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // Every answer is per person (sessions, tokens): nothing is cached at the edge.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: headers,
      },
    });
    Validations.of(this.distribution).acknowledge(NAG.edgeDefaultCertificate, NAG.edgeNoGeoRestriction);

    new CfnOutput(this, 'WebOrigin', { value: `https://${this.distribution.distributionDomainName}` });
  }
}
