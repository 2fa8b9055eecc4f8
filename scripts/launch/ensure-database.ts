import { Client } from 'pg';
import { LaunchError } from './launch-error';
import { Logger, redactUrl } from './log';

const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';

/** Creates the database named in the URL when the server does not have it yet (fresh server or cluster). */
export async function ensureDatabase(url: string, log: Logger): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!database) throw new LaunchError(`DATABASE_URL names no database: ${redactUrl(url)}`);

  const error = await tryConnect(url);
  if (!error) return;
  if (error.code !== INVALID_CATALOG_NAME) {
    throw new LaunchError(`cannot connect to ${redactUrl(url)}: ${error.message}`);
  }

  // Connect to the maintenance database of the same server to create ours.
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    log.info(`created database "${database}"`);
  } catch (createError) {
    if ((createError as { code?: string }).code !== DUPLICATE_DATABASE) {
      throw new LaunchError(`cannot create database "${database}" on ${redactUrl(url)}: ${(createError as Error).message}`);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function tryConnect(url: string): Promise<(Error & { code?: string }) | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return error as Error & { code?: string };
  } finally {
    await client.end().catch(() => undefined);
  }
}
