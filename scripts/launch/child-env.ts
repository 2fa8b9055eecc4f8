import type { LauncherSettings } from './settings';

export interface ResolvedBackends {
  databaseUrl: string;
  /** '' = no Redis. */
  redisUrl: string;
  smtpUrl: string;
}

/**
 * The environment the API, the worker and AppConfig see: the launcher's own, plus what it decided.
 * Only what the developer left unset gets a default.
 */
export function buildChildEnv(
  base: NodeJS.ProcessEnv,
  settings: Pick<LauncherSettings, 'nodeEnv' | 'isProduction' | 'port' | 'publicUrl' | 'logPretty'>,
  backends: ResolvedBackends,
  options: { tty: boolean },
): NodeJS.ProcessEnv {
  return {
    ...base,
    NODE_ENV: settings.nodeEnv,
    PORT: String(settings.port),
    DATABASE_URL: backends.databaseUrl,
    REDIS_URL: backends.redisUrl,
    SMTP_URL: backends.smtpUrl,
    // Links in emails must point at this instance, on whatever PORT it runs.
    PUBLIC_URL: settings.publicUrl ?? `http://localhost:${settings.port}`,
    // Readable logs for a developer at a terminal; JSON everywhere else.
    LOG_PRETTY: settings.logPretty ?? String(options.tty && !settings.isProduction),
  };
}
