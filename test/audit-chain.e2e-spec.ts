import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditService } from '@portal/audit';
import { authHeader, createAccount, login, uniqueEmail } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';

const ROOT = join(__dirname, '..');

/**
 * The audit log is a hash chain that every writer extends (the app as portal_app, raw SQL as the
 * owner), concurrently without forking; `npm run audit:verify` catches every kind of tampering a
 * superuser can do behind the triggers; and the application's role cannot UPDATE or DELETE it.
 */
describe('Tamper-evident audit log (e2e)', () => {
  let portal: TestPortal;
  /** The owner (superuser here), as an attacker with the database's keys would be. */
  let owner: DataSource;
  let databaseUrl: string;

  beforeAll(async () => {
    portal = await startTestPortal({ worker: false, env: { RATE_LIMIT_PER_MINUTE: '1000000', LOGIN_MAX_FAILURES_PER_IP: '1000000' } });
    databaseUrl = process.env.DATABASE_URL!;
    owner = await new DataSource({ type: 'postgres', url: databaseUrl, extra: { max: 10 } }).initialize();
  });
  afterAll(async () => {
    await owner?.destroy();
    await portal?.close();
  });

  /** The real command, as `npm run audit:verify` runs it. */
  async function verify(...args: string[]): Promise<{ code: number; output: string }> {
    const run = promisify(execFile)(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'scripts/audit-verify.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, TS_NODE_TRANSPILE_ONLY: '1' },
    });
    try {
      const { stdout, stderr } = await run;
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, output: failed.stdout + failed.stderr };
    }
  }

  /** As the superuser with the triggers off (session_replication_role = replica): what no application role can do. */
  const tamper = (sql: string, params: unknown[] = []) =>
    owner.transaction(async (m) => {
      await m.query('SET LOCAL session_replication_role = replica');
      await m.query(sql, params);
    });
  // occurred_at as text: a JS Date would drop its microseconds, and with them the hash.
  const row = async (id: string) =>
    ((await owner.query(
      'SELECT id::text, occurred_at::text AS occurred_at, actor_id, action, target_type, target_id, ip, user_agent, details, prev_hash, hash FROM audit_log WHERE id = $1',
      [id],
    )) as Array<Record<string, unknown>>)[0];
  const restore = (r: Record<string, unknown>) =>
    tamper(
      `INSERT INTO audit_log (id, occurred_at, actor_id, action, target_type, target_id, ip, user_agent, details, prev_hash, hash) OVERRIDING SYSTEM VALUE
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [r.id, r.occurred_at, r.actor_id, r.action, r.target_type, r.target_id, r.ip, r.user_agent, r.details, r.prev_hash, r.hash],
    );
  const ids = async () => ((await owner.query('SELECT id::text AS id FROM audit_log ORDER BY audit_log.id')) as Array<{ id: string }>).map((r) => r.id);
  const expectBrokenAt = async (id: string, reason: RegExp) => {
    const result = await verify();
    expect(result).toEqual({ code: 1, output: expect.stringMatching(new RegExp(`BROKEN at entry ${id}: .*${reason.source}`)) });
  };
  const expectIntact = async () => expect(await verify()).toEqual({ code: 0, output: expect.stringMatching(/^audit log OK: \d+ entries, head \d+:[0-9a-f]{64}\n$/) });

  it('chains every writer in insertion order, even concurrently: the check says OK with the count', async () => {
    const audit = portal.app.get(AuditService);
    const user = await createAccount(portal, 'citizen');
    const token = (await login(portal, user)).accessToken;
    // A rolled-back append leaves a gap in the ids (used below to slip a forged entry in).
    await owner.transaction(async (m) => {
      await m.query(`INSERT INTO audit_log (action) VALUES ('auth.logout')`);
      throw new Error('rollback');
    }).catch(() => undefined);
    await Promise.all([
      // The application (portal_app), through HTTP and directly, and raw SQL as the owner, all at once.
      ...Array.from({ length: 40 }, () => request(portal.url).post('/api/auth/login').send({ email: uniqueEmail('inconnu'), password: 'pas le bon mot de passe' }).expect(401)),
      ...Array.from({ length: 40 }, () => request(portal.url).patch('/api/me').set(authHeader(token)).send({ phone: '+687 25.12.34' }).expect(200)),
      ...Array.from({ length: 100 }, (_, i) => audit.record({ action: 'request.updated', actorId: user.accountId, target: { type: 'request', id: `r${i}` }, origin: { ip: '203.0.113.7', userAgent: 'test « é » 🌺' }, details: { i, nested: { ok: true } } })),
      ...Array.from({ length: 40 }, (_, i) => owner.query(`INSERT INTO audit_log (action, details) VALUES ('job.dead_letter_replayed', $1), ('job.dead_letter_replayed', '{}')`, [{ i }])),
      // Inside transactions, the service appends at commit, in one statement.
      ...Array.from({ length: 20 }, (_, i) =>
        portal.db.transaction(async (m) => {
          await audit.record({ action: 'request.assigned', details: { i, step: 1 } }, m);
          await m.query('SELECT pg_sleep(0.01)');
          await audit.record({ action: 'request.assigned', details: { i, step: 2 } }, m);
        }),
      ),
    ]);
    await portal.db.transaction(async (m) => {
      await audit.record({ action: 'auth.logout', details: { rolledBack: true } }, m);
      throw new Error('rollback');
    }).catch(() => undefined);
    expect(await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE details ? 'rolledBack'`)).toEqual([{ n: 0 }]);
    const steps = (await owner.query(`SELECT (details->>'i')::int AS i, array_agg(id ORDER BY id)::text AS ids FROM audit_log WHERE action = 'request.assigned' GROUP BY 1`)) as Array<{ ids: string }>;
    expect(steps).toHaveLength(20);
    for (const { ids: pair } of steps) {
      const [a, b] = pair.slice(1, -1).split(',').map(Number) as [number, number];
      expect(b - a).toBe(1);
    }
    const count = (await ids()).length;
    expect(count).toBeGreaterThanOrEqual(300);
    // No fork: each hash is named exactly once as a prev_hash, in id order.
    const [{ forks }] = (await owner.query(`SELECT count(*)::int AS forks FROM (SELECT prev_hash FROM audit_log GROUP BY prev_hash HAVING count(*) > 1) f`)) as [{ forks: number }];
    expect(forks).toBe(0);
    expect(await verify()).toEqual({ code: 0, output: expect.stringContaining(`audit log OK: ${count} entries, head `) });
    expect(await verify('--batch', '7')).toEqual({ code: 0, output: expect.stringContaining(`audit log OK: ${count} entries, head `) });
  });

  it('catches a modified entry, at that entry', async () => {
    const id = (await ids())[10];
    const original = await row(id);
    await tamper(`UPDATE audit_log SET details = '{"forged": true}' WHERE id = $1`, [id]);
    await expectBrokenAt(id, /modified/);
    await tamper('DELETE FROM audit_log WHERE id = $1', [id]);
    await restore(original);
    await expectIntact();
  });

  it('catches a modified entry whose hash was recomputed, at the next entry', async () => {
    const [, , id, next] = await ids();
    const original = await row(id);
    await tamper(`UPDATE audit_log SET action = 'auth.logout' WHERE id = $1`, [id]);
    await tamper(`UPDATE audit_log a SET hash = audit_log_entry_hash(a.prev_hash, a) WHERE id = $1`, [id]);
    await expectBrokenAt(next, /deleted, inserted or reordered/);
    await tamper('DELETE FROM audit_log WHERE id = $1', [id]);
    await restore(original);
    await expectIntact();
  });

  it('catches a deleted entry, at the entry after it', async () => {
    const all = await ids();
    const [id, next] = [all[20], all[21]];
    const original = await row(id);
    await tamper('DELETE FROM audit_log WHERE id = $1', [id]);
    await expectBrokenAt(next, /deleted, inserted or reordered/);
    await restore(original);
    await expectIntact();
  });

  it('catches two entries swapped', async () => {
    const all = await ids();
    const [a, b] = [await row(all[30]), await row(all[31])];
    await tamper('DELETE FROM audit_log WHERE id = ANY($1)', [[a.id, b.id]]);
    await restore({ ...b, id: a.id });
    await restore({ ...a, id: b.id });
    await expectBrokenAt(String(a.id), /deleted, inserted or reordered/);
    await tamper('DELETE FROM audit_log WHERE id = ANY($1)', [[a.id, b.id]]);
    await restore(a);
    await restore(b);
    await expectIntact();
  });

  it('catches an entry slipped into a gap, even with a well-formed hash, at the entry after it', async () => {
    const all = await ids();
    const at = all.findIndex((id, i) => i > 0 && Number(id) - Number(all[i - 1]) > 1);
    expect(at).toBeGreaterThan(0); // the rolled-back append's gap
    const [before, after] = [await row(all[at - 1]), all[at]];
    const forgedId = String(Number(before.id) + 1);
    await tamper(`INSERT INTO audit_log (id, occurred_at, action, details, prev_hash, hash) OVERRIDING SYSTEM VALUE VALUES ($1, $2, 'account.role_changed', '{"role": "admin"}', $3, '')`, [forgedId, before.occurred_at, before.hash]);
    await tamper(`UPDATE audit_log a SET hash = audit_log_entry_hash(a.prev_hash, a) WHERE id = $1`, [forgedId]);
    await expectBrokenAt(after, /deleted, inserted or reordered/);
    await tamper('DELETE FROM audit_log WHERE id = $1', [forgedId]);
    await expectIntact();
  });

  it('catches a rewritten tail only against an anchor kept elsewhere', async () => {
    const ok = await verify();
    const head = /head (\d+:[0-9a-f]{64})/.exec(ok.output)![1];
    const [id] = head.split(':') as [string];
    const original = await row(id);
    await tamper(`UPDATE audit_log SET details = '{"forged": true}' WHERE id = $1`, [id]);
    await tamper(`UPDATE audit_log a SET hash = audit_log_entry_hash(a.prev_hash, a) WHERE id = $1`, [id]);
    await expectIntact(); // the last entry has no successor to betray it…
    expect(await verify('--anchor', head)).toEqual({ code: 1, output: expect.stringContaining(`BROKEN at entry ${id}: its hash differs from the anchor`) });
    await tamper('DELETE FROM audit_log WHERE id = $1', [id]);
    expect(await verify('--anchor', head)).toEqual({ code: 1, output: expect.stringContaining(`BROKEN at entry ${id}: the anchored entry is missing`) });
    await restore(original);
    expect((await verify('--anchor', head)).code).toBe(0);
  });

  it("runs the application as portal_app: it may add audit entries, never change or remove them", async () => {
    expect(await portal.db.query('SELECT current_user AS role')).toEqual([{ role: 'portal_app' }]);
    await portal.db.query(`INSERT INTO audit_log (action) VALUES ('auth.logout')`);
    await expect(portal.db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/permission denied for table audit_log/);
    await expect(portal.db.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied for table audit_log/);
    await expect(portal.db.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied for table audit_log/);
    await expect(portal.db.query('ALTER TABLE audit_log DISABLE TRIGGER USER')).rejects.toThrow(/must be owner/);
    // Even the owner cannot change it without switching the triggers off.
    await expect(owner.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    // Tables later migrations create get the application's rights by default.
    await owner.query('CREATE TABLE later_migration_table (id int PRIMARY KEY, note text)');
    await portal.db.query(`INSERT INTO later_migration_table VALUES (1, 'a')`);
    await portal.db.query(`UPDATE later_migration_table SET note = 'b'`);
    await portal.db.query('DELETE FROM later_migration_table');
    await expectIntact();
  });
});
