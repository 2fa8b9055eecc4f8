import type { PostgresChoice } from './choose-postgres';
import type { RedisChoice } from './choose-redis';
import { WITHOUT_REDIS } from '../../libs/infra/src/backends';
import { redactUrl } from './log';

export type Mode = 'embedded' | 'server' | 'mixed';

/** One word for the log: embedded (nothing to install), server (PostgreSQL + Redis servers), or in between. */
export function summarizeMode(postgres: PostgresChoice, redis: RedisChoice): Mode {
  const embeddedPostgres = postgres.kind === 'embedded';
  const hasRedis = redis.url !== '';
  if (embeddedPostgres && !hasRedis) return 'embedded';
  if (!embeddedPostgres && hasRedis) return 'server';
  return 'mixed';
}

export function describeChoices(postgres: PostgresChoice, redis: RedisChoice, describeMail: string): string[] {
  const database =
    postgres.kind === 'embedded'
      ? 'embedded PostgreSQL'
      : `${postgres.kind === 'local-server' ? 'local server' : 'server'} ${redactUrl(postgres.url)}`;
  return [
    `mode: ${summarizeMode(postgres, redis)}`,
    `  PostgreSQL: ${database} (${postgres.reason})`,
    redis.url
      ? `  Redis:      ${redactUrl(redis.url)} (${redis.reason})`
      : `  Redis:      none: ${WITHOUT_REDIS} (${redis.reason})`,
    `  SMTP:       ${describeMail}`,
  ];
}
