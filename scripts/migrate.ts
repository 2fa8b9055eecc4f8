// One-shot: apply migrations and the seed, then exit. Run by the `migrate` service of docker/compose.yml
// before the API and the worker start (`node dist/scripts/migrate.js`).
import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { validateConfig } from '../libs/config/src/app-config';
import { grantAppRoleLogin } from './app-role-login';
import { formatCredentialsTable } from './launch/credentials-table';
import { ensureDatabase } from './launch/ensure-database';
import { createLogger } from './launch/log';
import { migrateAndSeed } from './launch/prepare-database';

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const config = validateConfig(process.env);
  const log = createLogger('migrate');
  await ensureDatabase(config.DATABASE_URL, log);
  const credentials = await migrateAndSeed(config, { demo: !config.isProduction, log });
  await grantAppRoleLogin(config, log);
  if (credentials.length > 0) log.info(formatCredentialsTable(credentials));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error && error.name === 'LaunchError' ? error.message : error);
    process.exit(1);
  },
);
