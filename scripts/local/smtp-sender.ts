import type { MailMessage, MailSender } from '@aides/services/notifications/model';
import nodemailer from 'nodemailer';

/**
 * Sending locally: SMTP with nodemailer to the mail catcher started by `npm start` (maildev), or to
 * whatever SMTP server a test gives. The Message-ID is the outbox item's: one item, one id.
 * No pool: each message is its own connection, so a server that drops one (the tests' failing
 * proxy) fails that message alone.
 */
export function smtpSender(o: { host: string; port: number; from: string }): MailSender {
  const transport = nodemailer.createTransport({
    host: o.host,
    port: o.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
  return {
    async send(m: MailMessage) {
      await transport.sendMail({
        from: o.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        headers: { 'X-Aides-Outbox-Id': m.outboxId },
      });
    },
  };
}
