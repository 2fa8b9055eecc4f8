import { Logger, Provider } from '@nestjs/common';
import { AppConfig } from '@portal/config';
import IORedis, { Redis, RedisOptions } from 'ioredis';

/** The API's shared Redis client (rate limits, pub/sub publishing), or null in embedded mode. */
export const REDIS = Symbol('REDIS');

const logger = new Logger('Redis');

/**
 * Fail fast: a request must never wait on a Redis that is down or frozen.
 * Callers treat errors as "Redis unavailable" and degrade (see ResilientThrottlerStorage).
 */
export const FAIL_FAST_REDIS_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  commandTimeout: 500,
  connectTimeout: 2_000,
  retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
};

export function createRedisClient(url: string, options: RedisOptions, name: string): Redis {
  const client = new IORedis(url, { ...options, connectionName: name });
  let down = false;
  client.on('error', (error: Error) => {
    if (!down) logger.warn(`${name}: ${error.message}`);
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.log(`${name}: reconnected`);
    down = false;
  });
  return client;
}

export const redisProvider: Provider = {
  provide: REDIS,
  inject: [AppConfig],
  useFactory: (config: AppConfig): Redis | null =>
    config.REDIS_URL ? createRedisClient(config.REDIS_URL, FAIL_FAST_REDIS_OPTIONS, 'portal-api') : null,
};
