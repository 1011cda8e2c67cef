/**
 * E-mail notifications on AWS (issue 13 §2), as a part of the stateless stack:
 *
 *   table stream ──(event source mapping: pending outbox items only, partial batch responses,
 *   bisect on error, 10 retries)──▶ notifier ──SES v2 (configuration set)──▶ recipients
 *                                     └─(records still failing)──▶ SQS dead-letter queue (alarm)
 *   SES bounces / complaints ──▶ SNS topic ──▶ mail-events (marks the address undeliverable)
 *   EventBridge rule (daily, 05:00 UTC) ──▶ reminders (works-deadline reminders, Query on byParent)
 *
 * The notifier may send only as the sending identity, through its configuration set: its SES
 * permission names both ARNs, nothing else. A notification that fails its own retries is kept in
 * the table's dead-letter list that staff read (/notifications/echecs); the SQS queue holds the
 * stream records whose handling itself failed (table unreachable…), for the operators.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { Effect, Policy, PolicyStatement, type Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  FilterCriteria,
  FilterRule,
  type Function as LambdaFunction,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { FUNCTIONS } from './function-access.ts';
import { NAG } from './nag-suppressions.ts';

/** The sender when no `mailFrom` context is given (a domain to verify in SES before sending). */
export const DEFAULT_MAIL_FROM = 'ne-pas-repondre@aides.bethunebruay.fr';

export interface NotificationParts {
  readonly notifier: LambdaFunction;
  readonly mailEvents: LambdaFunction;
  readonly reminders: LambdaFunction;
  readonly deadLetterQueue: Queue;
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
}

type MakeFunction = (
  name: 'notifier' | 'mail-events' | 'reminders',
  env?: Record<string, string>,
) => LambdaFunction;

export function addNotifications(
  scope: Construct,
  o: { table: ITable; makeFunction: MakeFunction; webOrigin: string; mailFrom?: string | undefined },
): NotificationParts {
  const stack = Stack.of(scope);
  const mailFrom = o.mailFrom ?? DEFAULT_MAIL_FROM;
  const domain = mailFrom.split('@')[1] as string;

  // ---- SES: the sending identity and its configuration set (bounces, complaints) ---------------
  const configurationSet = new ConfigurationSet(scope, 'MailConfigurationSet', {
    reputationMetrics: true,
    suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });
  const identity = new EmailIdentity(scope, 'MailIdentity', {
    identity: Identity.domain(domain),
    configurationSet,
  });
  // SES publishes to an encrypted topic: the key lets SES (and only through SNS) use it.
  const eventsKey = new Key(scope, 'MailEventsKey', {
    description: 'Chiffrement des événements SES (rebonds, plaintes)',
    enableKeyRotation: true,
  });
  eventsKey.grant(new ServicePrincipal('ses.amazonaws.com'), 'kms:GenerateDataKey*', 'kms:Decrypt');
  const mailEventsTopic = new Topic(scope, 'MailEvents', {
    displayName: 'Aides : rebonds et plaintes des courriels',
    masterKey: eventsKey,
    enforceSSL: true,
  });
  configurationSet.addEventDestination('BouncesAndComplaints', {
    destination: EventDestination.snsTopic(mailEventsTopic),
    events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
  });

  // ---- The notifier ------------------------------------------------------------------------------
  const notifier = o.makeFunction('notifier', {
    MAIL_FROM: mailFrom,
    WEB_ORIGIN: o.webOrigin,
    SES_CONFIGURATION_SET: configurationSet.configurationSetName,
  });
  const identityArn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: domain });
  const configurationSetArn = stack.formatArn({
    service: 'ses',
    resource: 'configuration-set',
    resourceName: configurationSet.configurationSetName,
  });
  notifier.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: [...FUNCTIONS.notifier.ses],
      resources: [identityArn, configurationSetArn],
      conditions: { StringEquals: { 'ses:FromAddress': mailFrom } },
    }),
  );

  const deadLetterQueue = new Queue(scope, 'NotifierDeadLetters', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(deadLetterQueue).acknowledge(NAG.notifierDeadLetterQueue);

  const streamArn = o.table.tableStreamArn;
  if (!streamArn) throw new Error('La table doit avoir son flux (StreamSpecification) pour le notificateur.');
  // The mapping's own reads of the stream, in a policy of their own (not the code's grants).
  new Policy(scope, 'notifier-stream', {
    roles: [notifier.role as Role],
    statements: [
      new PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streamArn],
      }),
      new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }),
    ],
  });
  const notifierStreamPolicy = scope.node.findChild('notifier-stream');
  Validations.of(notifierStreamPolicy).acknowledge(NAG.listStreams);
  notifier.addEventSourceMapping('OutboxStream', {
    eventSourceArn: streamArn,
    startingPosition: StartingPosition.TRIM_HORIZON,
    batchSize: 25,
    maxBatchingWindow: Duration.seconds(1),
    bisectBatchOnError: true,
    retryAttempts: 10,
    maxRecordAge: Duration.days(1),
    reportBatchItemFailures: true,
    onFailure: new SqsDlq(deadLetterQueue),
    // Only outbox items waiting to be sent wake the notifier (same test as records.ts).
    filters: [
      FilterCriteria.filter({
        dynamodb: {
          NewImage: {
            type: { S: FilterRule.isEqual('outbox') },
            status: { S: FilterRule.isEqual('pending') },
          },
        },
      }),
    ],
  });

  // ---- Bounces and complaints --------------------------------------------------------------------
  const mailEvents = o.makeFunction('mail-events');
  mailEventsTopic.addSubscription(new LambdaSubscription(mailEvents));

  // ---- The daily works-reminder check ------------------------------------------------------------
  const reminders = o.makeFunction('reminders');
  new Rule(scope, 'DailyReminders', {
    description: 'Rappels de fin de travaux (deux mois avant l’échéance), chaque jour à 05:00 UTC',
    schedule: Schedule.cron({ minute: '0', hour: '5' }),
    targets: [new LambdaTarget(reminders, { retryAttempts: 2 })],
  });

  return { notifier, mailEvents, reminders, deadLetterQueue, identity, configurationSet };
}

/** An alarm as soon as a stream record lands in the notifier's dead-letter queue. */
export function alarmOnDeadLetters(scope: Construct, queue: Queue, topic: Topic): Alarm {
  const alarm = new Alarm(scope, 'NotifierDeadLettersAlarm', {
    alarmDescription:
      'Des enregistrements du flux n’ont pas pu être traités par le notificateur (file SQS de lettres mortes) : voir infra/README.md.',
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}
