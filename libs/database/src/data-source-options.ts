import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// Resolved from this file so the same globs work from sources (ts-jest, ts-node) and from dist/.
const LIBS_DIR = join(__dirname, '..', '..');
const MIGRATIONS_DIR = join(__dirname, '..', '..', '..', 'migrations');

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /**
   * Run every query as this role (the startup parameter `role`, i.e. SET ROLE on each pooled
   * connection). The application runs as portal_app; migrations and tooling as the owner (no role).
   */
  role?: string;
}

export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: [join(LIBS_DIR, '*', 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(MIGRATIONS_DIR, '*.{ts,js}')],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    // Query errors are logged once, by the HTTP error filter or the job runner, with their context.
    logging: ['migration'],
    extra: {
      max: settings.poolSize ?? 10,
      application_name: settings.applicationName ?? 'portal',
      connectionTimeoutMillis: 5_000,
      // A statement stuck behind a lock must not hold an HTTP request forever.
      statement_timeout: 15_000,
      ...(settings.role ? { options: `-c role=${settings.role}` } : {}),
    },
  };
}
