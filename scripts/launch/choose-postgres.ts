import type { ProbeResult } from './probes';
import { LaunchError } from './launch-error';
import type { LauncherSettings } from './settings';

export const PORTAL_DATABASE = 'portal';
/** Probed as user postgres on the standard port: the usual developer install (Homebrew, apt, Postgres.app). */
export const LOCAL_POSTGRES_PROBE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const LOCAL_POSTGRES_URL = `postgres://postgres@127.0.0.1:5432/${PORTAL_DATABASE}`;

export type PostgresChoice =
  | { kind: 'configured'; url: string; reason: string }
  | { kind: 'local-server'; url: string; reason: string }
  | { kind: 'embedded'; reason: string };

/**
 * DATABASE_URL wins; else a PostgreSQL answering on 127.0.0.1:5432; else the embedded one.
 * The probe is only called when its answer matters.
 */
export async function choosePostgres(
  settings: Pick<LauncherSettings, 'backends' | 'databaseUrl'>,
  probeLocalServer: () => Promise<ProbeResult>,
): Promise<PostgresChoice> {
  if (settings.backends === 'embedded') {
    const ignored = settings.databaseUrl ? ' (DATABASE_URL is ignored)' : '';
    return { kind: 'embedded', reason: `PORTAL_BACKENDS=embedded${ignored}` };
  }
  if (settings.databaseUrl) {
    return { kind: 'configured', url: settings.databaseUrl, reason: 'DATABASE_URL is set' };
  }
  const probe = await probeLocalServer();
  if (probe.ok) {
    return {
      kind: 'local-server',
      url: LOCAL_POSTGRES_URL,
      reason: 'DATABASE_URL is not set and PostgreSQL answers on 127.0.0.1:5432 as user postgres',
    };
  }
  if (settings.backends === 'server') {
    throw new LaunchError(
      `PORTAL_BACKENDS=server needs a PostgreSQL server: set DATABASE_URL or start PostgreSQL on 127.0.0.1:5432 (${probe.reason})`,
    );
  }
  return { kind: 'embedded', reason: `DATABASE_URL is not set and ${probe.reason}` };
}
