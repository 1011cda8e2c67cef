/**
 * The retention job's schedule (issue 20): an EventBridge rule invokes the retention function
 * once a day; a failed invocation is retried twice, then lands in a dead-letter queue; alarms to
 * the SNS topic on any error, on a message in the dead-letter queue, and on a day without a run.
 * What to do when one fires: infra/README.md, « Conservation des données ».
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NAG } from './nag-suppressions.ts';

const RUNBOOK = 'Runbook : infra/README.md, section « Conservation des données ».';

export class RetentionSchedule extends Construct {
  readonly rule: Rule;
  readonly deadLetters: Queue;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: { fn: LambdaFunction; topic: ITopic }) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge(NAG.retentionDeadLetterQueue);
    // Every day at 02:30 UTC (03:30 or 04:30 in Paris), when nobody works on dossiers.
    this.rule = new Rule(this, 'Daily', {
      description: 'Conservation des données personnelles : passage quotidien (issue 20)',
      schedule: Schedule.cron({ minute: '30', hour: '2' }),
      targets: [
        new LambdaTarget(props.fn, {
          retryAttempts: 2,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: this.deadLetters,
        }),
      ],
    });
    const alarm = (name: string, o: ConstructorParameters<typeof Alarm>[2]) => {
      const a = new Alarm(this, name, o);
      a.addAlarmAction(new SnsAction(props.topic));
      this.alarms.push(a);
    };
    alarm('Failures', {
      alarmDescription: `Conservation des données : le passage a échoué (une purge reprendra au passage suivant). ${RUNBOOK}`,
      metric: props.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm('DeadLettersWaiting', {
      alarmDescription: `Conservation des données : un passage a échoué trois fois (file d’attente des échecs). ${RUNBOOK}`,
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm('NotRun', {
      alarmDescription: `Conservation des données : aucun passage depuis plus d’un jour. ${RUNBOOK}`,
      metric: props.fn.metricInvocations({ period: Duration.days(1), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
    });
  }
}
