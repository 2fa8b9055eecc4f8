import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@portal/database';
import { createTestDatabase } from './support/databases';

// CI fails here when entities and migrations drift apart, or when a migration cannot be reverted.
describe('Migrations', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(buildDataSourceOptions({ url: database.url }));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('match the entities exactly (no pending schema change)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('all revert and re-apply cleanly', async () => {
    const applied = dataSource.migrations.length;
    for (let i = 0; i < applied; i++) await dataSource.undoLastMigration();
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`);
    expect(count).toBe(0);
    await dataSource.runMigrations();
    expect(await dataSource.showMigrations()).toBe(false);
    expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('make the audit log append-only', async () => {
    await dataSource.query(`INSERT INTO audit_log (action) VALUES ('auth.logout')`);
    await expect(dataSource.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});
