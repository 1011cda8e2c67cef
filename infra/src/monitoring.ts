/**
 * Alarms, their SNS topic and one dashboard (stateless stack). What each alarm means and what to
 * do is in infra/README.md (runbook); the alarm descriptions point there.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITable, Operation } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { BUSINESS_METRIC_NAMES } from '../../functions/src/observability/business-metrics.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../functions/src/observability/names.ts';
import { OBJECT_DELETE_FAILED } from '../../packages/services/src/log-codes.ts';

export interface MonitoringProps {
  readonly api: HttpApi;
  readonly table: ITable;
  readonly functions: Readonly<Record<string, LambdaFunction>>;
  /** Log groups of the functions that delete objects (their failures are counted). */
  readonly deletingLogGroups: readonly ILogGroup[];
}

const RUNBOOK = 'Runbook : infra/README.md, section « Alarmes ».';
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    // Encrypted topic: CloudWatch and EventBridge publish to it, so both may use the key.
    const key = new Key(this, 'AlarmsKey', {
      description: 'Chiffrement du sujet SNS des alarmes',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    for (const service of ['cloudwatch.amazonaws.com', 'events.amazonaws.com'])
      key.grant(new ServicePrincipal(service), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Alarms', {
      displayName: 'Aides : alarmes',
      masterKey: key,
      enforceSSL: true,
    });

    const alarm = (name: string, metric: IMetric, threshold: number, description: string) => {
      const a = new Alarm(this, name, {
        alarmDescription: `${description} ${RUNBOOK}`,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(new SnsAction(this.topic));
      this.alarms.push(a);
      return a;
    };
    const period = Duration.minutes(5);

    const requests = props.api.metricCount({ period, statistic: 'Sum' });
    const serverErrors = props.api.metricServerError({ period, statistic: 'Sum' });
    const rate5xx = new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period,
      label: '5xx (%)',
    });
    alarm('Api5xxRate', rate5xx, 5, 'API : plus de 5 % de réponses 5xx sur 5 minutes.');

    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}-errors`,
        fn.metricErrors({ period, statistic: 'Sum' }),
        5,
        `Fonction ${name} : erreurs.`,
      );
      alarm(
        `${name}-throttles`,
        fn.metricThrottles({ period, statistic: 'Sum' }),
        1,
        `Fonction ${name} : limitée.`,
      );
    }

    alarm(
      'TableThrottles',
      props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period }),
      1,
      'DynamoDB : requêtes limitées.',
    );
    alarm(
      'TableSystemErrors',
      props.table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period }),
      1,
      'DynamoDB : erreurs du service.',
    );

    // Leftover objects the code could not delete (logged with OBJECT_DELETE_FAILED).
    const deleteFailures = new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: 'ObjectDeleteFailures',
      period,
      statistic: 'Sum',
    });
    props.deletingLogGroups.forEach((logGroup, i) => {
      new MetricFilter(this, `DeleteFailures${i}`, {
        logGroup,
        filterPattern: FilterPattern.literal(OBJECT_DELETE_FAILED),
        metricNamespace: METRICS_NAMESPACE,
        metricName: 'ObjectDeleteFailures',
        metricValue: '1',
      });
    });
    alarm('ObjectDeleteFailures', deleteFailures, 1, 'S3 : des objets n’ont pas pu être supprimés.');

    // GuardDuty found malware in an uploaded attachment (the download stays refused).
    new Rule(this, 'ThreatsFound', {
      description: 'GuardDuty : pièce jointe infectée',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Malware Protection Object Scan Result'],
        detail: { scanResultDetails: { scanResultStatus: ['THREATS_FOUND'] } },
      },
      targets: [new SnsTopic(this.topic)],
    });

    // No function is invoked asynchronously (API Gateway and Cognito wait for the answer): there
    // is no dead-letter queue to watch. An asynchronous handler added later needs one, and an alarm.

    const business = (name: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { service: SERVICE_NAME },
        period: Duration.hours(1),
        statistic: 'Sum',
        label: name,
      });
    const fns = Object.entries(props.functions);
    new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-aides`,
      widgets: [
        [
          new GraphWidget({
            title: 'API : requêtes, 4xx, 5xx',
            left: [requests, props.api.metricClientError({ period }), serverErrors],
          }),
          new GraphWidget({ title: 'API : 5xx (%)', left: [rate5xx] }),
          new GraphWidget({
            title: 'API : latence p95',
            left: [props.api.metricLatency({ period, statistic: 'p95' })],
          }),
        ],
        [
          new GraphWidget({
            title: 'Fonctions : erreurs',
            left: fns.map(([n, f]) => f.metricErrors({ period, label: n })),
          }),
          new GraphWidget({
            title: 'Fonctions : limitations',
            left: fns.map(([n, f]) => f.metricThrottles({ period, label: n })),
          }),
          new GraphWidget({
            title: 'Fonctions : durée p95',
            left: fns.map(([n, f]) => f.metricDuration({ period, statistic: 'p95', label: n })),
          }),
        ],
        [
          new GraphWidget({ title: 'Activité (par heure)', left: BUSINESS_METRIC_NAMES.map(business) }),
          // One math expression per graph: both name their per-operation metrics alike.
          new GraphWidget({
            title: 'DynamoDB : requêtes limitées',
            left: [
              props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period }),
            ],
          }),
          new GraphWidget({
            title: 'DynamoDB : erreurs du service',
            left: [props.table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period })],
          }),
          new GraphWidget({ title: 'S3 : suppressions échouées', left: [deleteFailures] }),
        ],
      ],
    });
  }
}
