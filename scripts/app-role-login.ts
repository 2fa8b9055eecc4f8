import { Client } from 'pg';
import type { AppConfig } from '../libs/config/src/app-config';
import type { Logger } from './launch/log';

/**
 * Lets the application role log in with DATABASE_APP_PASSWORD (migration job only, as the owner):
 * the API and the worker then connect as portal_app and hold no right to alter the audit log.
 * The migration AuditChainAndAppRole created the role NOLOGIN. Idempotent: sets the password each run.
 */
export async function grantAppRoleLogin(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_APP_ROLE' | 'DATABASE_APP_PASSWORD'>,
  log: Logger,
): Promise<void> {
  if (!config.DATABASE_APP_PASSWORD || !config.DATABASE_APP_ROLE) return;
  const client = new Client({ connectionString: config.DATABASE_URL, application_name: 'portal-migrate' });
  await client.connect();
  try {
    // The role name is checked by AppConfig (/^[a-z_][a-z0-9_]*$/); the password is quoted as a literal.
    await client.query(`ALTER ROLE "${config.DATABASE_APP_ROLE}" LOGIN PASSWORD ${client.escapeLiteral(config.DATABASE_APP_PASSWORD)}`);
    log.info(`role ${config.DATABASE_APP_ROLE} may log in (DATABASE_APP_PASSWORD)`);
  } finally {
    await client.end();
  }
}
