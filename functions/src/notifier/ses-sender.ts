import type { MailMessage, MailSender } from '@aides/services/notifications/model';
import type { SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * Sending on AWS: SES v2, through the configuration set whose event destination reports bounces
 * and complaints (./mail-events.ts). SES gives each message its own Message-ID; the outbox id
 * travels as a header and a message tag, so a delivery can be traced back to its outbox item.
 * The SES client loads with the first message (a chunk of its own, infra/src/lambda-bundling.ts):
 * a cold start parses only what every invocation needs before it sends.
 */
export function sesSender(o: {
  from: string;
  configurationSet?: string | undefined;
  client?: SESv2Client;
}): MailSender {
  let client = o.client;
  return {
    async send(m: MailMessage) {
      const { SESv2Client, SendEmailCommand } = await import('./ses-client.ts');
      client ??= new SESv2Client({});
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: o.from,
          Destination: { ToAddresses: [m.to] },
          ...(o.configurationSet ? { ConfigurationSetName: o.configurationSet } : {}),
          EmailTags: [{ Name: 'outboxId', Value: m.outboxId.replace(/[^A-Za-z0-9_-]/g, '') }],
          Content: {
            Simple: {
              Subject: { Data: m.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: m.text, Charset: 'UTF-8' }, Html: { Data: m.html, Charset: 'UTF-8' } },
              Headers: [{ Name: 'X-Aides-Outbox-Id', Value: m.outboxId }],
            },
          },
        }),
      );
    },
  };
}
