import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { sesSender } from './ses-sender.ts';

// What the notifier hands SES, without AWS: the client's `send` receives the command the lazily
// loaded module (./ses-client.ts) built.
describe('sesSender', () => {
  it('sends one SendEmail through the configuration set, with the outbox id as header and tag', async () => {
    const sent: unknown[] = [];
    const client = { send: async (c: unknown) => void sent.push(c) } as unknown as SESv2Client;
    await sesSender({ from: 'ne-pas-repondre@exemple.fr', configurationSet: 'aides', client }).send({
      messageId: '<o-1@exemple.fr>',
      outboxId: 'o-1',
      to: 'foyer@exemple.fr',
      subject: 'Votre demande',
      text: 'Bonjour',
      html: '<p>Bonjour</p>',
    });
    expect(sent).toHaveLength(1);
    const command = sent[0] as SendEmailCommand;
    expect(command).toBeInstanceOf(SendEmailCommand);
    expect(command.input).toMatchObject({
      FromEmailAddress: 'ne-pas-repondre@exemple.fr',
      Destination: { ToAddresses: ['foyer@exemple.fr'] },
      ConfigurationSetName: 'aides',
      EmailTags: [{ Name: 'outboxId', Value: 'o-1' }],
      Content: { Simple: { Headers: [{ Name: 'X-Aides-Outbox-Id', Value: 'o-1' }] } },
    });
  });
});
