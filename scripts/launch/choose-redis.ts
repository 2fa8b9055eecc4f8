import type { ProbeResult } from './probes';
import { LaunchError } from './launch-error';
import type { LauncherSettings } from './settings';

export const LOCAL_REDIS = { host: '127.0.0.1', port: 6379 } as const;
export const LOCAL_REDIS_URL = `redis://${LOCAL_REDIS.host}:${LOCAL_REDIS.port}`;

/** url '' means no Redis: BullMQ on PostgreSQL, rate limits in memory (see libs/infra/src/backends.ts). */
export interface RedisChoice {
  url: string;
  reason: string;
}

export async function chooseRedis(
  settings: Pick<LauncherSettings, 'backends' | 'redisUrl'>,
  probeLocalRedis: () => Promise<ProbeResult>,
): Promise<RedisChoice> {
  if (settings.backends === 'embedded') {
    const ignored = settings.redisUrl ? ' (REDIS_URL is ignored)' : '';
    return { url: '', reason: `PORTAL_BACKENDS=embedded${ignored}` };
  }
  if (settings.redisUrl) return { url: settings.redisUrl, reason: 'REDIS_URL is set' };
  // Set but empty is AppConfig's explicit "no Redis": respect it rather than probing.
  if (settings.redisUrl === '') {
    if (settings.backends === 'server') {
      throw new LaunchError('PORTAL_BACKENDS=server needs Redis, but REDIS_URL is set to an empty string');
    }
    return { url: '', reason: 'REDIS_URL is set to an empty string' };
  }
  const probe = await probeLocalRedis();
  if (probe.ok) {
    return { url: LOCAL_REDIS_URL, reason: `REDIS_URL is not set and Redis answers PING on ${LOCAL_REDIS.host}:${LOCAL_REDIS.port}` };
  }
  if (settings.backends === 'server') {
    throw new LaunchError(
      `PORTAL_BACKENDS=server needs Redis: set REDIS_URL or start Redis on ${LOCAL_REDIS.host}:${LOCAL_REDIS.port} (${probe.reason})`,
    );
  }
  return { url: '', reason: `REDIS_URL is not set and ${probe.reason}` };
}
