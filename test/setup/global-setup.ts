// Builds the template database once per run: real migrations, then the directorates.
import 'tsconfig-paths/register';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../libs/database/src/data-source-options';
import { seed } from '../../scripts/seed';
import { adminUrl, databaseUrl, TEMPLATE_DB } from '../support/databases';

export default async function globalSetup(): Promise<void> {
  const admin = new DataSource({ type: 'postgres', url: adminUrl() });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.destroy();

  const template = new DataSource(buildDataSourceOptions({ url: databaseUrl(TEMPLATE_DB) }));
  await template.initialize();
  await template.runMigrations();
  await seed(template, { demo: false });
  await template.destroy();
}
