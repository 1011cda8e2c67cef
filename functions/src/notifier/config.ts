/**
 * The notifier's settings, read once at cold start and checked by hand (no zod at cold start, as
 * in packages/store/src/config.ts), failing fast with the variables' names.
 */
export interface MailConfig {
  /** Sender address, of the SES identity on AWS. */
  readonly from: string;
  /** The site's address, for the links to the dossier. */
  readonly webOrigin: string;
  /** SES configuration set (bounce and complaint events); AWS only. */
  readonly configurationSet?: string | undefined;
}

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const invalid = [
    ['MAIL_FROM', /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(env.MAIL_FROM ?? '')],
    ['WEB_ORIGIN', URL.canParse(env.WEB_ORIGIN ?? '')],
  ].flatMap(([name, ok]) => (ok ? [] : [name]));
  if (invalid.length > 0) throw new Error(`Configuration invalide ou manquante : ${invalid.join(', ')}`);
  return {
    from: env.MAIL_FROM as string,
    webOrigin: env.WEB_ORIGIN as string,
    configurationSet: env.SES_CONFIGURATION_SET || undefined,
  };
}

/** The domain of the Message-IDs: the sender's. */
export const messageIdDomain = (from: string) => from.split('@')[1] ?? 'aides.invalid';
