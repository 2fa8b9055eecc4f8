import { isAbsolute, resolve } from 'node:path';
import { LaunchError } from './launch-error';

/**
 * auto: use what answers (DATABASE_URL, else local PostgreSQL, else embedded; REDIS_URL, else local Redis, else none).
 * server: PostgreSQL and Redis servers are required; fail instead of falling back.
 * embedded: embedded PostgreSQL and no Redis, even when servers answer (the smoke test needs this).
 */
export const BACKEND_MODES = ['auto', 'server', 'embedded'] as const;
export type BackendMode = (typeof BACKEND_MODES)[number];

/** Everything the launcher reads from the environment, read once here. The apps read theirs through AppConfig. */
export interface LauncherSettings {
  backends: BackendMode;
  nodeEnv: string;
  isProduction: boolean;
  /** DATABASE_URL when set and not empty. */
  databaseUrl?: string;
  /** REDIS_URL as given: undefined when unset, '' when set empty (AppConfig's "no Redis"). */
  redisUrl?: string;
  /** SMTP_URL when set and not empty. */
  smtpUrl?: string;
  /** Absolute; holds the embedded PostgreSQL cluster. */
  dataDir: string;
  embeddedPostgresPort: number;
  /** First port the mail catcher tries; any free port if taken. */
  mailCatcherPort: number;
  port: number;
  host?: string;
  publicUrl?: string;
  logPretty?: string;
}

type Env = Record<string, string | undefined>;

export const DEFAULTS = {
  dataDir: '.data',
  embeddedPostgresPort: 54329,
  mailCatcherPort: 1025,
  port: 3000,
} as const;

export function readLauncherSettings(env: Env, repoRoot: string): LauncherSettings {
  const problems: string[] = [];
  const backends = (nonEmpty(env.PORTAL_BACKENDS) ?? 'auto').toLowerCase();
  if (!isBackendMode(backends)) {
    problems.push(`PORTAL_BACKENDS=${JSON.stringify(env.PORTAL_BACKENDS)}: expected auto, server or embedded`);
  }
  const nodeEnv = nonEmpty(env.NODE_ENV) ?? 'development';
  const dataDir = nonEmpty(env.PORTAL_DATA_DIR) ?? DEFAULTS.dataDir;
  const settings: LauncherSettings = {
    backends: isBackendMode(backends) ? backends : 'auto',
    nodeEnv,
    isProduction: nodeEnv === 'production',
    databaseUrl: nonEmpty(env.DATABASE_URL),
    redisUrl: env.REDIS_URL === undefined ? undefined : env.REDIS_URL.trim(),
    smtpUrl: nonEmpty(env.SMTP_URL),
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(repoRoot, dataDir),
    embeddedPostgresPort: readPort(env, 'EMBEDDED_PG_PORT', DEFAULTS.embeddedPostgresPort, problems),
    mailCatcherPort: readPort(env, 'MAIL_CATCHER_PORT', DEFAULTS.mailCatcherPort, problems),
    port: readPort(env, 'PORT', DEFAULTS.port, problems),
    host: nonEmpty(env.HOST),
    publicUrl: nonEmpty(env.PUBLIC_URL),
    logPretty: nonEmpty(env.LOG_PRETTY),
  };
  if (problems.length > 0) throw new LaunchError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return settings;
}

function isBackendMode(value: string): value is BackendMode {
  return (BACKEND_MODES as readonly string[]).includes(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function readPort(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`${name}=${JSON.stringify(raw)}: expected a port number between 1 and 65535`);
    return fallback;
  }
  return port;
}
