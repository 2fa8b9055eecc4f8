// Drops this run's template database.
import 'tsconfig-paths/register';
import { DataSource } from 'typeorm';
import { adminUrl, templateDb } from '../support/databases';

export default async function globalTeardown(): Promise<void> {
  const admin = new DataSource({ type: 'postgres', url: adminUrl() });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDb()} WITH (FORCE)`);
  await admin.destroy();
}
