import { AppConfig } from '@portal/config';

/**
 * The one place that decides which backend serves each concern.
 * Server mode: REDIS_URL set → BullMQ, pub/sub and rate limits on Redis.
 * Embedded mode: no Redis → BullMQ's PostgreSQL backend, LISTEN/NOTIFY, in-memory rate limits.
 */
/** What running without Redis means, in the words of both the launcher and the processes' logs. */
export const WITHOUT_REDIS = 'queue on PostgreSQL, rate limits in memory, live wake-ups by LISTEN/NOTIFY';

export interface Backends {
  queue: 'redis' | 'postgres';
  pubsub: 'redis' | 'postgres';
  rateLimit: 'redis' | 'memory';
  reason: string;
}

export function chooseBackends(config: AppConfig): Backends {
  if (config.REDIS_URL) {
    return { queue: 'redis', pubsub: 'redis', rateLimit: 'redis', reason: 'REDIS_URL is set' };
  }
  return {
    queue: 'postgres',
    pubsub: 'postgres',
    rateLimit: 'memory',
    reason: `REDIS_URL is empty: ${WITHOUT_REDIS}`,
  };
}
