import { runMigrations as runQueueMigrations } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../libs/config/src/app-config';
import { buildDataSourceOptions } from '../../libs/database/src/data-source-options';
import { bullmqSchema } from '../../libs/infra/src/bullmq-schema';
import { type DemoCredential, seed } from '../seed';
import type { Logger } from './log';

export type { DemoCredential };

type DatabaseConfig = Pick<AppConfig, 'DATABASE_URL' | 'REDIS_URL' | 'QUEUE_PREFIX' | 'JWT_SECRET' | 'MFA_ENCRYPTION_KEY'>;

/**
 * Brings the database up to date before the apps start: TypeORM migrations, BullMQ's own schema when
 * the queue runs on PostgreSQL (no Redis), then the seed (reference data; demo accounts unless production).
 */
export async function migrateAndSeed(config: DatabaseConfig, options: { demo: boolean; log: Logger }): Promise<DemoCredential[]> {
  const { log } = options;
  const dataSource = new DataSource(
    buildDataSourceOptions({ url: config.DATABASE_URL, poolSize: 2, applicationName: 'portal-migrate' }),
  );
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    log.info(applied.length > 0 ? `applied ${applied.length} migration(s)` : 'database schema is up to date');
    if (!config.REDIS_URL) await migrateQueueSchema(config.DATABASE_URL, bullmqSchema(config.QUEUE_PREFIX), log);
    const credentials = await seed(dataSource, { demo: options.demo, config });
    log.info(options.demo ? `seed done (${credentials.length} demo accounts)` : 'seed done');
    return credentials;
  } finally {
    await dataSource.destroy();
  }
}

// BullMQ 6 creates its PostgreSQL schema only when asked (QueueBackend connects with migrate: true);
// migrating here, once, before the apps start keeps their start-up quick. Idempotent, serialised by
// BullMQ with an advisory lock.
async function migrateQueueSchema(url: string, schema: string, log: Logger): Promise<void> {
  const client = new Client({ connectionString: url, application_name: 'portal-migrate' });
  await client.connect();
  try {
    const version = await runQueueMigrations(client, schema);
    log.info(`queue schema "${schema}" at version ${version} (BullMQ on PostgreSQL)`);
  } finally {
    await client.end();
  }
}
