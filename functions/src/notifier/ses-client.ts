// The SES client and the one command the notifier sends, loaded with the first message
// (ses-sender.ts): named imports, so the bundle keeps only these of the SDK's exports.
export { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
