import type { MailMessage, MailSender } from '@aides/services/notifications/model';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

/**
 * Sending on AWS: SES v2, through the configuration set whose event destination reports bounces
 * and complaints (./mail-events.ts). SES gives each message its own Message-ID; the outbox id
 * travels as a header and a message tag, so a delivery can be traced back to its outbox item.
 */
export function sesSender(o: {
  from: string;
  configurationSet?: string | undefined;
  client?: SESv2Client;
}): MailSender {
  const client = o.client ?? new SESv2Client({});
  return {
    async send(m: MailMessage) {
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
