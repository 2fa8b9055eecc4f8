import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Per jest run (set by the global setup), so concurrent runs on one server never share a template. */
export function templateDb(): string {
  return process.env.PORTAL_TEST_TEMPLATE ?? 'portal_test_template';
}

/** The server the tests use: TEST_DATABASE_URL, else the local PostgreSQL. */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database per test file, cloned from the migrated template (fast, fully isolated). */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `portal_test_${randomBytes(6).toString('hex')}`;
  const admin = new DataSource({ type: 'postgres', url: adminUrl() });
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
  await admin.destroy();
  return {
    url: databaseUrl(name),
    drop: async () => {
      const again = new DataSource({ type: 'postgres', url: adminUrl() });
      await again.initialize();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.destroy();
    },
  };
}
