// Builds the template database once per run: real migrations, then the directorates.
import 'tsconfig-paths/register';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../libs/database/src/data-source-options';
import { seed } from '../../scripts/seed';
import { adminUrl, databaseUrl, templateDb } from '../support/databases';

export default async function globalSetup(): Promise<void> {
  // Inherited by the test workers, which clone their databases from it.
  process.env.PORTAL_TEST_TEMPLATE = `portal_test_template_${process.pid}`;
  const name = templateDb();
  const admin = new DataSource({ type: 'postgres', url: adminUrl() });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.destroy();

  const template = new DataSource(buildDataSourceOptions({ url: databaseUrl(name) }));
  await template.initialize();
  await template.runMigrations();
  await seed(template, { demo: false });
  await template.destroy();
}
