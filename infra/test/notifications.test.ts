import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { addStacks } from '../src/app.ts';
import { DEFAULT_MAIL_FROM } from '../src/notifications.ts';

/**
 * Issue 13 §2 on AWS: the table's stream, the notifier with its event source mapping (filter,
 * bisect, retries, SQS dead-letter queue), SES permissions limited to the sending identity and its
 * configuration set, bounces and complaints through SNS, and the daily reminder rule.
 */
const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
let stateful: Template;
let stateless: Template;
beforeAll(() => {
  const app = new App({
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      webOrigin: 'https://aides.example.fr',
      mailFrom: 'ne-pas-repondre@aides.example.fr',
    },
  });
  const stacks = addStacks(app, { nag: false });
  stateful = Template.fromStack(stacks.stateful);
  stateless = Template.fromStack(stacks.stateless);
});

describe('e-mail notifications', () => {
  it('the table has a stream of new images', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });

  it('the notifier reads the stream: pending outbox items only, partial batches, bisect, retries, then the SQS dead-letter queue', () => {
    stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('^notifierfunction') },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NotifierDeadLetters'), 'Arn'] } },
      },
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              dynamodb: { NewImage: { type: { S: ['outbox'] }, status: { S: ['pending'] } } },
            }),
          },
        ],
      },
    });
    stateless.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    // An alarm on the first dead letter.
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
  });

  it('SES: the notifier may send only as the sending identity, through its configuration set', () => {
    stateless.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'aides.example.fr' });
    const policies = Object.values(stateless.findResources('AWS::IAM::Policy'));
    const ses = policies.flatMap((p) =>
      p.Properties.PolicyDocument.Statement.filter((s: { Action: unknown }) =>
        [s.Action].flat().some((a) => String(a).startsWith('ses:')),
      ),
    );
    expect(ses).toHaveLength(1);
    expect(ses[0].Action).toBe('ses:SendEmail');
    expect(ses[0].Condition).toEqual({
      StringEquals: { 'ses:FromAddress': 'ne-pas-repondre@aides.example.fr' },
    });
    const resources = JSON.stringify(ses[0].Resource);
    expect(resources).toContain(':identity/aides.example.fr');
    expect(resources).toContain(':configuration-set/');
    expect(resources).not.toContain('*');
    const notifier = Object.values(stateless.findResources('AWS::Lambda::Function')).find((f) =>
      Boolean(f.Properties.Environment.Variables.MAIL_FROM),
    );
    expect(notifier?.Properties.Environment.Variables).toMatchObject({
      MAIL_FROM: 'ne-pas-repondre@aides.example.fr',
      WEB_ORIGIN: 'https://aides.example.fr',
      SES_CONFIGURATION_SET: { Ref: expect.stringMatching(/^MailConfigurationSet/) },
    });
  });

  it('bounces and complaints go by an encrypted SNS topic to the function that marks addresses', () => {
    stateless.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: { MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: Match.anyValue() },
    });
    stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^maileventsfunction'), 'Arn'] },
    });
    stateless.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: Match.stringLikeRegexp('rebonds'),
      KmsMasterKeyId: Match.anyValue(),
    });
  });

  it('a daily rule runs the works reminders', () => {
    stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 5 * * ? *)',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^remindersfunction'), 'Arn'] } }),
      ],
    });
  });

  it('has a default sender for a synth without context', () => {
    expect(DEFAULT_MAIL_FROM).toMatch(/^[^@]+@[^@]+\.[a-z]+$/);
  });
});
