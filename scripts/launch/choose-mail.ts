import { LaunchError } from './launch-error';
import type { LauncherSettings } from './settings';

export type MailChoice = { kind: 'configured'; url: string; reason: string } | { kind: 'catcher'; reason: string };

/** SMTP_URL wins; outside production a built-in catcher prints every email, so verification links are at hand. */
export function chooseMail(settings: Pick<LauncherSettings, 'smtpUrl' | 'isProduction'>): MailChoice {
  if (settings.smtpUrl) return { kind: 'configured', url: settings.smtpUrl, reason: 'SMTP_URL is set' };
  if (settings.isProduction) {
    throw new LaunchError('SMTP_URL is required when NODE_ENV=production (the mail catcher is for development only)');
  }
  return { kind: 'catcher', reason: 'SMTP_URL is not set: emails are printed here instead of being sent' };
}
